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
 * (`“”`): each box is measured with the reading whose strokes line up best. That display
 * grid — columns, strokes, readings, the text between two boundaries — is box-grid.ts; this
 * file turns it into rows and cells.
 */
import type { Table, TableCell, TableRow } from "../ast/types.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";
import { ASCII_BORDER, frameLine, join, Kind, kindAt, mayHoldBox, measureBox, openedLine, segment, Segment, slice, strokeColumns } from "./box-grid.js";

export { asciiFrameLines } from "./box-grid.js";

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
