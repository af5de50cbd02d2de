/**
 * The hand-written reports of `corpus/cases/`, one per template and shape, each in the seed's
 * cell-per-line form and in the row-per-line form. Their numbers were chosen by hand (distinct
 * and non-zero wherever the layout allows, so a value under the wrong key shows), and their
 * expected JSON lists every numeric path of the model, so a missing, extra or misplaced
 * number fails. The identities of 三 and 四 hold in every template case by construction.
 */
import { describe, expect, it } from "vitest";
import { codes, expectCase, expectProvenance, loadCase, parse, serious } from "./helpers.js";

/**
 * The warnings (and the notable infos) each case must produce — no more, no fewer warnings.
 * `info` lists diagnostics that must be present among the infos.
 */
const CASES: Record<string, { warnings: string[]; info: string[] }> = {
  // 2021 with the drift of formats.md § E: `第二十条 第(一)项`, `本年 制发件数`, 规范性文件 in a
  // 2021 table, 只计这一情况, 三类内容事务信息, the § E section headings, cut 四 headers,
  // and 86.25万元 in the 万元 column (no unit diagnostic: the units agree).
  "t2021-drift": {
    warnings: [],
    info: ["label-assumed reviewsAndLawsuits.review.corrected", "label-assumed reviewsAndLawsuits.lawsuitAfterReview.pending"],
  },
  // 2019, Shanghai layout: signed 本年增/减, 251000元 in 采购总金额 (a column without a unit).
  "t2019-shanghai": {
    warnings: ["unit-in-cell proactive.procurement.totalAmount"],
    info: [],
  },
  // A 2021 report on the 2019 labels (citing the 2021 notice): Hubei's annotated headers, a
  // (一) header cut to `本年新 | 本年新`, extra rows, 1424.4万元 in 采购总金额.
  "t2019-hubei-2021": {
    warnings: ["unit-in-cell proactive.procurement.totalAmount"],
    info: [
      "label-assumed proactive.rules.made",
      "label-assumed proactive.rules.published",
      "label-assumed proactive.normativeDocuments.made",
      "label-assumed proactive.normativeDocuments.published",
    ],
  },
  // Pre-2019: 统计指标 | 单位 | 统计数 (the national table of 国办发〔2014〕32号).
  "legacy-national-2015": { warnings: [], info: [] },
  // Pre-2019: 指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计, with a 甲 乙 丙 1 2 row and blanks.
  "legacy-dingxi-2010": { warnings: [], info: [] },
  // Pre-2019: 指标名称 | 计量单位 | 2009年度 | 历年累计, with a `-` placeholder.
  "legacy-putian-2009": { warnings: [], info: ["placeholder-cell legacyStatistics.18.value"] },
};

for (const [name, want] of Object.entries(CASES)) {
  describe(name, () => {
    for (const form of ["cells", "rows"] as const) {
      describe(`${form === "cells" ? "cell-per-line" : "row-per-line"} form`, () => {
        const c = loadCase(`${name}.${form}`);
        const report = parse(c.text);

        it("is read as the source was flattened", () => {
          expect(report.source.form).toBe(form === "cells" ? "cell-lines" : "row-lines");
        });

        it("holds exactly the expected values at every numeric path", () => {
          expectCase(report, c.expected);
        });

        it("gives every number its provenance", () => {
          expectProvenance(report, c.text);
        });

        it("has the expected warnings and no others", () => {
          expect(codes(report, serious).sort()).toEqual([...want.warnings].sort());
          const infos = codes(report, (d) => d.severity === "info");
          for (const i of want.info) expect(infos).toContain(i);
        });

        if (name.startsWith("legacy")) {
          it("has no template tables and no checks", () => {
            expect(report.proactive).toBeUndefined();
            expect(report.requests).toBeUndefined();
            expect(report.reviewsAndLawsuits).toBeUndefined();
            expect(report.checks).toEqual([]);
          });
        } else {
          it("passes every identity", () => {
            expect(report.checks.length).toBeGreaterThan(0);
            expect(report.checks.filter((ch) => ch.status !== "pass").map((ch) => ch.id)).toEqual([]);
          });
        }
      });
    }
  });
}

describe("the cases themselves", () => {
  it("list distinct numbers in the template tables, so a shifted value cannot pass", () => {
    // Within a row, no two cells share a value (the applicant columns and the 二 columns).
    for (const name of ["t2021-drift", "t2019-shanghai", "t2019-hubei-2021"]) {
      const { expected } = loadCase(`${name}.cells`);
      const rows = new Map<string, number[]>();
      for (const [path, v] of Object.entries(expected)) {
        if (typeof v !== "number" || path.startsWith("meta.")) continue;
        const row = path.slice(0, path.lastIndexOf("."));
        rows.set(row, [...(rows.get(row) ?? []), v]);
      }
      for (const [row, values] of rows) expect(new Set(values).size, `${name} ${row}`).toBe(values.length);
    }
  });

  it("are the same report in both forms", () => {
    for (const name of Object.keys(CASES)) {
      expect(loadCase(`${name}.rows`).expected).toEqual(loadCase(`${name}.cells`).expected);
    }
  });
});
