/**
 * The reader of table 二 (主动公开): rows of 第二十条's items, their values placed under the
 * columns their sub-table header names (columns.ts), by grid column, by header place or by count.
 */
import type { Position, TableCell } from "../../ast/types.js";
import type { Proactive, Template } from "../../model/types.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import { childPath, clip, type NormalizeContext } from "../context.js";
import { hasPhrase as has } from "../../text/phrases.js";
import { normalizeLabel } from "../../text/labels.js";
import { parseCellValue } from "../../text/value.js";
import { PROACTIVE_HEADER, PROACTIVE_ROWS, type ProactiveColumnDef, type ProactiveRowSpec } from "../../templates/grid.js";
import { captionItem, headerPlaces, resolveColumns, strongColumn, weakColumns } from "./columns.js";
import { reportMissingRow, type TableReader } from "./reader.js";
import { fit, PROACTIVE_SHAPE, shortCells, type RowView } from "./row-view.js";

/**
 * Reads table 二 (主动公开): sub-tables by 第二十条 item, each with its own header, whose columns
 * differ by row and by template family — so each row's columns are resolved on their own.
 */
export class ProactiveReader implements TableReader<Proactive> {
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
  /** The last row read into the model in the current sub-table, for a boundary found off after it. */
  private lastRead: { key: string; position: Position } | null = null;
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
      this.lastRead = null;
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
        DiagnosticCodes.labelGuessed,
        `a row of 二 without a label read as ${def.label}, the next row of 第二十条第(${def.item})项 (无行标签，按位置认定)`,
        v.row.position,
        childPath("proactive", def.key),
      );
      // A row label among a label-less row's values: the row boundary fell a line off (a cell
      // line added or lost), so the row read before it ended in the wrong place as well.
      const slid = v.values.find((c) => PROACTIVE_ROWS.some((d) => has(normalizeLabel(c.value), d.phrases)));
      if (slid && this.lastRead !== null) {
        this.ctx.report(
          DiagnosticCodes.rowMisaligned,
          `the row after this one opens with a value and holds the label \`${clip(slid.value)}\`: a line was added or lost here, so this row's values may be one place off (下一行行界错位，本行数值可能错位)`,
          this.lastRead.position,
          childPath("proactive", this.lastRead.key),
        );
      }
    }
    if (!def) {
      // Any written value (text/value.ts isWrittenValueKind): hasNumbers already holds the numbers and zero words.
      if (v.hasNumbers || v.values.some((c) => parseCellValue(c.value).kind === "placeholder")) this.addExtra(v);
      return;
    }
    this.seen = true;
    const path = childPath("proactive", def.key);
    if (this.model[def.key] !== undefined) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    const resolved = resolveColumns({ ctx: this.ctx, template: this.template, header: this.header, families: this.families }, def, v, path);
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
    this.lastRead = { key: def.key, position: v.row.position };
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
   * one column cannot be told apart: that value is null, flagged with both readings — on the
   * whole row, since a header whose blank place moved (a lost or swapped line) would put the
   * second value under the wrong label, and the column it belongs to then reads blank. Null
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
      if (filled.length === 1 && filled[0] !== under[0] && !v.spanCells) {
        // A value under the continued place, its label's own place empty: in a cell per line,
        // where a blank header line may have moved (a lost or swapped line), the header's blank
        // may as well belong after the next label — the value would then be the next column's.
        this.ctx.report(
          DiagnosticCodes.rowMisaligned,
          `row \`${clip(v.labels.map((l) => l.value).join(" / ") || "(no label)")}\` has its value \`${clip(filled[0]!.value)}\` under the blank header place after ${c.label}, not under the label itself; one cell per line, the blank may have moved, so the value may be another column's (数值位于表头空位下，可能错位)`,
          filled[0]!.position,
          path,
        );
      }
      if (filled.length <= 1) return filled[0] ?? under[0] ?? null;
      this.ctx.report(
        DiagnosticCodes.rowWidthMismatch,
        `row \`${clip(v.labels.map((l) => l.value).join(" / ") || "(no label)")}\` has ${filled.length} values under the spanned header ${c.label} (${filled.map((f) => `\`${clip(f.value)}\``).join(" or ")}); the value is not decided, and one of them may be another column's (跨列表头下有多个数值)`,
        filled[0]!.position,
        path,
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
        reportMissingRow(
          this.ctx,
          `row ${family === "2019" ? (r.label2019 ?? r.label) : r.label} was not found in table 二 (未找到该行)`,
          this.lastRow,
          `proactive.${r.key}`,
        );
      }
    }
    const out = this.model as Proactive;
    if (this.extra.length > 0) out.extraRows = this.extra;
    return out;
  }
}
