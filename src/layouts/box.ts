/**
 * Box-drawn tables, as text browsers print an HTML table: w3m and elinks with Unicode
 * frames (`┌─┬─┐ │ ├─┼─┤ └─┴─┘`), `w3m -no-graph`, links and pandoc grid tables with ASCII
 * frames (`+--+--+ | |-----+--|`). The frame is the table's geometry, so the grid is rebuilt
 * from it instead of from cell counts: column boundaries are the display columns where any
 * line has a vertical stroke or a junction; logical rows lie between rule lines; a cell whose
 * rule segment below is missing runs on into the next row (rowspan), a missing stroke
 * between two places joins them (colspan). Each cell then gets the grid column, colspan and
 * rowspan an HTML cell would have, so the normaliser places values exactly as for HTML.
 *
 * Columns are measured in display columns (CJK characters are two wide, East Asian Width).
 * links counts characters instead, and terminals disagree on ambiguous-width punctuation
 * (`“”`): each box is measured with the reading whose strokes line up best.
 */
import { eastAsianWidth } from "get-east-asian-width";
import type { Table, TableCell, TableRow } from "../ast/types.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { hasBracketedSpans, stripBracketedSpans } from "../source/markup.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

/** What one display column of a line holds. */
const enum Kind {
  Space,
  Text,
  /** A horizontal stroke: `─ ━ ═` or ASCII `-` `=`. */
  Horizontal,
  /** A vertical stroke or a junction: `│ ┼ ┬ ├ ┌` or ASCII `|` `+`. */
  Vertical,
}

/** A character of a line placed on the display grid. */
interface Glyph {
  /** First display column (0-based). */
  col: number;
  width: number;
  /** UTF-16 index in the line. */
  at: number;
  /** UTF-16 length. */
  length: number;
  kind: Kind;
}

/** How characters are counted into columns. */
type Measure = (codePoint: number) => number;

const isBoxChar = (cp: number): boolean => cp >= 0x2500 && cp <= 0x257f;
const UNICODE_HORIZONTAL = new Set([..."─━═┄┅┈┉╌╍╴╶╸╺"].map((c) => c.codePointAt(0)!));
const UNICODE_NEITHER = new Set([..."╱╲╳"].map((c) => c.codePointAt(0)!));

function kindOf(cp: number, ascii: boolean): Kind {
  if (cp === 0x20 || cp === 0x09 || cp === 0x3000 || cp === 0xa0) return Kind.Space;
  if (isBoxChar(cp)) {
    if (UNICODE_HORIZONTAL.has(cp)) return Kind.Horizontal;
    if (UNICODE_NEITHER.has(cp)) return Kind.Text;
    return Kind.Vertical;
  }
  if (ascii) {
    if (cp === 0x7c || cp === 0x2b) return Kind.Vertical; // | +
    if (cp === 0x2d || cp === 0x3d) return Kind.Horizontal; // - =
  }
  return Kind.Text;
}

/** Frames and ASCII are one column wide whatever their East Asian Width class says. */
const narrowFrame = (w: Measure): Measure => (cp) => (cp < 0x7f || isBoxChar(cp) ? 1 : w(cp));

/** The readings tried, in order of preference: terminals, CJK terminals, links. */
const MEASURES: readonly Measure[] = [
  narrowFrame((cp) => eastAsianWidth(cp)),
  narrowFrame((cp) => eastAsianWidth(cp, { ambiguousAsWide: true })),
  () => 1,
];

function glyphs(text: string, measure: Measure, ascii: boolean): Glyph[] {
  const out: Glyph[] = [];
  let col = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const length = cp > 0xffff ? 2 : 1;
    // Tabs are not expected inside frames; count one column so nothing is lost.
    const width = cp < 0x20 ? 1 : cp >= 0x300 && cp <= 0x36f ? 0 : measure(cp);
    out.push({ col, width, at: i, length, kind: kindOf(cp, ascii) });
    col += width;
    i += length;
  }
  return out;
}

const isEdge = (cp: number, ascii: boolean) => (ascii ? cp === 0x7c || cp === 0x2b : isBoxChar(cp) && !UNICODE_HORIZONTAL.has(cp));

/** A line is part of a frame when its text starts and ends with a stroke or a corner. */
function frameLine(text: string, ascii: boolean): boolean {
  const t = text.trim();
  return t.length >= 2 && isEdge(t.codePointAt(0)!, ascii) && isEdge(t.codePointAt(t.length - 1)!, ascii);
}

/**
 * A line that opens with a stroke continues a box even when its end was lost (a cut line,
 * a trailing stroke eaten by a scraper): it is read as far as it goes and the box is
 * flagged, rather than left for the grammar to read without its columns.
 */
function openedLine(text: string, ascii: boolean): boolean {
  const t = text.trimStart();
  return t.length >= 2 && isEdge(t.codePointAt(0)!, ascii);
}

/** An ASCII frame needs a `+--` border line; a lone `|---|` rule is markdown, not a box. */
const ASCII_BORDER = /^\s*\+[-=]+\+/;

/**
 * True for lines that are all ASCII frame lines (`|…|`, `+--+`): a table the row-lines
 * grammar made of an ASCII box, which this reader rebuilds with its spans.
 */
export function asciiFrameLines(lines: readonly SourceLine[], text: string): boolean {
  return lines.length > 0 && mayHoldBox(text).ascii && lines.every((l) => frameLine(l.text, true));
}

let lastText: string | null = null;
let lastAnswer = { unicode: false, ascii: false };

/**
 * Whether `text` can hold a box at all: a frame character, or an ASCII `+--` border line.
 * One scan of the text, remembered for the last text, so that inputs without boxes (most
 * of them) pay almost nothing for this reader.
 */
function mayHoldBox(text: string): { unicode: boolean; ascii: boolean } {
  if (text !== lastText) {
    lastText = text;
    lastAnswer = { unicode: /[\u2500-\u257f]/.test(text), ascii: /^[ \t]*\+[-=]{2,}/m.test(text) };
  }
  return lastAnswer;
}

/** One physical line of a box, measured. */
interface BoxLine {
  line: SourceLine;
  glyphs: Glyph[];
  /** Display column → glyph index, for every column a glyph covers. */
  byCol: Int32Array;
}

function measureLine(line: SourceLine, measure: Measure, ascii: boolean): BoxLine {
  const g = glyphs(line.text, measure, ascii);
  const width = g.length === 0 ? 0 : g[g.length - 1]!.col + g[g.length - 1]!.width;
  const byCol = new Int32Array(width).fill(-1);
  g.forEach((x, i) => {
    for (let c = x.col; c < x.col + x.width; c++) byCol[c] = i;
  });
  return { line, glyphs: g, byCol };
}

/** The kind at display column `c` (space beyond the end; text under the right half of a wide glyph). */
function kindAt(l: BoxLine, c: number): Kind {
  if (c >= l.byCol.length) return Kind.Space;
  const i = l.byCol[c]!;
  if (i < 0) return Kind.Space;
  const g = l.glyphs[i]!;
  return g.col === c ? g.kind : g.kind === Kind.Vertical ? Kind.Text : g.kind;
}

/**
 * Columns where strokes stand, with how many lines put one there. A reading whose strokes
 * line up gives few distinct columns, each used by many lines.
 */
function strokeColumns(lines: readonly BoxLine[]): Map<number, number> {
  const at = new Map<number, number>();
  for (const l of lines) for (const g of l.glyphs) if (g.kind === Kind.Vertical) at.set(g.col, (at.get(g.col) ?? 0) + 1);
  return at;
}

/**
 * Lines with a stroke where no other line has one: lines that line up with nothing. Counted
 * in lines, not columns, so that one damaged line cannot make a wrong reading (which
 * misplaces every line with CJK text) look better than the right one.
 */
function strayLines(lines: readonly BoxLine[], cols: Map<number, number> = strokeColumns(lines)): number {
  let n = 0;
  for (const l of lines) if (l.glyphs.some((g) => g.kind === Kind.Vertical && (cols.get(g.col) ?? 0) < 2)) n++;
  return n;
}

/**
 * Measures the box with each reading; per line, a line whose strokes stand where no other
 * line has one is re-measured with the other readings (one cell with `“”` shifts only its
 * own line).
 */
function measureBox(src: readonly SourceLine[], ascii: boolean): { lines: BoxLine[]; stray: number } {
  let best: { lines: BoxLine[]; stray: number } | null = null;
  for (const m of MEASURES) {
    const lines = src.map((l) => measureLine(l, m, ascii));
    const stray = strayLines(lines);
    if (best === null || stray < best.stray) best = { lines, stray };
    if (stray === 0) break;
  }
  const lines = best!.lines;
  if (best!.stray > 0) {
    const cols = strokeColumns(lines);
    lines.forEach((l, i) => {
      const fits = (x: BoxLine) => x.glyphs.every((g) => g.kind !== Kind.Vertical || (cols.get(g.col) ?? 0) - (x === l ? 1 : 0) >= 1);
      if (fits(l)) return;
      for (const m of MEASURES) {
        const alt = measureLine(l.line, m, ascii);
        if (alt.glyphs.every((g) => g.kind !== Kind.Vertical || (cols.get(g.col) ?? 0) >= 1)) {
          lines[i] = alt;
          break;
        }
      }
    });
    best = { lines, stray: strayLines(lines) };
  }
  return best!;
}

/** What a line holds between two boundaries. */
const enum Segment {
  Empty,
  Text,
  Rule,
}

function segment(l: BoxLine, from: number, to: number, stray = false): Segment {
  let rule = 0;
  let text = false;
  for (let c = from; c < to; c++) {
    const k = kindAt(l, c);
    // A line out of line has its junctions where no boundary is: they are part of its rule.
    if (k === Kind.Horizontal || (stray && k === Kind.Vertical)) rule++;
    else if (k !== Kind.Space) text = true;
  }
  if (text) return Segment.Text;
  // A rule runs the whole width of its column (a lone `-` in a wide cell is a placeholder).
  if (rule > 0 && rule === to - from) return Segment.Rule;
  return rule > 0 ? Segment.Text : Segment.Empty;
}

/** The text of a line between two display columns, with its UTF-16 span in the line, trimmed. */
function slice(l: BoxLine, from: number, to: number): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (const g of l.glyphs) {
    if (g.col < from || g.col + g.width > to) continue;
    // A stroke inside a cell is a line out of line (already reported), not text.
    if (g.kind === Kind.Space || g.kind === Kind.Vertical) continue;
    if (start < 0) start = g.at;
    end = g.at + g.length;
  }
  return start < 0 ? null : { start, end };
}

const WORDISH = /[\x21-\x7e]/;

/**
 * Pieces of a wrapped cell: CJK joins directly, Latin words and numbers got a space the wrap
 * ate. `pandoc -t markdown` keeps Word's spans as `[20]{lang="EN-US"}[23]{…}` and wraps them
 * anywhere, attributes included: such a cell is joined as printed and read without the markup.
 */
function join(pieces: readonly string[]): string {
  const direct = pieces.join("");
  if (hasBracketedSpans(direct)) {
    const plain = stripBracketedSpans(direct);
    if (plain !== direct) return plain;
  }
  // A number too long for its narrow column is cut anywhere (pandoc -t rst: `1` / `69959`):
  // a cell holds one value, so digits on every line are the digits of one number.
  if (pieces.length > 1 && pieces.every((p) => DIGITS.test(p))) return direct;
  let out = "";
  for (const p of pieces) {
    if (out !== "" && WORDISH.test(out[out.length - 1]!) && WORDISH.test(p[0]!)) out += " ";
    out += p;
  }
  return out;
}

/** A piece that is digits only. */
const DIGITS = /^[0-9０-９]+$/;

/** A piece of cell text that is a number (not a numbered label such as `2.申请人…`). */
const NUMBER = /^[-+－]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元|件|%)?$/;

/** What names each report table inside a box (its caption rows and headers). */
const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["proactive", /第二十条|信息内容|主动公开/],
  ["requests", /申请人情况|本年新收|办理结果|结转/],
  ["reviewsAndLawsuits", /行政复议|行政诉讼/],
];

/** A rectangle of grid places: logical rows r0..r1, grid columns c0..c1 (inclusive). */
interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/**
 * Rebuilds one box. Null when the lines hold no grid (fewer than two boundaries or no row).
 * Geometry that contradicts itself (a merged area that is not a rectangle) is split back into
 * single places and reported.
 */
function readBox(src: readonly SourceLine[], ascii: boolean, index: LineIndex, out: Diagnostic[]): Table | null {
  const { lines, stray } = measureBox(src, ascii);
  // Boundaries are where at least two lines put a stroke: a line shifted by a lost or an
  // extra character must not cut every cell it crosses. Such a line is read as far as its
  // cells still cover the grid, and the box is reported.
  const counts = strokeColumns(lines);
  const boundaries = [...counts.keys()].filter((c) => lines.length < 3 || counts.get(c)! >= 2).sort((a, b) => a - b);
  const strayLine = lines.map((l) => l.glyphs.some((g) => g.kind === Kind.Vertical && !boundaries.includes(g.col)));
  if (boundaries.length < 2) return null;
  const width = boundaries.length - 1;
  const segs = lines.map((l, y) => {
    const s: Segment[] = [];
    for (let j = 0; j < width; j++) s.push(segment(l, boundaries[j]! + 1, boundaries[j + 1]!, strayLine[y]));
    return s;
  });
  const isRule = segs.map((s) => s.includes(Segment.Rule));
  // Logical rows: runs of lines between rule lines.
  const bands: Array<{ first: number; last: number }> = [];
  for (let y = 0; y < lines.length; y++) {
    if (isRule[y]) continue;
    const first = y;
    while (y + 1 < lines.length && !isRule[y + 1]) y++;
    bands.push({ first, last: y });
  }
  if (bands.length === 0) return null;
  const rows = bands.length;
  // Union of grid places.
  const parent = Array.from({ length: rows * width }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const unite = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < rows; r++) {
    const { first, last } = bands[r]!;
    for (let j = 0; j + 1 < width; j++) {
      const b = boundaries[j + 1]!;
      let stroke = false;
      let seen = false;
      for (let y = first; y <= last && !stroke; y++) {
        if (strayLine[y]) continue;
        seen = true;
        stroke = kindAt(lines[y]!, b) === Kind.Vertical;
      }
      // A row of stray lines only: keep its places apart.
      if (!seen) stroke = true;
      if (!stroke) unite(r * width + j, r * width + j + 1);
    }
    if (r + 1 < rows) {
      for (let j = 0; j < width; j++) {
        let rule = false;
        for (let y = last + 1; y < bands[r + 1]!.first && !rule; y++) rule = segs[y]![j] === Segment.Rule;
        if (!rule) unite(r * width + j, (r + 1) * width + j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < rows * width; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(i);
  }
  const rects: Rect[] = [];
  // Every line must run from the left edge to the right edge: a shorter one was cut.
  const left = boundaries[0]!;
  const right = boundaries[boundaries.length - 1]!;
  let damaged =
    stray > 0 ||
    lines.some((l) => {
      const shown = l.glyphs.filter((g) => g.kind !== Kind.Space);
      const a = shown[0];
      const b = shown[shown.length - 1];
      return !a || !b || a.kind !== Kind.Vertical || b.kind !== Kind.Vertical || a.col !== left || b.col !== right;
    });
  for (const places of groups.values()) {
    const rs = places.map((i) => Math.floor(i / width));
    const cs = places.map((i) => i % width);
    const rect = { r0: Math.min(...rs), r1: Math.max(...rs), c0: Math.min(...cs), c1: Math.max(...cs) };
    if ((rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1) === places.length) rects.push(rect);
    else {
      damaged = true;
      for (let k = 0; k < places.length; k++) rects.push({ r0: rs[k]!, r1: rs[k]!, c0: cs[k]!, c1: cs[k]! });
    }
  }
  rects.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const boxStart = src[0]!.offset;
  const boxEnd = src[src.length - 1]!.offset + src[src.length - 1]!.text.length;
  // Numbers do not wrap: a cell with numbers on two lines means a rule line was lost and
  // two rows ran together. Once the values have begun, a row of several lines (a wrapped
  // label) with nothing but its label may have lost the line that held the values (w3m
  // centres values vertically beside a wrapped label): doubtful too.
  if (!damaged) {
    let valuesBegun = false;
    damaged = bands.some((band, r) => {
      let rowDigits = 0;
      let wrapped = false;
      let singles = 0;
      let filled = 0;
      for (const rect of rects) {
        if (rect.r0 > r || rect.r1 < r) continue;
        const single = rect.r0 === r && rect.r1 === r;
        let pieces = 0;
        let digits = 0;
        for (let y = band.first; y <= band.last; y++) {
          const l = lines[y]!;
          const sp = slice(l, boundaries[rect.c0]! + 1, boundaries[rect.c1 + 1]!);
          if (!sp) continue;
          pieces++;
          if (NUMBER.test(l.line.text.slice(sp.start, sp.end))) digits++;
        }
        if (single && digits > 1) return true;
        if (single) {
          rowDigits += digits;
          singles++;
          if (pieces > 0) filled++;
        }
        if (pieces > 1) wrapped = true;
      }
      // A wrapped header row of a stacked sub-table has text in its other cells; a row that
      // lost its values has only its label.
      const doubtful = valuesBegun && wrapped && rowDigits === 0 && singles > 1 && filled <= 1;
      if (rowDigits > 0) valuesBegun = true;
      return doubtful;
    });
  }
  if (damaged) {
    // The diagnostic names the report tables the box holds, so that every value read from
    // it is flagged; a box naming none gets one without a path.
    const boxText = src.map((l) => l.text).join("\n").replace(/[\s\u2500-\u257f|+-]/g, "");
    const parts = PARTS.filter(([, re]) => re.test(boxText)).map(([p]) => p);
    for (const path of parts.length > 0 ? parts : [undefined]) {
      out.push(
        diagnostic(
          DiagnosticCodes.boxDamaged,
          "the frame of this box-drawn table does not line up everywhere (a stroke out of line, a cut line, a cell that is not a rectangle, two rows run together); cells were cut where its strokes stand and may be misread (表格框线不齐，单元格可能切分有误)",
          index.position(boxStart, boxEnd),
          path === undefined ? {} : { path },
        ),
      );
    }
  }
  const tableRows: TableRow[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: TableCell[] = [];
    for (const rect of rects) {
      if (rect.r0 !== r) continue;
      const from = boundaries[rect.c0]! + 1;
      const to = boundaries[rect.c1 + 1]!;
      const pieces: string[] = [];
      let start = -1;
      let end = -1;
      for (let y = bands[rect.r0]!.first; y <= bands[rect.r1]!.last; y++) {
        const l = lines[y]!;
        if (segment(l, from, to, strayLine[y]) === Segment.Rule) continue;
        const s = slice(l, from, to);
        if (!s) continue;
        pieces.push(l.line.text.slice(s.start, s.end));
        if (start < 0) start = l.line.offset + s.start;
        end = l.line.offset + s.end;
      }
      if (start < 0) {
        // A blank cell: zero-width, where its first line's text would begin.
        const l = lines[bands[rect.r0]!.first]!;
        const i = from < l.byCol.length ? l.byCol[from]! : -1;
        start = end = l.line.offset + (i >= 0 ? l.glyphs[i]!.at : l.line.text.length);
      }
      const cell: TableCell = { type: "tableCell", value: join(pieces), position: index.position(start, end) };
      // A damaged frame's columns are not trusted: without them the normaliser reads the
      // row by its values, and flags it as uncertain (below).
      if (!damaged) {
        cell.column = rect.c0;
        if (rect.c1 > rect.c0) cell.colspan = rect.c1 - rect.c0 + 1;
        if (rect.r1 > rect.r0) cell.rowspan = rect.r1 - rect.r0 + 1;
      }
      cells.push(cell);
    }
    if (cells.length === 0) continue;
    const first = lines[bands[r]!.first]!.line;
    const last = lines[bands[r]!.last]!.line;
    const row: TableRow = { type: "tableRow", padding: 0, children: cells, position: index.position(first.offset, last.offset + last.text.length) };
    if (damaged) row.uncertain = true;
    tableRows.push(row);
  }
  if (tableRows.length === 0) return null;
  return { type: "table", form: "box", columns: width, children: tableRows, position: index.position(boxStart, boxEnd) };
}

/** True when `b` follows `a` directly in the text (only a line break between them). */
function adjacent(a: SourceLine, b: SourceLine, text: string): boolean {
  const gap = text.slice(a.offset + a.text.length, b.offset);
  return gap === "\n" || gap === "\r\n" || gap === "\r";
}

/**
 * The box layout reader: claims each run of frame lines (Unicode, or ASCII with a `+--+`
 * border) that rebuilds into a grid, and returns it as one table of form `box`.
 */
export const readBoxes: LayoutReader = (lines, index, out) => {
  const claims: LayoutClaim[] = [];
  const text = index.text;
  const may = mayHoldBox(text);
  const kinds = [...(may.unicode ? [false] : []), ...(may.ascii ? [true] : [])];
  if (kinds.length === 0) return claims;
  for (let i = 0; i < lines.length; i++) {
    for (const ascii of kinds) {
      if (!frameLine(lines[i]!.text, ascii)) continue;
      let j = i;
      while (j + 1 < lines.length && openedLine(lines[j + 1]!.text, ascii) && adjacent(lines[j]!, lines[j + 1]!, text)) j++;
      const run = lines.slice(i, j + 1);
      if (run.length < 2 || (ascii && !run.some((l) => ASCII_BORDER.test(l.text)))) {
        // Pipe rows without a `+--` border (row lines, markdown): not a box. Skip the run
        // as a whole, so a long one is scanned once.
        if (ascii) i = j;
        continue;
      }
      let table: Table | null = null;
      try {
        table = readBox(run, ascii, index, out);
      } catch {
        table = null; // never throw on input: an unreadable box stays prose
      }
      if (table) claims.push({ first: i, last: j, blocks: [table] });
      i = j;
      break;
    }
  }
  return claims;
};
