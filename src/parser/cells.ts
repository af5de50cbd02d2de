/**
 * Cutting table cells out of a line: white-space trimming by offsets, pipe counting and the
 * split of a row line into positioned cells. Shared by row cutting (rows.ts) and pipe-less
 * tables (pipeless.ts).
 */
import type { TableCell } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { isTrimSpace } from "../text/chars.js";

/** Offsets of `text` once surrounding white space (any Unicode space, as `trim`) is cut. */
export function trimmed(text: string, offset: number): { value: string; start: number; end: number } {
  return trimmedRange(text, 0, text.length, offset);
}

/**
 * `trimmed(text.slice(from, to), offset + from)` without building the slice: a cell line's
 * text is read up to its last pipe, and slicing it first cost a string per cell.
 */
export function trimmedRange(text: string, from: number, to: number, offset: number): { value: string; start: number; end: number } {
  let lo = from;
  let hi = to;
  while (lo < hi && isTrimSpace(text.charCodeAt(lo))) lo++;
  if (lo === hi) return { value: "", start: offset + from, end: offset + from };
  while (isTrimSpace(text.charCodeAt(hi - 1))) hi--;
  return { value: text.slice(lo, hi), start: offset + lo, end: offset + hi };
}

export const PIPE = 124;

/**
 * `s.lastIndexOf("|")`, as a loop: it runs for every cell line, and V8 implements
 * `lastIndexOf` as a call into the runtime that costs an order of magnitude more than
 * scanning the few characters a cell line has.
 */
export function lastPipe(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) === PIPE) return i;
  return -1;
}

export function countPipes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === PIPE) n++;
  return n;
}

export function cellNode(text: string, offset: number, index: LineIndex): TableCell {
  return cellNodeRange(text, 0, text.length, offset, index);
}

/** `cellNode(text.slice(from, to), offset + from, index)`, without the slice. */
export function cellNodeRange(text: string, from: number, to: number, offset: number, index: LineIndex): TableCell {
  const t = trimmedRange(text, from, to, offset);
  return { type: "tableCell", value: t.value, position: index.position(t.start, t.end) };
}

/**
 * Splits a row line `a | b | c |` (or markdown `| a | b |`) into cells with positions. In a
 * markdown table (`leadingPipeOpens`) a leading pipe opens the first cell; in a table whose
 * rows end each cell with a pipe (`a | b |`), a leading pipe closes an empty first cell
 * (` | 1 | 2 |`: a blank value before the others), which must keep its column.
 */
export function splitRowLine(image: string, offset: number, index: LineIndex, leadingPipeOpens = true): TableCell[] {
  const cells: TableCell[] = [];
  let start = 0;
  if (leadingPipeOpens) {
    while (start < image.length && (image.charCodeAt(start) === 0x20 || image.charCodeAt(start) === 0x09)) start++;
    start = image.charCodeAt(start) === PIPE ? start + 1 : 0;
  }
  // Cells are cut by offsets (cellNodeRange), not by slicing each out of the line first.
  for (let i = start; i < image.length; i++) {
    if (image.charCodeAt(i) === PIPE) {
      cells.push(cellNodeRange(image, start, i, offset, index));
      start = i + 1;
    }
  }
  if (start < image.length) {
    const tail = cellNodeRange(image, start, image.length, offset, index);
    if (tail.value !== "") cells.push(tail);
  }
  return cells;
}
