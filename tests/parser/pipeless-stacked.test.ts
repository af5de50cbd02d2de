/**
 * The paragraph layout of pipe-less tables: every cell a paragraph of its own, a blank line
 * between cells, a header or label wrapped at a `<br>` (markdown hard break `␠␠↵` or a plain
 * line break) and blank cells dropped. turndown (default options) and a browser's copy of a
 * selection print it. Truth comes from the texts written here and from the model a page is
 * rendered from, never from the parser.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import TurndownService from "turndown";
import type { Table } from "../../src/ast/types.js";
import { parseReport } from "../../src/index.js";
import { parse } from "../../src/parser/index.js";
import { LineIndex } from "../../src/source/line-index.js";
import { numericEntries, render, reportArbitrary } from "../../src/testing/index.js";

function tables(text: string): Table[] {
  return parse(text, new LineIndex(text)).tree.children.filter((b): b is Table => b.type === "table");
}

const cells = (t: Table) => t.children.map((r) => r.children.map((c) => c.value));

/** Paragraphs joined by blank lines, as turndown prints a table with no GFM plugin. */
const stacked = (...cells: string[]) => cells.join("\n\n") + "\n";

describe("pipe-less tables, one paragraph per cell", () => {
  it("joins a header wrapped with a hard break into one cell and reads the header as one row", () => {
    const text = stacked("第二十条第（五）项", "信息内容", "上一年  \n项目数量", "本年增/  \n减", "处理决定  \n数量", "行政许可", "3", "-1", "5", "其他对外管理服务事项", "7", "0", "2");
    const [t] = tables(text);
    expect(t!.form).toBe("plain");
    expect(cells(t!)).toEqual([
      ["第二十条第（五）项"],
      ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
      ["行政许可", "3", "-1", "5"],
      ["其他对外管理服务事项", "7", "0", "2"],
    ]);
  });

  it("joins a label wrapped by a plain line break (a browser's copy) and adds no blank cells between paragraphs", () => {
    const text = stacked("申请人情况", "自然人", "法人或\n其他组织", "总计", "一、本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21");
    const [t] = tables(text);
    expect(cells(t!).at(-1)).toEqual(["一、本年新收政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "21"]);
    expect(cells(t!).flat()).toContain("法人或其他组织");
  });

  it("a row that prints fewer values than the template has places is never placed silently", () => {
    // 2019 政府集中采购 has two places (采购项目数量, 采购总金额); one cell was blank and vanished.
    const text = stacked("二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年新  \n制作数量", "本年新  \n公开数量", "对外公开  \n总数量", "规章", "1", "2", "3", "规范性文件", "4", "5", "6", "第二十条第（九）项", "信息内容", "采购项目  \n数量", "采购  \n总金额", "政府集中采购", "7");
    const report = parseReport(text);
    const flagged = report.diagnostics.filter((d) => d.path === "proactive.procurement" || d.path?.startsWith("proactive.procurement."));
    // Whichever reader takes the stream (the pipe-less grammar or the cell-per-line reader), it says so.
    expect(flagged.map((d) => d.code).filter((c) => c === "row-width-mismatch" || c === "column-undecided")).not.toEqual([]);
    // 二 has no identity: which place was blank is unknown, so neither value is placed.
    expect(report.proactive?.procurement).toEqual({ projects: null, totalAmount: null });
  });
});

describe("turndown on a rendered page (headers wrapped at <br>)", () => {
  for (const template of ["2019", "2021"] as const) {
    it(`reads every number of a ${template} page with no blank cells`, () => {
      const [model] = fc.sample(reportArbitrary({ template, nulls: "none" }), { seed: 4711, numRuns: 1 });
      const html = render(model!, "html", { br: "newline", wordSpans: true });
      const text = new TurndownService().turndown(html);
      expect(text).toMatch(/ {2}\n/); // the headers really wrap
      const report = parseReport(text);
      const wrong: string[] = [];
      for (const [path, want] of numericEntries(model!)) {
        const got = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], report);
        if (got !== want) wrong.push(`${path}: got ${String(got)} want ${String(want)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

/** The value at a dotted path of a report or model. */
const at = (root: unknown, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], root);

describe("a blank cell of 三 that vanished is placed by the accounting identities", () => {
  // A model whose 一、本年新收 row has seven distinct non-zero numbers, so that a shifted
  // reading breaks the identities, and whose 二、上年结转 row is all zeros (found by the
  // model's values alone, not by parsing).
  const model = (() => {
    for (let seed = 1; ; seed++) {
      const [m] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed, numRuns: 1 });
      const row = Object.values((m!.requests as { newReceived: Record<string, number> }).newReceived);
      const carried = Object.values((m!.requests as { carriedOver: Record<string, number> }).carriedOver);
      if (new Set(row).size === 7 && !row.includes(0) && carried.every((v) => v === 0)) return m!;
    }
  })();

  for (const column of ["commercialEnterprise", "legalServiceAgency", "total"]) {
    it(`turndown drops the blank ${column} cell; the six values land in their columns`, () => {
      const m = structuredClone(model);
      (m.requests as { newReceived: Record<string, number | null> }).newReceived[column] = null;
      const text = new TurndownService().turndown(render(m, "html", { br: "newline" }));
      const report = parseReport(text);
      for (const [path, want] of numericEntries(m)) if (path.startsWith("requests.newReceived.")) expect(at(report, path), path).toBe(want);
      expect(report.diagnostics.some((d) => d.code === "blanks-placed-by-identity" && d.path === "requests.newReceived")).toBe(true);
    });
  }

  it("a row of zeros that lost a blank cannot be placed: its values are null, with a warning", () => {
    const m = structuredClone(model);
    const carried = (m.requests as { carriedOver: Record<string, number | null> }).carriedOver;
    carried.researchInstitution = null;
    const text = new TurndownService().turndown(render(m, "html", {}));
    const report = parseReport(text);
    const got = at(report, "requests.carriedOver") as Record<string, number | null>;
    // Every consistent reading puts a zero or the blank in each place: none is decided.
    expect(Object.values(got).every((v) => v === null)).toBe(true);
    expect(report.diagnostics.some((d) => d.code === "ambiguous-split" && d.severity === "warning" && d.path === "requests.carriedOver")).toBe(true);
  });
});

describe("pipe-less tables whose rows have a separator of their own (get_text(\"\\n\"))", () => {
  // One cell a line, two empty lines between rows; the 行政规范性文件 row printed one of its
  // three values (two blank cells vanished).
  const text = ["二、主动公开政府信息情况", "", "", "第二十条第（一）项", "", "", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "", "", "规章", "0", "998", "3", "", "", "行政规范性文件", "0", "", "", "第二十条第（五）项", ""].join("\n");

  it("takes the empty lines before a row's label for the row's end, not for blank cells", () => {
    const [t] = tables(text);
    expect(cells(t!)).toEqual([
      ["第二十条第（一）项"],
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "998", "3"],
      ["行政规范性文件", "0"],
      ["第二十条第（五）项"],
    ]);
  });

  it("leaves the short row null, with a warning, and reads the full one", () => {
    const report = parseReport(text);
    expect(report.proactive?.rules).toEqual({ issued: 0, repealed: 998, inForce: 3 });
    expect(report.proactive?.normativeDocuments).toEqual({ issued: null, repealed: null, inForce: null });
    expect(report.diagnostics.some((d) => d.severity === "warning" && d.path === "proactive.normativeDocuments")).toBe(true);
  });
});
