/**
 * html2text's pipe tables when the page's cells hold paragraphs (Word-pasted `<p>` inside
 * `<td>`): every cell's text lands on lines of its own, the `|` between cells on a line of
 * its own, and a row ends with markdown's hard break (a line ending in two spaces, then a
 * line of spaces):
 *
 *     信息内容            ← cell
 *                          ← (blank)
 *     |                    ← next cell
 *     本年新制作数量
 *     …
 *     对外公开总数量␠␠     ← last cell, hard break
 *     ␠␠                   ← row ends
 *
 * The grammar sees lone `|` lines (padding runs) between prose, and cuts rows by padding
 * arithmetic that this layout does not follow. This reader rebuilds the rows from the
 * separators and the hard breaks, one `<tr>` a row, as the HTML-row reading expects.
 */
import type { Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

const LONE_PIPE = /^[ \t]*\|[ \t]*$/;
/** A whitespace-only line that is not empty: html2text's `  ` after a hard break. */
const HARD_BREAK_LINE = /^[ \t]+$/;
const DELIMITER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
/** A line that can be (part of) a cell: short, not a sentence. */
const CELL_TEXT = /^[^。；;]{1,80}$/;

/** Whether the lines of a grammar table are this layout (so the reader may read them again). */
export function brokenPipeLines(lines: readonly SourceLine[]): boolean {
  let pipes = 0;
  let breaks = 0;
  for (const l of lines) {
    if (LONE_PIPE.test(l.text)) pipes++;
    else if (/\S[ \t]{2,}$/.test(l.text)) breaks++;
  }
  return pipes >= 3 && breaks >= 1;
}

const isRegionLine = (t: string) => t === "" || LONE_PIPE.test(t) || HARD_BREAK_LINE.test(t) || DELIMITER.test(t) || CELL_TEXT.test(t);

/** Reads the rows of one region; null when it holds fewer than two rows of two cells. */
function readRegion(lines: readonly SourceLine[], from: number, to: number, index: LineIndex): Table | null {
  const rows: TableRow[] = [];
  let cells: TableCell[] = [];
  let text: Array<{ s: number; e: number; v: string }> = [];
  const closeCell = (at: number) => {
    if (text.length === 0) cells.push({ type: "tableCell", value: "", position: index.position(at, at) });
    else cells.push({ type: "tableCell", value: text.map((t) => t.v).join(""), position: index.position(text[0]!.s, text[text.length - 1]!.e) });
    text = [];
  };
  const closeRow = (at: number) => {
    if (text.length > 0 || cells.length > 0) closeCell(at);
    if (cells.length > 0 && cells.some((c) => c.value !== "")) {
      rows.push({ type: "tableRow", padding: 0, children: cells, position: index.position(cells[0]!.position.start.offset, cells[cells.length - 1]!.position.end.offset) });
    }
    cells = [];
  };
  for (let i = from; i <= to; i++) {
    const line = lines[i]!;
    const t = line.text;
    if (t === "") continue;
    if (LONE_PIPE.test(t)) {
      closeCell(line.offset + t.indexOf("|"));
      continue;
    }
    if (HARD_BREAK_LINE.test(t) || DELIMITER.test(t)) {
      closeRow(line.offset);
      continue;
    }
    // Text, possibly with pipes of its own (cells that printed inline).
    let k = 0;
    for (;;) {
      const p = t.indexOf("|", k);
      const piece = t.slice(k, p < 0 ? t.length : p);
      const lead = piece.length - piece.trimStart().length;
      const v = piece.trim();
      if (v !== "") text.push({ s: line.offset + k + lead, e: line.offset + k + lead + v.length, v });
      if (p < 0) break;
      closeCell(line.offset + p);
      k = p + 1;
    }
  }
  closeRow(lines[to]!.offset + lines[to]!.text.length);
  if (rows.filter((r) => r.children.length >= 2).length < 2) return null;
  const last = lines[to]!;
  return { type: "table", form: "pipes", columns: null, children: rows, position: index.position(lines[from]!.offset, last.offset + last.text.length) };
}

/** Claims regions of lone-`|` separators between short cell lines, ended by hard breaks. */
export const readBrokenPipes: LayoutReader = (lines, index) => {
  const claims: LayoutClaim[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!LONE_PIPE.test(lines[i]!.text)) {
      i++;
      continue;
    }
    // Grow the region both ways over lines this layout can hold, keeping adjacency.
    const adjacent = (a: SourceLine, b: SourceLine) => b.offset <= a.offset + a.text.length + 2;
    let from = i;
    while (from > 0 && adjacent(lines[from - 1]!, lines[from]!) && isRegionLine(lines[from - 1]!.text) && !claims.some((c) => c.last >= from - 1)) from--;
    let to = i;
    while (to + 1 < lines.length && adjacent(lines[to]!, lines[to + 1]!) && isRegionLine(lines[to + 1]!.text)) to++;
    // The region starts at the row before the first separator: back up to the last hard break before it.
    let start = from;
    for (let k = i - 1; k >= from; k--) {
      if (HARD_BREAK_LINE.test(lines[k]!.text) || DELIMITER.test(lines[k]!.text)) {
        start = k;
        break;
      }
      if (k === from) start = from;
    }
    // Without a hard break before the first separator, the first cell is the nearest text line above.
    if (start === from) {
      let k = i - 1;
      while (k > from && lines[k]!.text.trim() === "") k--;
      start = Math.max(from, k);
      // Captions stacked above (第二十条第（一）项, 信息内容) belong to the table too.
      while (start > from && lines[start - 1]!.text.trim() !== "" && !LONE_PIPE.test(lines[start - 1]!.text)) start--;
    }
    let pipes = 0;
    for (let k = start; k <= to; k++) if (LONE_PIPE.test(lines[k]!.text)) pipes++;
    const table = pipes >= 3 ? readRegion(lines, start, to, index) : null;
    if (table) claims.push({ first: start, last: to, blocks: [table] });
    i = to + 1;
  }
  return claims;
};
