/**
 * One registered severity per code (src/diagnostics/codes.ts), checked on what the parser
 * really emits: every diagnostic of every bundled corpus file (corpus/real, corpus/seed,
 * corpus/cases, the inputs tests/corpus and tests/templates read) has a code registered in
 * DiagnosticCodes and exactly that code's severity, and so has every failing or incomplete
 * check shown as a diagnostic. The registry itself gives each code one entry.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiagnosticCodes } from "../../src/diagnostics/codes.js";
import { checkAsDiagnostic, isUnsettledCheck } from "../../src/diagnostics/format.js";
import { parseReport } from "../../src/index.js";

const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));

/** The inputs of the corpus: every file but the expectations (`*.json`) and notes (`*.md` at the top). */
const FILES = ["real", "seed", "cases"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => !f.endsWith(".json"))
    .sort()
    .map((f) => `${dir}/${f}`),
);

const REGISTERED = new Map<string, string>();
for (const kind of Object.values(DiagnosticCodes)) REGISTERED.set(kind.code, kind.severity);

describe("the diagnostic registry", () => {
  it("gives every code one entry", () => {
    const codes = Object.values(DiagnosticCodes).map((k) => k.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(REGISTERED.size).toBe(codes.length);
  });

  it("names every code in kebab case", () => {
    expect(Object.values(DiagnosticCodes).map((k) => k.code).filter((c) => !/^[a-z]+(?:-[a-z]+)*$/.test(c))).toEqual([]);
  });

  it("reads a corpus of every kind", () => {
    for (const dir of ["real/", "seed/", "cases/"]) expect(FILES.some((f) => f.startsWith(dir))).toBe(true);
  });
});

describe.each(FILES)("every diagnostic of corpus/%s", (file) => {
  const report = parseReport(new Uint8Array(readFileSync(join(CORPUS, file))));

  it("has a registered code and exactly its registered severity", () => {
    const wrong = report.diagnostics
      .filter((d) => REGISTERED.get(d.code) !== d.severity)
      .map((d) => `${d.code} ${d.severity} (registered: ${REGISTERED.get(d.code) ?? "none"}) ${d.path ?? ""}`);
    expect(wrong).toEqual([]);
  });

  it("of its failing and incomplete checks has a registered code and severity too", () => {
    const wrong = report.checks
      .filter(isUnsettledCheck)
      .map((c) => checkAsDiagnostic(c, report))
      .filter((d) => REGISTERED.get(d.code) !== d.severity)
      .map((d) => `${d.code} ${d.severity} ${d.path ?? ""}`);
    expect(wrong).toEqual([]);
  });
});
