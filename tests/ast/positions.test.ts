/**
 * The tree is plain unist data: it survives JSON, every node sits inside its parent and the
 * text, cells and paragraphs slice back to their values, and line/column agree with offsets
 * (computed here independently) under LF, CRLF and CR line ends.
 */
import { describe, expect, it } from "vitest";
import type { Root, Table, TableRow } from "../../src/ast/types.js";
import { parse } from "../../src/parser/index.js";
import { contains, positionProblems, walk } from "../helpers/positions.js";
import { SEED } from "../helpers/seed.js";

const CRLF = SEED.replace(/\n/g, "\r\n");
const CR = SEED.replace(/\n/g, "\r");
/** A few extra shapes so that every node type and a blank cell are covered. */
const EXTRA = [
  "某某局2021年政府信息公开工作年度报告",
  "（一）主动公开情况。依托门户网站及时公开。",
  "一 概 述",
  "## 附件",
  "标题 |",
  "|||",
  "规章 |",
  "|",
  "0 |",
  "0 |",
  "规章 | 0 | 0 | 0 |",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "   尾部文字   ",
].join("\n");

/** The table summaries of a tree: width, form and the cell texts of every row. */
const tableShapes = (tree: Root) =>
  tree.children
    .filter((b): b is Table => b.type === "table")
    .map((t) => ({ columns: t.columns, form: t.form, rows: t.children.map((r: TableRow) => r.children.map((c) => c.value)) }));

describe.each([
  ["the seed (LF)", SEED],
  ["the seed with CRLF", CRLF],
  ["the seed with CR", CR],
  ["a mixed sample", EXTRA],
])("positions in %s", (_name, text) => {
  const { tree } = parse(text);

  it("survive JSON.parse(JSON.stringify(tree)) unchanged", () => {
    expect(JSON.parse(JSON.stringify(tree))).toStrictEqual(tree);
  });

  it("the root spans the whole text", () => {
    expect(tree.position.start.offset).toBe(0);
    expect(tree.position.end.offset).toBe(text.length);
  });

  it("every node lies inside the text and inside its parent", () => {
    for (const { node, parent } of walk(tree)) {
      expect(node.position.start.offset).toBeGreaterThanOrEqual(0);
      expect(node.position.end.offset).toBeLessThanOrEqual(text.length);
      expect(node.position.start.offset).toBeLessThanOrEqual(node.position.end.offset);
      if (parent) expect(contains(parent.position, node.position), `${node.type} in ${parent.type}`).toBe(true);
    }
  });

  it("siblings do not overlap and come in text order", () => {
    for (const { node } of walk(tree)) {
      if (!("children" in node)) continue;
      const kids = node.children as Array<{ position: { start: { offset: number }; end: { offset: number } } }>;
      for (let i = 1; i < kids.length; i++) {
        expect(kids[i]!.position.start.offset).toBeGreaterThanOrEqual(kids[i - 1]!.position.end.offset);
      }
    }
  });

  it("every line/column agrees with its offset", () => {
    for (const { node } of walk(tree)) {
      expect(positionProblems(text, node.position), node.type).toEqual([]);
    }
  });

  it("every table cell and paragraph slices back to its value", () => {
    let cells = 0;
    for (const { node } of walk(tree)) {
      if (node.type === "tableCell" || node.type === "paragraph") {
        expect(text.slice(node.position.start.offset, node.position.end.offset)).toBe(node.value);
        cells++;
      }
    }
    expect(cells).toBeGreaterThan(0);
  });

  it("every heading's span starts with its marker and holds its title", () => {
    for (const { node } of walk(tree)) {
      if (node.type !== "heading") continue;
      const slice = text.slice(node.position.start.offset, node.position.end.offset);
      const bare = slice.replace(/^#+[ \t]+/, "");
      expect(slice.startsWith(node.marker.raw) || bare.startsWith(node.marker.raw), slice).toBe(true);
      expect(slice.replace(/[ \t\u3000]/g, "").endsWith(node.value.replace(/[ \t\u3000]/g, "")), slice).toBe(true);
    }
  });
});

describe("line ends do not change the tables", () => {
  const lf = tableShapes(parse(SEED).tree);

  it("CR-only text gives the same tables as LF text", () => {
    expect(tableShapes(parse(CR).tree)).toEqual(lf);
  });

  // Regression (was a bug, now fixed): the lexer's BlankLines token matches a single `\r\n` (see tests/lexer/line-kinds.test.ts),
  // so every CRLF line break ends the table: the CRLF seed parses into 279 one-row tables.
  it("CRLF text gives the same tables as LF text (3 tables: 4×14, 10×28, 15×4)", () => {
    expect(tableShapes(parse(CRLF).tree)).toEqual(lf);
  });

  it("the LF reference itself has the seed's three tables", () => {
    expect(lf.map((t) => [t.columns, t.rows.length])).toEqual([
      [4, 14],
      [10, 28],
      [15, 4],
    ]);
  });
});

describe("a blank cell", () => {
  it("is zero-width at its pipe", () => {
    const text = "标题 |\n|||\n规章 |\n|\n0 |\n0 |\n";
    const table = parse(text).tree.children[0] as Table;
    const blank = table.children[1]!.children[1]!;
    expect(blank.value).toBe("");
    expect(blank.position.start.offset).toBe(text.indexOf("\n|\n") + 1);
    expect(blank.position.end.offset).toBe(blank.position.start.offset);
  });
});
