/**
 * `parse(seed)`: the three flattened tables of the seed come back as tables of the right width
 * with their rows cut where the HTML rows were. Expected rows are read off the seed text
 * (corpus/seed/siyang-xzspj-2021.txt), where every `<td>` is a `text |` line and every row with
 * fewer cells than the table is closed by a run of `W − n` pipes.
 */
import { describe, expect, it } from "vitest";
import type { Table, TableRow } from "../../src/ast/types.js";
import { parse } from "../../src/parser/index.js";
import { SEED } from "../helpers/seed.js";

const { tree, diagnostics } = parse(SEED);
const tables = tree.children.filter((b): b is Table => b.type === "table");
/** The cell texts of a row, leaving out a trailing bare-pipe cell marked ambiguous. */
const cells = (row: TableRow | undefined): string[] => (row?.children ?? []).filter((c) => !c.ambiguous).map((c) => c.value);
const zeros = (n: number): string[] => Array.from({ length: n }, () => "0");

describe("parse(seed): tables", () => {
  it("finds exactly three tables, 4, 10 and 15 columns wide, in the cell-lines form", () => {
    expect(tables.map((t) => t.columns)).toEqual([4, 10, 15]);
    expect(tables.map((t) => t.form)).toEqual(["cell-lines", "cell-lines", "cell-lines"]);
  });

  it("cuts them into 14, 28 and 4 rows", () => {
    expect(tables.map((t) => t.children.length)).toEqual([14, 28, 4]);
  });

  it("reports nothing while parsing the seed", () => {
    expect(diagnostics).toEqual([]);
  });

  it("places each table under its section heading", () => {
    const headingBefore = (t: Table) => {
      const i = tree.children.indexOf(t);
      const prev = tree.children[i - 1];
      return prev?.type === "heading" ? prev.value : null;
    };
    expect(tables.map(headingBefore)).toEqual(["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"]);
  });
});

describe("parse(seed): table 二 (4 columns)", () => {
  const t = tables[0]!;
  it("has the four sub-table captions as one-cell rows closed by three pipes", () => {
    const captions = t.children.filter((r) => r.children.length === 1);
    expect(captions.map((r) => [r.children[0]!.value, r.padding])).toEqual([
      ["第二十条第(一)项", 3],
      ["第二十条第(五)项", 3],
      ["第二十条第(六)项", 3],
      ["第二十条第(八)项", 3],
    ]);
  });

  it("reads the (一) header and rows as full four-cell rows", () => {
    expect(cells(t.children[1])).toEqual(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    expect(cells(t.children[2])).toEqual(["规章", "0", "0", "0"]);
    expect(cells(t.children[3])).toEqual(["行政规范性文件", "0", "0", "0"]);
    expect(t.children[2]!.padding).toBe(0);
  });

  it("reads two-cell rows closed by two pipes", () => {
    expect(cells(t.children[5])).toEqual(["信息内容", "本年处理决定数量"]);
    expect(cells(t.children[6])).toEqual(["行政许可", "5346"]);
    expect(t.children[6]!.padding).toBe(2);
    expect(cells(t.children[9])).toEqual(["行政处罚", "0"]);
    expect(cells(t.children[10])).toEqual(["行政强制", "0"]);
    expect(cells(t.children[12])).toEqual(["信息内容", "本年收费金额(单位:万元)"]);
  });

  it("keeps the last row, which the text ends without padding", () => {
    expect(cells(t.children[13])).toEqual(["行政事业性收费", "0"]);
  });
});

describe("parse(seed): table 三 (10 columns)", () => {
  const t = tables[1]!;
  const byFirst = (first: string) => t.children.find((r) => r.children[0]?.value === first);

  it("reads the three header rows", () => {
    expect(cells(t.children[0])).toEqual(["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"]);
    expect(t.children[0]!.padding).toBe(8);
    expect(cells(t.children[1])).toEqual(["自然人", "法人或其他组织", "总计"]);
    expect(t.children[1]!.padding).toBe(7);
    expect(cells(t.children[2])).toEqual(["商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他"]);
    expect(t.children[2]!.padding).toBe(5);
  });

  it("reads 一 and 二 as a label and seven values", () => {
    expect(cells(byFirst("一、本年新收政府信息公开申请数量"))).toEqual(["一、本年新收政府信息公开申请数量", ...zeros(7)]);
    expect(cells(byFirst("二、上年结转政府信息公开申请数量"))).toEqual(["二、上年结转政府信息公开申请数量", ...zeros(7)]);
  });

  it("reads a rowspan group label with its first sub-row: (三)不予公开 | 1.属于国家秘密 | seven zeros", () => {
    const row = byFirst("(三)不予公开");
    expect(cells(row)).toEqual(["(三)不予公开", "1.属于国家秘密", ...zeros(7)]);
    // The row's closing `|` is a one-pipe padding run; if kept as a cell it must be blank and flagged.
    for (const extra of row!.children.slice(9)) expect(extra).toMatchObject({ value: "", ambiguous: true });
  });

  it("reads the row spanning two labels at the top of 三、本年度办理结果", () => {
    expect(cells(byFirst("三、本年度办理结果"))).toEqual(["三、本年度办理结果", "(一)予以公开", ...zeros(7)]);
  });

  it("reads sub-rows under a rowspan as a label and seven values", () => {
    for (const label of ["2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "8.属于行政查询事项", "2.重复申请", "3.其他", "(七)总计"]) {
      expect(cells(byFirst(label)), label).toEqual([label, ...zeros(7)]);
    }
  });

  it("keeps the rows in document order", () => {
    const firsts = t.children.slice(3).map((r) => r.children[0]!.value.replace(/^(.{6}).*$/, "$1"));
    expect(firsts).toEqual([
      "一、本年新收", "二、上年结转", "三、本年度办", "(二)部分公", "(三)不予公", "2.其他法律", "3.危及“三",
      "4.保护第三", "5.属于三类", "6.属于四类", "7.属于行政", "8.属于行政", "(四)无法提", "2.没有现成",
      "3.补正后申", "(五)不予处", "2.重复申请", "3.要求提供", "4.无正当理", "5.要求行政", "(六)其他处",
      "2.申请人逾", "3.其他", "(七)总计", "四、结转下年",
    ]);
  });

  it("keeps the last row (四、结转下年度继续办理), which the text ends without padding", () => {
    expect(cells(t.children[27])).toEqual(["四、结转下年度继续办理", ...zeros(7)]);
  });
});

describe("parse(seed): table 四 (15 columns)", () => {
  const t = tables[2]!;
  it("reads the three header rows, truncated labels as written", () => {
    expect(cells(t.children[0])).toEqual(["行政复议", "行政诉讼"]);
    expect(t.children[0]!.padding).toBe(13);
    expect(cells(t.children[1])).toEqual(["结果维持", "结果", "其他", "尚未", "总计", "未经复议直接起诉", "复议后起诉"]);
    expect(t.children[1]!.padding).toBe(8);
    expect(cells(t.children[2])).toEqual(["结果", "结果", "其他", "尚未", "总计", "结果", "结果", "其他", "尚未", "总计"]);
    expect(t.children[2]!.padding).toBe(5);
  });

  it("reads the data row as fifteen values", () => {
    expect(cells(t.children[3])).toEqual(zeros(15));
  });
});
