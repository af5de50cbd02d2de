/**
 * The panel's columns and their codebook, derived once from the template grid
 * (src/templates/grid.ts) so that a row added to a template shows up here with its
 * official labels without touching this file.
 *
 * The column set is fixed, not discovered from the data: `panel.csv` can then be streamed and
 * resumed, and two runs (or two shards) always produce the same columns in the same order.
 * Names are ASCII, at most 32 characters and valid Stata/R/SQL identifiers, built from short
 * English abbreviations of the model path: `rq_res_wh_secret_person` is
 * `requests.results.withheld.stateSecret.naturalPerson`.
 *
 * Why one file: the panel's header, its values per report and the codebook's rows are three
 * views of one column list (META_COLUMNS, NUMERIC_COLUMNS, LEGACY_COLUMNS, built here from
 * the grid); kept together, a column cannot be named in one of them and missing in another.
 */
import { valueAt } from "../model/paths.js";
import { LEGACY_COLUMNS, legacyValue } from "./legacy-columns.js";
import { normalizeLabel } from "../text/labels.js";
import { createHash } from "node:crypto";
import type { Report } from "../model/types.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
  type ProactiveRowDef,
} from "../templates/grid.js";
import { TABLE_TITLES } from "../templates/titles.js";
import type { CsvValue } from "./csv.js";
import type { Origin } from "./types.js";

/** Stata's limit on variable names, and the rule every column name obeys. */
export const MAX_COLUMN_NAME = 32;
/** A valid Stata (and R, SQL, pandas attribute) identifier. */
export const COLUMN_NAME = /^[a-z_][a-z0-9_]{0,31}$/;

/** The official labels of one numeric cell in one template. */
export interface CellLabels {
  row: string;
  column: string;
}

/** A numeric column of the panel: one model path with its labels in each template that has it. */
export interface NumericColumn {
  name: string;
  /** The model path, e.g. `requests.newReceived.total` (see docs/model.md). */
  path: string;
  /** The path split on dots, for fast lookup. */
  segments: readonly string[];
  table: "proactive" | "requests" | "reviewsAndLawsuits";
  /** The label of the group a sub-row belongs to, e.g. `（三）不予公开`; null for top-level rows. */
  rowGroup: string | null;
  labels: { "2021"?: CellLabels; "2019"?: CellLabels };
  /** The unit the template states for the column (e.g. 万元), else null. */
  unit: string | null;
}

/** What identity columns are computed from. */
export interface RowContext {
  id: string;
  origin: Origin;
  report: Report;
}

/** An identity or metadata column of the panel: who, where, which template, how trustworthy. */
export interface MetaColumn {
  name: string;
  /** The model or origin path the value comes from (documentation for the codebook). */
  path: string;
  type: "string" | "integer";
  description: string;
  get(ctx: RowContext): CsvValue;
}

/** The official Chinese titles of the three tables, for the codebook. */
export const TABLE_LABELS = TABLE_TITLES;

/** Labels of the row groups of 三 whose sub-rows are numbered (grid.ts only has their key phrases). */
const REQUEST_GROUP_LABELS: Record<string, string> = {
  results: "三、本年度办理结果",
  withheld: "（三）不予公开",
  unableToProvide: "（四）无法提供",
  notProcessed: "（五）不予处理",
  otherHandling: "（六）其他处理",
};

const TABLE_PREFIX = { proactive: "pa", requests: "rq", reviewsAndLawsuits: "rl" } as const;

/** Abbreviations of path segments; a segment missing here gets a generic one (see `abbreviate`). */
const ABBREVIATIONS: Record<string, string> = {
  // 二 rows
  rules: "rules",
  normativeDocuments: "normdoc",
  licensing: "licens",
  otherServices: "othsvc",
  punishment: "punish",
  coercion: "coerce",
  fees: "fees",
  procurement: "procure",
  // 二 columns
  issued: "issued",
  repealed: "repealed",
  inForce: "inforce",
  made: "made",
  published: "publ",
  totalPublished: "totpubl",
  decisions: "decis",
  previousYear: "prevyr",
  change: "change",
  amount: "amount",
  projects: "projects",
  totalAmount: "totamt",
  // 三 rows
  newReceived: "new",
  carriedOver: "carryin",
  carriedForward: "carryfwd",
  results: "res",
  granted: "granted",
  partiallyGranted: "partial",
  withheld: "wh",
  stateSecret: "secret",
  prohibitedByLaw: "law",
  endangersSecurity: "security",
  thirdPartyRights: "thirdpty",
  internalAffairs: "internal",
  processInformation: "process",
  enforcementFiles: "enforce",
  administrativeQuery: "query",
  unableToProvide: "na",
  notHeld: "notheld",
  needsCreation: "create",
  unclear: "unclear",
  notProcessed: "unp",
  complaint: "complaint",
  repeated: "repeated",
  publication: "publ",
  excessive: "excessive",
  confirmation: "confirm",
  otherHandling: "oth",
  overdueCorrection: "nocorrect",
  overdueFee: "nofee",
  other: "other",
  // 三 columns (applicants)
  naturalPerson: "person",
  commercialEnterprise: "firm",
  researchInstitution: "research",
  socialWelfareOrganization: "ngo",
  legalServiceAgency: "legal",
  otherOrganization: "otherorg",
  total: "total",
  // 四 groups and columns
  review: "review",
  lawsuitDirect: "suit",
  lawsuitAfterReview: "suitrev",
  upheld: "upheld",
  corrected: "corrected",
  pending: "pending",
};

/** A segment the table above does not know: lower-case ASCII letters and digits, at most 10. */
function abbreviate(segment: string): string {
  const known = ABBREVIATIONS[segment];
  if (known !== undefined) return known;
  return segment.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10) || "x";
}

/** `rq` + segments → `rq_wh_secret_person`, cut to 32 characters with a hash suffix if needed. */
function columnName(table: NumericColumn["table"], segments: readonly string[], path: string): string {
  const parts = [TABLE_PREFIX[table], ...segments.map(abbreviate).filter((s) => s !== "")];
  const name = parts.join("_");
  if (name.length <= MAX_COLUMN_NAME) return name;
  const hash = createHash("sha256").update(path).digest("hex").slice(0, 4);
  return `${name.slice(0, MAX_COLUMN_NAME - 5)}_${hash}`;
}

/**
 * The union of two ordered lists: all of `a` in order, and each item only in `b` placed
 * before the next item it shares with `a` (or at the end). Keeps the 2021 order and slots the
 * 2019-only rows and columns where the 2019 template prints them.
 */
function mergeOrdered<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const out = [...a];
  const keys = out.map(key);
  for (let i = 0; i < b.length; i++) {
    const item = b[i]!;
    if (keys.includes(key(item))) continue;
    let at = out.length;
    for (let j = i + 1; j < b.length; j++) {
      const next = keys.indexOf(key(b[j]!));
      if (next >= 0) {
        at = next;
        break;
      }
    }
    out.splice(at, 0, item);
    keys.splice(at, 0, key(item));
  }
  return out;
}

function numeric(
  table: NumericColumn["table"],
  path: string,
  rowGroup: string | null,
  labels: NumericColumn["labels"],
  unit: string | null,
): NumericColumn {
  const segments = path.split(".");
  return { name: columnName(table, segments.slice(1), path), path, segments, table, rowGroup, labels, unit };
}

/** A column of a 二 row as the grid states it. */
interface GridColumn {
  key: string;
  label: string;
  unit: string | null;
}

/**
 * The columns a 二 row has in one template. The grid gives either one list per row (in the
 * per-template row lists) or a list per template on a shared row; both are read.
 */
function columnsOf(row: ProactiveRowDef, template: "2021" | "2019"): GridColumn[] {
  const columns = (row as unknown as { columns: GridColumn[] | Partial<Record<string, GridColumn[]>> }).columns;
  if (Array.isArray(columns)) return columns;
  return columns[template] ?? [];
}

function buildNumericColumns(): NumericColumn[] {
  const columns: NumericColumn[] = [];

  // 二: rows × the columns each template gives the row.
  const rows = mergeOrdered(PROACTIVE_ROWS_2021, PROACTIVE_ROWS_2019, (r) => r.key);
  for (const row of rows) {
    const r2021 = PROACTIVE_ROWS_2021.find((r) => r.key === row.key);
    const r2019 = PROACTIVE_ROWS_2019.find((r) => r.key === row.key);
    const cols2021 = r2021 ? columnsOf(r2021, "2021") : [];
    const cols2019 = r2019 ? columnsOf(r2019, "2019") : [];
    for (const col of mergeOrdered(cols2021, cols2019, (c) => c.key)) {
      const c2021 = cols2021.find((c) => c.key === col.key);
      const c2019 = cols2019.find((c) => c.key === col.key);
      const labels: NumericColumn["labels"] = {};
      if (r2021 && c2021) labels["2021"] = { row: r2021.label, column: c2021.label };
      if (r2019 && c2019) labels["2019"] = { row: r2019.label, column: c2019.label };
      columns.push(numeric("proactive", `proactive.${row.key}.${col.key}`, null, labels, c2021?.unit ?? c2019?.unit ?? null));
    }
  }

  // 三: rows × applicant columns.
  for (const row of mergeOrdered(REQUEST_ROWS_2021, REQUEST_ROWS_2019, (r) => r.path)) {
    const r2021 = REQUEST_ROWS_2021.find((r) => r.path === row.path);
    const r2019 = REQUEST_ROWS_2019.find((r) => r.path === row.path);
    const parts = row.path.split(".");
    const group = row.group ?? (parts.length > 1 ? parts[0] : undefined);
    const rowGroup = group === undefined ? null : (REQUEST_GROUP_LABELS[group] ?? null);
    for (const applicant of APPLICANT_COLUMNS) {
      const labels: NumericColumn["labels"] = {};
      if (r2021) labels["2021"] = { row: r2021.label, column: applicant.label };
      if (r2019) labels["2019"] = { row: r2019.label, column: applicant.label };
      columns.push(numeric("requests", `requests.${row.path}.${applicant.key}`, rowGroup, labels, null));
    }
  }

  // 四: groups × outcome columns, the same in both templates.
  for (const group of OUTCOME_GROUPS) {
    for (const outcome of OUTCOME_COLUMNS) {
      const cell = { row: group.label, column: outcome.label };
      columns.push(
        numeric("reviewsAndLawsuits", `reviewsAndLawsuits.${group.key}.${outcome.key}`, null, { "2021": cell, "2019": cell }, null),
      );
    }
  }
  return columns;
}

/** Whether a report's template tables were read: the column researchers filter on first. */
export type ReadStatus = "read" | "partial" | "unread";

/**
 * `unread` when no template table was read although the report needed them (a `missing-table`
 * error or `report-template-unknown`), `partial` when some required table is missing, `read`
 * otherwise (legacy reports and texts that are not reports included: their own codes say so).
 * `missing` lists the model keys of the tables that were not read.
 */
export function readStatus(report: Report): { status: ReadStatus; missing: string[] } {
  const missing = report.diagnostics.filter((d) => d.code === "missing-table" && d.path !== undefined).map((d) => d.path!);
  const anyRead = report.proactive !== undefined || report.requests !== undefined || report.reviewsAndLawsuits !== undefined;
  if (!anyRead && (missing.length > 0 || report.diagnostics.some((d) => d.code === "report-template-unknown"))) return { status: "unread", missing };
  return { status: missing.length > 0 ? "partial" : "read", missing };
}

const count = (report: Report, severity: string) => report.diagnostics.filter((d) => d.severity === severity).length;
const checks = (report: Report, status: string) => report.checks.filter((c) => c.status === status).length;

/** The identity and quality columns that start every panel row. */
export const META_COLUMNS: readonly MetaColumn[] = [
  { name: "report_id", path: "id", type: "string", description: "record id: 16 hex digits of SHA-256 of the record key (记录编号)", get: (c) => c.id },
  { name: "kind", path: "origin.kind", type: "string", description: "input kind: file, directory, zip, tar or warc (来源类型)", get: (c) => c.origin.kind },
  { name: "archive", path: "origin.archive", type: "string", description: "archive, directory or file the record came from (来源文件)", get: (c) => c.origin.archive },
  { name: "member", path: "origin.member", type: "string", description: "member name, relative path or WARC-Target-URI (成员名或网址)", get: (c) => c.origin.member },
  { name: "bytes", path: "origin.bytes", type: "integer", description: "size of the member in bytes (字节数)", get: (c) => c.origin.bytes },
  { name: "sha256", path: "origin.sha256", type: "string", description: "SHA-256 of the member's bytes (校验值)", get: (c) => c.origin.sha256 },
  { name: "template", path: "template", type: "string", description: "template: 2021, 2019, legacy or unknown (报表模板)", get: (c) => c.report.template },
  { name: "form", path: "source.form", type: "string", description: "how the tables were flattened: cell-lines, row-lines, html, markdown, plain, box, aligned, glued, tabs, pipes (表格形式)", get: (c) => c.report.source.form },
  { name: "encoding", path: "source.encoding", type: "string", description: "detected text encoding (编码)", get: (c) => c.report.source.encoding },
  { name: "agency", path: "meta.agency", type: "string", description: "reporting body (发布机关)", get: (c) => c.report.meta.agency },
  { name: "agency_key", path: "meta.agencyKey", type: "string", description: "agency join key: the name normalised (NFKC, simplified, no spaces, no report wrapper); same body, same key across years (机关键)", get: (c) => c.report.meta.agencyKey },
  { name: "agency_kind", path: "meta.agencyKind", type: "string", description: "kind of body: 人民政府, 人民政府办公室/厅, 乡镇人民政府, 街道办事处, 管理委员会, 委员会, 局, 厅, 办公室, 中心 (机关类型)", get: (c) => c.report.meta.agencyKind },
  { name: "division_code", path: "meta.division.code", type: "string", description: "GB/T 2260 code of the agency's division; empty when the name names none or fits several (行政区划代码)", get: (c) => c.report.meta.division?.code ?? null },
  { name: "province", path: "meta.division.province", type: "string", description: "province of the agency's division (省)", get: (c) => c.report.meta.division?.province ?? null },
  { name: "city", path: "meta.division.city", type: "string", description: "city of the agency's division; empty for a province-level body or a municipality's district (市)", get: (c) => c.report.meta.division?.city ?? null },
  { name: "county", path: "meta.division.county", type: "string", description: "county or district of the agency's division (县/区)", get: (c) => c.report.meta.division?.county ?? null },
  { name: "division_level", path: "meta.division.level", type: "string", description: "agency level: province, city, county or township (a 街道/乡镇 body; its code is the division it lies in, usually its county's) (行政级别)", get: (c) => c.report.meta.division?.level ?? null },
  { name: "year", path: "meta.year", type: "integer", description: "reporting year (报告年度)", get: (c) => c.report.meta.year },
  { name: "published_at", path: "meta.publishedAt", type: "string", description: "publication date YYYY-MM-DD (发布日期)", get: (c) => c.report.meta.publishedAt },
  { name: "title", path: "meta.title", type: "string", description: "report title as written (标题)", get: (c) => c.report.meta.title },
  { name: "index_number", path: "meta.indexNumber", type: "string", description: "索引号", get: (c) => c.report.meta.indexNumber },
  { name: "document_number", path: "meta.documentNumber", type: "string", description: "文号", get: (c) => c.report.meta.documentNumber },
  { name: "n_errors", path: "diagnostics[severity=error]", type: "integer", description: "number of error diagnostics (错误数)", get: (c) => count(c.report, "error") },
  { name: "n_warnings", path: "diagnostics[severity=warning]", type: "integer", description: "number of warning diagnostics (警告数)", get: (c) => count(c.report, "warning") },
  { name: "n_info", path: "diagnostics[severity=info]", type: "integer", description: "number of info diagnostics (提示数)", get: (c) => count(c.report, "info") },
  { name: "checks_pass", path: "checks[status=pass]", type: "integer", description: "accounting identities that hold (勾稽关系通过数)", get: (c) => checks(c.report, "pass") },
  { name: "checks_fail", path: "checks[status=fail]", type: "integer", description: "accounting identities that fail (勾稽关系不符数)", get: (c) => checks(c.report, "fail") },
  { name: "checks_incomplete", path: "checks[status=incomplete]", type: "integer", description: "identities with a missing operand (勾稽关系缺项数)", get: (c) => checks(c.report, "incomplete") },
  {
    name: "read_status",
    path: "diagnostics[code=missing-table]",
    type: "string",
    description: "read, partial (some template tables not read) or unread (none read: the row's numbers are unknown, not zero) (表格读取情况)",
    get: (c) => readStatus(c.report).status,
  },
];

/** Every numeric model path of both templates, in table order. */
export const NUMERIC_COLUMNS: readonly NumericColumn[] = buildNumericColumns();

/** Panel column name by model path, for `cells.csv`'s `variable` column. */
export const COLUMN_BY_PATH: ReadonlyMap<string, string> = new Map(NUMERIC_COLUMNS.map((c) => [c.path, c.name]));

/** The header of `panel.csv`. */
export const PANEL_HEADER: readonly string[] = [...META_COLUMNS.map((c) => c.name), ...NUMERIC_COLUMNS.map((c) => c.name), ...LEGACY_COLUMNS.map((c) => c.name)];

{
  const seen = new Set<string>();
  for (const name of PANEL_HEADER) {
    if (!COLUMN_NAME.test(name) || seen.has(name)) throw new Error(`zfxxgk: bad or duplicate panel column name ${name}`);
    seen.add(name);
  }
}

/** Reads a model value by its path segments (model/paths.ts), re-exported for the bulk writers. */
export { valueAt };

/** One panel row: identity columns, then every numeric column (empty when not reported). */
export function panelValues(ctx: RowContext): CsvValue[] {
  const values: CsvValue[] = META_COLUMNS.map((c) => c.get(ctx));
  for (const column of NUMERIC_COLUMNS) {
    const v = valueAt(ctx.report, column.segments);
    values.push(typeof v === "number" ? v : null);
  }
  for (const column of LEGACY_COLUMNS) values.push(ctx.report.template === "legacy" ? legacyValue(ctx.report, column) : null);
  return values;
}

/** The header of `codebook.csv`. */
export const CODEBOOK_HEADER: readonly string[] = [
  "column",
  "path",
  "type",
  "table",
  "row_group",
  "row_label_2021",
  "column_label_2021",
  "row_label_2019",
  "column_label_2019",
  "unit",
  "templates",
  "same_meaning",
  "description",
];

/**
 * Whether a column printed by both templates means the same in both: the same row and the same
 * column once normalised, where 2019's column label may lack 2021's leading 本年 (处理决定数量 /
 * 本年处理决定数量 both count this year's decisions). 三 and 四 are the same in both templates.
 */
function sameMeaning(a: { row: string; column: string }, b: { row: string; column: string }): boolean {
  const norm = (t: string) => normalizeLabel(t).replace(/^本年/, "");
  return norm(a.row) === norm(b.row) && norm(a.column) === norm(b.column);
}

/**
 * The codebook: one row per panel column, with its model path, official labels, the templates
 * it exists in (`templates`) and whether it means the same in both (`same_meaning`).
 */
export function codebookRows(): CsvValue[][] {
  const rows: CsvValue[][] = META_COLUMNS.map((c) => [c.name, c.path, c.type, null, null, null, null, null, null, null, null, null, c.description]);
  for (const c of NUMERIC_COLUMNS) {
    const l21 = c.labels["2021"];
    const l19 = c.labels["2019"];
    const templates = [l21 ? "2021" : null, l19 ? "2019" : null].filter((t) => t !== null).join(" and ");
    rows.push([
      c.name,
      c.path,
      "number",
      TABLE_LABELS[c.table],
      c.rowGroup,
      l21?.row,
      l21?.column,
      l19?.row,
      l19?.column,
      c.unit,
      [l21 ? "2021" : null, l19 ? "2019" : null].filter((t) => t !== null).join(" "),
      l21 && l19 ? (sameMeaning(l21, l19) ? "yes" : "no") : null,
      `reported in the ${templates} template${templates.includes(" and ") ? "s" : ""}; empty when not reported`,
    ]);
  }
  for (const c of LEGACY_COLUMNS) {
    rows.push([c.name, "legacyStatistics", "number", null, null, null, null, null, null, c.unit, "legacy", null, `${c.description}; empty unless exactly one statistics row clearly gives it (see docs/bulk.md)`]);
  }
  return rows;
}
