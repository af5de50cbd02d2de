/**
 * Shared by the template tests: the hand-written cases under `corpus/cases/`, a flat view of
 * a Report's numbers, and the two flattened-table forms real scrapers print, so a test can
 * write a small table once and read it both ways.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Diagnostic, Report } from "../../src/model/types.js";
import { parseReport } from "../../src/parse-report.js";
import { getPath } from "../helpers/seed.js";

export { getPath };

/** `corpus/cases/`, where each case is `<name>.txt` plus `<name>.expected.json`. */
export const CASES = fileURLToPath(new URL("../../corpus/cases/", import.meta.url));

/** A case: its text and the expected values (model path → value), written by hand. */
export interface Case {
  name: string;
  text: string;
  expected: Record<string, unknown>;
}

/** Loads `corpus/cases/<name>.txt` and its expected values. */
export function loadCase(name: string): Case {
  return {
    name,
    text: readFileSync(`${CASES}${name}.txt`, "utf8"),
    expected: JSON.parse(readFileSync(`${CASES}${name}.expected.json`, "utf8")) as Record<string, unknown>,
  };
}


/** Every leaf under the numeric parts of a report, path → value. */
export function leaves(report: Report): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    } else out[path] = node;
  };
  for (const key of ["proactive", "requests", "reviewsAndLawsuits", "legacyStatistics"] as const) {
    if (report[key] !== undefined) walk(report[key], key);
  }
  return out;
}

/**
 * Asserts that the report holds exactly the expected numbers: every expected path has its
 * value, and the numeric parts hold no path the case does not list (so a number placed
 * under a wrong key shows up either way).
 */
export function expectCase(report: Report, expected: Record<string, unknown>): void {
  const got: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) got[key] = getPath(report, key);
  expect(got).toEqual(expected);
  const modelPaths = Object.keys(leaves(report));
  const listed = new Set(Object.keys(expected));
  expect(modelPaths.filter((p) => !listed.has(p))).toEqual([]);
}

/**
 * Asserts that every number in the model has provenance, and that the provenance slices the
 * text to the raw cell, which reads as that number.
 */
export function expectProvenance(report: Report, text: string): void {
  for (const [path, value] of Object.entries(leaves(report))) {
    if (typeof value !== "number") continue;
    const entry = report.provenance[path];
    expect(entry, `provenance of ${path}`).toBeDefined();
    expect(text.slice(entry!.start.offset, entry!.end.offset)).toBe(entry!.raw);
  }
}

/** Diagnostics as `code path` strings, for compact comparisons. */
export function codes(report: Report, filter: (d: Diagnostic) => boolean = () => true): string[] {
  return report.diagnostics.filter(filter).map((d) => `${d.code} ${d.path ?? ""}`.trim());
}

/** Warnings and errors only. */
export const serious = (d: Diagnostic) => d.severity !== "info";

/** Parses, failing the test on an internal error (bad input must never throw or crash). */
export function parse(text: string): Report {
  const report = parseReport(text);
  expect(codes(report).filter((c) => c.startsWith("internal-error"))).toEqual([]);
  return report;
}

/**
 * A table in the seed's cell-per-line form: each printed cell of a row as `text |` (a blank
 * cell as a bare `|`), then one line of `width − n` pipes when the row printed n < width cells.
 */
export function cellLines(width: number, rows: string[][]): string {
  const out: string[] = [];
  for (const row of rows) {
    for (const cell of row) out.push(cell === "" ? "|" : `${cell} |`);
    if (width > row.length) out.push("|".repeat(width - row.length));
  }
  return out.join("\n");
}

/** A table in the row-per-line form: `规章 | 0 | 0 | 0 |`. */
export function rowLines(rows: string[][]): string {
  return rows.map((r) => `${r.join(" | ")} |`).join("\n");
}
