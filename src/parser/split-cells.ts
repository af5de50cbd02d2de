/**
 * Gluing back table blocks that a header cell or a row broken over two lines (a `<br>` inside
 * a cell) cut apart, before rows are cut.
 */
import type { IToken } from "chevrotain";
import type { LineBlock } from "./parser.js";
import { CellLine, RowLine } from "../lexer/tokens.js";
import { CELL_WITH_PADDING, type TableSource } from "./rows.js";

/** A line with a pipe and no full stop: what the head of a row line broken inside a cell looks like. */
const ROW_FRAGMENT = /^[^。；;]*\|[^。；;]*$/;

/** Whether a line opens with a pipe (a row's leading pipe: the continuation of a broken cell never does). */
const opensWithPipe = (t: IToken): boolean => /^[ \t]*\|/.test(t.image);

/** A short line with no sentence punctuation: what half a header cell looks like. */
const CELL_FRAGMENT = /^[^。，,；;：:]{1,16}$/;

/**
 * Joins table blocks that a header cell broken over two lines (`本年新` / `制作数量 |`) has
 * cut apart. Only mid-row: the first table must end on a cell (no padding yet) and the
 * second start with one, so a caption between two tables is never glued on.
 */
export function mergeSplitCells(blocks: LineBlock[]): Array<LineBlock | { kind: "table"; lines: TableSource }> {
  const out: Array<LineBlock | { kind: "table"; lines: TableSource }> = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = out[out.length - 1];
    const next = blocks[i + 1];
    // `信息内容 | 上一年` / `项目数量 | 本年增/` / `减 |`, or `商业` / `企业 | 科研 |`: a row
    // line broken inside cells, between two runs of table lines (not ending in a pipe, its
    // parts lex as prose). A row when a part holds a pipe, or when the table is in row
    // lines on both sides; a part without a pipe is a short paragraph (a numbered heading
    // there is a heading, never half a cell).
    if ((b.kind === "paragraph" || b.kind === "heading") && prev?.kind === "table") {
      const parts: IToken[] = [];
      let piped = false;
      let j = i;
      for (; j < blocks.length; j++) {
        const f = blocks[j]!;
        if (f.kind !== "paragraph" && f.kind !== "heading") break;
        // A second line that opens with a pipe, after a first that did, starts a row of its
        // own: the first lost its closing pipe (Debian html2text cuts cells in bytes and can
        // cut it off), it was not broken inside a cell.
        if (parts.length > 0 && opensWithPipe(parts[0]!) && opensWithPipe(f.token)) break;
        const row = ROW_FRAGMENT.test(f.token.image);
        if (!row && !(f.kind === "paragraph" && CELL_FRAGMENT.test(f.token.image.trim()))) break;
        piped ||= row;
        parts.push(f.token);
      }
      const after = blocks[j];
      const tail = after?.kind === "table" ? after.lines[0] : undefined;
      const last = prev.lines[prev.lines.length - 1]!;
      const rowsBefore = "split" in last ? last.row === true : last.tokenType === RowLine;
      if (
        parts.length > 0 &&
        after?.kind === "table" &&
        (tail?.tokenType === CellLine || tail?.tokenType === RowLine) &&
        (piped || (rowsBefore && tail.tokenType === RowLine)) &&
        !(opensWithPipe(parts[0]!) && opensWithPipe(tail))
      ) {
        out[out.length - 1] = { kind: "table", lines: [...prev.lines, { split: [...parts, tail], row: true }, ...after.lines.slice(1)] };
        i = j;
        continue;
      }
    }
    if (
      (b.kind === "paragraph" || b.kind === "heading") &&
      prev?.kind === "table" &&
      next?.kind === "table" &&
      CELL_FRAGMENT.test(b.token.image.trim())
    ) {
      const lastLine = prev.lines[prev.lines.length - 1]!;
      const firstNext = next.lines[0]!;
      // Mid-row: the last line so far is a cell (or a cell glued from a split line itself).
      const endsOnCell = "split" in lastLine ? !lastLine.row : lastLine.tokenType === CellLine;
      if (endsOnCell && (firstNext.tokenType === CellLine || (firstNext.tokenType === RowLine && CELL_WITH_PADDING.test(firstNext.image)))) {
        out[out.length - 1] = { kind: "table", lines: [...prev.lines, { split: [b.token, firstNext] }, ...next.lines.slice(1)] };
        i++;
        continue;
      }
    }
    out.push(b.kind === "table" ? { kind: "table", lines: [...b.lines] } : b);
  }
  return out;
}
