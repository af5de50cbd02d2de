/**
 * The reader of table 四 (行政复议、行政诉讼): outcome counts of reviews and of the two kinds
 * of lawsuits, five columns per group, read as one wide row or group by group.
 */
import type { Position, TableCell } from "../../ast/types.js";
import type { ReviewsAndLawsuits } from "../../model/types.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import { childPath, clip, type NormalizeContext } from "../context.js";
import type { ShortRow } from "../short-rows.js";
import { normalizeLabel } from "../../text/labels.js";
import { OUTCOME_COLUMNS, OUTCOME_GROUPS } from "../../templates/grid.js";
import { reportMissingRow, type TableReader } from "./reader.js";
import { fit, shortCells, type RowView } from "./row-view.js";

/** The group names of 四's header: labels of the groups, not of outcome columns. */
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

/**
 * Reads table 四 (复议诉讼): one data row of fifteen numbers, or one small table per group
 * (行政复议, and the two kinds of 行政诉讼) of five.
 */
export class ReviewsReader implements TableReader<ReviewsAndLawsuits> {
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
          DiagnosticCodes.labelGuessed,
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
        truncated ? DiagnosticCodes.labelAssumed : DiagnosticCodes.labelGuessed,
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
        // Placed at the start of the text: this reader keeps no last row.
        reportMissingRow(this.ctx, `group ${g.label} of table 四 was not found (未找到该组)`, null, childPath("reviewsAndLawsuits", g.key));
      }
    }
    return this.model as ReviewsAndLawsuits;
  }
}
