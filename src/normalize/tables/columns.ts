/**
 * The columns of a row of 二: which template family's columns its sub-table header names (or,
 * without one, which are assumed), in which order, with which units. Each row of 二 has its
 * own columns, and the 2019 and 2021 templates differ in them.
 */
import type { TableCell } from "../../ast/types.js";
import type { Template } from "../../model/types.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import { childPath, clip, type NormalizeContext } from "../context.js";
import { TextMemo } from "../../text/memo.js";
import { normalizedPhrases } from "../../text/phrases.js";
import { chineseNumeral, normalizeLabel } from "../../text/labels.js";
import type { Family, ProactiveColumnDef, ProactiveRowSpec } from "../../templates/grid.js";
import type { RowView } from "./row-view.js";

/**
 * The 第二十条 item a caption names: `第二十条第(五)项` → 5. A row without a label is placed as
 * the next row of that item.
 */
export function captionItem(norm: string): number | null {
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
export const strongColumn = memoByColumns(findStrongColumn);

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
export const weakColumns = memoByColumns(findWeakColumns);

function findWeakColumns(norm: string, columns: readonly ProactiveColumnDef[]): readonly ProactiveColumnDef[] {
  if (norm.length < 2) return [];
  return columns.filter((c) => normalizeLabel(c.label).startsWith(norm));
}

/**
 * The column index (among the filled header cells) of every header place, an empty place
 * taking the label to its left; null when no empty place lies between or after labels (the
 * plain case) or one comes before the first label (nothing to continue).
 */
export function headerPlaces(raw: readonly TableCell[]): number[] | null {
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
export interface ResolvedColumns {
  family: Family;
  columns: ProactiveColumnDef[];
  /** Units a header cell declared, by column key. */
  units: Map<string, string>;
}

/** What {@link resolveColumns} reads of the proactive reader's state, and the one set it adds to. */
export interface ColumnState {
  readonly ctx: NormalizeContext;
  /** The template the report as a whole was detected as. */
  readonly template: Template;
  /** The header cells after the row-label column of the current sub-table; null before any. */
  readonly header: TableCell[] | null;
  /** The families rows that exist in both templates were read under: each such row adds its own. */
  readonly families: Set<"2019" | "2021">;
}

/**
 * The columns of a row. They come from its sub-table's header when that names the columns
 * of one template — whichever the report as a whole was detected as, so a 2019 header in a
 * 2021 report puts its numbers under the 2019 keys (with a diagnostic), never silently
 * under the 2021 ones. A header cut at a `<br>` (`本年新 | 本年新`) or missing is read by
 * position in the template grid, and a diagnostic names every column taken on trust.
 */
export function resolveColumns(state: ColumnState, def: ProactiveRowSpec, v: RowView, path: string): ResolvedColumns {
  const families = (Object.keys(def.columns) as Family[]).filter((f) => def.columns[f] !== undefined);
  const header = state.header ?? [];
  const norms = header.map((c) => normalizeLabel(c.value));
  let valueCount = v.values.length;
  while (valueCount > 0 && v.values[valueCount - 1]!.value === "") valueCount--;

  const score = (f: Family) =>
    norms.reduce((sum, n) => sum + (strongColumn(n, def.columns[f]!) ? 2 : weakColumns(n, def.columns[f]!).length > 0 ? 1 : 0), 0);
  const rank = (f: Family): number[] => [
    score(f),
    header.length === def.columns[f]!.length ? 1 : 0,
    valueCount === def.columns[f]!.length ? 1 : 0,
    f === state.template ? 1 : 0,
    f === "2021" ? 1 : 0,
  ];
  const better = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
    return false;
  };
  let family = families[0]!;
  for (const f of families.slice(1)) if (better(rank(f), rank(family))) family = f;
  if (families.length > 1) state.families.add(family);
  const recognised = score(family) > 0;
  const columns = def.columns[family]!;
  const units = new Map<string, string>();

  const rowLabel = family === "2019" ? (def.label2019 ?? def.label) : def.label;
  if (family !== state.template && (state.template === "2021" || state.template === "2019")) {
    const names = columns.map((c) => c.label).join(" / ");
    const why = recognised
      ? `its sub-table header names the ${family} columns (${names})`
      : families.length === 1
        ? `the row exists only in the ${family} template (${names})`
        : `its ${valueCount} value(s) fit the ${family} columns (${names})`;
    state.ctx.report(
      DiagnosticCodes.templateMixed,
      `row ${rowLabel} is read on the ${family} template in a report detected as ${state.template}: ${why}; its values go under the ${family} keys (${columns.map((c) => c.key).join(", ")}) (该行按${family}版模板读取)`,
      recognised ? header[0]!.position : v.row.position,
      path,
    );
  }

  if (!recognised) {
    state.ctx.report(
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
    state.ctx.report(
      DiagnosticCodes.labelGuessed,
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
    state.ctx.report(
      other ? DiagnosticCodes.labelGuessed : DiagnosticCodes.labelAssumed,
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
