/**
 * Shared plumbing of the property tests: run counts (bounded in CI, scaled by `FC_RUNS`),
 * replay of a counterexample (`FC_SEED`, `FC_PATH`), and the comparisons the properties
 * make between a model and the Report parsed from its rendering.
 *
 *   FC_RUNS=2000 npx vitest run tests/properties          many more runs per property
 *   FC_TIME_LIMIT=60000 …                                 at most 60 s per property
 *   FC_SEED=123 FC_PATH="4:1:0" npx vitest run tests/properties/roundtrip.test.ts -t "name"
 *                                                        replays one counterexample
 *
 * `npm run fuzz` (scripts/fuzz.mjs) sets these and collects the replay lines.
 */
import * as fc from "fast-check";
import { expect } from "vitest";
import type { Diagnostic, Report } from "../../src/model/types.js";
import { expectedChecks, numericEntries, reportArbitrary, type GeneratedReport, type ReportModel } from "../../src/testing/index.js";

/** Models of both templates, identities holding or broken, blanks only in 二 or anywhere. */
export const models: fc.Arbitrary<GeneratedReport> = fc
  .record({
    template: fc.constantFrom("2021" as const, "2019" as const),
    breakIdentities: fc.boolean(),
    nulls: fc.constantFrom("safe" as const, "anywhere" as const),
  })
  .chain((o) => reportArbitrary(o));

/** Runs for a property: its CI budget, or `FC_RUNS` when set (the fuzz script sets it). */
export function runs(ci: number): number {
  const env = Number(process.env.FC_RUNS);
  return Number.isFinite(env) && env > 0 ? Math.round(env) : ci;
}

/** True when `FC_RUNS` or `FC_TIME_LIMIT` asks for a long run (used to lift per-test time limits). */
export const LONG_RUN = Number(process.env.FC_RUNS) > 0 || Number(process.env.FC_TIME_LIMIT) > 0;

/** Per-test timeout: CI keeps the default; a long run gets an hour. */
export const TIMEOUT = LONG_RUN ? 3_600_000 : 30_000;

/** The seed of every property in CI (any fixed number; changing it is a deliberate act). */
const CI_SEED = 20261126;

/**
 * `fc.assert` with the run count above, the seed and path from the environment when
 * replaying, and a failure message that ends with the exact command replaying it.
 */
export function check<Ts>(property: fc.IProperty<Ts>, ciRuns: number): void {
  // CI gates what lands, so there a run is reproducible: a fixed seed unless FC_SEED says
  // otherwise. Local runs and `npm run fuzz` draw fresh seeds and keep hunting.
  const seed =
    process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? CI_SEED : undefined;
  const path = process.env.FC_PATH;
  const params: fc.Parameters<Ts> = { numRuns: runs(ciRuns) };
  if (seed !== undefined && Number.isFinite(seed)) params.seed = seed;
  if (path !== undefined && path !== "") params.path = path;
  const limit = Number(process.env.FC_TIME_LIMIT);
  if (Number.isFinite(limit) && limit > 0) {
    // A time-boxed long run: stop after the budget, whatever the run count, without failing.
    params.interruptAfterTimeLimit = limit;
    params.markInterruptAsFailure = false;
  }
  const details = fc.check(property, params);
  if (!details.failed) return;
  const state = expect.getState();
  const file = state.testPath ? state.testPath.replace(/^.*?(tests\/)/, "$1") : "tests/properties";
  const name = (state.currentTestName ?? "").split(" > ").slice(-1)[0] ?? "";
  const replay = `FC_SEED=${details.seed} FC_PATH="${details.counterexamplePath ?? ""}" npx vitest run ${file} -t ${JSON.stringify(name)}`;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? "");
  // Each argument on its own, cut to 2000 characters: a long model must not hide the small
  // arguments after it (render options, the mutation).
  const args = Array.isArray(details.counterexample) ? (details.counterexample as unknown[]) : [details.counterexample];
  const example = args.map((a, i) => {
    const t = fc.stringify(a);
    return `\n  [${i}] ${t.length > 2000 ? `${t.slice(0, 2000)}…` : t}`;
  }).join("");
  console.error(`counterexample: seed=${details.seed} path=${details.counterexamplePath ?? ""}\nreplay: ${replay}`);
  throw new Error(
    `property failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s)\n${error}\n\n` +
      `counterexample:${example}\n\n` +
      `{ seed: ${details.seed}, path: "${details.counterexamplePath ?? ""}" }\nreplay: ${replay}`,
  );
}

/**
 * Everything a round trip must preserve that differs between the model and the parsed
 * report: numeric paths (both ways), template, year, agency, and the status of every check.
 * `title` is compared only when asked (it is not part of property 1's contract).
 */
export function roundTripErrors(model: ReportModel, report: Report, options: { title?: string | null } = {}): string[] {
  const errors: string[] = [];
  if (report.template !== model.template) errors.push(`template: got ${report.template}, want ${model.template}`);
  if (report.meta.year !== model.meta.year) errors.push(`meta.year: got ${report.meta.year}, want ${model.meta.year}`);
  if (report.meta.agency !== model.meta.agency) errors.push(`meta.agency: got ${report.meta.agency}, want ${model.meta.agency}`);
  if (options.title !== undefined && report.meta.title !== options.title) errors.push(`meta.title: got ${report.meta.title}, want ${options.title}`);
  const want = numericEntries(model);
  const got = numericEntries(report);
  for (const [path, value] of want) {
    if (!Object.is(got.get(path), value)) errors.push(`${path}: got ${got.has(path) ? got.get(path) : "(absent)"}, want ${value}`);
  }
  for (const [path, value] of got) if (!want.has(path)) errors.push(`${path}: got ${value}, not in the model`);
  const checks = expectedChecks(model);
  const seen = new Set<string>();
  for (const c of report.checks) {
    seen.add(c.id);
    const status = checks.get(c.id);
    if (status === undefined) errors.push(`check ${c.id}: got ${c.status}, no such identity in the model`);
    else if (status !== c.status) errors.push(`check ${c.id}: got ${c.status}, want ${status}`);
  }
  for (const [id, status] of checks) if (!seen.has(id)) errors.push(`check ${id}: missing, want ${status}`);
  return errors;
}

/** A warning or error diagnostic naming `path` or a prefix of it. */
export function namedBy(diagnostics: readonly Diagnostic[], path: string): Diagnostic | undefined {
  return diagnostics.find(
    (d) => d.severity !== "info" && d.path !== undefined && (d.path === path || path.startsWith(`${d.path}.`)),
  );
}

/** Whether a failing check lists `path` among its operands. */
export function failingCheckNames(report: Report, path: string): boolean {
  return report.checks.some((c) => c.status === "fail" && c.paths.includes(path));
}

/**
 * Point consistency, computed here independently of `LineIndex`: CRLF, CR and LF each end
 * a line; line and column are 1-based, column counts UTF-16 units from the line start.
 */
export function pointErrors(text: string, point: { line: number; column: number; offset: number }, what: string): string[] {
  const errors: string[] = [];
  const { offset } = point;
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return [`${what}: offset ${offset} outside 0..${text.length}`];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  if (point.line !== line || point.column !== offset - lineStart + 1) {
    errors.push(`${what}: line/column ${point.line}:${point.column} but offset ${offset} is at ${line}:${offset - lineStart + 1}`);
  }
  return errors;
}

/** Errors of a unist position against the text: inside it, start ≤ end, points consistent. */
export function positionErrors(
  text: string,
  position: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } },
  what: string,
): string[] {
  const errors = [...pointErrors(text, position.start, `${what} start`), ...pointErrors(text, position.end, `${what} end`)];
  if (position.start.offset > position.end.offset) errors.push(`${what}: start ${position.start.offset} after end ${position.end.offset}`);
  return errors;
}

/** Fails with every error listed (vitest would abbreviate a long array to `[ …(15) ]`). */
export function expectNone(errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`${errors.length} problem(s):\n${errors.slice(0, 40).join("\n")}${errors.length > 40 ? "\n…" : ""}`);
}
