/**
 * Pre-2019 statistics tables (政府信息公开情况统计表) → `legacyStatistics`.
 *
 * Before the 2019 template there was no national grid: each province drew its own table,
 * but they share a shape — a label column (统计指标 / 指标名称), a unit column (单位 /
 * 计量单位), sometimes a code or serial column (代码 / 序号), and one or more value columns
 * (统计数; 本期实际 | 本年累计; 2009年度 | 历年累计). So the header row is read for the
 * roles of its columns, and every data row becomes one entry per value column, labels kept
 * as written. Group rows (`一、主动公开情况`) name the group of the rows below them. Only
 * numbers printed in a table cell are read; nothing is taken from the prose.
 */
import type { Table, TableCell, TableRow } from "../ast/types.js";
import type { LegacyStatistic } from "../model/types.js";
import { readMarker } from "../lexer/markers.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { clip, type NormalizeContext } from "./context.js";
import { TextMemo } from "../text/memo.js";
import { mayHoldHan, normalizeLabel } from "../text/labels.js";
import { HAN_WITH_EXT_A } from "../text/chars.js";
import { isEmptyKind, isNumericKind, parseCellValue } from "../text/value.js";

/** Header texts (normalised) of the label column. */
const LABEL_HEADERS = ["统计指标", "指标名称", "指标", "统计项目", "项目名称", "项目", "统计内容", "内容"];
/** Header texts (normalised) of the unit column. */
const UNIT_HEADERS = ["计量单位", "单位"];
/** Header texts (normalised) of columns that hold neither a label nor a value. */
const SKIP_HEADERS = ["代码", "序号", "编号", "行次", "栏次"];
/** Cells of the column-numbering row some forms print under the header (甲 乙 丙 1 2). */
const COLUMN_CODES = new Set(["甲", "乙", "丙", "丁", "栏次"]);

/** What each column of a statistics table holds. */
export interface StatisticsLayout {
  /** Column of the row labels. */
  label: number;
  /** Column of the units, or -1 when the table has none. */
  unit: number;
  /** Columns skipped (代码, 序号). `serial` is the 序号 column, which may hold a group numeral. */
  serial: number;
  /** Value columns: index and header text as written. */
  values: Array<{ index: number; label: string }>;
  /** The header row's cell count: the width data rows are read against. */
  width: number;
}

/** White space next to a Han character (Extension A included) or CJK punctuation. */
const SPACE_BY_HAN = new RegExp(`(?<=[${HAN_WITH_EXT_A}\\uff08\\uff09（）、：:，,])\\s+|\\s+(?=[${HAN_WITH_EXT_A}\\uff08\\uff09（）、：:，,])`, "g");

/**
 * Label text as written, but with the white space a `<br>` split or a PDF layer inserts
 * collapsed (and dropped next to CJK characters), so the same row reads the same in every
 * scrape while staying recognisable to a reader.
 */
export function cleanLabel(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, " ") // `\s` holds U+3000 and NBSP (text/chars.ts isSpaceAt)
    .replace(SPACE_BY_HAN, "");
}

const LABEL_SET = new Set(LABEL_HEADERS);
const UNIT_SET = new Set(UNIT_HEADERS);
const SKIP_SET = new Set(SKIP_HEADERS);

/** A cell's text as the header sets are matched against: normalised, brackets dropped. */
const HEADER_KEYS = new TextMemo((cell: string) => normalizeLabel(cell).replace(/[()]/g, ""));
const headerKey = (cell: string): string => HEADER_KEYS.get(cell);

/**
 * Reads a statistics-table header: a row with a label column (统计指标 / 指标名称) and a unit
 * column (单位 / 计量单位). Requiring both keeps an ordinary two-column table (`项目 | 数量`)
 * from being taken for statistics. Null when the row is not such a header.
 */
export function statisticsLayout(cells: readonly TableCell[]): StatisticsLayout | null {
  // This runs on the first rows of every table and on every row without numbers, so each cell
  // is keyed once, and cells that cannot normalise to a Han character (numbers, blanks) are
  // passed over unnormalised: every header text holds one (see mayHoldHan).
  let label = -1;
  let unit = -1;
  let serial = -1;
  const skip = new Set<number>();
  cells.forEach((c, i) => {
    if (!mayHoldHan(c.value)) return;
    const key = headerKey(c.value);
    if (label < 0 && LABEL_SET.has(key)) label = i;
    else if (unit < 0 && UNIT_SET.has(key)) unit = i;
    else if (SKIP_SET.has(key)) {
      skip.add(i);
      if (serial < 0 && normalizeLabel(c.value) === "序号") serial = i;
    }
  });
  if (label < 0 || unit < 0) return null;
  const values: StatisticsLayout["values"] = [];
  cells.forEach((c, i) => {
    if (i === label || i === unit || skip.has(i) || c.value.trim() === "") return;
    values.push({ index: i, label: cleanLabel(c.value) });
  });
  if (values.length === 0) return null;
  return { label, unit, serial, values, width: cells.length };
}

/** The first statistics header among a table's rows, with the index of its row. */
export function findStatisticsHeader(table: Table): { row: number; layout: StatisticsLayout } | null {
  // The header sits at the top, under at most a title row or two; a row of numbers ends the search.
  const rows = table.children;
  for (let i = 0; i < rows.length && i < 4; i++) {
    const layout = statisticsLayout(rows[i]!.children);
    if (layout) return { row: i, layout };
    if (rows[i]!.children.some((c) => isNumber(c.value))) return null;
  }
  return null;
}

const isEmpty = (s: string) => isEmptyKind(parseCellValue(s).kind);

const isNumber = (s: string) => isNumericKind(parseCellValue(s).kind);

/** Shared `legacyStatistics.<i>.value` paths for the first entries (see childPath in context.ts). */
const VALUE_PATHS: string[] = [];
const MAX_SHARED_PATHS = 4096;

function valuePath(i: number): string {
  if (i >= MAX_SHARED_PATHS) return `legacyStatistics.${i}.value`;
  return (VALUE_PATHS[i] ??= `legacyStatistics.${i}.value`);
}

/**
 * Collects `legacyStatistics` across the tables of one report. A table without a header of
 * its own that directly follows a statistics table continues it (a page break or a scraper
 * often splits one table in two), so the layout and the current group carry over.
 */
export class LegacyReader {
  readonly entries: LegacyStatistic[] = [];
  private layout: StatisticsLayout | null = null;
  private group: string | null = null;

  constructor(private readonly ctx: NormalizeContext) {}

  /**
   * Whether a table without a header of its own continues the last statistics table: one
   * is open (no heading came between) and the new table's first row is as wide as its header.
   */
  continues(table: Table): boolean {
    if (!this.layout) return false;
    const first = table.children[0];
    return first !== undefined && first.children.length === this.layout.width;
  }

  /** Ends the current table (a heading came between): the next needs a header. */
  close(): void {
    this.layout = null;
  }

  /**
   * Reads a statistics table whose header is at `headerRow`, or (headerRow = -1) continues
   * the previous table's layout.
   */
  table(table: Table, headerRow: number, layout: StatisticsLayout | null): void {
    if (layout) {
      this.layout = layout;
      this.group = null;
    }
    if (!this.layout) return;
    const rows = table.children;
    for (let i = headerRow + 1; i < rows.length; i++) this.row(rows[i]!, this.layout);
  }

  private row(row: TableRow, layout: StatisticsLayout): void {
    const cells = row.children;
    if (cells.length === 0) return;
    const texts = cells.map((c) => c.value.trim());
    // A second header row (a table repeated after a page break) or the 甲 乙 丙 1 2 column codes.
    if (statisticsLayout(cells)) return;
    if (texts.some((t) => COLUMN_CODES.has(normalizeLabel(t))) && texts.every((t) => t === "" || COLUMN_CODES.has(normalizeLabel(t)) || /^\d{1,2}$/.test(t))) return;

    const { label, serial, unit, values } = this.place(row, layout);
    const labelText = cleanLabel(label?.value ?? "");
    // A unit or value cell holding only a placeholder (`—`, `/`) says "nothing here" as a blank does.
    const unitText = unit && !isEmpty(unit.value) ? cleanLabel(unit.value) : "";
    const anyValue = values.some((v) => v.cell !== null && !isEmpty(v.cell.value));
    const marker = readMarker(labelText);
    const serialMarker = serial ? readMarker(`${serial.value.trim()}、`) : null;
    const topLevel = marker?.style === "chinese" || (serialMarker?.style === "chinese" && !/\d/.test(serial?.value ?? ""));
    if (labelText === "" && !anyValue) return;
    if (topLevel) this.group = labelText;
    // A row with no unit and no value is a group or sub-heading row, not a statistic.
    if (!anyValue && unitText === "") return;
    if (labelText === "") {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        "a statistics row has values but no label; it is kept with an empty label (统计表行缺少指标名称)",
        row.position,
        `legacyStatistics.${this.entries.length}`,
      );
    }
    const unitKey = unitText === "" ? null : normalizeLabel(unitText);
    for (const v of values) {
      const i = this.entries.length;
      const entry: LegacyStatistic = {
        label: labelText,
        unit: unitText === "" ? null : unitText,
        value: this.ctx.value(v.cell, valuePath(i), unitKey),
        group: this.group,
      };
      if (layout.values.length > 1) entry.column = v.label;
      this.entries.push(entry);
    }
  }

  /**
   * Puts a row's cells in the header's columns. A row as wide as the header maps by
   * position. A narrower row lost cells to a span: its values are its last cells (the value
   * columns are the last ones in every known layout), its label its first text cell, and
   * its unit the cell just before the values; the reading is flagged, since it is a guess
   * about where the span was.
   */
  private place(
    row: TableRow,
    layout: StatisticsLayout,
  ): { label: TableCell | null; serial: TableCell | null; unit: TableCell | null; values: Array<{ cell: TableCell | null; label: string }> } {
    const cells = row.children.slice();
    // Trailing blank cells past the header width are padding the flattened text cannot tell apart.
    while (cells.length > layout.width && cells[cells.length - 1]!.value.trim() === "") cells.pop();
    if (cells.length === layout.width) {
      return {
        label: cells[layout.label] ?? null,
        serial: layout.serial >= 0 ? (cells[layout.serial] ?? null) : null,
        unit: layout.unit >= 0 ? (cells[layout.unit] ?? null) : null,
        values: layout.values.map((v) => ({ cell: cells[v.index] ?? null, label: v.label })),
      };
    }
    const nonBlank = cells.filter((c) => c.value.trim() !== "");
    if (nonBlank.length <= 1 && !nonBlank.some((c) => isNumber(c.value))) {
      // A group row spanning the table (`一、主动公开情况`), or a lone label.
      return { label: nonBlank[0] ?? null, serial: null, unit: null, values: [] };
    }
    const firstText = cells.findIndex((c) => c.value.trim() !== "" && !isNumber(c.value));
    const k = layout.values.length;
    const valueStart = Math.max(firstText + 1, cells.length - k);
    const unitCell = layout.unit >= 0 && valueStart - 1 > firstText ? cells[valueStart - 1]! : null;
    this.ctx.report(
      DiagnosticCodes.rowWidthMismatch,
      `statistics row \`${clip(cells.map((c) => c.value).join(" | "))}\` has ${cells.length} cells where the header has ${layout.width}; its last ${k} cell(s) are read as ${layout.values.map((v) => v.label).join(" / ")} (统计表行与表头列数不符)`,
      row.position,
      `legacyStatistics.${this.entries.length}`,
    );
    return {
      label: firstText >= 0 ? cells[firstText]! : null,
      serial: null,
      unit: unitCell,
      values: layout.values.map((v, j) => ({ cell: cells[valueStart + j] ?? null, label: v.label })),
    };
  }
}
