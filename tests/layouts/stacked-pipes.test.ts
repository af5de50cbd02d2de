/**
 * html2text (`body_width = 0`) on a page whose cells hold paragraphs: each cell's text on
 * lines of its own, a lone `|` between cells, a row ended by a hard break (two spaces, then a
 * line of two spaces). A blank cell prints `| ` and a line holding one space: that line is a
 * blank value, not the end of the row. The texts are written as html2text prints them.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/ast/types.js";
import { applyLayouts } from "../../src/layouts/index.js";
import { parseReport } from "../../src/parse-report.js";
import { parse } from "../../src/parser/index.js";
import { LineIndex } from "../../src/source/line-index.js";

function tables(text: string): Table[] {
  const index = new LineIndex(text);
  return applyLayouts(parse(text, index).tree, index, []).children.filter((b): b is Table => b.type === "table");
}

/** One row as html2text prints it: cells between lone pipes, a blank cell as a single space. */
const row = (...cells: string[]) => cells.map((c) => (c === "" ? " " : c)).join("\n\n| \n\n") + "  \n  \n";

describe("html2text paragraph cells with a blank cell", () => {
  const text =
    "二、主动公开政府信息情况\n\n" +
    row("第二十条第（一）项") +
    row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量") +
    row("规章", "0", "", "9") +
    row("规范性文件", "0", "0", "290");

  it("keeps the row going past the blank cell's one-space line", () => {
    const t = tables(text).find((x) => x.form === "pipes")!;
    expect(t.children.map((r) => r.children.map((c) => c.value))).toEqual([
      ["第二十条第（一）项"],
      ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
      ["规章", "0", "", "9"],
      ["规范性文件", "0", "0", "290"],
    ]);
  });

  it("reads the blank as null and the value after it in its own column", () => {
    const report = parseReport(text);
    expect(report.proactive?.rules).toEqual({ made: 0, published: null, totalPublished: 9 });
  });
});
