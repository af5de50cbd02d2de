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
 * A browser's `innerText` of the same page does likewise with tabs: each cell's paragraph on
 * its own lines, a lone tab between cells, and two or more empty lines between rows.
 *
 * The grammar sees lone `|` lines (padding runs) between prose, and cuts rows by padding
 * arithmetic that this layout does not follow. This reader rebuilds the rows from the
 * separators and the row ends, one `<tr>` a row, as the HTML-row reading expects.
 */
import type { Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { BARE_SECTION_TITLES } from "../templates/titles.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

const LONE_PIPE = /^[ \t]*\|[ \t]*$/;
const LONE_TAB = /^ *\t *$/;

/** The two styles: which line separates cells, which character separates inline cells, where a row ends. */
interface Style {
  form: "pipes" | "tabs";
  separator: RegExp;
  inline: string;
  /** Whether line `i` ends the current row. */
  rowEnd(lines: readonly SourceLine[], i: number): boolean;
}

const PIPES: Style = {
  form: "pipes",
  separator: LONE_PIPE,
  inline: "|",
  rowEnd: (lines, i) => ROW_END_LINE.test(lines[i]!.text) || DELIMITER.test(lines[i]!.text),
};

const TABS: Style = {
  form: "tabs",
  separator: LONE_TAB,
  inline: "\t",
  // Inside a row one empty line stands between a cell and its tab; between rows, two or more.
  rowEnd: (lines, i) => lines[i]!.text === "" && i + 1 < lines.length && lines[i + 1]!.text === "" && (i === 0 || lines[i - 1]!.text !== ""),
};
/** A whitespace-only line that is not empty: html2text's `  ` after a hard break. */
const HARD_BREAK_LINE = /^ +$/;
/**
 * The line that ends a row: html2text's hard break leaves two spaces on a line of their own.
 * A blank cell prints one (`| ` then a line holding a single space), which is no row end.
 */
const ROW_END_LINE = /^ {2,}$/;
const DELIMITER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
/** A caption row above a table: 第二十条第（一）项 and its kin. */
const CAPTION_ROW = /^第二十条|^第二十條/;

/** A line that can be (part of) a cell: short, not a sentence. */
const CELL_TEXT = /^[^。；;]{1,80}$/;

/**
 * Whether the lines of a grammar table are this layout, so the reader may read them again:
 * the grammar takes lone `|` lines for padding runs, and the paragraph cells between lone
 * tabs for a pipe-less table.
 */
export function brokenPipeLines(lines: readonly SourceLine[]): boolean {
  let pipes = 0;
  let breaks = 0;
  let tabs = 0;
  for (const l of lines) {
    if (LONE_PIPE.test(l.text)) pipes++;
    else if (LONE_TAB.test(l.text)) tabs++;
    else if (/\S[ \t]{2,}$/.test(l.text)) breaks++;
  }
  return (pipes >= 3 && breaks >= 1) || tabs >= 3;
}

/** A section title on its own line (`**三、收到和处理政府信息公开申请情况**`): a table never spans one. */
function isSectionTitle(t: string): boolean {
  const core = t.replace(/[*_#\s]/g, "").replace(/^[一二三四五六七八九十]+[、.．]/, "");
  return SECTION_TITLES.has(core);
}

const SECTION_TITLES = new Set(BARE_SECTION_TITLES.map((t) => t.replace(/\s/g, "")));

/**
 * Lines between two separators of one table: a cell's paragraphs and the empty lines around
 * them. More than this many lines without a separator end the table.
 */
const MAX_GAP = 14;

const isRegionLine = (t: string, style: Style) =>
  !isSectionTitle(t) && (t === "" || style.separator.test(t) || HARD_BREAK_LINE.test(t) || DELIMITER.test(t) || CELL_TEXT.test(t));

/** Reads the rows of one region; null when it holds fewer than two rows of two cells. */
function readRegion(lines: readonly SourceLine[], from: number, to: number, index: LineIndex, style: Style): Table | null {
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
    if (style.rowEnd(lines, i)) {
      closeRow(line.offset);
      continue;
    }
    if (t === "") continue;
    if (style.separator.test(t)) {
      closeCell(line.offset + t.indexOf(style.inline));
      continue;
    }
    if (HARD_BREAK_LINE.test(t)) continue;
    // Text, possibly with pipes of its own (cells that printed inline).
    let k = 0;
    for (;;) {
      const p = t.indexOf(style.inline, k);
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
  return { type: "table", form: style.form, columns: null, children: rows, position: index.position(lines[from]!.offset, last.offset + last.text.length) };
}

/** Claims regions of lone-`|` (or lone-tab) separators between short cell lines. */
export const readBrokenPipes: LayoutReader = (lines, index) => {
  const claims: LayoutClaim[] = [];
  for (const style of [PIPES, TABS]) readStyle(lines, index, style, claims);
  return claims.sort((a, b) => a.first - b.first);
};

function readStyle(lines: readonly SourceLine[], index: LineIndex, style: Style, claims: LayoutClaim[]): void {
  const LONE = style.separator;
  let i = 0;
  while (i < lines.length) {
    if (!LONE.test(lines[i]!.text) || claims.some((c) => i >= c.first && i <= c.last)) {
      i++;
      continue;
    }
    // Grow the region both ways over lines this layout can hold, keeping adjacency.
    const adjacent = (a: SourceLine, b: SourceLine) => b.offset <= a.offset + a.text.length + 2;
    const free = (k: number) => !claims.some((c) => k >= c.first && k <= c.last);
    let from = i;
    while (from > 0 && i - from < MAX_GAP * 2 && adjacent(lines[from - 1]!, lines[from]!) && isRegionLine(lines[from - 1]!.text, style) && free(from - 1)) from--;
    let to = i;
    let lastSeparator = i;
    while (to + 1 < lines.length && to + 1 - lastSeparator <= MAX_GAP && adjacent(lines[to]!, lines[to + 1]!) && isRegionLine(lines[to + 1]!.text, style) && free(to + 1)) {
      to++;
      if (LONE.test(lines[to]!.text)) lastSeparator = to;
    }
    // The last row ends with its last cell: drop what trails after the final separator's cell.
    while (to > lastSeparator && lines[to]!.text.trim() === "") to--;
    {
      let k = lastSeparator + 1;
      while (k <= to && lines[k]!.text.trim() === "") k++;
      // Keep the cell after the last separator (its paragraph lines), not what follows a row end.
      let end = k;
      while (end + 1 <= to && !style.rowEnd(lines, end + 1) && lines[end + 1]!.text.trim() !== "") end++;
      to = Math.min(to, Math.max(end, lastSeparator));
    }
    // The region starts at the row before the first separator: back up to the last hard break before it.
    let start = from;
    for (let k = i - 1; k >= from; k--) {
      if (style.rowEnd(lines, k)) {
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
      while (start > from && lines[start - 1]!.text.trim() !== "" && !LONE.test(lines[start - 1]!.text)) start--;
    }
    // One-cell rows stacked above the first row (a sub-table's caption 第二十条第（一）项)
    // belong to the table: a short line standing alone between row ends, twice at most.
    for (let n = 0; n < 2; n++) {
      let k = start - 1;
      while (k >= from && lines[k]!.text.trim() === "") k--;
      if (k < from || !CAPTION_ROW.test(lines[k]!.text.trim()) || LONE.test(lines[k]!.text)) break;
      if (k > from && lines[k - 1]!.text.trim() !== "") break;
      start = k;
    }
    let pipes = 0;
    for (let k = start; k <= to; k++) if (LONE.test(lines[k]!.text)) pipes++;
    const table = pipes >= 3 ? readRegion(lines, start, to, index, style) : null;
    if (table) claims.push({ first: start, last: to, blocks: [table] });
    i = to + 1;
  }
}
