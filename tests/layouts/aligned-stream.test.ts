/**
 * Cell-per-line dumps (lynx and html-to-text on tables with `<br>` cells): hand-written
 * streams whose truth is written here, and the real tools on pages rendered with `<br>`
 * headers, every field of 二/三/四 scored against the model. Under CI a missing lynx fails.
 */
import * as fc from "fast-check";
import { convert } from "html-to-text";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { render, renderTool, reportArbitrary } from "../../src/testing/index.js";
import { addScore, noScore, probeTool, runTool, scoreReport } from "./support.js";

/** A stream as lynx prints it: every cell centred on its own line(s), a blank line after each. */
function lynxStream(cells: ReadonlyArray<string | null>): string {
  // A blank cell prints nothing but its separator: an extra blank line.
  return cells.map((c) => (c === null ? "" : `${c.split("\n").map((l) => `        ${l}`).join("\n")}\n`)).join("\n");
}

const TITLE = "某某局2021年度政府信息公开工作年度报告\n\n本报告依据《中华人民共和国政府信息公开条例》编制。\n\n";
const PROACTIVE = [
  "第二十条第（一）项", "信息内容", "本年\n制发件数", "本年\n废止件数", "现行有效\n件数",
  "规章", "3", null, "12",
  "行政规范性文件", "0", "5", "7",
  "第二十条第（五）项", "信息内容", "本年\n处理决定数量", "行政许可", "11",
];

describe("cell-per-line streams", () => {
  it("places a row's values by order, an extra blank line standing for a blank cell", () => {
    const text = `${TITLE}   二、主动公开政府信息情况\n\n${lynxStream(PROACTIVE)}\n   五、存在的主要问题及改进情况\n\n无。\n`;
    const r = parseReport(text);
    expect(r.proactive!.rules).toMatchObject({ issued: 3, repealed: null, inForce: 12 });
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: 0, repealed: 5, inForce: 7 });
    expect(r.proactive!.licensing).toMatchObject({ decisions: 11 });
    expect(r.diagnostics.filter((d) => d.code === "column-undecided")).toEqual([]);
  });

  it("leaves a row blank and flags it when a blank cell left no trace", () => {
    // html-to-text drops a blank cell without a blank line: 规章 has two values for three columns.
    const cells = PROACTIVE.filter((c) => c !== null);
    const text = `${TITLE}二、主动公开政府信息情况\n\n${cells.join("\n\n")}\n\n五、存在的主要问题及改进情况\n\n无。\n`;
    const r = parseReport(text);
    expect(r.proactive!.rules).toMatchObject({ issued: null, repealed: null, inForce: null });
    expect(r.diagnostics.some((d) => d.code === "column-undecided" && d.path === "proactive.rules")).toBe(true);
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: 0, repealed: 5, inForce: 7 });
  });

  it("reads 三 rows under their group label", () => {
    const header = ["申请人情况", "自然人", "法人或\n其他组织", "总计", "商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"];
    const rows = [
      "一、本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21",
      "三、本年度办理结果", "（一）予以公开", "1", null, "0", "0", "0", "0", "1",
      "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "2", "2",
    ];
    const text = `${TITLE}   三、收到和处理政府信息公开申请情况\n\n${lynxStream([...header, ...rows])}\n   五、存在的主要问题及改进情况\n\n无。\n`;
    const r = parseReport(text);
    expect(r.requests!.newReceived).toMatchObject({ naturalPerson: 1, commercialEnterprise: 2, total: 21 });
    expect(r.requests!.results!.granted).toMatchObject({ naturalPerson: 1, commercialEnterprise: null, total: 1 });
    expect(r.requests!.results!.withheld!.stateSecret).toMatchObject({ otherOrganization: 2, total: 2 });
  });
});

describe("space lines as blank cells (html-to-text, a browser's copy)", () => {
  // Each cell a paragraph, a blank one a line holding one space; 四's last cell blank, so
  // the space line comes after the stream's last value, before the next section.
  const values = ["4", "0", "19", "0", "23", "0", "2", "2", "0", "4", "0", " ", "0", "1999", " "];
  const rows = ["行政复议", "行政诉讼", "结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计", ...values];
  const text = `${TITLE}四、政府信息公开行政复议、行政诉讼情况\n\n${rows.join("\n\n")}\n\n五、存在的主要问题及改进情况\n\n无。\n`;

  it("counts the space line after the last value as one blank cell, not the separators around it", () => {
    const r = parseReport(text);
    expect(r.reviewsAndLawsuits?.lawsuitAfterReview).toEqual({ upheld: 0, corrected: null, other: 0, pending: 1999, total: null });
    expect(r.reviewsAndLawsuits?.review).toEqual({ upheld: 4, corrected: 0, other: 19, pending: 0, total: 23 });
    expect(r.diagnostics.filter((d) => d.path?.startsWith("reviewsAndLawsuits") && d.severity !== "info").map((d) => d.code)).toEqual([]);
  });
});

const lynx = probeTool("lynx", ["-version"]);

describe("real tools on <br> tables", () => {
  // Word's `<span>` runs with the `<br>` make lynx give up its grid (without them it may
  // collapse the table to single spaces instead, the glued layout's case).
  const pages = (["2021", "2019"] as const).flatMap((template) =>
    fc.sample(reportArbitrary({ template, nulls: "anywhere" }), { seed: 29, numRuns: 3 }).map((model) => ({ model, html: render(model, "html", { wordSpans: true, br: "newline" }) })),
  );

  for (const width of [80, 200]) {
    it.skipIf(!lynx.ok && !process.env.CI)(`lynx -width=${width}`, () => {
      if (!lynx.ok) throw new Error(lynx.why);
      const total = noScore();
      for (const { model, html } of pages) {
        const text = runTool("lynx", ["-dump", "-nolist", `-width=${width}`, "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"], html);
        addScore(total, scoreReport(parseReport(text), model));
      }
      expect(total.silent).toEqual([]);
      expect(total.unflagged).toBe(0);
      expect(total.right / total.total).toBeGreaterThan(0.95);
    }, 60_000);
  }

  it("html-to-text", () => {
    const total = noScore();
    for (const { model, html } of pages) addScore(total, scoreReport(parseReport(convert(html)), model));
    expect(total.silent).toEqual([]);
    expect(total.unflagged).toBe(0);
    // Blank cells vanish without a trace here, so rows holding one are flagged, not read.
    expect(total.right / total.total).toBeGreaterThan(0.8);
  }, 60_000);
});

describe("one cell per line, indented to its column (blank cells dropped)", () => {
  // Pages whose 四 lost a blank: the sums leave several placements, the indentation one.
  const models = fc
    .sample(reportArbitrary({ template: "2021", nulls: "anywhere" }), { seed: 4711, numRuns: 40 })
    .filter((m) => Object.values(m.reviewsAndLawsuits ?? {}).some((g) => Object.values(g as object).filter((v) => v === null).length === 1))
    .slice(0, 3);

  it("places 四's values by their indentation, the blank where no value stands", () => {
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) {
      const r = parseReport(renderTool(m, "aligned", { cellPerLine: true }));
      expect(r.reviewsAndLawsuits).toEqual(m.reviewsAndLawsuits);
      expect(r.diagnostics.filter((d) => d.path?.startsWith("reviewsAndLawsuits") && d.severity !== "info")).toEqual([]);
    }
  });

  it("ends the values at pandoc's dash rule under the table (its dashes are no blank cells)", () => {
    for (const m of models) expect(parseReport(renderTool(m, "aligned", { cellPerLine: true, rules: true })).reviewsAndLawsuits).toEqual(m.reviewsAndLawsuits);
  });

  it("without the indentation the same values stay undecided, flagged", () => {
    for (const m of models) {
      const r = parseReport(renderTool(m, "aligned", { cellPerLine: true }).replace(/^ +/gm, ""));
      expect(r.reviewsAndLawsuits).not.toEqual(m.reviewsAndLawsuits);
      expect(r.diagnostics.some((d) => d.path?.startsWith("reviewsAndLawsuits") && d.severity !== "info")).toBe(true);
    }
  });
});
