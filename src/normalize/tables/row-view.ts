/**
 * A table row as the readers see it: label cells and value cells apart, and the shared ways of
 * taking exactly the template's number of values from it ({@link fit}, {@link shortCells}).
 * Also the prose rows of 二 that PDF text prints as a line of words ({@link proseRow}).
 */
import type { HeadingMarker, Paragraph, TableCell, TableForm, TableRow } from "../../ast/types.js";
import { readMarker } from "../../lexer/markers.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import { clip, type NormalizeContext } from "../context.js";
import { hasPhrase as has } from "../../text/phrases.js";
import { normalizeLabel } from "../../text/labels.js";
import { isNumericKind, isValueKind, parseCellValue } from "../../text/value.js";
import { PROACTIVE_ROWS } from "../../templates/grid.js";

/**
 * A row with its cells split into labels (normalised) and value cells: every reader asks the
 * same questions of a row (which cells name it, which hold its numbers), so they are answered once.
 */
export interface RowView {
  row: TableRow;
  /** Leading cells that hold text, not numbers. */
  labels: TableCell[];
  /** Normalised text of each label cell. */
  norm: string[];
  /** The cells after the last label cell. */
  values: TableCell[];
  /** True when at least one value cell holds a number (or 无/零). */
  hasNumbers: boolean;
  /**
   * True when the table prints a cell for every grid place, spanned ones included (row
   * lines, markdown, box-drawn grids): there, empty cells after a label are a span's places.
   */
  spanCells: boolean;
  /**
   * The row is markdown or a box-drawn grid (pandoc's grid tables), whose converters print a
   * spanned label's places as empty cells after it.
   */
  markdown: boolean;
  /**
   * The row is from a pipe-less table (cells as lines of their own): there an empty cell may
   * be a blank value or nothing at all (a `get_text("\n")` dump drops blank cells and keeps
   * the row's line breaks), so a row that needs one to fill its places is flagged.
   */
  pipeless: boolean;
}

/** A cell that is only a rule drawn through it: html2text's underscores. */
const RULE_FILL = /^\s*_+\s*$/;
/** {@link RULE_FILL}, tested only on the few cells that hold an underscore: it runs on every row's first cell. */
const isRuleFill = (v: string): boolean => v.includes("_") && RULE_FILL.test(v);

/**
 * The {@link RowView} of a row: computed once per row, before it is known which table it is
 * in, because the anchors that decide the table are among its labels.
 */
export function view(row: TableRow, form: TableForm): RowView {
  let cells = row.children;
  // Grids that print every spanned place (markdown from converters) put empty cells where a
  // rowspan label stands above: skip them when a label follows. html2text draws the span's
  // last place as underscores (the row's bottom rule), `|_______|`.
  let lead = 0;
  while (lead < cells.length && (cells[lead]!.value === "" || isRuleFill(cells[lead]!.value))) lead++;
  if (lead > 0 && lead < cells.length && !isValueKind(parseCellValue(cells[lead]!.value).kind)) cells = cells.slice(lead);
  let n = 0;
  // The kind of the cell that ended the labels (the first value cell), so that it is not read twice.
  let firstValueIsNumber = false;
  while (n < cells.length) {
    const c = cells[n]!;
    if (c.value === "") break;
    const kind = parseCellValue(c.value).kind;
    // A blank written as text (`&nbsp;`) is a value cell, not a label.
    if (isValueKind(kind)) {
      firstValueIsNumber = isNumericKind(kind);
      break;
    }
    n++;
  }
  const labels = cells.slice(0, n);
  const values = cells.slice(n);
  let hasNumbers = firstValueIsNumber;
  for (let i = 1; !hasNumbers && i < values.length; i++) {
    hasNumbers = isNumericKind(parseCellValue(values[i]!.value).kind);
  }
  return { row, labels, norm: labels.map((c) => normalizeLabel(c.value)), values, hasNumbers, spanCells: form === "markdown" || form === "row-lines" || form === "box", markdown: form === "markdown" || form === "box", pipeless: form === "plain" };
}

/**
 * Strips a leading ordinal marker (`（一）`, `1.`, `一、`) from a normalised label; `m` is its marker.
 * Row phrases are matched against the label's body, since reports number rows differently.
 */
export function core(label: string, m: HeadingMarker | null = readMarker(label)): string {
  return m ? label.slice(label.indexOf(m.raw) + m.raw.length) : label;
}

/** Drops the empty cells before a row's values (a spanned label's places) while it has too many. */
function shiftSpanPlaces(cells: TableCell[], v: RowView, expected: number): void {
  while (v.spanCells && cells.length > expected && cells[0]!.value === "") cells.shift();
}

/** What {@link fit} may assume of a table's columns: the readers' tables differ in where empty cells may stand. */
export interface FitShape {
  /** The first column holds the row labels (二, 三): a blank cell before the values can be a blank label. */
  labelColumn?: boolean;
  /**
   * Labels span grid columns and values never do (三): in markdown, whose converters print
   * every grid place, empty cells right after the label are the label's places and empty
   * cells at the end are blank values — so the former go first. (Row lines pad a short row
   * with pipes at its end instead: there the trailing ones go first.)
   */
  labelsSpan?: boolean;
}

/** 二 has a row-label column, and its labels do not span value columns. */
export const PROACTIVE_SHAPE: FitShape = { labelColumn: true };
/** 三 has a row-label column whose labels span grid columns (（一）予以公开 over two). */
export const REQUESTS_SHAPE: FitShape = { labelColumn: true, labelsSpan: true };
const NO_SHAPE: FitShape = {};

/**
 * The value cells of a row, exactly `expected` long (null where the row ran short).
 * Trailing blank cells beyond `expected` are dropped silently: they are the bare-pipe
 * lines the flattened text cannot tell from padding. Any other mismatch is flagged on
 * `path`, because the values may be shifted.
 */
export function fit(ctx: NormalizeContext, v: RowView, expected: number, path: string, shape: FitShape = NO_SHAPE): Array<TableCell | null> {
  const cells = v.values.slice();
  // Empty cells right after the label: the places a spanned label covers, printed empty by
  // converters (`| (一)予以公开 | | 0 | …`); values are right-aligned to the grid. (Not in
  // the cell-per-line form, where a bare `|` is a blank value and an extra one means a
  // duplicated or lost line — that must stay flagged.)
  const printed = cells.length;
  if (shape.labelsSpan && v.markdown) shiftSpanPlaces(cells, v, expected);
  // An empty place dropped after the label while the row also ends empty: a converter that
  // drops a rowspan's place and pads the row at its end (node-html-markdown) prints the same
  // cells with the values one place left — the leading empty a blank, the last one padding.
  const spanOrShift = cells.length < printed && cells[cells.length - 1]?.value === "";
  // Cutting trailing empties to the template's count is safe only when no empty place is left
  // at the front: with one there (a spanned label's place, or a real blank), which of the two
  // empties is the blank cannot be told by counting.
  let cutBesideLeadingEmpty = false;
  while (cells.length > expected && cells[cells.length - 1]!.value === "") {
    cells.pop();
    if (cells[0]!.value === "" && cells.slice(1).some((c) => c.value !== "")) cutBesideLeadingEmpty = true;
  }
  // Pipe-less: the row ends in an empty cell that fills the last place (trailing empties cut
  // to the template's count, or the blank line after the table) — it may stand for a blank,
  // or for nothing while a value slid left into its place.
  const guessedBlank = v.pipeless && cells.length === expected && cells[expected - 1]!.value === "";
  // A row without a label that opens with an empty cell and has one value too many printed
  // its blank label cell.
  if (shape.labelColumn && v.labels.length === 0 && cells.length === expected + 1 && cells[0]!.value === "") cells.shift();
  shiftSpanPlaces(cells, v, expected);
  if (cells.length !== expected || guessedBlank || cutBesideLeadingEmpty || spanOrShift) {
    ctx.report(
      DiagnosticCodes.rowWidthMismatch,
      cutBesideLeadingEmpty || spanOrShift
        ? `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` prints an empty cell before its values and one after: which is the blank and which a spanned label's place is unknown, so values may be shifted (空白单元格位置不可辨，数值可能错位)`
        : guessedBlank
        ? `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` prints ${cells.filter((c) => c.value !== "").length} of the template's ${expected} values, one line per cell with no mark for a blank: which place is blank is unknown, so values may be shifted (空白单元格不可辨，数值可能错位)`
        : `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` has ${cells.length} value cells where the template has ${expected}; values may be shifted (数值个数与模板不符)`,
      v.row.position,
      path,
    );
  }
  const out: Array<TableCell | null> = [];
  for (let i = 0; i < expected; i++) out.push(cells[i] ?? null);
  // Text with no digit among the values is a label that slid into them (a lost or extra
  // line): the numbers around it may belong to other columns or rows.
  const stray = out.find((c) => c !== null && c.value !== "" && !/[0-9０-９]/.test(c.value) && !isValueKind(parseCellValue(c.value).kind));
  if (v.row.uncertain || stray) {
    ctx.report(
      DiagnosticCodes.rowMisaligned,
      stray
        ? `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` has the text \`${clip(stray.value)}\` among its values; its values may be misaligned (数值中混有文字，可能错位)`
        : `the row boundaries of this table are uncertain from a padding mismatch on; its values may be misaligned (填充竖线不符，行界可能有误)`,
      v.row.position,
      path,
    );
  }
  return out;
}

/**
 * The value cells of a pipe-less row that prints fewer of them than the template has places
 * (a blank cell there may vanish without a trace), else null. Such a row's values cannot be
 * placed by counting; see short-rows.ts.
 */
export function shortCells(v: RowView, expected: number): TableCell[] | null {
  if (!v.pipeless || v.labels.length === 0) return null;
  const cells = v.values.slice();
  while (cells.length > expected && cells[cells.length - 1]!.value === "") cells.pop();
  return cells.length < expected ? cells : null;
}

/** One number of a prose row (`97`, `-3`, `12.5万元`). */
const PROSE_VALUE = "[+\\-－]?[0-9０-９][0-9０-９,，.]*(?:万元|元)?";
/** `行政许可 97`, `规章 0 7 12`: a label naming a row of 二, then its numbers, white space between. */
const PROSE_ROW = new RegExp(`^(\\S[^\\d]*?)\\s+(${PROSE_VALUE}(?:\\s+${PROSE_VALUE})*)$`);
const PROSE_VALUES = new RegExp(PROSE_VALUE, "g");

/**
 * A paragraph that is a whole row of 二, as a table row: its label cell and one cell per
 * number. PDF text (pdftotext -raw, pdfplumber) prints every row of 二 as a line of words,
 * `规章 0 7 12`; a row with fewer numbers than columns is fitted and flagged like any other.
 * Only when the label names a 二 row and the paragraph's text is its source text (positions exact).
 */
export function proseRow(p: Paragraph, ctx: NormalizeContext): TableRow | null {
  const m = PROSE_ROW.exec(p.value);
  if (!m) return null;
  const norm = normalizeLabel(m[1]!);
  if (!PROACTIVE_ROWS.some((d) => has(norm, d.phrases))) return null;
  const start = p.position.start.offset;
  if (ctx.text.slice(start, p.position.end.offset) !== p.value) return null;
  const valuesAt = start + p.value.length - m[2]!.length;
  const cell = (from: number, text: string): TableCell => ({
    type: "tableCell",
    value: text,
    position: ctx.index.position(from, from + text.length),
  });
  const cells = [cell(start, m[1]!.trimEnd())];
  for (const v of m[2]!.matchAll(PROSE_VALUES)) cells.push(cell(valuesAt + v.index!, v[0]));
  return { type: "tableRow", padding: 0, children: cells, position: p.position };
}
