/**
 * Line blocks (Chevrotain tokens) → the unist-style AST. This is the only module besides
 * the lexer and parser that sees Chevrotain's types; everything downstream reads our nodes.
 *
 * The interesting part is cutting flattened tables into rows. In the cell-per-line form a
 * `<tr>` prints each visible `<td>` as `text |` and then one line of `W − n` pipes, where W
 * is the table's column count and n the cells the row printed (cells hidden under a rowspan
 * print nothing). So a padding line ends a row, a row of W cells ends itself, and W comes
 * from the first padding line. A blank cell prints as a bare `|` — the same line as a
 * one-pipe padding run — and the arithmetic of W decides between the two.
 */
import type { IToken } from "chevrotain";
import type { Block, Heading, HeadingMarker, MarkerStyle, Paragraph, Root, Table, TableCell, TableForm, TableRow } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineBlock } from "./parser.js";
import type { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { CellLine, PaddingRun, RowLine } from "../lexer/tokens.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { chineseNumeral } from "../text/labels.js";
import { parseCellValue } from "../text/value.js";

/** Builds the root node from the parser's blocks. Diagnostics are appended to `out`. */
export function buildTree(blocks: LineBlock[], index: LineIndex, out: Diagnostic[]): Root {
  const children: Block[] = [];
  for (const block of mergeSplitCells(blocks)) {
    switch (block.kind) {
      case "table": {
        const table = buildTable(block.lines, index, out);
        if (table) children.push(table);
        break;
      }
      case "heading":
        children.push(...buildHeading(block.token, index));
        break;
      case "paragraph": {
        const p = buildParagraph(block.token.image, block.token.startOffset, index);
        if (p) children.push(p);
        break;
      }
      case "break":
        break;
    }
  }
  return { type: "root", children: pipelessTables(children, index), position: index.position(0, index.text.length) };
}

// ---------------------------------------------------------------------------------------
// Prose and headings

/**
 * What `String.prototype.trim` removes: WhiteSpace (tab, VT, FF, space, NBSP, BOM and the Zs
 * category) and LineTerminator. Spelt out so that `trimmed` can find both ends by index
 * instead of building the trimmed and the start-trimmed string for every cell.
 */
function isTrimmable(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Offsets of `text` once surrounding white space (any Unicode space, as `trim`) is cut. */
function trimmed(text: string, offset: number): { value: string; start: number; end: number } {
  return trimmedRange(text, 0, text.length, offset);
}

/**
 * `trimmed(text.slice(from, to), offset + from)` without building the slice: a cell line's
 * text is read up to its last pipe, and slicing it first cost a string per cell.
 */
function trimmedRange(text: string, from: number, to: number, offset: number): { value: string; start: number; end: number } {
  let lo = from;
  let hi = to;
  while (lo < hi && isTrimmable(text.charCodeAt(lo))) lo++;
  if (lo === hi) return { value: "", start: offset + from, end: offset + from };
  while (isTrimmable(text.charCodeAt(hi - 1))) hi--;
  return { value: text.slice(lo, hi), start: offset + lo, end: offset + hi };
}

function buildParagraph(image: string, offset: number, index: LineIndex): Paragraph | null {
  const t = trimmed(image, offset);
  if (t.value === "") return null;
  return { type: "paragraph", value: t.value, position: index.position(t.start, t.end) };
}

const CN = "一二三四五六七八九十〇零";
/** Marker patterns, tried in order; group 1 is the numeral. */
const MARKERS: Array<{ re: RegExp; style: (numeral: string) => MarkerStyle }> = [
  {
    re: new RegExp(`^[(（][ \\t]*([${CN}]{1,3}|[0-9０-９]{1,2})[ \\t]*[)）]`),
    style: (n) => (/[0-9０-９]/.test(n) ? "paren-arabic" : "paren-chinese"),
  },
  { re: new RegExp(`^第([${CN}]{1,3})[、,，.．:：]`), style: () => "ordinal" },
  { re: new RegExp(`^([${CN}]{1,3}|[—－-])[ \\t\\u3000]*[、.．,，]`), style: () => "chinese" },
  { re: new RegExp(`^([${CN}]{1,2})[ \\t\\u3000]+`), style: () => "chinese" },
  { re: /^([0-9０-９]{1,2})[ \t]*[.、．]/, style: () => "arabic" },
];

const DEPTH: Record<MarkerStyle, number> = {
  chinese: 1,
  ordinal: 1,
  "paren-chinese": 2,
  arabic: 3,
  "paren-arabic": 4,
  markdown: 1,
};

/** `## 标题`: the hashes of a markdown heading. */
const MD_HEADING = /^(#{1,6})[ \t]+/;
/** Where a run-on title ends and its text begins. */
const TITLE_STOP = /[。：:]/;

/** A title longer than this with no early full stop is a numbered paragraph, not a heading. */
const MAX_TITLE = 40;
/** A title sharing its line with prose is shorter still, and has no comma. */
const MAX_RUN_ON_TITLE = 25;

/**
 * The characters a marker can start with (every pattern of MARKERS is anchored and starts
 * with one of them): a line starting with anything else is refused without running the five
 * patterns, as most labels and prose lines are.
 */
const MARKER_START = new Set(`(（第${CN}—－-0123456789０１２３４５６７８９`);

/** Reads the numbering at the start of `text`, if any. */
export function readMarker(text: string): HeadingMarker | null {
  if (!MARKER_START.has(text.charAt(0))) return null;
  for (const { re, style } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const numeral = m[1]!;
    const ordinal = /^[—－-]$/.test(numeral) ? 1 : chineseNumeral(numeral);
    if (ordinal === null) continue;
    return { style: style(numeral), ordinal, raw: m[0].trimEnd() };
  }
  return null;
}

/**
 * Maps the characters of a line's text to offsets in the source: where character i starts,
 * and where it ends (exclusive). For text input it is a plain shift; for HTML the line is
 * assembled from text nodes and entities (`&nbsp;` is one character spanning six), so the
 * mapping is per character (see html/index.ts).
 */
export interface OffsetMap {
  start(i: number): number;
  end(i: number): number;
}

/**
 * A heading line becomes a heading, a heading plus the prose that shares its line
 * (`（一）主动公开情况。依托…`), or — when the "title" runs on as a sentence
 * (`1.把建立健全权力清单作为…`) — a paragraph.
 */
function buildHeading(token: IToken, index: LineIndex): Block[] {
  const base = token.startOffset;
  return lineBlocks(token.image, { start: (i) => base + i, end: (i) => base + i + 1 }, index);
}

/**
 * Classifies one line of text (a heading token's image, or the text of an HTML block
 * element) into heading and/or paragraph nodes. Lines without a marker are paragraphs.
 */
export function lineBlocks(image: string, at: OffsetMap, index: LineIndex): Block[] {
  const lead = image.length - image.trimStart().length;
  // Only a line whose first non-space character is `#` can be a markdown heading.
  const md = image.charCodeAt(lead) === 0x23 ? MD_HEADING.exec(image.slice(lead)) : null;
  const hashes = md ? md[1]!.length : 0;
  const bodyStart = lead + (md ? md[0].length : 0);
  const body = image.slice(bodyStart);
  const marker = readMarker(body);
  const span = (from: number, to: number) => index.position(at.start(from), to > from ? at.end(to - 1) : at.start(from));
  if (!marker && !md) {
    const value = image.trim();
    if (value === "") return [];
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  const titleFrom = bodyStart + (marker ? marker.raw.length : 0);
  const restRaw = image.slice(titleFrom);
  const titleLead = restRaw.length - restRaw.trimStart().length;
  const title = restRaw.trim();
  const tStart = titleFrom + titleLead;

  const headingMarker: HeadingMarker = marker ?? { style: "markdown", ordinal: 0, raw: md ? md[1]! : "" };
  // In a markdown document the `#` count is the outline level, whatever numeral follows.
  const depth = md ? hashes : marker ? DEPTH[marker.style] : 1;
  // `（一）主动公开情况。依托…`: a short title closed by 。 or ： with the text run on.
  const stop = title.search(TITLE_STOP);

  if (stop >= 0 && stop <= MAX_RUN_ON_TITLE && !/[,，;；]/.test(title.slice(0, stop))) {
    const heading: Heading = {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title.slice(0, stop), marker),
      position: span(lead, tStart + stop),
    };
    const tail = title.slice(stop + 1);
    const tailLead = tail.length - tail.trimStart().length;
    const tailValue = tail.trim();
    if (tailValue === "") return [heading];
    const from = tStart + stop + 1 + tailLead;
    return [heading, { type: "paragraph", value: tailValue, position: span(from, from + tailValue.length) }];
  }
  if (title.length > MAX_TITLE && marker && !md) {
    const value = image.trim();
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  return [
    {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title, marker),
      position: span(lead, title === "" ? titleFrom : tStart + title.length),
    },
  ];
}

/** `一 概 述` prints its title spaced out; join CJK characters that only spaces separate. */
function spacedTitle(title: string, marker: HeadingMarker | null): string {
  if (!marker || marker.style !== "chinese") return title;
  return title.replace(/(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])/g, "");
}

// ---------------------------------------------------------------------------------------
// Tables

const PIPE = 124;

/**
 * `s.lastIndexOf("|")`, as a loop: it runs for every cell line, and V8 implements
 * `lastIndexOf` as a call into the runtime that costs an order of magnitude more than
 * scanning the few characters a cell line has.
 */
function lastPipe(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) === PIPE) return i;
  return -1;
}

function countPipes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === PIPE) n++;
  return n;
}

function cellNode(text: string, offset: number, index: LineIndex): TableCell {
  return cellNodeRange(text, 0, text.length, offset, index);
}

/** `cellNode(text.slice(from, to), offset + from, index)`, without the slice. */
function cellNodeRange(text: string, from: number, to: number, offset: number, index: LineIndex): TableCell {
  const t = trimmedRange(text, from, to, offset);
  return { type: "tableCell", value: t.value, position: index.position(t.start, t.end) };
}

/**
 * Splits a row line `a | b | c |` (or markdown `| a | b |`) into cells with positions. In a
 * markdown table (`leadingPipeOpens`) a leading pipe opens the first cell; in a table whose
 * rows end each cell with a pipe (`a | b |`), a leading pipe closes an empty first cell
 * (` | 1 | 2 |`: a blank value before the others), which must keep its column.
 */
function splitRowLine(image: string, offset: number, index: LineIndex, leadingPipeOpens = true): TableCell[] {
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

const MD_DELIMITER = /^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?$/;

/**
 * One line of a flattened table, normalised: a cell (`text |`, or a header cell broken over
 * two lines), a run of pipes, or a whole row.
 */
type TableLine =
  | { kind: "cell"; cell: TableCell; start: number; end: number }
  | { kind: "pipes"; count: number; start: number; end: number }
  | { kind: "rowEnd"; start: number; end: number }
  | { kind: "row"; token: IToken }
  | { kind: "row"; token: null; cells: TableCell[]; start: number; end: number };

/**
 * A table block as the parser grouped it, plus lines glued back from two: a header cell
 * (`split`), or a whole row (`split` with `row`) that a `<br>` in one of its cells broke.
 */
type TableSource = Array<IToken | { split: IToken[]; row?: true }>;

/**
 * The cells of a row line broken inside cells (`信息内容 | 上一年` / `项目数量 | 本年增/` /
 * `减 |`): each part's cells in turn, the last cell of one part glued to the first of the next.
 */
function splitRowCells(parts: readonly IToken[], index: LineIndex, leadingPipeOpens: boolean): TableCell[] {
  const cells: TableCell[] = [];
  // Whether the part before ended inside a cell (text after its last pipe), to be continued.
  let open = false;
  parts.forEach((part, i) => {
    const rest = splitRowLine(part.image, part.startOffset, index, i === 0 && leadingPipeOpens);
    if (open && rest.length > 0) {
      const a = cells.pop()!;
      const b = rest.shift()!;
      cells.push({ type: "tableCell", value: a.value + b.value, position: { start: a.position.start, end: b.position.end } });
    }
    cells.push(...rest);
    open = !part.image.trimEnd().endsWith("|");
  });
  return cells;
}

/**
 * The pipes printed after a cell on its own line: one more pipe marks the row's end
 * (` | |`), more are its padding (` | |||`), none is a plain cell line.
 */
function pushInlinePadding(out: TableLine[], extra: number, start: number, end: number): void {
  if (extra === 1) out.push({ kind: "rowEnd", start, end });
  else if (extra > 1) out.push({ kind: "pipes", count: extra, start, end });
}

/** A row line that is one cell and then only pipes (`制作数量 | ||`): a cell line with its padding on the line. */
const CELL_WITH_PADDING = /^[^|]+\|[ \t|]*$/;

function tableLines(source: TableSource, index: LineIndex, cellMajority: boolean, leadingPipeOpens: boolean): TableLine[] {
  const out: TableLine[] = [];
  for (const item of source) {
    if ("split" in item && item.row) {
      const head = item.split[0]!;
      const tail = item.split[item.split.length - 1]!;
      const cells = splitRowCells(item.split, index, leadingPipeOpens);
      out.push({ kind: "row", token: null, cells, start: head.startOffset, end: tail.startOffset + tail.image.length });
      continue;
    }
    if ("split" in item) {
      // `本年新` / `制作数量 |`: a header cell the scraper broke over two lines.
      const head = item.split[0]!;
      const tail = item.split[1]!;
      // The tail may carry the row's end mark or padding on its line (`制作数量 | ||`).
      const bar = tail.image.indexOf("|");
      const h = trimmed(head.image, head.startOffset);
      const t = trimmedRange(tail.image, 0, bar, tail.startOffset);
      const cell: TableCell = { type: "tableCell", value: h.value + t.value, position: index.position(h.start, t.end) };
      const cellEnd = tail.startOffset + bar + 1;
      const end = tail.startOffset + tail.image.length;
      out.push({ kind: "cell", cell, start: head.startOffset, end: cellEnd });
      pushInlinePadding(out, countPipes(tail.image) - 1, cellEnd, end);
      continue;
    }
    const tok = item;
    const start = tok.startOffset;
    const end = start + tok.image.length;
    const type = tok.tokenType;
    if (type === CellLine) {
      const bar = lastPipe(tok.image);
      out.push({ kind: "cell", cell: cellNodeRange(tok.image, 0, bar, start, index), start, end });
    } else if (type === PaddingRun) {
      out.push({ kind: "pipes", count: countPipes(tok.image), start, end });
    } else if (cellMajority && !/^[ \t]*\|/.test(tok.image)) {
      // `text | |` or `text | |||` inside a cell-per-line table: the last cell of a row with
      // its end mark or padding printed on the same line.
      const cells = splitRowLine(tok.image, start, index);
      if (cells.length > 0 && cells.slice(1).every((c) => c.value === "")) {
        const first = cells[0]!;
        const firstBar = tok.image.indexOf("|");
        out.push({ kind: "cell", cell: first, start, end: start + firstBar + 1 });
        pushInlinePadding(out, countPipes(tok.image) - 1, start + firstBar + 1, end);
        continue;
      }
      out.push({ kind: "row", token: tok });
    } else {
      out.push({ kind: "row", token: tok });
    }
  }
  return out;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How the pipe runs of a flattened table are to be read. */
interface PipeStyle {
  /** True when pipe runs are row separators, not padding. */
  separators: boolean;
  /** The table width, when the padding arithmetic determines it. */
  width: number | null;
}

/**
 * Decides how a table's pipe runs are meant.
 *
 * Under the padding rule every row fills the width W: n cells + k pipes = W, and a full row
 * prints no padding. So between two runs of k ≥ 2 pipes, the text cells, the one-pipe lines
 * (each a blank cell or a one-pipe padding: either way one column) and the closing run add
 * up to a multiple of W, and W is the greatest common divisor of those sums — even when the
 * first rows are full and print no padding. When the sums share no divisor larger than the
 * runs themselves, the runs cannot be padding: some scrapers print a fixed separator instead
 * (`||` after every row, or a lone `|` before every row).
 */
function pipeStyle(lines: TableLine[]): PipeStyle {
  const counts = new Set<number>();
  const cellsBetween = new Set<number>();
  let g = 0;
  let maxK = 0;
  let runs = 0;
  let n = 0;
  let sum = 0;
  let seenCell = false;
  for (const l of lines) {
    if (l.kind === "cell") {
      n++;
      sum++;
      seenCell = true;
    } else if (l.kind === "rowEnd") {
      // `本年增/减 | |`: the row's last cell and one pipe of padding on its line — one
      // column, like a one-pipe line (it also closes the row, whatever the width).
      sum++;
    } else if (l.kind === "pipes" && seenCell) {
      counts.add(l.count);
      if (n > 0) cellsBetween.add(n);
      n = 0;
      runs++;
      if (l.count >= 2) {
        g = gcd(sum + l.count, g);
        maxK = Math.max(maxK, l.count);
        sum = 0;
      } else {
        sum++;
      }
    }
  }
  if (g >= 2 && g > maxK) return { separators: false, width: g };
  // A bare `|` is also how a blank cell prints, so one-pipe separators are believed only
  // when the table opens with one (the "lone `|` before every row" style).
  const leading = lines[0]?.kind === "pipes";
  const separators = runs >= 3 && counts.size === 1 && cellsBetween.size > 1 && (!counts.has(1) || leading);
  return { separators, width: null };
}

/**
 * Whether the one-pipe line at `at`, where no row is open, is a blank first cell rather than
 * a stray pipe: of the two readings, only the first lets the columns that follow (up to the
 * next padding run of two or more, or the end of the table) fill whole rows of `width`.
 * Each cell and each later one-pipe line counts one column, as in {@link pipeStyle} (a
 * blank cell, or the one pipe that pads a row one short). When both or neither fit, it is not.
 * Only before a value: a row that opens with a label (the first column of 二 and 三) has no
 * blank cell in front of it, and a lone `|` there is a separator style (`|` before each row).
 */
function blankOpensRow(lines: TableLine[], at: number, width: number): boolean {
  const first = lines[at + 1];
  const valueFollows = first !== undefined && (first.kind === "cell" ? cellKind(first.cell.value) === "value" : first.kind === "pipes" && first.count === 1);
  if (!valueFollows) return false;
  let n = 0;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "cell" || (l.kind === "pipes" && l.count === 1)) n++;
    else break;
  }
  const next = lines[i];
  let k: number;
  if (next === undefined) k = 0;
  else if (next.kind === "pipes" && next.count >= 2) k = next.count;
  else return false;
  // Does a run of `cells` cells closed by `k` pipes fill whole rows?
  const fills = (cells: number) => (cells % width === 0 ? k === 0 : (cells % width) + k === width);
  return fills(n + 1) && !fills(n);
}

/**
 * Cuts a run of table lines into rows. Returns null for a run that holds no cell at all
 * (a stray pipe run, e.g. a flattened metadata box).
 */
function buildTable(source: TableSource, index: LineIndex, out: Diagnostic[]): Table | null {
  let cellCount = 0;
  let rowCount = 0;
  // Row lines that open with a pipe (`| a | b |`, markdown) and those that do not (`a | b |`).
  let piped = 0;
  for (const item of source) {
    const first = "split" in item ? item.split[0]! : item;
    if ("split" in item ? !item.row : item.tokenType === CellLine) cellCount++;
    else if ("split" in item || item.tokenType === RowLine) {
      rowCount++;
      if (/^[ \t]*\|/.test(first.image) && !MD_DELIMITER.test(first.image)) piped++;
    }
  }
  // A table is markdown-style when most of its rows open with a pipe; in the others a
  // leading pipe closes a blank first cell.
  const leadingPipeOpens = piped * 2 >= rowCount;
  const lines = tableLines(source, index, cellCount >= rowCount, leadingPipeOpens);
  const style = pipeStyle(lines);
  const separators = style.separators;
  const rows: TableRow[] = [];
  let width: number | null = style.width;
  let cells: TableCell[] = [];
  let rowStart = -1;
  let markdown = false;

  let uncertain = false;
  const close = (endOffset: number, padding: number) => {
    if (cells.length === 0) return;
    const row: TableRow = { type: "tableRow", padding, children: cells, position: index.position(rowStart, endOffset) };
    if (uncertain) row.uncertain = true;
    rows.push(row);
    cells = [];
    rowStart = -1;
  };

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.kind === "cell") {
      if (rowStart < 0) rowStart = line.start;
      cells.push(line.cell);
      if (width !== null && cells.length === width && !separators) close(line.end, 0);
    } else if (line.kind === "rowEnd") {
      close(line.end, 0);
    } else if (line.kind === "pipes") {
      const k = line.count;
      const { start, end } = line;
      if (cells.length === 0) {
        // A bare `|` opening a row is a blank first cell when the padding arithmetic says so
        // and says nothing else: the cells after it fill their rows only with it counted.
        if (!separators && width !== null && k === 1 && blankOpensRow(lines, li, width)) {
          rowStart = start;
          cells.push({ type: "tableCell", value: "", position: index.position(start, start) });
          continue;
        }
        // A pipe run between rows. Under the padding rule a row that filled the width ends
        // itself and prints none, so a run here means the row before took a cell that was
        // not its own (a duplicated or lost line): that row and the rest are suspect.
        if (!separators && width !== null && rows.length > 0) {
          uncertain = true;
          rows[rows.length - 1]!.uncertain = true;
          out.push(
            diagnostic(
              DiagnosticCodes.paddingMismatch,
              `a pipe run where no row is open: the row before may hold a cell that is not its own (多余的填充竖线)`,
              index.position(start, end),
            ),
          );
        }
        continue;
      }
      if (separators) {
        close(end, k);
      } else if (width === null) {
        width = cells.length + k;
        close(end, k);
      } else if (k === 1 && cells.length + 1 < width) {
        cells.push({ type: "tableCell", value: "", position: index.position(start, start) });
      } else if (k === 1 && cells.length + 1 === width) {
        cells.push({ type: "tableCell", value: "", ambiguous: true, position: index.position(start, start) });
        close(end, 0);
      } else {
        if (cells.length + k !== width) {
          uncertain = true;
          out.push(
            diagnostic(
              DiagnosticCodes.paddingMismatch,
              `padding of ${k} after ${cells.length} cells does not fill the table width ${width}; the row boundary is uncertain (填充竖线与表格列数不符)`,
              index.position(start, end),
            ),
          );
        }
        close(end, k);
      }
    } else {
      // A whole row on one line ends any row being collected from cell lines.
      const tok = line.token;
      const start = tok === null ? line.start : tok.startOffset;
      close(start, 0);
      if (tok !== null && MD_DELIMITER.test(tok.image)) {
        markdown = true;
        continue;
      }
      rowStart = start;
      cells = tok === null ? line.cells : splitRowLine(tok.image, start, index, leadingPipeOpens);
      close(tok === null ? line.end : start + tok.image.length, 0);
    }
  }
  const last = source[source.length - 1]!;
  const lastToken = "split" in last ? last.split[last.split.length - 1]! : last;
  close(lastToken.startOffset + lastToken.image.length, 0);
  if (rows.length === 0) return null;

  const form: TableForm = markdown ? "markdown" : rowCount > cellCount ? "row-lines" : "cell-lines";
  if (form === "cell-lines" && width === null && !separators && rows.length === 1 && rows[0]!.children.length > 1) {
    out.push(
      diagnostic(
        DiagnosticCodes.tableWidthUnknown,
        "a flattened table has no padding line, so its rows cannot be told apart (表格缺少填充行，无法分行)",
        rows[0]!.position,
      ),
    );
  }
  // A width learnt from padding; else, when rows were cut by separators or row-end marks,
  // the widest row; a cell-line table cut by neither has no known width.
  const cutByMarks = separators || lines.some((l) => l.kind === "rowEnd");
  const columns =
    form === "cell-lines" && !cutByMarks ? width : (width ?? Math.max(...rows.map((r) => r.children.length)));
  const first = source[0]!;
  const firstToken = "split" in first ? first.split[0]! : first;
  return {
    type: "table",
    form,
    columns,
    children: rows,
    position: index.position(firstToken.startOffset, lastToken.startOffset + lastToken.image.length),
  };
}

/** A line with a pipe and no full stop: what the head of a row line broken inside a cell looks like. */
const ROW_FRAGMENT = /^[^。；;]*\|[^。；;]*$/;

/** A short line with no sentence punctuation: what half a header cell looks like. */
const CELL_FRAGMENT = /^[^。，,；;：:]{1,16}$/;

/**
 * Joins table blocks that a header cell broken over two lines (`本年新` / `制作数量 |`) has
 * cut apart. Only mid-row: the first table must end on a cell (no padding yet) and the
 * second start with one, so a caption between two tables is never glued on.
 */
function mergeSplitCells(blocks: LineBlock[]): Array<LineBlock | { kind: "table"; lines: TableSource }> {
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
        (piped || (rowsBefore && tail.tokenType === RowLine))
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

// ---------------------------------------------------------------------------------------
// Tables with no pipes at all

/** Sections whose headings bound a pipe-less table. */
const SECTION_WORDS = /主动公开|收到和处理|依申请|行政复议|行政诉讼|总体情况|存在的主要问题|改进情况|其他需要报告/;
/** Longest line taken for a cell of a pipe-less table. */
const MAX_CELL = 80;

function cellKind(value: string): "label" | "value" {
  const k = parseCellValue(value).kind;
  return k === "number" || k === "zero-word" || k === "placeholder" || k === "blank" ? "value" : "label";
}

/**
 * Some scrapers print every cell as its own paragraph, with no pipes at all. A run of short
 * lines holding several bare numbers is such a table. Rows are cut by labels: a label line
 * starts a row, numbers join it; blank cells show as extra blank lines.
 */
function pipelessTables(blocks: Block[], index: LineIndex): Block[] {
  const text = index.text;
  const out: Block[] = [];
  let run: Block[] = [];
  const cellLike = (b: Block) => {
    if (b.type === "table") return false;
    if (b.type === "heading" && b.depth === 1 && SECTION_WORDS.test(b.value) && !/本年新收|上年结转|办理结果|结转下年/.test(b.value)) return false;
    const raw = text.slice(b.position.start.offset, b.position.end.offset);
    return raw.length <= MAX_CELL && !/[。；;]$/.test(raw.trim()) && !raw.includes("\n");
  };
  const flush = () => {
    const numeric = run.filter((b) => cellKind(text.slice(b.position.start.offset, b.position.end.offset).trim()) === "value").length;
    if (numeric >= 4 && numeric * 5 >= run.length) out.push(streamTable(run, index));
    else out.push(...run);
    run = [];
  };
  for (const b of blocks) {
    if (cellLike(b)) {
      const prev = run[run.length - 1];
      // A heading split into heading + run-on prose shares one source line: keep both out.
      if (prev && prev.position.end.offset > b.position.start.offset) {
        run.push(b);
        continue;
      }
      run.push(b);
    } else {
      flush();
      out.push(b);
    }
  }
  flush();
  return out;
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function streamTable(run: Block[], index: LineIndex): Table {
  const text = index.text;
  const gaps: number[] = [];
  for (let i = 1; i < run.length; i++) {
    gaps.push(countBreaks(text.slice(run[i - 1]!.position.end.offset, run[i]!.position.start.offset)));
  }
  const sep = Math.max(1, Math.min(...gaps.filter((g) => g > 0), 2));
  const rows: TableRow[] = [];
  let cells: TableCell[] = [];
  const close = () => {
    if (cells.length === 0) return;
    const first = cells[0]!.position.start.offset;
    const last = cells[cells.length - 1]!.position.end.offset;
    rows.push({ type: "tableRow", padding: 0, children: cells, position: index.position(first, last) });
    cells = [];
  };
  run.forEach((b, i) => {
    const blanks = i > 0 ? Math.floor((gaps[i - 1]! - sep) / sep) : 0;
    for (let k = 0; k < blanks; k++) {
      const at = b.position.start.offset;
      cells.push({ type: "tableCell", value: "", position: index.position(at, at) });
    }
    const raw = text.slice(b.position.start.offset, b.position.end.offset);
    const cell = cellNode(raw, b.position.start.offset, index);
    if (cellKind(cell.value) === "label") close();
    cells.push(cell);
  });
  close();
  return {
    type: "table",
    form: "plain",
    columns: Math.max(...rows.map((r) => r.children.length)),
    children: rows,
    position: index.position(run[0]!.position.start.offset, run[run.length - 1]!.position.end.offset),
  };
}
