/**
 * The readers for what markdown converters and browsers print (the real tools run in
 * tests/tools/zoo.test.ts; these pin each reader's rules on small texts written by hand).
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse-report.js";
import { parse } from "../../src/parser/index.js";
import { inlineText } from "../../src/parser/cells.js";
import { applyLayouts } from "../../src/layouts/index.js";
import { hasStarLine } from "../../src/layouts/emphasis.js";
import { LineIndex } from "../../src/source/line-index.js";
import type { Table } from "../../src/ast/types.js";
import * as fc from "fast-check";
import { renderGlued, reportArbitrary } from "../../src/testing/index.js";
import { looksLikeHtml } from "../../src/html/index.js";

function tables(text: string): Table[] {
  const index = new LineIndex(text);
  return applyLayouts(parse(text, index).tree, index, []).children.filter((b): b is Table => b.type === "table");
}

const cells = (t: Table) => t.children.map((r) => r.children.map((c) => c.value));

const REQUEST_ROW = "一、本年新收政府信息公开申请数量";

describe("tab rows (innerText, copy-paste)", () => {
  it("reads a tab-separated table, blank fields as blank cells, each cell positioned on its text", () => {
    const text = `信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t\t9\n行政规范性文件\t4\t0\t17\n`;
    const [t] = tables(text);
    expect(t!.form).toBe("tabs");
    expect(cells(t!)).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "", "9"],
      ["行政规范性文件", "4", "0", "17"],
    ]);
    for (const c of t!.children.flatMap((r) => r.children)) expect(text.slice(c.position.start.offset, c.position.end.offset)).toBe(c.value);
  });

  it("does not take one tab in prose for a table", () => {
    expect(tables("本年度共收到申请\t5件。\n下一步将继续加强。\n")).toEqual([]);
  });

  it("reads paragraph cells between lone tabs, rows ended by empty lines", () => {
    const text = ["第二十条第（一）项", "", "", "", "信息内容", "", "\t", "", "本年制发件数", "", "\t", "", "本年废止件数", "", "", "", "规章", "", "\t", "", "7", "", "\t", "", "0", "", "", ""].join("\n");
    const [t] = tables(text);
    expect(t!.form).toBe("tabs");
    expect(cells(t!)).toEqual([["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数"], ["规章", "7", "0"]]);
  });
});

describe("pipe rows without outer pipes (html2text)", () => {
  it("reads `a| b| c` rows under a `---|---` delimiter, trailing hard-break spaces dropped", () => {
    const text = `${REQUEST_ROW}| 64| 0| 0| 2| 0| 4| 70  \n二、上年结转政府信息公开申请数量| 1| 0| 0| 0| 0| 0| 1  \n`;
    const [t] = tables(`申请人情况| 自然人  \n---|---  \n${text}`);
    expect(t!.form).toBe("pipes");
    expect(cells(t!).slice(-2)).toEqual([
      [REQUEST_ROW, "64", "0", "0", "2", "0", "4", "70"],
      ["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"],
    ]);
  });

  it("reads cells on lines of their own between lone `|` lines, a row ending at a hard break", () => {
    const text = ["信息内容", "", "|", "", "本年制发件数", "", "|", "", "本年废止件数  ", "  ", "规章", "", "|", "", "3", "", "|", "", "", "", "|", "", "5  ", "  "].join("\n");
    const [t] = tables(text);
    expect(cells(t!)).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数"],
      ["规章", "3", "", "5"],
    ]);
  });
});

describe("markdown converters", () => {
  it("a bold section title is a heading, so the table after it belongs to its section", () => {
    const index = new LineIndex("**四、政府信息公开行政复议、行政诉讼情况**\n");
    const tree = applyLayouts(parse(index.text, index).tree, index, []);
    expect(tree.children[0]).toMatchObject({ type: "heading", depth: 1, value: "政府信息公开行政复议、行政诉讼情况" });
  });

  it("org's single-star bold title is a heading too; an org heading line (`* x`) and a list are not emphasis", () => {
    const text = "*四、政府信息公开行政复议、行政诉讼情况*\n\n| 行政复议 | 行政诉讼 |\n|---+---|\n| 1 | 2 |\n";
    const index = new LineIndex(text);
    const tree = applyLayouts(parse(text, index).tree, index, []);
    expect(tree.children[0]).toMatchObject({ type: "heading", depth: 1, value: "政府信息公开行政复议、行政诉讼情况" });
    expect(hasStarLine(text)).toBe(true);
    expect(hasStarLine("正文\n* 一项\n** 二项\n")).toBe(false);
  });

  it("a raw <table> inside markdown is read as HTML, positions in the whole text", () => {
    const text = "# 报告\n\n| 索引号 | 1 |\n|---|---|\n\n<table>\n<tr><td colspan=\"2\">第二十条第（一）项</td></tr>\n<tr><td>规章</td><td><span>1</span><span>2</span></td></tr>\n</table>\n";
    const all = tables(text);
    const html = all.find((t) => t.form === "html")!;
    const value = html.children[1]!.children[1]!;
    expect(value.value).toBe("12");
    expect(text.slice(value.position.start.offset, value.position.end.offset)).toBe("1</span><span>2");
  });

  it("a <table> kept as HTML with a tag or a cell's text per line (html2text bypass_tables) is read as HTML, not as pipe-less cells", () => {
    const cell = (v: string) => `<td>\n\n${v}\n\n</td>  `;
    const rows = [
      [REQUEST_ROW, "3", "0", "1", "0", "0", "2", "6"],
      ["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"],
      ["（一）予以公开", "2", "0", "1", "0", "0", "1", "4"],
    ];
    const text = `三、收到和处理政府信息公开申请情况\n\n<table>  \n${rows.map((r) => `<tr>  \n${r.map(cell).join("\n")}</tr>  `).join("\n")}\n</table>\n`;
    const all = tables(text);
    expect(all.map((t) => t.form)).toEqual(["html"]);
    expect(cells(all[0]!)).toEqual(rows);
  });

  it("a [TABLE] placeholder (pandoc -t plain, table too wide) is reported at its line with the table of its section", () => {
    const text = "某某局2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n[TABLE]\n\n四、政府信息公开行政复议、行政诉讼情况\n\n[TABLE]\n";
    const r = parseReport(text);
    const omitted = r.diagnostics.filter((d) => d.code === "table-omitted");
    expect(omitted.map((d) => [d.severity, d.path, text.slice(d.position.start.offset, d.position.end.offset)])).toEqual([
      ["warning", "requests", "[TABLE]"],
      ["warning", "reviewsAndLawsuits", "[TABLE]"],
    ]);
    // The tables stay missing: nothing is read from a placeholder.
    expect(r.diagnostics.filter((d) => d.code === "missing-table").map((d) => d.path)).toEqual(expect.arrayContaining(["requests", "reviewsAndLawsuits"]));
  });

  it("inline HTML, entities and escapes leave a cell's value, not its position", () => {
    expect(inlineText('<span style="font-family:仿宋">20</span><span>23</span>')).toBe("2023");
    expect(inlineText("\\-8")).toBe("-8");
    expect(inlineText("<o:p>&nbsp;</o:p>")).toBe("");
    expect(inlineText("&nbsp;")).toBe("&nbsp;");
    expect(inlineText("规章")).toBe("规章");
  });

  it("a converter's output wrapped in the page's <div> is markdown, not an HTML page", () => {
    const text = `<div class="article">\n\n# 示例县政府2022年度政府信息公开工作年度报告\n\n**三、收到和处理政府信息公开申请情况**\n\n| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n| ${REQUEST_ROW} | 64 | 0 | 0 | 2 | 0 | 4 | 70 |\n\n</div>\n`;
    const r = parseReport(text);
    expect(r.source.form).toBe("markdown");
    expect(r.requests?.newReceived?.total).toBe(70);
  });
});

describe('get_text("\\t") (BeautifulSoup): every row wrapped in tabs', () => {
  // Each text node between tabs, the line breaks between tags too, so every row line starts
  // and ends with a tab; the numbers are text nodes, not cells (Word's spans cut them).
  const text = [
    "某某局2021年政府信息公开工作年度报告\t",
    "\t三、收到和处理政府信息公开申请情况\t",
    `\t${REQUEST_ROW}\t1\t0\t0\t0\t0\t2\t3\t`,
    "\t二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t",
    "",
  ].join("\n");

  it("is not read as tab-separated cells with a blank first and last", () => {
    expect(tables(text).some((t) => t.form === "tabs")).toBe(false);
  });

  it("is read as text nodes: 三 of a rendered page comes back whole", () => {
    const [m] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed: 4242, numRuns: 1 });
    const page = renderGlued(m!, { separator: "\t" });
    expect(page).toMatch(/\n\t一、本年新收[^\n]*\t\n/);
    const r = parseReport(page);
    expect(r.requests?.newReceived).toEqual(m!.requests!.newReceived);
    expect(r.requests?.results?.total).toEqual(m!.requests!.results!.total);
  });

  it("leaves innerText rows whose first cell is blank in one row only as tab cells", () => {
    const inner = `信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\t0\t\t9\n行政规范性文件\t4\t0\t17\n`;
    expect(tables(inner)[0]!.form).toBe("tabs");
  });
});

describe("a converter's markup inside the page's kept wrapper (pandoc textile)", () => {
  const rows = ["|第二十条第（一）项||||", "|信息内容|本年制发件数|本年废止件数|现行有效件数|", "|规章|0|7|0|", "|行政规范性文件|3|0|15|"];
  const body = ["某某局2021年政府信息公开工作年度报告", "", "*二、主动公开政府信息情况*", "", ...rows, "", "*五、存在的主要问题及改进情况*", "", "无。", ""];
  const text = ['<div class="article">', "", ...body, "</div>", ""].join("\n");

  it("is read as that markup, not as HTML: two tags in a text of many lines are a wrapper", () => {
    const r = parseReport(text);
    expect(r.proactive?.rules).toEqual({ issued: 0, repealed: 7, inForce: 0 });
    expect(r.proactive?.normativeDocuments).toEqual({ issued: 3, repealed: 0, inForce: 15 });
  });

  it("leaves a fragment with tags on its lines HTML", () => {
    expect(looksLikeHtml(text)).toBe(false);
    const html = `<div class="article">\n<p>某某局2021年政府信息公开工作年度报告</p>\n<table>\n<tr><td>规章</td><td>0</td><td>7</td><td>0</td></tr>\n</table>\n</div>\n`;
    expect(looksLikeHtml(html)).toBe(true);
    expect(looksLikeHtml(`<table><tr><td>规章</td><td>0</td></tr></table>`)).toBe(true);
  });
});
