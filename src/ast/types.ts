/**
 * The syntax tree of a report, unist-style: every node has a `type` and a `position`,
 * parents have `children`, leaves have `value`. Nothing here refers to Chevrotain, so the
 * grammar engine can change without touching the normaliser. Trees survive
 * `JSON.parse(JSON.stringify(tree))` unchanged.
 */

// Point and Position belong to the source text (line index, diagnostics and every node use
// them); they live in source/position.ts and are re-exported here for the tree's readers.
import type { Position } from "../source/position.js";
export type { Point, Position } from "../source/position.js";

/**
 * How a heading is numbered. The style decides its depth in the outline: Chinese numerals
 * (一、) are the report's sections, parenthesised numerals (（一）) their parts, and so on.
 */
export type MarkerStyle =
  | "chinese" // 一、 一. 一 概述 —、
  | "paren-chinese" // （一） (一)
  | "arabic" // 1. 1、 1．
  | "paren-arabic" // （1） (1)
  | "ordinal" // 第一，
  | "markdown"; // ## title (no numeral)

/** The numbering of a heading as written and as a number. */
export interface HeadingMarker {
  style: MarkerStyle;
  /** 一 → 1, （三） → 3, 12. → 12; 0 for a markdown heading without a numeral. */
  ordinal: number;
  /** The marker exactly as in the text, e.g. `（一）` or `1.`. */
  raw: string;
}

/** Fields every node carries. */
export interface NodeBase {
  type: string;
  position: Position;
}

/** A numbered (or markdown) heading line. `value` is the title without its marker. */
export interface Heading extends NodeBase {
  type: "heading";
  /** 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）: the outline level its style implies. */
  depth: number;
  marker: HeadingMarker;
  value: string;
}

/** A line of prose. Scrapers print one `<p>` per line, so one line is one paragraph. */
export interface Paragraph extends NodeBase {
  type: "paragraph";
  value: string;
}

/** How the table was flattened in the text. */
export type TableForm = "cell-lines" | "row-lines" | "markdown" | "html" | "plain" | "box" | "aligned" | "tabs" | "pipes" | "glued";

/**
 * A table rebuilt from flattened text. `columns` is the grid width W the rows were cut with
 * (null when the text gave no padding line to learn it from).
 */
export interface Table extends NodeBase {
  type: "table";
  form: TableForm;
  columns: number | null;
  children: TableRow[];
}

/**
 * One `<tr>`. Cells hidden under a rowspan print nothing, so a row may hold fewer cells
 * than the table has columns; `padding` is the count of pipes that closed it.
 */
export interface TableRow extends NodeBase {
  type: "tableRow";
  padding: number;
  /**
   * Set when a padding run before or at this row did not add up to the table width: from
   * there on a row may have been cut in the wrong place, so its values are suspect.
   */
  uncertain?: boolean;
  children: TableCell[];
}

/**
 * One `<td>`. `value` is the cell text with surrounding white space trimmed; `position`
 * spans exactly that trimmed text in the source (zero-width for a blank cell). For text
 * input, slicing the source with it reproduces `value` — except a markdown cell holding
 * inline HTML or escapes, whose value is the slice's plain text; for HTML (and such cells)
 * it spans the cell's markup from its first to its last character of text
 * (`20</span><span>23` for 2023).
 */
export interface TableCell extends NodeBase {
  type: "tableCell";
  value: string;
  /**
   * True for a bare `|` line at the end of a row, which the flattened text cannot tell
   * apart from a one-pipe padding run; the normaliser, which knows how many values a row
   * must hold, decides.
   */
  ambiguous?: boolean;
  /** HTML and box-drawn tables only: the grid column the cell starts in (0-based), after rowspans. */
  column?: number;
  /** HTML and box-drawn tables only: how many grid columns the cell spans. */
  colspan?: number;
  /** HTML and box-drawn tables only: how many rows the cell spans. */
  rowspan?: number;
}

/** The document: blocks in text order. */
export interface Root extends NodeBase {
  type: "root";
  children: Block[];
}

/** Any child of the root. */
export type Block = Heading | Paragraph | Table;

/** Any node of the tree. */
export type AstNode = Root | Block | TableRow | TableCell;
