/**
 * Cutting flattened tables into rows, on tables written by hand. In the cell-per-line form a row
 * prints its cells as `text |` lines and is closed by a run of `W − n` pipes; the first padding
 * run fixes W. A blank cell is a bare `|`, told from padding by the arithmetic of W.
 */
import { describe, expect, it } from "vitest";
import type { Table } from "../../src/ast/types.js";
import type { Diagnostic } from "../../src/model/types.js";
import { parse } from "../../src/parser/index.js";
import { positionProblems } from "../helpers/positions.js";

/** The one table of `text`, its rows as cell texts, and the parse diagnostics. */
function table(text: string): { table: Table; rows: string[][]; diagnostics: Diagnostic[] } {
  const { tree, diagnostics } = parse(text);
  const tables = tree.children.filter((b): b is Table => b.type === "table");
  expect(tables, "exactly one table").toHaveLength(1);
  const t = tables[0]!;
  for (const d of diagnostics) expect(positionProblems(text, d.position)).toEqual([]);
  return { table: t, rows: t.children.map((r) => r.children.map((c) => c.value)), diagnostics };
}
const lines = (...ls: string[]) => ls.join("\n");

describe("cell-per-line tables", () => {
  it("learns W from the first padding run and lets full rows close themselves", () => {
    const { table: t, rows, diagnostics } = table(
      lines("第二十条第(一)项 |", "|||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |", "规章 |", "1 |", "2 |", "3 |"),
    );
    expect(t.columns).toBe(4);
    expect(t.form).toBe("cell-lines");
    expect(rows).toEqual([["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "2", "3"]]);
    expect(t.children.map((r) => r.padding)).toEqual([3, 0, 0]);
    expect(diagnostics).toEqual([]);
  });

  it("closes short rows at their padding (rowspan cells print nothing)", () => {
    const { table: t, rows } = table(lines("a |", "b |", "c |", "|", "d |", "e |", "||", "f |", "|||"));
    // W = 4 from the padding arithmetic, so the bare `|` after three cells is either a blank
    // fourth cell or a one-pipe padding: kept as an ambiguous blank, which the normaliser
    // drops when the row already has all its values.
    expect(t.columns).toBe(4);
    expect(rows).toEqual([["a", "b", "c", ""], ["d", "e"], ["f"]]);
    expect(t.children[0]!.children[3]!.ambiguous).toBe(true);
  });

  it("reads a bare `|` in the middle of a row as a blank cell", () => {
    const text = lines("标题 |", "|||", "规章 |", "|", "0 |", "0 |", "行政规范性文件 |", "1 |", "2 |", "3 |");
    const { table: t, rows, diagnostics } = table(text);
    expect(rows).toEqual([["标题"], ["规章", "", "0", "0"], ["行政规范性文件", "1", "2", "3"]]);
    const blank = t.children[1]!.children[1]!;
    expect(blank.ambiguous).toBeFalsy();
    expect(diagnostics).toEqual([]);
  });

  it("reads two bare pipes in a row as two blank cells", () => {
    const { rows } = table(lines("a |", "b |", "c |", "|", "d |", "|", "|", "f |"));
    expect(rows).toEqual([["a", "b", "c"], ["d", "", "", "f"]]);
  });

  it("flags a bare `|` that could end a row either as a blank last cell or as padding", () => {
    const { table: t } = table(lines("x |", "||", "a |", "b |", "|", "c |", "d |", "e |"));
    expect(t.columns).toBe(3);
    const row = t.children[1]!;
    expect(row.children.map((c) => c.value)).toEqual(["a", "b", ""]);
    expect(row.children[2]!.ambiguous).toBe(true);
    expect(t.children[2]!.children.map((c) => c.value)).toEqual(["c", "d", "e"]);
  });

  it("reports a padding run that does not fill the width (padding-mismatch) at that run", () => {
    const text = lines("a |", "|||", "b |", "c |", "||||", "d |", "e |", "f |", "g |");
    const { rows, diagnostics } = table(text);
    expect(rows).toEqual([["a"], ["b", "c"], ["d", "e", "f", "g"]]);
    expect(diagnostics.map((d) => d.code)).toEqual(["padding-mismatch"]);
    const d = diagnostics[0]!;
    expect(d.severity).toBe("warning");
    const at = text.indexOf("||||");
    expect([d.position.start.offset, d.position.end.offset]).toEqual([at, at + 4]);
  });

  it("reports a table with no padding line (table-width-unknown) and leaves its width null", () => {
    const text = lines("规章 |", "0 |", "0 |", "0 |", "行政规范性文件 |", "0 |", "其后的正文。");
    const { table: t, diagnostics } = table(text);
    expect(t.columns).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(["table-width-unknown"]);
    expect(diagnostics[0]!.position.start.offset).toBe(0);
  });

  it("skips pipe lines before the first cell (a lone `|` printed before every row)", () => {
    const { rows } = table(lines("|", "标题 |", "||", "|", "规章 |", "0 |", "0 |"));
    expect(rows).toEqual([["标题"], ["规章", "0", "0"]]);
  });

  it("spans each row from its first cell line to the line that closes it", () => {
    const text = lines("a |", "b |", "|", "c |", "d |", "e |");
    const { table: t } = table(text);
    const [r1, r2] = t.children;
    expect([r1!.position.start.offset, r1!.position.end.offset]).toEqual([0, text.indexOf("|\nc") + 1]);
    expect([r2!.position.start.offset, r2!.position.end.offset]).toEqual([text.indexOf("c |"), text.length]);
  });

  it("keeps cell text as written, trimmed, with inner spaces", () => {
    const { rows } = table(lines("  商业 企业  |", "科研 机构 |", "|"));
    expect(rows).toEqual([["商业 企业", "科研 机构"]]);
  });
});

describe("row terminators (formats.md § F: the last cell of a row may end in ` | |`)", () => {
  // Regression (was a bug, now fixed): `0 | |` lexes as a RowLine, which build.ts splits into its own row ["0", ""] and which
  // closes the row being collected, so the table comes out as
  // [["信息内容","本年制发件数","本年废止件数"], ["现行有效件数",""], ["规章","0","0"], ["0",""]]
  // with columns null and no diagnostic.
  it("reads `text | |` as the last cell of its row", () => {
    const { table: t, rows } = table(
      lines("信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 | |", "规章 |", "0 |", "0 |", "0 | |"),
    );
    expect(rows).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
    ]);
    expect(t.columns).toBe(4);
  });
});

describe("row-per-line tables", () => {
  it("reads one row per line, W = the widest row", () => {
    const { table: t, rows, diagnostics } = table(
      lines("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "规章 | 0 | 0 | 0 |", "行政规范性文件 | 1 | 2 | 3 |"),
    );
    expect(t.form).toBe("row-lines");
    expect(t.columns).toBe(4);
    expect(rows).toEqual([
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
      ["行政规范性文件", "1", "2", "3"],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("keeps blank cells between pipes, drops a leading pipe", () => {
    const { rows } = table(lines("| 规章 |  | 0 | 0 |", "行政许可 | 5346 |"));
    expect(rows).toEqual([
      ["规章", "", "0", "0"],
      ["行政许可", "5346"],
    ]);
  });

  it("slices every cell back to its value", () => {
    const text = lines("规章 | 0 | 12 |  3  |", "| 行政许可 | 5346 |");
    const { table: t } = table(text);
    for (const row of t.children) {
      for (const c of row.children) expect(text.slice(c.position.start.offset, c.position.end.offset)).toBe(c.value);
    }
  });
});

describe("markdown tables", () => {
  it("skips the delimiter row and reads the rest", () => {
    const { table: t, rows } = table(lines("| 信息内容 | 本年处理决定数量 |", "|---|---|", "| 行政许可 | 5346 |", "| 行政处罚 | 0 |"));
    expect(t.form).toBe("markdown");
    expect(t.columns).toBe(2);
    expect(rows).toEqual([
      ["信息内容", "本年处理决定数量"],
      ["行政许可", "5346"],
      ["行政处罚", "0"],
    ]);
  });

  it("accepts aligned delimiters", () => {
    const { rows } = table(lines("| a | b |", "| :--- | ---: |", "| 1 | 2 |"));
    expect(rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

describe("table boundaries", () => {
  it("a blank line or a prose line ends a table", () => {
    const { tree } = parse(lines("a |", "|", "", "b |", "|", "正文", "c |", "|"));
    expect(tree.children.map((b) => b.type)).toEqual(["table", "table", "paragraph", "table"]);
  });

  it("a pipe run with no cells is not a table", () => {
    const { tree } = parse(lines("正文", "||||||||||", "正文"));
    expect(tree.children.map((b) => b.type)).toEqual(["paragraph", "paragraph"]);
  });
});
