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
import type { Block, Position, TableCell, TableRow } from "../ast/types.js";
import type { Proactive, Requests, ReviewsAndLawsuits, Template } from "../model/types.js";
import { readMarker } from "../ast/build.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { clip, type NormalizeContext } from "./context.js";
import { normalizeLabel } from "./text.js";
import { parseCellValue } from "./value.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_HEADER,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_GROUPS,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
  type ProactiveColumnDef,
  type ProactiveRowDef,
  type RequestGroup,
  type RequestRowDef,
} from "./templates/grid.js";

/** The numeric parts read from the tables. Absent tables stay undefined. */
export interface TableParts {
  proactive?: Proactive;
  requests?: Requests;
  reviewsAndLawsuits?: ReviewsAndLawsuits;
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
}

function view(row: TableRow): RowView {
  const cells = row.children;
  let n = 0;
  while (n < cells.length) {
    const c = cells[n]!;
    if (c.value === "") break;
    const kind = parseCellValue(c.value).kind;
    if (kind === "number" || kind === "zero-word" || kind === "placeholder") break;
    n++;
  }
  const labels = cells.slice(0, n);
  const values = cells.slice(n);
  const hasNumbers = values.some((c) => {
    const k = parseCellValue(c.value).kind;
    return k === "number" || k === "zero-word";
  });
  return { row, labels, norm: labels.map((c) => normalizeLabel(c.value)), values, hasNumbers };
}

const has = (s: string, phrases: readonly string[]) => phrases.some((p) => s.includes(normalizeLabel(p)));

/** Which part a section heading announces, if any. */
export function partOfHeading(title: string): Part | null {
  const t = normalizeLabel(title);
  if (t.includes("行政复议") || t.includes("行政诉讼")) return "reviews";
  if (t.includes("收到和处理") || t.includes("依申请")) return "requests";
  if (t.includes("主动公开")) return "proactive";
  return null;
}

/** Which part a row's own labels announce, if any (anchors that start a table). */
function partOfRow(v: RowView): Part | null {
  const all = v.norm.join("|");
  if (all.includes("第二十条") || all.includes("信息内容")) return "proactive";
  if (all.includes("申请人情况") || all.includes("勾稽") || all.includes("本年新收")) return "requests";
  if (all.includes("行政复议") && all.includes("行政诉讼")) return "reviews";
  return null;
}

/** Strips a leading ordinal marker (`（一）`, `1.`, `一、`) from a normalised label. */
function core(label: string): string {
  const m = readMarker(label);
  return m ? label.slice(label.indexOf(m.raw) + m.raw.length) : label;
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
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

/**
 * The value cells of a row, exactly `expected` long (null where the row ran short).
 * Trailing blank cells beyond `expected` are dropped silently: they are the bare-pipe
 * lines the flattened text cannot tell from padding. Any other mismatch is flagged on
 * `path`, because the values may be shifted.
 */
function fit(ctx: NormalizeContext, v: RowView, expected: number, path: string): Array<TableCell | null> {
  const cells = v.values.slice();
  while (cells.length > expected && cells[cells.length - 1]!.value === "") cells.pop();
  if (cells.length !== expected) {
    ctx.report(
      DiagnosticCodes.rowWidthMismatch,
      `row \`${clip(v.labels.map((c) => c.value).join(" / ") || "(no label)")}\` has ${cells.length} value cells where the template has ${expected}; values may be shifted (数值个数与模板不符)`,
      v.row.position,
      path,
    );
  }
  return Array.from({ length: expected }, (_, i) => cells[i] ?? null);
}

/** Reads every table of the document into the model's numeric parts. */
export function readTables(blocks: Block[], template: Template, ctx: NormalizeContext): TableParts {
  const proactive = new ProactiveReader(ctx, template);
  const requests = new RequestsReader(ctx, template);
  const reviews = new ReviewsReader(ctx);
  let part: Part | null = null;
  for (const block of blocks) {
    if (block.type === "heading") {
      part = partOfHeading(block.value) ?? (block.depth === 1 ? null : part);
      continue;
    }
    if (block.type !== "table") continue;
    for (const row of block.children) {
      const v = view(row);
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
  return out;
}

// ---------------------------------------------------------------------------------------
// 二 主动公开

class ProactiveReader {
  private readonly rows: ProactiveRowDef[];
  private readonly model: Record<string, unknown> = {};
  private extra: Array<{ label: string; values: Array<number | null> }> = [];
  private header: TableCell[] | null = null;
  private seen = false;

  constructor(
    private readonly ctx: NormalizeContext,
    template: Template,
  ) {
    this.rows = template === "2019" ? PROACTIVE_ROWS_2019 : PROACTIVE_ROWS_2021;
  }

  row(v: RowView): void {
    const first = v.norm[0] ?? "";
    if (first.includes("第二十条")) {
      this.seen = true;
      this.header = null;
      return;
    }
    if (has(first, PROACTIVE_HEADER)) {
      this.seen = true;
      this.header = v.row.children.slice(1);
      return;
    }
    if (v.labels.length === 0 && !v.hasNumbers) return;
    const label = v.norm[v.norm.length - 1] ?? "";
    const def = this.rows.find((d) => has(label, d.phrases));
    if (!def) {
      if (v.hasNumbers && v.labels.length > 0) this.addExtra(v);
      return;
    }
    this.seen = true;
    const path = `proactive.${def.key}`;
    if (this.model[def.key] !== undefined) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    const columns = this.columnsFor(def, path);
    const cells = fit(this.ctx, v, columns.length, path);
    const obj: Record<string, number | null> = {};
    columns.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i]!, `${path}.${c.key}`, c.unit);
    });
    this.model[def.key] = obj;
  }

  /**
   * The columns of a row: from the sub-table's header when its labels are recognised,
   * else the template's order, with a diagnostic for every column taken on trust.
   */
  private columnsFor(def: ProactiveRowDef, path: string): ProactiveColumnDef[] {
    const header = (this.header ?? []).filter((c) => c.value !== "");
    if (header.length === 0) {
      if (this.header === null) {
        this.ctx.report(
          DiagnosticCodes.labelAssumed,
          `no column header before row ${def.label}; template columns assumed: ${def.columns.map((c) => c.label).join(" / ")} (缺少表头，按模板列序)`,
          this.ctx.index.position(0, 0),
          path,
        );
      }
      return def.columns;
    }
    return def.columns.map((c, i) => {
      const cell = header[i];
      const norm = cell ? normalizeLabel(cell.value) : "";
      if (cell && has(norm, c.phrases)) return c;
      const other = def.columns.find((o) => o !== c && cell && has(norm, o.phrases) && !has(norm, c.phrases));
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        cell
          ? `column header \`${clip(cell.value)}\` read as ${c.label} from its place in the template grid${other ? ` (it also resembles ${other.label})` : ""} (表头不完整，按位置认定)`
          : `column ${c.label} has no header cell; assumed from the template grid (按模板列序认定)`,
        cell ? cell.position : this.ctx.index.position(0, 0),
        `${path}.${c.key}`,
        cell?.value,
      );
      return c;
    });
  }

  private addExtra(v: RowView): void {
    const i = this.extra.length;
    const label = v.labels.map((c) => c.value).join(" ");
    const values = v.values
      .filter((c, j, all) => c.value !== "" || j < all.length - 1)
      .map((c, j) => this.ctx.value(c, `proactive.extraRows.${i}.values.${j}`));
    this.extra.push({ label, values });
    this.seen = true;
  }

  result(): Proactive | undefined {
    if (!this.seen) return undefined;
    const out = this.model as Proactive;
    if (this.extra.length > 0) out.extraRows = this.extra;
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// 三 依申请

class RequestsReader {
  private readonly defs: RequestRowDef[];
  private readonly model: Record<string, unknown> = {};
  private readonly filled = new Set<string>();
  private group: RequestGroup | null = null;
  private cursor = -1;
  private headerCells: TableCell[] = [];
  private headerChecked = false;
  private seen = false;

  constructor(
    private readonly ctx: NormalizeContext,
    readonly template: Template,
  ) {
    this.defs = template === "2019" ? REQUEST_ROWS_2019 : REQUEST_ROWS_2021;
  }

  row(v: RowView): void {
    this.seen = true;
    if (!v.hasNumbers && (v.values.length === 0 || this.filled.size === 0) && this.cursor < 0) {
      // Header rows: 申请人情况 / 自然人 / 法人或其他组织 / 商业企业 …
      this.headerCells.push(...v.labels);
      return;
    }
    if (!this.headerChecked) this.checkHeader(v.row.position);

    // Group context: a group label cell opens a group; a top-level row closes it.
    for (const n of v.norm) {
      const g = REQUEST_GROUPS.find((grp) => has(n, grp.phrases));
      if (g) this.group = g.key;
    }
    const label = v.norm[v.norm.length - 1] ?? "";
    const marker = readMarker(label);
    const isGroupLabel = REQUEST_GROUPS.some((grp) => has(label, grp.phrases));
    if (!isGroupLabel && marker && marker.style !== "arabic" && marker.style !== "paren-arabic") this.group = null;

    let index = this.match(label, isGroupLabel);
    let assumed = false;
    if (index < 0) {
      if (v.values.length === 0 && !v.hasNumbers) return; // a label-only row, e.g. 三、本年度办理结果 on its own
      index = this.cursor + 1;
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
    const path = `requests.${def.path}`;
    if (assumed) {
      this.ctx.report(
        DiagnosticCodes.labelAssumed,
        `row label \`${clip(v.labels.map((c) => c.value).join(" / ") || "(none)")}\` not recognised; read as ${def.label} from its place in the table (行标签无法识别，按位置认定)`,
        v.labels[v.labels.length - 1]?.position ?? v.row.position,
        path,
      );
    }
    if (this.filled.has(def.path)) {
      this.ctx.report(DiagnosticCodes.duplicateRow, `row ${def.label} appears twice; the first is kept (重复的行)`, v.row.position, path);
      return;
    }
    this.filled.add(def.path);
    this.cursor = Math.max(this.cursor, index);
    const cells = fit(this.ctx, v, APPLICANT_COLUMNS.length, path);
    const obj: Record<string, number | null> = {};
    APPLICANT_COLUMNS.forEach((c, i) => {
      obj[c.key] = this.ctx.value(cells[i]!, `${path}.${c.key}`);
    });
    setPath(this.model, def.path, obj);
  }

  /** The template row a label names, preferring rows of the current group; -1 if none. */
  private match(label: string, isGroupLabel: boolean): number {
    const body = core(label);
    let best = -1;
    for (let i = 0; i < this.defs.length; i++) {
      const d = this.defs[i]!;
      const hit = d.exact ? d.phrases.some((p) => body === normalizeLabel(p)) : has(body, d.phrases);
      if (!hit) continue;
      if (d.group && this.group !== null && d.group !== this.group) continue;
      if (d.exact && d.group !== this.group) continue;
      if (isGroupLabel && !d.phrases.some((p) => p.includes("处理"))) continue;
      if (best < 0 || (!this.filled.has(d.path) && this.filled.has(this.defs[best]!.path))) best = i;
      if (!this.filled.has(d.path)) break;
    }
    return best;
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
      if (!this.filled.has(d.path) && getPath(this.model, d.path) === undefined) {
        this.ctx.report(
          DiagnosticCodes.missingRow,
          `row ${d.label} was not found in table 三 (未找到该行)`,
          this.ctx.index.position(0, 0),
          `requests.${d.path}`,
        );
      }
    }
    return this.model as Requests;
  }
}

// ---------------------------------------------------------------------------------------
// 四 复议诉讼

const OUTCOME_GROUP_NAMES = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"].map(normalizeLabel);

class ReviewsReader {
  private header: TableCell[] = [];
  private model: Record<string, Record<string, number | null>> | null = null;
  private seen = false;

  constructor(private readonly ctx: NormalizeContext) {}

  row(v: RowView): void {
    this.seen = true;
    if (!v.hasNumbers) {
      for (const [i, n] of v.norm.entries()) if (!OUTCOME_GROUP_NAMES.includes(n)) this.header.push(v.labels[i]!);
      return;
    }
    if (this.model) {
      this.ctx.report(DiagnosticCodes.duplicateRow, "a second data row in table 四; the first is kept (重复的数据行)", v.row.position, "reviewsAndLawsuits");
      return;
    }
    this.checkHeader(v.row.position);
    const expected = OUTCOME_GROUPS.length * OUTCOME_COLUMNS.length;
    const cells = fit(this.ctx, v, expected, "reviewsAndLawsuits");
    const model: Record<string, Record<string, number | null>> = {};
    OUTCOME_GROUPS.forEach((g, gi) => {
      const obj: Record<string, number | null> = {};
      OUTCOME_COLUMNS.forEach((c, ci) => {
        obj[c.key] = this.ctx.value(cells[gi * OUTCOME_COLUMNS.length + ci]!, `reviewsAndLawsuits.${g.key}.${c.key}`);
      });
      model[g.key] = obj;
    });
    this.model = model;
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
        truncated ? DiagnosticCodes.labelAssumed : { ...DiagnosticCodes.labelAssumed, severity: "warning" },
        `header \`${clip(cell.value)}\` read as ${c.label} from its place in the grid (表头\`${cell.value}\`按位置认定为${c.label})`,
        cell.position,
        `reviewsAndLawsuits.${g.key}.${c.key}`,
        cell.value,
      );
    });
  }

  result(): ReviewsAndLawsuits | undefined {
    if (!this.seen || !this.model) return undefined;
    return this.model as ReviewsAndLawsuits;
  }
}
