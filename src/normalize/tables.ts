/**
 * Table rows → the numeric parts of the model (二 proactive, 三 requests, 四 reviews).
 *
 * Rows are read in document order; which table a row belongs to comes from the section
 * heading above it and from anchor labels in the row itself (a scraper may merge two
 * tables into one). A row is identified by its label, matched by key phrases after
 * normalisation; its values are the cells after its last label cell. When a label is
 * truncated or garbled, the row's place in the template grid decides, and a diagnostic
 * says which label was assumed — a number is never placed silently on a guess.
 */
import type { Block, Heading, HeadingMarker, Paragraph, Position, Table, TableCell, TableForm, TableRow } from "../ast/types.js";
import type { LegacyStatistic, Proactive, Requests, ReviewsAndLawsuits, Template } from "../model/types.js";
import { readMarker } from "../lexer/markers.js";
import { OTHER_SECTION_WORDS } from "../templates/titles.js";
import { DiagnosticCodes, DiagnosticVariants } from "../diagnostics/codes.js";
import { childPath, clip, type NormalizeContext } from "./context.js";
import { findStatisticsHeader, LegacyReader, statisticsLayout } from "./legacy.js";
import { placeShortRows, type ShortRow } from "./short-rows.js";
import { TextMemo } from "../text/memo.js";
import { hasPhrase, normalizedPhrases, PhraseIndex } from "../text/phrases.js";
import { chineseNumeral, normalizeLabel } from "../text/labels.js";
import { isNumericKind, isNumericText, isValueKind, parseCellValue } from "../text/value.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_HEADER,
  PROACTIVE_ROWS,
  REQUEST_GROUPS,
  REQUEST_ROWS,
  type Family,
  type ProactiveColumnDef,
  type ProactiveRowSpec,
  type RequestGroup,
  type RequestRowDef,
} from "../templates/grid.js";

/** The numeric parts read from the tables. Absent tables stay undefined. */
export interface TableParts {
  proactive?: Proactive;
  requests?: Requests;
  reviewsAndLawsuits?: ReviewsAndLawsuits;
  /** Rows of pre-2019 statistics tables, in document order. */
  legacyStatistics?: LegacyStatistic[];
}

type Part = "proactive" | "requests" | "reviews";

/** A row with its cells split into labels (normalised) and value cells. */
interface RowView {
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

function view(row: TableRow, form: TableForm): RowView {
  let cells = row.children;
  // Grids that print every spanned place (markdown from converters) put empty cells where a
  // rowspan label stands above: skip them when a label follows.
  let lead = 0;
  while (lead < cells.length && cells[lead]!.value === "") lead++;
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

const has = hasPhrase;

/** Which part a section heading announces, if any. */
export function partOfHeading(title: string): Part | null {
  return headingInfo(title).part;
}

function partOfNormalizedHeading(t: string): Part | null {
  if (t.includes("行政复议") || t.includes("行政诉讼")) return "reviews";
  if (t.includes("收到和处理") || t.includes("依申请")) return "requests";
  if (t.includes("主动公开")) return "proactive";
  return null;
}

/** Phrases of every template row and group: a heading holding one names a table row. */
const ROW_PHRASES = [
  ...REQUEST_ROWS.flatMap((d) => (d.exact ? [] : d.phrases)),
  ...REQUEST_GROUPS.flatMap((g) => g.phrases),
  "本年度办理结果",
  "第二十条",
].map(normalizeLabel);

/**
 * Titles of the report's other sections (templates/titles.ts): only these end a table's
 * context. A heading that is neither (a label broken out of a PDF table, `三、本法提供`) leaves
 * the rows below where they were.
 */
const SECTION_TITLE = OTHER_SECTION_WORDS;

/** Does a heading name a row of a template table rather than a section of the report? */
function namesTableRow(title: string): boolean {
  return headingInfo(title).namesRow;
}

/** What a heading's text says about the tables, derived once per text (headings recur across reports). */
interface HeadingInfo {
  /** The part it announces. */
  part: Part | null;
  /** It names a row or group of a template table. */
  namesRow: boolean;
  /** It is the title of one of the report's other sections. */
  sectionTitle: boolean;
}

const HEADINGS = new TextMemo((title: string): HeadingInfo => {
  const t = normalizeLabel(title);
  return { part: partOfNormalizedHeading(t), namesRow: ROW_PHRASES.some((p) => t.includes(p)), sectionTitle: SECTION_TITLE.test(t) };
});
const headingInfo = (title: string): HeadingInfo => HEADINGS.get(title);

/** Phrases that start a table, by the bit {@link anchorsOf} sets for each. */
const ANCHORS = ["第二十条", "信息内容", "申请人情况", "勾稽", "本年新收", "行政复议", "行政诉讼"];
const PROACTIVE_ANCHORS = 0b11;
const REQUEST_ANCHORS = 0b11100;

/** The anchors a (normalised) label holds, as bits: remembered, as every row asks. */
const ANCHOR_BITS = new TextMemo((label: string) => ANCHORS.reduce((bits, phrase, i) => (label.includes(phrase) ? bits | (1 << i) : bits), 0));

/** Which part a row's own labels announce, if any (anchors that start a table). */
function partOfRow(v: RowView): Part | null {
  // Each label is searched on its own rather than all of them joined with `|`: no phrase
  // holds a `|`, so no phrase can match across two labels.
  let bits = 0;
  for (const n of v.norm) bits |= ANCHOR_BITS.get(n);
  if (bits & PROACTIVE_ANCHORS) return "proactive";
  if (bits & REQUEST_ANCHORS) return "requests";
  if (bits & 0b100000 && bits & 0b1000000) return "reviews";
  return null;
}

/** Strips a leading ordinal marker (`（一）`, `1.`, `一、`) from a normalised label; `m` is its marker. */
function core(label: string, m: HeadingMarker | null = readMarker(label)): string {
  return m ? label.slice(label.indexOf(m.raw) + m.raw.length) : label;
}

/** Template row paths split into keys, once each (the paths are the grid's fixed vocabulary). */
const PATH_KEYS = new Map<string, readonly string[]>();

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  let keys = PATH_KEYS.get(path);
  if (keys === undefined) PATH_KEYS.set(path, (keys = path.split(".")));
  let obj = root;
  for (const k of keys.slice(0, -1)) {
    obj[k] ??= {};
    obj = obj[k] as Record<string, unknown>;
  }
  obj[keys[keys.length - 1]!] = value;
}

function getPath(root: Record<string, unknown>, path: string): unknown {
  let obj: unknown = root;
  for (const k of path.split(".")) {
    if (obj === null || typeof obj !== "object") return undefined;
    obj = (obj as Record<string, unknown>)[k];
  }
  return obj;
}

/** Drops the empty cells before a row's values (a spanned label's places) while it has too many. */
function shiftSpanPlaces(cells: TableCell[], v: RowView, expected: number): void {
  while (v.spanCells && cells.length > expected && cells[0]!.value === "") cells.shift();
}

/** What {@link fit} may assume of a table's columns. */
interface FitShape {
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

const PROACTIVE_SHAPE: FitShape = { labelColumn: true };
const REQUESTS_SHAPE: FitShape = { labelColumn: true, labelsSpan: true };
const NO_SHAPE: FitShape = {};

/**
 * The value cells of a row, exactly `expected` long (null where the row ran short).
 * Trailing blank cells beyond `expected` are dropped silently: they are the bare-pipe
 * lines the flattened text cannot tell from padding. Any other mismatch is flagged on
 * `path`, because the values may be shifted.
 */
function fit(ctx: NormalizeContext, v: RowView, expected: number, path: string, shape: FitShape = NO_SHAPE): Array<TableCell | null> {
  const cells = v.values.slice();
  // Empty cells right after the label: the places a spanned label covers, printed empty by
  // converters (`| (一)予以公开 | | 0 | …`); values are right-aligned to the grid. (Not in
  // the cell-per-line form, where a bare `|` is a blank value and an extra one means a
  // duplicated or lost line — that must stay flagged.)
  if (shape.labelsSpan && v.markdown) shiftSpanPlaces(cells, v, expected);
  const printed = cells.length;
  // Cutting trailing empties to the template's count is safe only when no empty place is left
  // at the front: with one there (a spanned label's place, or a real blank), which of the two
  // empties is the blank cannot be told by counting.
  let cutBesideLeadingEmpty = false;
  while (cells.length > expected && cells[cells.length - 1]!.value === "") {
    cells.pop();
    if (cells[0]!.value === "" && cells.slice(1).some((c) => c.value !== "")) cutBesideLeadingEmpty = true;
  }
  // Pipe-less: trailing empty cells were cut to the template's count, and one still fills a
  // place — it may stand for a blank, or for nothing while a value slid left into its place.
  const guessedBlank = v.pipeless && printed > cells.length && cells.length === expected && cells[expected - 1]!.value === "";
  // A row without a label that opens with an empty cell and has one value too many printed
  // its blank label cell.
  if (shape.labelColumn && v.labels.length === 0 && cells.length === expected + 1 && cells[0]!.value === "") cells.shift();
  shiftSpanPlaces(cells, v, expected);
  if (cells.length !== expected || guessedBlank || cutBesideLeadingEmpty) {
    ctx.report(
      DiagnosticCodes.rowWidthMismatch,
      cutBesideLeadingEmpty
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
function shortCells(v: RowView, expected: number): TableCell[] | null {
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
function proseRow(p: Paragraph, ctx: NormalizeContext): TableRow | null {
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

/** Reads every table of the document into the model's numeric parts. */
export function readTables(blocks: Block[], template: Template, ctx: NormalizeContext): TableParts {
  const proactive = new ProactiveReader(ctx, template);
  const requests = new RequestsReader(ctx, template);
  const reviews = new ReviewsReader(ctx);
  const legacy = new LegacyReader(ctx);
  let part: Part | null = null;
  for (const block of blocks) {
    if (block.type === "heading") {
      // A heading that names a row or group of the current table (markdown conversions put
      // one above every row group: `### （三）不予公开`) keeps the table's context; another
      // top-level heading ends it.
      const announced = partOfHeading(block.value);
      if (announced) part = announced;
      else if (part === "requests" && requests.heading(block)) part = "requests";
      else if (block.depth === 1 && !namesTableRow(block.value) && headingInfo(block.value).sectionTitle) part = null;
      if (part === "reviews") reviews.heading(block.value);
      legacy.close();
      continue;
    }
    if (block.type === "paragraph") {
      // PDF text prints a row of 二 as a line of its own: `行政许可 97`, `规章 0 7 12`.
      if (part === "proactive" && template !== "legacy") {
        const row = proseRow(block, ctx);
        if (row) proactive.row(view(row, "plain"));
      }
      continue;
    }
    if (block.type !== "table") continue;
    // Pre-2019 statistics tables are recognised by their own header, whatever the template.
    const stats = findStatisticsHeader(block);
    if (stats) {
      legacy.table(block, stats.row, stats.layout);
      continue;
    }
    if (legacy.continues(block)) {
      legacy.table(block, -1, null);
      continue;
    }
    legacy.close();
    if (template === "legacy") {
      unreadTable(block, ctx);
      continue;
    }
    for (let i = 0; i < block.children.length; i++) {
      const row = block.children[i]!;
      const v = view(row, block.form);
      // A statistics table run on below a template table (no blank line between them).
      const stats = v.hasNumbers ? null : statisticsLayout(row.children);
      if (stats) {
        legacy.table(block, i, stats);
        break;
      }
      part = partOfRow(v) ?? part;
      if (part === "proactive") proactive.row(v);
      else if (part === "requests") requests.row(v);
      else if (part === "reviews") reviews.row(v);
    }
  }
  const out: TableParts = {};
  const p = proactive.result();
  if (p) out.proactive = p;
  const r = requests.result();
  if (r) out.requests = r;
  const rv = reviews.result();
  if (rv) out.reviewsAndLawsuits = rv;
  const short = [...requests.short, ...reviews.short];
  if (short.length > 0) placeShortRows(short, { requests: out.requests, reviewsAndLawsuits: out.reviewsAndLawsuits }, ctx);
  if (legacy.entries.length > 0) out.legacyStatistics = legacy.entries;
  return out;
}

/** Cell labels of the page's metadata box, which holds numbers (索引号) but no statistics. */
const META_LABELS = ["索引号", "发布机构", "发文日期", "成文日期", "文号"].map(normalizeLabel);

/**
 * A table of a pre-2019 report that is not a statistics table: its numbers are not guessed
 * into the model, and an info diagnostic says so (unless it is the page's metadata box).
 */
function unreadTable(table: Table, ctx: NormalizeContext): void {
  const cells = table.children.flatMap((r) => r.children);
  if (!cells.some((c) => isNumericText(c.value))) return;
  if (cells.some((c) => META_LABELS.some((m) => normalizeLabel(c.value).includes(m)))) return;
  ctx.report(
    DiagnosticVariants.legacyTableUnread,
    "a table of this pre-2019 report has no statistics header (统计指标/指标名称 | 单位); its numbers are not read into the model (表格无统计表表头，未读取)",
    table.position,
    "legacyStatistics",
  );
}

// ---------------------------------------------------------------------------------------
// 二 主动公开

/** The 第二十条 item a caption names: `第二十条第(五)项` → 5. */
function captionItem(norm: string): number | null {
  const m = /第二十条第?\(?([一二三四五六七八九十]{1,2})\)?项/.exec(norm);
  return m ? chineseNumeral(m[1]!) : null;
}

/** A column header cell's unit, when it names one: `采购总金额(万元)`, `(单位:万元)`. */
function headerUnit(norm: string): string | null {
  const m = /\((?:单位:)?(万元|元|千元|亿元)\)/.exec(norm);
  return m ? m[1]! : null;
}

/**
 * `fn`, remembered per column list and normalised text: the header readers below ask it of
 * every header cell for every row of 二, about the same few header texts in every report.
 */
function memoByColumns<T>(fn: (norm: string, columns: readonly ProactiveColumnDef[]) => T) {
  const memos = new WeakMap<readonly ProactiveColumnDef[], TextMemo<T>>();
  return (norm: string, columns: readonly ProactiveColumnDef[]): T => {
    let memo = memos.get(columns);
    if (memo === undefined) memos.set(columns, (memo = new TextMemo((n) => fn(n, columns))));
    return memo.get(norm);
  };
}

/** The column a header cell names: the phrase occurring earliest wins (annotations come after). */
const strongColumn = memoByColumns(findStrongColumn);

function findStrongColumn(norm: string, columns: readonly ProactiveColumnDef[]): ProactiveColumnDef | null {
  let best: ProactiveColumnDef | null = null;
  let at = Infinity;
  for (const c of columns) {
    for (const p of normalizedPhrases(c.phrases)) {
      const i = norm.indexOf(p);
      if (i >= 0 && i < at) {
        best = c;
        at = i;
      }
    }
  }
  return best;
}

/** Columns whose label a cut header cell (`本年新`, cut at a `<br>`) could be the start of (shared: read only). */
const weakColumns = memoByColumns(findWeakColumns);

function findWeakColumns(norm: string, columns: readonly ProactiveColumnDef[]): readonly ProactiveColumnDef[] {
  if (norm.length < 2) return [];
  return columns.filter((c) => normalizeLabel(c.label).startsWith(norm));
}

/**
 * The column index (among the filled header cells) of every header place, an empty place
 * taking the label to its left; null when no empty place lies between or after labels (the
 * plain case) or one comes before the first label (nothing to continue).
 */
function headerPlaces(raw: readonly TableCell[]): number[] | null {
  let end = raw.length;
  while (end > 0 && raw[end - 1]!.value === "") end--;
  if (end === 0 || raw[0]!.value === "") return null;
  const places: number[] = [];
  let col = -1;
  let spanned = false;
  for (let i = 0; i < end; i++) {
    if (raw[i]!.value !== "") col++;
    else spanned = true;
    places.push(col);
  }
  return spanned ? places : null;
}

/** A row's columns as resolved from its sub-table header (or assumed), with the template they belong to. */
interface ResolvedColumns {
  family: Family;
  columns: ProactiveColumnDef[];
  /** Units a header cell declared, by column key. */
  units: Map<string, string>;
}

class ProactiveReader {
  private readonly model: Record<string, unknown> = {};
  private extra: Array<{ label: string; values: Array<number | null> }> = [];
  /** The header cells after the row-label column of the current sub-table; null before any. */
  private header: TableCell[] | null = null;
  /**
   * For each place of the current header after the row-label column, the index in
   * {@link header} of the column it belongs to: an empty place continues the label to its
   * left (`本年增/减 |  | 处理决定数量`). Null when the header has no empty place to resolve.
   */
  private places: number[] | null = null;
  /** The 第二十条 item of the current sub-table, from its caption. */
  private item: number | null = null;
  private seen = false;
  /** Answers of {@link anyColumn}, by normalised cell text. */
  private readonly columnCache = new Map<string, boolean>();

  /** Where the last row of 二 was, to place diagnostics about rows never seen. */
  private lastRow: Position | null = null;
  /**
   * The template families whose columns rows that exist in both were read under: with the
   * template unknown, one family for all of them says which rows the table must have.
   */
  private readonly families = new Set<"2019" | "2021">();

  constructor(
    private readonly ctx: NormalizeContext,
    private readonly template: Template,
  ) {}

  row(v: RowView): void {
    this.lastRow = v.row.position;
    const first = v.norm[0] ?? "";
    if (first.includes("第二十条")) {
      this.seen = true;
      this.header = null;
      this.places = null;
      this.item = captionItem(first);
      // A caption alone on its row, or sharing it with the header or a data row.
      if (v.labels.length <= 1 && !v.hasNumbers) return;
      v = { ...v, labels: v.labels.slice(1), norm: v.norm.slice(1) };
    }
    if (this.isHeader(v)) {
      this.seen = true;
      const cells = v.row.children;
      const firstIsColumn = cells[0] !== undefined && this.anyColumn(normalizeLabel(cells[0].value)) && !has(normalizeLabel(cells[0].value), PROACTIVE_HEADER);
      const raw = firstIsColumn ? cells : cells.slice(cells.indexOf(v.labels[0] ?? cells[0]!) + 1);
      this.header = raw.filter((c) => c.value !== "");
      this.places = headerPlaces(raw);
      return;
    }
    if (v.labels.length === 0 && !v.hasNumbers) return;
    const label = v.norm[v.norm.length - 1] ?? "";
    let def: ProactiveRowSpec | undefined = v.labels.length > 0 ? PROACTIVE_ROWS.find((d) => has(label, d.phrases)) : undefined;
    if (!def && v.labels.length === 0) {
      // Numbers without a label: the next row of the current sub-table, if the caption says which.
      def = PROACTIVE_ROWS.find((d) => d.item === this.item && this.model[d.key] === undefined);
      if (!def) {
        this.ctx.report(
          DiagnosticCodes.unknownRow,
          "a row of 二 has numbers but no label; its values are not in the model (无标签的数据行)",
          v.row.position,
          "proactive",
        );
        return;
      }
      // Placed by position alone, so the numbers are a guess: a warning, not an info.
      this.ctx.report(
        DiagnosticVariants.labelGuessed,
        `a row of 二 without a label read as ${def.label}, the next row of 第二十条第(${def.item})项 (无行标签，按位置认定)`,
        v.row.position,
        childPath("proactive", def.key),
      );
    }
    if (!def) {
      if (v.hasNumbers || v.values.some((c) => parseCellValue(c.value).kind === "placeholder")) this.addExtra(v);
      return;
    }
    this.seen = true;
    const path = childPath("proactive", def.key);
    if (this.model[def.key] !== undefined) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    const resolved = this.columnsFor(def, v, path);
    const cells =
      this.gridCells(v, resolved.columns.length, path) ??
      this.placeCells(v, resolved.columns, path) ??
      this.shortRow(v, resolved.columns.length, path) ??
      fit(this.ctx, v, resolved.columns.length, path, PROACTIVE_SHAPE);
    const obj: Record<string, number | null> = {};
    resolved.columns.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i]!, childPath(path, c.key), resolved.units.get(c.key) ?? c.unit);
    });
    this.model[def.key] = obj;
  }

  /**
   * Whether any column of either template is named by `norm` (strongly or as a cut prefix).
   * Remembered per text: the header test asks it of every cell of every row without numbers,
   * and the answer (a scan over every column of both templates) depends on the text alone.
   */
  private anyColumn(norm: string): boolean {
    if (norm === "") return false;
    let known = this.columnCache.get(norm);
    if (known === undefined) {
      known = PROACTIVE_ROWS.some((d) =>
        Object.values(d.columns).some((cols) => strongColumn(norm, cols) !== null || weakColumns(norm, cols).length > 0),
      );
      this.columnCache.set(norm, known);
    }
    return known;
  }

  /**
   * A header row: 信息内容 in its first cell, or — when that cell is missing or blank — no
   * numbers, no row label of the template, and at least one cell that names a column.
   */
  private isHeader(v: RowView): boolean {
    if (v.hasNumbers) return false;
    const first = v.norm[0] ?? "";
    if (has(first, PROACTIVE_HEADER)) return true;
    if (v.labels.some((_, i) => PROACTIVE_ROWS.some((d) => has(v.norm[i]!, d.phrases)))) return false;
    return v.row.children.some((c) => this.anyColumn(normalizeLabel(c.value)) && !/^\d/.test(c.value.trim()));
  }

  /**
   * The columns of a row. They come from its sub-table's header when that names the columns
   * of one template — whichever the report as a whole was detected as, so a 2019 header in a
   * 2021 report puts its numbers under the 2019 keys (with a diagnostic), never silently
   * under the 2021 ones. A header cut at a `<br>` (`本年新 | 本年新`) or missing is read by
   * position in the template grid, and a diagnostic names every column taken on trust.
   */
  private columnsFor(def: ProactiveRowSpec, v: RowView, path: string): ResolvedColumns {
    const families = (Object.keys(def.columns) as Family[]).filter((f) => def.columns[f] !== undefined);
    const header = this.header ?? [];
    const norms = header.map((c) => normalizeLabel(c.value));
    let valueCount = v.values.length;
    while (valueCount > 0 && v.values[valueCount - 1]!.value === "") valueCount--;

    const score = (f: Family) =>
      norms.reduce((sum, n) => sum + (strongColumn(n, def.columns[f]!) ? 2 : weakColumns(n, def.columns[f]!).length > 0 ? 1 : 0), 0);
    const rank = (f: Family): number[] => [
      score(f),
      header.length === def.columns[f]!.length ? 1 : 0,
      valueCount === def.columns[f]!.length ? 1 : 0,
      f === this.template ? 1 : 0,
      f === "2021" ? 1 : 0,
    ];
    const better = (a: number[], b: number[]) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
      return false;
    };
    let family = families[0]!;
    for (const f of families.slice(1)) if (better(rank(f), rank(family))) family = f;
    if (families.length > 1) this.families.add(family);
    const recognised = score(family) > 0;
    const columns = def.columns[family]!;
    const units = new Map<string, string>();

    const rowLabel = family === "2019" ? (def.label2019 ?? def.label) : def.label;
    if (family !== this.template && (this.template === "2021" || this.template === "2019")) {
      const names = columns.map((c) => c.label).join(" / ");
      const why = recognised
        ? `its sub-table header names the ${family} columns (${names})`
        : families.length === 1
          ? `the row exists only in the ${family} template (${names})`
          : `its ${valueCount} value(s) fit the ${family} columns (${names})`;
      this.ctx.report(
        DiagnosticCodes.templateMixed,
        `row ${rowLabel} is read on the ${family} template in a report detected as ${this.template}: ${why}; its values go under the ${family} keys (${columns.map((c) => c.key).join(", ")}) (该行按${family}版模板读取)`,
        recognised ? header[0]!.position : v.row.position,
        path,
      );
    }

    if (!recognised) {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        header.length === 0
          ? `no column header before row ${rowLabel}; ${family} template columns assumed: ${columns.map((c) => c.label).join(" / ")} (缺少表头，按模板列序)`
          : `column headers \`${clip(header.map((c) => c.value).join(" | "))}\` not recognised for row ${rowLabel}; ${family} template columns assumed: ${columns.map((c) => c.label).join(" / ")} (表头无法识别，按模板列序)`,
        header[0]?.position ?? v.row.position,
        path,
      );
      return { family, columns, units };
    }

    // Every header cell names a distinct column: the header's order is the truth.
    const strong = norms.map((n) => strongColumn(n, columns));
    if (strong.length === columns.length && strong.every((c) => c !== null) && new Set(strong).size === columns.length) {
      strong.forEach((c, i) => {
        const unit = headerUnit(norms[i]!);
        if (unit) units.set(c!.key, unit);
      });
      return { family, columns: strong as ProactiveColumnDef[], units };
    }

    // Otherwise by position, flagging every column whose header does not name it. A header
    // with more places than the template has columns (a label cut at a space into two
    // places) gives positions nothing to stand on: the whole row is flagged.
    if (header.length > columns.length) {
      this.ctx.report(
        DiagnosticVariants.labelGuessed,
        `the sub-table header \`${clip(header.map((c) => c.value).join(" | "))}\` has ${header.length} places where the ${family} template has ${columns.length} columns (${columns.map((c) => c.label).join(" / ")}); the values of row ${rowLabel} are placed by position and may be shifted (表头列数与模板不符)`,
        header[0]!.position,
        path,
      );
    }
    columns.forEach((c, i) => {
      const cell = header[i];
      const norm = norms[i] ?? "";
      const named = strong[i];
      if (cell && named === c) {
        const unit = headerUnit(norm);
        if (unit) units.set(c.key, unit);
        return;
      }
      const truncated = cell !== undefined && weakColumns(norm, columns).includes(c);
      const other = named && named !== c ? named : null;
      this.ctx.report(
        other ? DiagnosticVariants.labelGuessed : DiagnosticCodes.labelAssumed,
        cell
          ? `column header \`${clip(cell.value)}\` read as ${c.label} from its place in the template grid${truncated ? " (a cut-off label)" : ""}${other ? ` although it names ${other.label}` : ""} (表头不完整，按位置认定)`
          : `column ${c.label} has no header cell; assumed from the template grid (按模板列序认定)`,
        cell ? cell.position : v.row.position,
        childPath(path, c.key),
        cell?.value,
      );
    });
    return { family, columns, units };
  }

  /**
   * HTML tables know each cell's grid column. When a header and its data rows disagree on
   * spans (header `1 + 1 + colspan2 + 1` over data `1 + colspan2 + 1 + 1`), values are
   * matched to header columns by the columns they overlap, each value used once — counting
   * cells would shift them. Null when the cells carry no grid columns (flattened text).
   */
  private gridCells(v: RowView, n: number, path: string): Array<TableCell | null> | null {
    const header = this.header ?? [];
    if (header.length !== n || v.values.length === 0) return null;
    if (header.some((c) => c.column === undefined) || v.values.some((c) => c.column === undefined)) return null;
    const used = new Set<TableCell>();
    const out = header.map((h) => {
      const h0 = h.column!;
      const h1 = h0 + (h.colspan ?? 1);
      let best: TableCell | null = null;
      let bestOverlap = 0;
      for (const c of v.values) {
        if (used.has(c)) continue;
        const overlap = Math.min(h1, c.column! + (c.colspan ?? 1)) - Math.max(h0, c.column!);
        // On a tie a filled cell wins over an empty spacer cell.
        if (overlap > bestOverlap || (overlap > 0 && overlap === bestOverlap && best?.value === "" && c.value !== "")) {
          best = c;
          bestOverlap = overlap;
        }
      }
      if (best) used.add(best);
      return best;
    });
    const unplaced = v.values.filter((c) => !used.has(c) && c.value !== "");
    if (out.some((c) => c === null) || unplaced.length > 0) {
      this.ctx.report(
        DiagnosticCodes.rowWidthMismatch,
        `the cells of row \`${clip(v.labels.map((c) => c.value).join(" / "))}\` do not line up with its header's columns; values may be misplaced (数据列与表头列不对齐)`,
        v.row.position,
        path,
      );
    }
    return out;
  }

  /**
   * Flattened text has no grid columns, but a header that prints an empty place after a
   * label (a spanned header cell, `本年增/减 |  | 处理决定数量`) says the same: that place is
   * the label's. A data row with one cell per header place is read by place, so a value
   * under the continued place is not shifted into the next column. Two filled cells under
   * one column cannot be told apart: that value is null, flagged with both readings. Null
   * (fall back to {@link fit}) when the header has no such place or the row's cells do not
   * match its places one for one.
   */
  private placeCells(v: RowView, columns: readonly ProactiveColumnDef[], path: string): Array<TableCell | null> | null {
    const places = this.places;
    if (places === null || this.header === null || columns.length !== this.header.length) return null;
    const cells = v.values.slice();
    while (cells.length > places.length && cells[cells.length - 1]!.value === "") cells.pop();
    if (cells.length !== places.length) return null;
    return columns.map((c, j) => {
      const under = cells.filter((_, p) => places[p] === j);
      const filled = under.filter((cell) => cell.value !== "");
      if (filled.length <= 1) return filled[0] ?? under[0] ?? null;
      this.ctx.report(
        DiagnosticCodes.rowWidthMismatch,
        `row \`${clip(v.labels.map((l) => l.value).join(" / ") || "(no label)")}\` has ${filled.length} values under the spanned header ${c.label} (${filled.map((f) => `\`${clip(f.value)}\``).join(" or ")}); the value is not decided (跨列表头下有多个数值)`,
        filled[0]!.position,
        childPath(path, c.key),
        filled.map((f) => f.value).join(" | "),
      );
      return null;
    });
  }

  /**
   * A pipe-less row of 二 short of values: no identity reads 二, so which places were blank
   * cannot be known, and every value is left null with a warning (null where none of its
   * values vanished: the row is read as usual).
   */
  private shortRow(v: RowView, n: number, path: string): Array<TableCell | null> | null {
    const cells = shortCells(v, n);
    if (!cells || cells.length === 0) return null;
    this.ctx.report(
      DiagnosticCodes.rowWidthMismatch,
      `row \`${clip(v.labels.map((c) => c.value).join(" / "))}\` prints ${cells.length} of the template's ${n} values, one cell per line with no mark for a blank, and 二 has no identity to tell which places were blank: its values are left null (空白单元格不可辨，数值未填入)`,
      v.row.position,
      path,
    );
    return new Array<TableCell | null>(n).fill(null);
  }

  private addExtra(v: RowView): void {
    const i = this.extra.length;
    const label = v.labels.map((c) => c.value).join(" ");
    const cells = v.values.slice();
    while (cells.length > 0 && cells[cells.length - 1]!.value === "") cells.pop();
    const values = cells.map((c, j) => this.ctx.value(c, `proactive.extraRows.${i}.values.${j}`));
    this.extra.push({ label, values });
    this.seen = true;
  }

  result(): Proactive | undefined {
    if (!this.seen) return undefined;
    // A template row that never appeared is lost data: say so, on its path.
    // Unknown template: the family every row was read under, when they agree (a PDF's lone 二).
    const read = this.families.size === 1 ? [...this.families][0]! : null;
    const family = this.template === "2019" ? "2019" : this.template === "2021" ? "2021" : this.template === "legacy" ? null : read;
    if (family) {
      for (const r of PROACTIVE_ROWS) {
        if (!r.columns[family] || this.model[r.key] !== undefined) continue;
        this.ctx.report(
          DiagnosticCodes.missingRow,
          `row ${family === "2019" ? (r.label2019 ?? r.label) : r.label} was not found in table 二 (未找到该行)`,
          this.lastRow ? { start: this.lastRow.end, end: this.lastRow.end } : this.ctx.index.position(0, 0),
          `proactive.${r.key}`,
        );
      }
    }
    const out = this.model as Proactive;
    if (this.extra.length > 0) out.extraRows = this.extra;
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// 三 依申请

/** `requests.<row>` and `requests.<row>.<column>` of every row of a list, built once per list. */
const REQUEST_ROW_PATHS = new WeakMap<readonly RequestRowDef[], Array<{ path: string; columns: string[] }>>();

function requestRowPaths(defs: readonly RequestRowDef[]): Array<{ path: string; columns: string[] }> {
  let paths = REQUEST_ROW_PATHS.get(defs);
  if (paths === undefined) {
    paths = defs.map((d) => {
      const path = childPath("requests", d.path);
      return { path, columns: APPLICANT_COLUMNS.map((c) => childPath(path, c.key)) };
    });
    REQUEST_ROW_PATHS.set(defs, paths);
  }
  return paths;
}

/** What a label of 三 names, from its (normalised) text alone. */
interface RequestLabel {
  /** Its ordinal marker (`（三）`, `1.`), if any. */
  marker: HeadingMarker | null;
  /** Indices into REQUEST_ROWS of the rows whose phrases it holds (marker stripped), in template order. */
  hits: number[];
  /** The row group whose phrases it holds (`（三）不予公开`), if any. */
  group: RequestGroup | null;
}

/** The phrases of every row of 三, indexed for one scan per label. */
const REQUEST_ROW_PHRASES = new PhraseIndex(REQUEST_ROWS.map((d) => normalizedPhrases(d.phrases)));
/** The normalised phrases of each `exact` row (matched by equality), null for the others. */
const EXACT_PHRASES = REQUEST_ROWS.map((d) => (d.exact ? normalizedPhrases(d.phrases) : null));

function readRequestLabel(label: string): RequestLabel {
  const hits: number[] = [];
  const marker = readMarker(label);
  const body = core(label, marker);
  const contained = REQUEST_ROW_PHRASES.hits(body);
  for (let i = 0; i < REQUEST_ROWS.length; i++) {
    const exact = EXACT_PHRASES[i];
    const hit = exact ? exact.includes(body) : contained[i] === 1;
    if (hit) hits.push(i);
  }
  const group = REQUEST_GROUPS.find((grp) => has(label, grp.phrases))?.key ?? null;
  return { marker, hits, group };
}

/**
 * {@link readRequestLabel}, remembered across rows and reports: each row asks it of every
 * label, `match` again while realigning, and the answer depends on the text alone; the
 * reader's state (group, rows filled) is then applied to the few rows found.
 */
const REQUEST_LABELS = new TextMemo(readRequestLabel);
const requestLabel = (label: string): RequestLabel => REQUEST_LABELS.get(label);

class RequestsReader {
  /** Both shapes of （六）其他处理 are matched; the rows seen (or the template) pick one. */
  private readonly defs: RequestRowDef[] = REQUEST_ROWS;
  private readonly model: Record<string, unknown> = {};
  private readonly filled = new Set<string>();
  private group: RequestGroup | null = null;
  private cursor = -1;
  private headerCells: TableCell[] = [];
  private headerChecked = false;
  /** Pipe-less rows short of values, placed by the identities once the report is read. */
  readonly short: ShortRow[] = [];
  private seen = false;
  /** Where the last row of the table was, to place diagnostics about rows never seen. */
  private lastRow: Position | null = null;
  /** Model paths of each row and of its applicant columns, by row index. */
  private readonly paths = requestRowPaths(this.defs);

  constructor(
    private readonly ctx: NormalizeContext,
    readonly template: Template,
  ) {}

  /**
   * Which shape of （六）其他处理 the table has: the one whose rows it printed, else the
   * detected template's (2021 when the template is not known).
   */
  private variant(): Family {
    for (const d of this.defs) if (d.variant && this.filled.has(d.path)) return d.variant;
    return this.template === "2019" ? "2019" : "2021";
  }

  private inVariant(d: RequestRowDef): boolean {
    return d.variant === undefined || d.variant === this.variant();
  }

  /**
   * A heading inside table 三 (markdown conversions print `### （三）不予公开` above each row
   * group): a group heading opens that group. Returns true when the heading belongs here.
   */
  heading(h: Heading): boolean {
    const t = normalizeLabel(h.value);
    const g = REQUEST_GROUPS.find((grp) => has(t, grp.phrases));
    if (g) this.group = g.key;
    else if (h.marker.style === "paren-chinese" && h.marker.ordinal === 6 && t.startsWith("其他")) this.group = "otherHandling";
    else if (h.marker.style === "paren-chinese" || h.marker.style === "chinese") this.group = null;
    return g !== undefined || namesTableRow(h.value) || t.startsWith("其他");
  }

  row(v: RowView): void {
    this.seen = true;
    this.lastRow = v.row.position;
    if (!v.hasNumbers && (v.values.length === 0 || this.filled.size === 0) && this.cursor < 0) {
      // Header rows: 申请人情况 / 自然人 / 法人或其他组织 / 商业企业 …
      this.headerCells.push(...v.labels);
      return;
    }
    // A row of three or more labels and no number is a header repeated (or invented by a
    // converter) inside the table, never a data row; its labels must not open a group.
    if (!v.hasNumbers && v.labels.length >= 3) return;
    if (!this.headerChecked) this.checkHeader(v.row.position);
    v = this.realign(v);

    // Group context: a group label cell opens a group; a top-level row closes it.
    for (const n of v.norm) {
      const g = requestLabel(n).group;
      if (g !== null) this.group = g;
    }
    const label = v.norm[v.norm.length - 1] ?? "";
    const { marker, group } = requestLabel(label);
    const isGroupLabel = group !== null;
    if (!isGroupLabel && marker && marker.style !== "arabic" && marker.style !== "paren-arabic") this.group = null;
    // A group label on a line of its own (`（六）其他处理` above its 2021 sub-rows) holds no values.
    if (isGroupLabel && v.values.length === 0) return;

    let index = this.match(label, isGroupLabel);
    let assumed = false;
    if (index < 0) {
      if (v.values.length === 0 && !v.hasNumbers) return; // a label-only row, e.g. 三、本年度办理结果 on its own
      index = this.cursor + 1;
      while (index < this.defs.length && !this.inVariant(this.defs[index]!)) index++;
      assumed = true;
      if (index >= this.defs.length) {
        this.ctx.report(
          DiagnosticCodes.unknownRow,
          `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` matches no row of 三; its values are not in the model (无法识别的行)`,
          v.row.position,
          "requests",
        );
        return;
      }
    }
    const def = this.defs[index]!;
    const { path, columns: columnPaths } = this.paths[index]!;
    if (assumed) {
      // A row placed by position alone is a guess about the numbers themselves: a warning.
      this.ctx.report(
        DiagnosticVariants.labelGuessed,
        `row label \`${clip(v.labels.map((c) => c.value).join(" / ") || "(none)")}\` not recognised; read as ${def.label} from its place in the table (行标签无法识别，按位置认定)`,
        v.labels[v.labels.length - 1]?.position ?? v.row.position,
        path,
      );
    }
    if (this.filled.has(def.path)) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    if (def.variant && !this.inVariant(def)) {
      this.ctx.report(
        DiagnosticCodes.templateMixed,
        `table 三 has both shapes of （六）其他处理 (the 2021 sub-rows and the single 2019 row); row ${def.label} is kept as written (（六）其他处理的两种格式同时出现)`,
        v.row.position,
        path,
      );
    }
    this.filled.add(def.path);
    this.cursor = Math.max(this.cursor, index);
    const short = shortCells(v, APPLICANT_COLUMNS.length);
    if (short && short.length > 0) {
      const obj: Record<string, number | null> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, null]));
      setPath(this.model, def.path, obj);
      const label = v.labels.map((c) => c.value).join(" / ");
      this.short.push({ set: (i, value) => (obj[APPLICANT_COLUMNS[i]!.key] = value), paths: columnPaths, cells: short, path, label, position: v.row.position });
      return;
    }
    const cells = fit(this.ctx, v, APPLICANT_COLUMNS.length, path, REQUESTS_SHAPE);
    const obj: Record<string, number | null> = {};
    APPLICANT_COLUMNS.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i]!, columnPaths[i]!);
    });
    setPath(this.model, def.path, obj);
  }

  /**
   * A value cell that is not a number (`约30` in the first column) looks like one more
   * label. When an earlier label cell names a row and taking the cells after it gives
   * exactly the seven values, those cells are the values: the bad one is then flagged as
   * unparseable instead of shifting the row.
   */
  private realign(v: RowView): RowView {
    if (v.labels.length < 2 || this.match(v.norm[v.norm.length - 1]!, false) >= 0) return v;
    for (let j = v.labels.length - 2; j >= 0; j--) {
      if (this.match(v.norm[j]!, false) < 0) continue;
      const values = [...v.labels.slice(j + 1), ...v.values];
      const filled = values.filter((c) => c.value !== "" || !c.ambiguous).length;
      if (filled !== APPLICANT_COLUMNS.length) return v;
      return { ...v, labels: v.labels.slice(0, j + 1), norm: v.norm.slice(0, j + 1), values };
    }
    return v;
  }

  /** The template row a label names, preferring rows of the current group; -1 if none. */
  private match(label: string, isGroupLabel: boolean): number {
    const pick = (strictGroup: boolean) => {
      let best = -1;
      for (const i of requestLabel(label).hits) {
        const d = this.defs[i]!;
        if (strictGroup && d.group && this.group !== null && d.group !== this.group) continue;
        if (d.exact && d.group !== this.group) continue;
        if (isGroupLabel && !d.phrases.some((p) => p.includes("处理"))) continue;
        if (best < 0 || (!this.filled.has(d.path) && this.filled.has(this.defs[best]!.path))) best = i;
        if (!this.filled.has(d.path)) break;
      }
      return best;
    };
    // The group context only decides between rows that share a phrase; a distinctive label
    // (`2.没有现成信息需要另行制作`) names its row even when its group's line was lost.
    const strict = pick(true);
    if (strict >= 0) return strict;
    const loose = pick(false);
    if (loose >= 0) this.group = this.defs[loose]!.group ?? this.group;
    return loose;
  }

  /** Checks that the header names the applicant columns; flags any it does not. */
  private checkHeader(position: Position): void {
    this.headerChecked = true;
    const norm = this.headerCells.map((c) => normalizeLabel(c.value));
    const missing = APPLICANT_COLUMNS.filter((c) => !norm.some((n) => has(n, c.phrases)));
    if (missing.length > 0) {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        `the applicant header does not name ${missing.map((c) => c.label).join(", ")}; the template column order is assumed (申请人表头不完整，按模板列序)`,
        this.headerCells[0]?.position ?? position,
        "requests",
      );
    }
  }

  result(): Requests | undefined {
    if (!this.seen || this.filled.size === 0) return undefined;
    for (const d of this.defs) {
      if (!this.inVariant(d)) continue;
      if (!this.filled.has(d.path) && getPath(this.model, d.path) === undefined) {
        this.ctx.report(
          DiagnosticCodes.missingRow,
          `row ${d.label} was not found in table 三 (未找到该行)`,
          this.lastRow ? { start: this.lastRow.end, end: this.lastRow.end } : this.ctx.index.position(0, 0),
          childPath("requests", d.path),
        );
      }
    }
    return this.model as Requests;
  }
}

// ---------------------------------------------------------------------------------------
// 四 复议诉讼

const OUTCOME_GROUP_NAMES = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"].map(normalizeLabel);

type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]["key"];

/** Which group of 四 a caption or label names (复议后起诉 before 复议, which it contains). */
function outcomeGroup(text: string): OutcomeGroup | null {
  const t = normalizeLabel(text);
  if (t.includes("复议后起诉")) return "lawsuitAfterReview";
  if (t.includes("未经复议") || t.includes("直接起诉")) return "lawsuitDirect";
  if (t.includes("行政复议") && !t.includes("行政诉讼")) return "review";
  return null;
}

class ReviewsReader {
  private header: TableCell[] = [];
  /** Pipe-less rows short of values, placed by the identities once the report is read. */
  readonly short: ShortRow[] = [];
  private model: Record<string, Record<string, number | null>> | null = null;
  private seen = false;
  /** The group a caption or heading announced, for tables printed one group at a time. */
  private group: OutcomeGroup | null = null;

  constructor(private readonly ctx: NormalizeContext) {}

  /** A heading above one group's small table (`### 行政诉讼（复议后起诉）`). */
  heading(title: string): void {
    this.group = outcomeGroup(title);
  }

  row(v: RowView): void {
    this.seen = true;
    if (!v.hasNumbers) {
      if (v.labels.length === 1) {
        const g = outcomeGroup(v.labels[0]!.value);
        if (g) {
          this.group = g;
          return;
        }
      }
      for (const [i, n] of v.norm.entries()) if (!OUTCOME_GROUP_NAMES.includes(n)) this.header.push(v.labels[i]!);
      return;
    }
    const labelled = v.labels.length > 0 ? outcomeGroup(v.labels.map((c) => c.value).join("")) : null;
    const group = labelled ?? this.group;
    const filled = v.values.filter((c) => c.value !== "").length;
    if (group && filled <= OUTCOME_COLUMNS.length) {
      this.readGroup(v, group);
      return;
    }
    if (this.model) {
      this.ctx.report(DiagnosticCodes.duplicateRow, "a second data row in table 四; the first is kept (重复的数据行)", v.row.position, "reviewsAndLawsuits");
      return;
    }
    this.checkHeader(v.row.position);
    const expected = OUTCOME_GROUPS.length * OUTCOME_COLUMNS.length;
    const short = shortCells(v, expected);
    const cells = short && short.length > 0 ? [] : fit(this.ctx, v, expected, "reviewsAndLawsuits");
    const model: Record<string, Record<string, number | null>> = {};
    OUTCOME_GROUPS.forEach((g, gi) => {
      const obj: Record<string, number | null> = {};
      OUTCOME_COLUMNS.forEach((c, ci) => {
        obj[c.key] = this.ctx.value(cells[gi * OUTCOME_COLUMNS.length + ci] ?? null, childPath(childPath("reviewsAndLawsuits", g.key), c.key));
      });
      model[g.key] = obj;
    });
    this.model = model;
    this.header = [];
    if (short && short.length > 0) {
      const places = OUTCOME_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => [g.key, c.key] as const));
      this.short.push({
        set: (i, value) => (model[places[i]![0]]![places[i]![1]] = value),
        paths: places.map(([g, c]) => `reviewsAndLawsuits.${g}.${c}`),
        cells: short,
        path: "reviewsAndLawsuits",
        label: v.labels.map((c) => c.value).join(" / ") || "(no label)",
        position: v.row.position,
      });
    }
  }

  /** One group's five numbers, from a table (or row) that holds that group only. */
  private readGroup(v: RowView, group: OutcomeGroup): void {
    const path = childPath("reviewsAndLawsuits", group);
    this.model ??= {};
    if (this.model[group]) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `group ${group} of table 四 appears twice; the first is kept (重复的数据行)`, v.row.position, path);
      return;
    }
    const header = this.header.filter((c) => !OUTCOME_GROUP_NAMES.includes(normalizeLabel(c.value)));
    OUTCOME_COLUMNS.forEach((c, i) => {
      const cell = header[i];
      if (!cell) return;
      const n = normalizeLabel(cell.value);
      const want = normalizeLabel(c.label);
      if (n !== want && !(n.length > 0 && want.startsWith(n))) {
        this.ctx.report(
          DiagnosticVariants.labelGuessed,
          `header \`${clip(cell.value)}\` read as ${c.label} from its place in the grid (表头按位置认定为${c.label})`,
          cell.position,
          childPath(path, c.key),
          cell.value,
        );
      }
    });
    this.header = [];
    const short = shortCells(v, OUTCOME_COLUMNS.length);
    const cells = short && short.length > 0 ? [] : fit(this.ctx, v, OUTCOME_COLUMNS.length, path);
    const obj: Record<string, number | null> = {};
    OUTCOME_COLUMNS.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i] ?? null, childPath(path, c.key));
    });
    this.model[group] = obj;
    if (short && short.length > 0) {
      this.short.push({ set: (i, value) => (obj[OUTCOME_COLUMNS[i]!.key] = value), paths: OUTCOME_COLUMNS.map((c) => childPath(path, c.key)), cells: short, path, label: v.labels.map((c) => c.value).join(" / ") || group, position: v.row.position });
    }
  }

  /**
   * The 15 outcome headers are often cut at a `<br>` (`结果 | 其他 | 尚未`). Each is compared
   * with the template column at its place; a truncated one is accepted with an info
   * diagnostic naming the label assumed, anything else with a warning.
   */
  private checkHeader(position: Position): void {
    const expected = OUTCOME_GROUPS.flatMap((g) => OUTCOME_COLUMNS.map((c) => ({ g, c })));
    if (this.header.length !== expected.length) {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        `table 四 has ${this.header.length} outcome headers where the template has ${expected.length}; the template order is assumed (表头个数不符，按模板列序)`,
        this.header[0]?.position ?? position,
        "reviewsAndLawsuits",
      );
      return;
    }
    expected.forEach(({ g, c }, i) => {
      const cell = this.header[i]!;
      const n = normalizeLabel(cell.value);
      const want = normalizeLabel(c.label);
      if (n === want) return;
      const truncated = n.length > 0 && want.startsWith(n);
      this.ctx.report(
        truncated ? DiagnosticCodes.labelAssumed : DiagnosticVariants.labelGuessed,
        `header \`${clip(cell.value)}\` read as ${c.label} from its place in the grid (表头\`${cell.value}\`按位置认定为${c.label})`,
        cell.position,
        childPath(childPath("reviewsAndLawsuits", g.key), c.key),
        cell.value,
      );
    });
  }

  result(): ReviewsAndLawsuits | undefined {
    if (!this.seen || !this.model) return undefined;
    for (const g of OUTCOME_GROUPS) {
      if (!this.model[g.key]) {
        this.ctx.report(DiagnosticCodes.missingRow, `group ${g.label} of table 四 was not found (未找到该组)`, this.ctx.index.position(0, 0), childPath("reviewsAndLawsuits", g.key));
      }
    }
    return this.model as ReviewsAndLawsuits;
  }
}
