/**
 * The 2021 template (国办公开办函〔2021〕30号, formats.md § B) and the label drift of
 * formats.md §§ E–F: the labels still map, by key phrase, without falling back on position.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cellLines, codes, getPath, loadCase, parse, rowLines } from "./helpers.js";

const forms = [
  ["cell-per-line", (rows: string[][]) => cellLines(4, rows)],
  ["row-per-line", (rows: string[][]) => rowLines(rows)],
] as const;

const report2021 = (table: string, heading = "二、主动公开政府信息情况") =>
  ["示例区住房和城乡建设局2022年政府信息公开工作年度报告", "一、总体情况", "本局认真落实条例要求。", heading, table].join("\n");

describe("the drift case", () => {
  for (const form of ["cells", "rows"]) {
    const c = loadCase(`t2021-drift.${form}`);
    const r = parse(c.text);

    it(`reads 规范性文件 in a 2021 table as normativeDocuments (${form})`, () => {
      expect(c.text).toMatch(/(^|\n)规范性文件 \|/);
      expect(r.proactive?.normativeDocuments).toEqual({ issued: 12, repealed: 4, inForce: 86 });
    });

    it(`reads the spaced caption and the split header \`本年 制发件数\` (${form})`, () => {
      expect(c.text).toContain("第二十条 第(一)项 |");
      expect(r.proactive?.rules).toEqual({ issued: 3, repealed: 1, inForce: 27 });
      expect(codes(r).filter((x) => x.includes("proactive"))).toEqual([]);
    });

    it(`maps 只计这一情况 and 三类内容事务信息 by their labels, not by position (${form})`, () => {
      expect(c.text).toContain("只计这一情况");
      expect(c.text).toContain("5.属于三类内容事务信息");
      expect(r.requests?.results?.partiallyGranted?.total).toBe(c.expected["requests.results.partiallyGranted.total"]);
      expect(r.requests?.results?.withheld?.internalAffairs?.total).toBe(c.expected["requests.results.withheld.internalAffairs.total"]);
      expect(codes(r).filter((x) => x.includes("requests"))).toEqual([]);
    });

    it(`finds 二 and 四 under the drifted headings (${form})`, () => {
      const titles = r.sections.map((s) => s.title);
      expect(titles).toContain("行政机关主动公开政府信息情况");
      expect(titles).toContain("因政府信息公开工作被申请行政复议提起行政诉讼情况");
      expect(r.reviewsAndLawsuits?.lawsuitAfterReview).toEqual({ upheld: 9, corrected: 11, other: 13, pending: 12, total: 45 });
    });

    it(`reads 86.25万元 in the 万元 column without a unit diagnostic (${form})`, () => {
      expect(r.proactive?.fees).toEqual({ amount: 86.25 });
      expect(codes(r)).not.toContain("unit-in-cell proactive.fees.amount");
    });
  }
});

describe("二 sub-tables", () => {
  for (const [name, render] of forms) {
    describe(name, () => {
      it("flags a unit other than the column's 万元", () => {
        const r = parse(
          report2021(render([["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "3200元"]])),
        );
        expect(r.proactive?.fees).toEqual({ amount: 3200 });
        const d = r.diagnostics.find((x) => x.code === "unit-in-cell")!;
        expect(d.path).toBe("proactive.fees.amount");
        expect(d.raw).toBe("元");
      });

      it("keeps a row the template does not have in extraRows", () => {
        const r = parse(
          report2021(
            render([
              ["第二十条第（五）项"],
              ["信息内容", "本年处理决定数量"],
              ["行政许可", "5346"],
              ["行政确认", "128"],
              ["第二十条第（六）项"],
              ["信息内容", "本年处理决定数量"],
              ["行政处罚", "217"],
              ["行政检查", "64"],
              ["行政强制", "38"],
            ]),
          ),
        );
        expect(r.proactive).toEqual({
          licensing: { decisions: 5346 },
          punishment: { decisions: 217 },
          coercion: { decisions: 38 },
          extraRows: [
            { label: "行政确认", values: [128] },
            { label: "行政检查", values: [64] },
          ],
        });
        expect(r.provenance["proactive.extraRows.1.values.0"]?.raw).toBe("64");
      });

      it("reads traditional-character labels (mirror sites)", () => {
        const r = parse(
          report2021(
            render([
              ["第二十條第（一）項"],
              ["信息內容", "本年製發件數", "本年廢止件數", "現行有效件數"],
              ["規章", "3", "1", "27"],
              ["行政規範性文件", "12", "4", "86"],
            ]),
          ),
        );
        expect(r.template).toBe("2021");
        expect(r.proactive).toEqual({
          rules: { issued: 3, repealed: 1, inForce: 27 },
          normativeDocuments: { issued: 12, repealed: 4, inForce: 86 },
        });
      });

      it("puts a three-value 行政许可 row without a header under the 2019 keys, with a diagnostic", () => {
        const r = parse(
          report2021(
            render([
              ["第二十条第（一）项"],
              ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
              ["规章", "3", "1", "27"],
              ["第二十条第（五）项"],
              ["行政许可", "118", "-3", "24561"],
            ]),
          ),
        );
        expect(r.template).toBe("2021");
        expect(r.proactive?.licensing).toEqual({ previousYear: 118, change: -3, decisions: 24561 });
        expect(codes(r)).toContain("template-mixed proactive.licensing");
        expect(codes(r)).toContain("label-assumed proactive.licensing");
      });
    });
  }

  it("reads the seed-style one-column sub-tables, whose header and rows end in padding", () => {
    const text = report2021(
      cellLines(4, [
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "5346"],
        ["第二十条第（八）项"],
        ["信息内容", "本年收费金额（单位：万元）"],
        ["行政事业性收费", "0.35"],
      ]),
    );
    const r = parse(text);
    expect(r.proactive).toEqual({ licensing: { decisions: 5346 }, fees: { amount: 0.35 } });
    // The sub-tables this page leaves out are flagged as missing rows, and nothing else.
    expect(codes(r).filter((x) => x.includes("proactive"))).toEqual([
      "missing-row proactive.rules",
      "missing-row proactive.normativeDocuments",
      "missing-row proactive.punishment",
      "missing-row proactive.coercion",
    ]);
  });
});

describe("the seed (corpus/seed/siyang-xzspj-2021.txt)", () => {
  it("still holds its expected values, with no proactive diagnostics", () => {
    const root = new URL("../../corpus/seed/", import.meta.url);
    const text = readFileSync(new URL("siyang-xzspj-2021.txt", root), "utf8");
    const expected = JSON.parse(readFileSync(new URL("siyang-xzspj-2021.expected.json", root), "utf8")) as Record<string, unknown>;
    const r = parse(text);
    for (const [path, value] of Object.entries(expected)) expect(getPath(r, path), path).toEqual(value);
    expect(codes(r).filter((x) => x.includes("proactive") || x.startsWith("template"))).toEqual([]);
  });
});
