/**
 * `get_text("\n")`: every text node on a line of its own and blank cells gone. The truth is
 * the model each text was rendered from (`renderGlued`, which prints what BeautifulSoup does).
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse-report.js";
import { textNodeLines } from "../../src/layouts/glued-lines.js";
import { sourceLines } from "../../src/layouts/index.js";
import { numericEntries, renderGlued, reportArbitrary } from "../../src/testing/index.js";

/** Paths a warning or error names (a row path covers its cells). */
const flagged = (report: ReturnType<typeof parseReport>, path: string) =>
  report.diagnostics.some((d) => d.severity !== "info" && d.path !== undefined && (path === d.path || path.startsWith(`${d.path}.`)));

describe("get_text(\"\\n\") pages", () => {
  for (const nulls of ["safe", "anywhere"] as const) {
    it(`reads every value right or leaves it null and flagged (${nulls} blanks)`, () => {
      const models = fc.sample(reportArbitrary({ template: "2021", nulls }), { seed: 4711, numRuns: 4 });
      let right = 0;
      let total = 0;
      for (const m of models) {
        const report = parseReport(renderGlued(m, { separator: "\n" }));
        const got = numericEntries(report as never);
        for (const [path, want] of numericEntries(m)) {
          total++;
          const value = got.get(path) ?? null;
          if (value === want) right++;
          else expect(flagged(report, path), `${path}: got ${value}, want ${want}`).toBe(true);
        }
      }
      expect(right / total).toBeGreaterThan(0.8);
    });
  }

  it("leaves a 二 row with fewer numbers than columns blank, with the candidates (`行政规范性文件` then one 0)", () => {
    const [m] = fc.sample(reportArbitrary({ template: "2021", nulls: "safe" }), { seed: 99, numRuns: 1 });
    const model = structuredClone(m!);
    model.proactive.normativeDocuments = { issued: null, repealed: 0, inForce: null };
    const report = parseReport(renderGlued(model, { separator: "\n" }));
    expect(report.proactive?.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    const d = report.diagnostics.find((x) => x.path === "proactive.normativeDocuments");
    expect(d?.code).toBe("ambiguous-split");
  });

  it("offers only text-node tables to the glued reader, never blank-line-separated blocks", () => {
    const dump = "规章\n0\n998\n0\n\n\n行政规范性文件\n4\n5\n6\n";
    expect(textNodeLines(sourceLines(dump), dump)).toBe(true);
    const markdown = "规章\n\n0\n\n998\n\n0\n\n行政规范性文件\n\n4\n\n5\n\n6\n";
    expect(textNodeLines(sourceLines(markdown), markdown)).toBe(false);
    // `&nbsp;` padding printed as text nodes of its own sits between the numbers.
    const padded = "规章\n\u00a0\n0\n\u00a0\n998\n\u00a0\n0\n\n\n行政规范性文件\n\u00a0\n4\n\u00a0\n5\n";
    expect(textNodeLines(sourceLines(padded), padded)).toBe(true);
  });
});
