/**
 * The zoo's scorer judges every reader of issue 12, so it is tested on its own: a right
 * field, a wrong field a diagnostic or a failing check covers, a wrong field nothing covers,
 * and the silently empty report.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import type { Report } from "../../src/model/types.js";
import { numericEntries, render, reportArbitrary } from "../../src/testing/index.js";
import { namesItselfReport, scoreReport, truthFromExpected } from "./score.js";

const [model] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed: 7, numRuns: 1 });
const html = render(model!, "html");
const report = parseReport(html);
const truth = numericEntries(model!);
const PATH = "requests.newReceived.naturalPerson";

/** The same report with one extra diagnostic or check status, leaving the parser out of it. */
function withDiagnostic(r: Report, path: string, severity: "warning" | "info"): Report {
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return { ...r, diagnostics: [...r.diagnostics, { code: "missing-table", severity, message: "test", position, path }] };
}

describe("scoreReport", () => {
  it("counts every field of a page the parser reads right as right", () => {
    const s = scoreReport(truth, report, html);
    expect(s.fields.length).toBe(truth.size);
    expect(s.right).toBe(truth.size);
    expect(s.silent).toBe(false);
  });

  it("counts a wrong value with no diagnostic and passing checks as unflagged", () => {
    const wrong = new Map(truth).set(PATH, (truth.get(PATH) ?? 0) + 1);
    const s = scoreReport(wrong, report, html);
    expect(s.unflagged).toBe(1);
    expect(s.fields.find((f) => f.path === PATH)!.verdict).toBe("unflagged");
  });

  it("counts it as flagged when a warning names the field or a prefix, not when an info does", () => {
    const wrong = new Map(truth).set(PATH, (truth.get(PATH) ?? 0) + 1);
    expect(scoreReport(wrong, withDiagnostic(report, "requests", "warning"), html).flagged).toBe(1);
    expect(scoreReport(wrong, withDiagnostic(report, PATH, "warning"), html).flagged).toBe(1);
    expect(scoreReport(wrong, withDiagnostic(report, "requests.newReceived.natural", "warning"), html).unflagged).toBe(1);
    expect(scoreReport(wrong, withDiagnostic(report, "requests", "info"), html).unflagged).toBe(1);
  });

  it("counts it as flagged when a failing check lists the field", () => {
    const wrong = new Map(truth).set(PATH, (truth.get(PATH) ?? 0) + 1);
    const checks = report.checks.map((c) => (c.paths.includes(PATH) ? { ...c, status: "fail" as const } : c));
    expect(scoreReport(wrong, { ...report, checks }, html).flagged).toBe(1);
  });

  it("calls an empty report of a text that names itself a report silent, unless an error says so", () => {
    const text = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n";
    const empty = parseReport(text);
    const quiet: Report = { ...empty, diagnostics: empty.diagnostics.filter((d) => d.severity !== "error") };
    const s = scoreReport(truth, quiet, text);
    expect(s.right).toBe(0);
    expect(s.silent).toBe(true);
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const loud: Report = { ...empty, diagnostics: [{ code: "missing-table", severity: "error", message: "t", position, path: "requests" }] };
    expect(scoreReport(truth, loud, text).silent).toBe(false);
    expect(scoreReport(truth, loud, text).flagged).toBeGreaterThan(0);
  });

  it("counts a missing value as flagged under a report-level error (empty-input, not-a-report), never a wrong number", () => {
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    const nothing = parseReport("");
    expect(nothing.diagnostics.some((d) => d.code === "empty-input" && d.path === undefined)).toBe(true);
    const s = scoreReport(truth, nothing, "");
    expect(s.unflagged).toBe(0);
    expect(s.flagged).toBe(truth.size - s.right);
    // A wrong number stays unflagged: the error speaks of what is missing, not of what was read.
    const wrong = new Map(truth).set(PATH, (truth.get(PATH) ?? 0) + 1);
    const unread = { code: "not-a-report", severity: "error" as const, message: "t", position };
    expect(scoreReport(wrong, { ...report, diagnostics: [...report.diagnostics, unread] }, html).unflagged).toBe(1);
  });

  it("recognises a report by its title words or its labels", () => {
    expect(namesItselfReport("X局 2023年 政府信息 公开工作年度报告")).toBe(true);
    expect(namesItselfReport("一、本年新收政府信息公开申请数量 3 0 0")).toBe(true);
    expect(namesItselfReport("今日天气晴")).toBe(false);
  });

  it("takes only the table fields of an expected.json as truth", () => {
    const t = truthFromExpected({ $comment: "x", "meta.year": 2023, "proactive.rules.issued": 0, "requests.newReceived.total": null });
    expect([...t.entries()]).toEqual([["proactive.rules.issued", 0], ["requests.newReceived.total", null]]);
  });
});
