/**
 * The accounting identities (勾稽关系) of `formats.md` § D, evaluated on the parsed tables.
 *
 * A check is a statement about the source, never a correction: this module only reads the
 * model. `null` means "not reported", so an identity with a null operand is `incomplete`
 * rather than computed with a guessed 0, and a table that is absent produces no checks at all.
 */
import { valueAt } from "../model/paths.js";
import type { Check, Report } from "../model/types.js";
import { APPLICANT_COLUMNS, REQUEST_ROWS } from "../templates/grid.js";
import {
  APPLICANT_KEYS,
  APPLICANT_PARTS,
  BALANCE,
  OTHER_HANDLING_SUB_ROWS,
  OUTCOME_PARTS,
  OTHER_HANDLING_SINGLE,
  RESULTS_TOTAL_ROW,
  REVIEW_GROUPS,
  TOTAL_COLUMN,
  resultRows,
  type ApplicantKey,
  type OutcomeGroupKey,
} from "../templates/identities.js";

/** The parts of a Report the identities read; narrower than Report so callers can check a draft. */
export type CheckInput = Pick<Report, "template" | "requests" | "reviewsAndLawsuits">;

/** The English names of the applicant columns of 三, for descriptions (the Chinese ones are the template's). */
const COLUMN_EN: Readonly<Record<ApplicantKey, string>> = {
  naturalPerson: "natural person",
  commercialEnterprise: "commercial enterprise",
  researchInstitution: "research institution",
  socialWelfareOrganization: "social welfare organization",
  legalServiceAgency: "legal service agency",
  otherOrganization: "other organization",
  total: "total",
};

/** The seven applicant columns of 三, in table order, with their labels for descriptions. */
const COLUMNS = APPLICANT_COLUMNS.map((c) => [c.key, c.label, COLUMN_EN[c.key]] as const);

/** A short label for every applicant row of 三 (paths relative to `requests`), for descriptions. */
const ROW_LABELS: Readonly<Record<string, string>> = {
  newReceived: "一、本年新收",
  carriedOver: "二、上年结转",
  "results.granted": "三(一)予以公开",
  "results.partiallyGranted": "三(二)部分公开",
  "results.withheld.stateSecret": "三(三)1 属于国家秘密",
  "results.withheld.prohibitedByLaw": "三(三)2 其他法律行政法规禁止公开",
  "results.withheld.endangersSecurity": "三(三)3 危及“三安全一稳定”",
  "results.withheld.thirdPartyRights": "三(三)4 保护第三方合法权益",
  "results.withheld.internalAffairs": "三(三)5 属于三类内部事务信息",
  "results.withheld.processInformation": "三(三)6 属于四类过程性信息",
  "results.withheld.enforcementFiles": "三(三)7 属于行政执法案卷",
  "results.withheld.administrativeQuery": "三(三)8 属于行政查询事项",
  "results.unableToProvide.notHeld": "三(四)1 本机关不掌握相关政府信息",
  "results.unableToProvide.needsCreation": "三(四)2 没有现成信息需要另行制作",
  "results.unableToProvide.unclear": "三(四)3 补正后申请内容仍不明确",
  "results.notProcessed.complaint": "三(五)1 信访举报投诉类申请",
  "results.notProcessed.repeated": "三(五)2 重复申请",
  "results.notProcessed.publication": "三(五)3 要求提供公开出版物",
  "results.notProcessed.excessive": "三(五)4 无正当理由大量反复申请",
  "results.notProcessed.confirmation": "三(五)5 要求行政机关确认或重新出具已获取信息",
  "results.otherHandling.overdueCorrection": "三(六)1 逾期不补正",
  "results.otherHandling.overdueFee": "三(六)2 逾期未缴纳费用",
  "results.otherHandling.other": "三(六)3 其他",
  "results.otherHandling.total": "三(六)其他处理",
  "results.total": "三(七)总计",
  carriedForward: "四、结转下年度继续办理",
};

/** Every applicant row of 三 in template order (both shapes of （六）), with its short label. */
const ROWS: readonly (readonly [path: string, label: string])[] = REQUEST_ROWS.map((d) => [d.path, ROW_LABELS[d.path] ?? d.label] as const);

/** The groups of 四, with their labels for descriptions. */
const GROUP_LABELS: Readonly<Record<OutcomeGroupKey, readonly [zh: string, en: string]>> = {
  review: ["行政复议", "administrative review"],
  lawsuitDirect: ["行政诉讼·未经复议直接起诉", "lawsuit without prior review"],
  lawsuitAfterReview: ["行政诉讼·复议后起诉", "lawsuit after review"],
};

// ---------------------------------------------------------------------------------------
// Precomputed vocabulary. Every report evaluates the same ~40 identities over the same ~26
// rows, so each identity is written out once at load time — its id, its operands (row and
// column) and its operand paths — and a report only reads its numbers. Descriptions are the
// same for every instance of an id, so they live in one catalogue (CHECK_DESCRIPTIONS), not
// in each Check: repeated in every report they were a third of its checks' JSON.
// Rows outside the template (found by walking the model) are handled on the fly.

/** A row of 三 with its path split into keys and the operand path of every column. */
interface RowSpec {
  /** Its place among the rows looked up for one report (template rows first). */
  slot: number;
  path: string;
  label: string;
  keys: readonly string[];
  /** `requests.<path>.<column>`, by column key. */
  paths: Readonly<Record<string, string>>;
}

function rowSpec(path: string, label: string, slot: number): RowSpec {
  const paths: Record<string, string> = {};
  for (const [column] of COLUMNS) paths[column] = `requests.${path}.${column}`;
  return { slot, path, label, keys: path.split("."), paths };
}

const ROW_SPECS: readonly RowSpec[] = ROWS.map(([path, label], i) => rowSpec(path, label, i));
const ROW_BY_PATH = new Map(ROW_SPECS.map((r) => [r.path, r]));
const spec = (path: string): RowSpec => ROW_BY_PATH.get(path)!;

/** One operand of an identity: a column of a row of 三. */
interface Term {
  row: RowSpec;
  column: string;
}

/** An identity of 三: left = right, with everything but the numbers known in advance. */
interface Identity {
  id: string;
  left: readonly Term[];
  right: readonly Term[];
  /** The operand paths, left then right (copied into each Check). */
  paths: readonly string[];
}

/** Descriptions of the template's identities, by id, filled in as the identities are built. */
const DESCRIPTIONS: Record<string, string> = {};

/** An identity; `description` null for a row beyond the template, built per report and not catalogued. */
function identity(id: string, description: string | null, left: Term[], right: Term[]): Identity {
  if (description !== null) DESCRIPTIONS[id] ??= description;
  return { id, left, right, paths: [...left, ...right].map((t) => t.row.paths[t.column]!) };
}

const RESULTS_TOTAL = spec(RESULTS_TOTAL_ROW);
const OTHER_HANDLING_TOTAL = spec(OTHER_HANDLING_SINGLE[0]!);
const SUB_ROW_SPECS = OTHER_HANDLING_SUB_ROWS.map(spec);

/** 1. 一 + 二 = 三(七) + 四, per column: the identity the template prints. */
const BALANCES: readonly Identity[] = COLUMNS.map(([column, zh, en]) =>
  identity(
    `requests.balance.${column}`,
    `一+二 = 三(七)+四 (${zh}) — new + carried over = results total + carried forward (${en})`,
    BALANCE.left.map((path) => ({ row: spec(path), column })),
    BALANCE.right.map((path) => ({ row: spec(path), column })),
  ),
);

/** The description of a row total, for a row of the template or one a report adds. */
const rowTotalDescription = (label: string) => `${label}: 六类申请人之和 = 总计 — the six applicant columns sum to the total`;

/** 2. A row's six applicant columns add up to its 总计. */
function rowTotal(row: RowSpec): Identity {
  return identity(
    `requests.rowTotal.${row.path}`,
    row.slot < 0 ? null : rowTotalDescription(row.label),
    APPLICANT_PARTS.map((column) => ({ row, column })),
    [{ row, column: TOTAL_COLUMN }],
  );
}
const ROW_TOTALS: readonly Identity[] = ROW_SPECS.map(rowTotal);

/**
 * 3. 三(一)…(六) = 三(七), per column, with （六） as three sub-rows (2021) or one row (2019).
 * One description covers both shapes (an id has one catalogue entry): `(六)` is the row or
 * its sub-rows, and the Check's paths say which.
 */
function resultsTotal(rows: readonly RowSpec[]): Identity[] {
  return COLUMNS.map(([column, zh, en]) =>
    identity(
      `requests.resultsTotal.${column}`,
      `三(一)+(二)+(三)1–8+(四)1–3+(五)1–5+(六) = 三(七) (${zh}) — result rows sum to the results total (${en})`,
      rows.map((row) => ({ row, column })),
      [{ row: RESULTS_TOTAL, column }],
    ),
  );
}
const RESULTS_TOTAL_SUB = resultsTotal(resultRows(true).map(spec));
const RESULTS_TOTAL_SINGLE = resultsTotal(resultRows(false).map(spec));

/** The groups of 四 with their check id and operand paths. */
const GROUP_SPECS = REVIEW_GROUPS.map((group) => {
  const [zh, en] = GROUP_LABELS[group];
  const path = (column: string) => `reviewsAndLawsuits.${group}.${column}`;
  const id = `reviewsAndLawsuits.total.${group}`;
  DESCRIPTIONS[id] = `结果维持+结果纠正+其他结果+尚未审结 = 总计 (${zh}) — upheld + corrected + other + pending = total (${en})`;
  return { group, id, paths: [...OUTCOME_PARTS.map(path), path(TOTAL_COLUMN)] };
});

/**
 * What each identity of the template states, by check id (`requests.balance.naturalPerson` →
 * `一+二 = 三(七)+四 (自然人) — new + carried over = …`), in Chinese then English: one
 * catalogue for every report, because the text is the same for every instance of an id and
 * a Check carries only its id. Covers every id {@link runChecks} can give except the row
 * total of a row a report adds beyond the template; {@link describeCheck} covers that too.
 */
export const CHECK_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({ ...DESCRIPTIONS });

/**
 * The description of a check id (see {@link CHECK_DESCRIPTIONS}), including the row total of
 * a row beyond the template (described by its path); null for an id no identity gives.
 */
export function describeCheck(id: string): string | null {
  if (Object.hasOwn(CHECK_DESCRIPTIONS, id)) return CHECK_DESCRIPTIONS[id]!;
  const row = id.startsWith("requests.rowTotal.") ? id.slice("requests.rowTotal.".length) : "";
  return row === "" ? null : rowTotalDescription(row);
}

/**
 * Runs every identity of model.md § checks on the parsed tables, one Check per instance, so
 * that a consumer can tell at a glance which reported numbers do not add up (or cannot be
 * verified) without re-deriving the template's arithmetic. The input is only read, never
 * changed; the order of the result is fixed (balance, rowTotal, resultsTotal, reviews) so
 * that two runs on the same report compare equal.
 */
export function runChecks(report: CheckInput): Check[] {
  const checks: Check[] = [];
  if (isObject(report.requests)) requestChecks(report.requests, report.template, checks);
  if (isObject(report.reviewsAndLawsuits)) reviewChecks(report.reviewsAndLawsuits, checks);
  return checks;
}

/** The row objects of one report, each looked up once: by slot, `MISSING` until asked. */
const MISSING = Symbol("missing");

/** The three identity families of 三, in their fixed order, appended to `checks`. */
function requestChecks(requests: object, template: CheckInput["template"], checks: Check[]): void {
  const rows: unknown[] = new Array(ROW_SPECS.length).fill(MISSING);
  const rowOf = (r: RowSpec): unknown => {
    // Rows beyond the template (slot past the template's) are looked up afresh: there are few.
    if (r.slot >= rows.length || ROW_SPECS[r.slot] !== r) return valueAt(requests, r.keys);
    let v = rows[r.slot];
    if (v === MISSING) rows[r.slot] = v = valueAt(requests, r.keys);
    return v;
  };
  const sum = (terms: readonly Term[]): number | null => sumOf(terms.length, (i) => numberIn(rowOf(terms[i]!.row), terms[i]!.column));
  const evaluate = (x: Identity): Check => check(x.id, sum(x.left), sum(x.right), x.paths);

  for (const x of BALANCES) checks.push(evaluate(x));

  // Only rows that are there get a row total.
  ROW_SPECS.forEach((row, i) => {
    if (isObject(rowOf(row))) checks.push(evaluate(ROW_TOTALS[i]!));
  });
  for (const path of walkRows(requests, "")) {
    if (!ROW_BY_PATH.has(path)) checks.push(evaluate(rowTotal(rowSpec(path, path, -1))));
  }

  // （六） is three sub-rows in 2021 and one row in 2019; a group row is never added on top
  // of its sub-rows. Use the shape the report printed: sub-rows if any is there, else the
  // single row, and only when neither is there the shape of the detected template.
  const hasSubRows = SUB_ROW_SPECS.some((row) => isObject(rowOf(row)));
  const hasSingle = isObject(rowOf(OTHER_HANDLING_TOTAL));
  const useSubRows = hasSubRows || (!hasSingle && template === "2021");
  for (const x of useSubRows ? RESULTS_TOTAL_SUB : RESULTS_TOTAL_SINGLE) checks.push(evaluate(x));
}

/** 四: upheld + corrected + other + pending = total, for each of the three groups. */
function reviewChecks(reviews: object, checks: Check[]): void {
  for (const g of GROUP_SPECS) {
    const node = Object.hasOwn(reviews, g.group) ? (reviews as Record<string, unknown>)[g.group] : undefined;
    const expected = sumOf(OUTCOME_PARTS.length, (i) => numberIn(node, OUTCOME_PARTS[i]!));
    checks.push(check(g.id, expected, sumOf(1, () => numberIn(node, TOTAL_COLUMN)), g.paths));
  }
}

/**
 * The two sides of a check's identity, as operand paths: `left` sums to `expected`, `right`
 * to `actual`. Every identity has one right-hand operand (a total) except the balance of 三,
 * which has two (三(七) and 四); a Check keeps only its paths, so the split is derived here.
 */
export function checkSides(check: Pick<Check, "id" | "paths">): { left: string[]; right: string[] } {
  const rightCount = check.id.startsWith("requests.balance.") ? 2 : 1;
  const cut = Math.max(0, check.paths.length - rightCount);
  return { left: check.paths.slice(0, cut), right: check.paths.slice(cut) };
}

/** Paths (relative to `node`) of every nested object that has all seven applicant keys. */
function walkRows(node: object, prefix: string): string[] {
  const found: string[] = [];
  // Object.keys rather than Object.entries: the same keys in the same order, without a
  // pair array per property of every row of the model.
  for (const key of Object.keys(node)) {
    const child: unknown = (node as Record<string, unknown>)[key];
    if (!isObject(child)) continue;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (APPLICANT_KEYS.every((column) => Object.hasOwn(child, column))) found.push(path);
    else found.push(...walkRows(child, path));
  }
  return found;
}

/** One Check from the two sums; a side is known only when all its operands are. */
function check(id: string, expected: number | null, actual: number | null, paths: readonly string[]): Check {
  const status: Check["status"] =
    expected === null || actual === null ? "incomplete" : close(expected, actual) ? "pass" : "fail";
  // Each Check gets its own copy of the shared path list, so a consumer may change one.
  return { id, status, expected, actual, paths: paths.slice() };
}

/** The sum of `n` operands, or null when any is unknown (never a partial sum). */
function sumOf(n: number, value: (i: number) => number | null): number | null {
  let total = 0;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v === null) return null;
    total += v;
    if (!Number.isInteger(v)) integers = false;
  }
  // An integer sum below 1e15 has at most 15 digits, so the rounding below would return it
  // unchanged: skip it, since toPrecision is costly and nearly every sum is of counts.
  if (integers && Math.abs(total) < 1e15) return total;
  // Drop binary noise (0.1 + 0.2) so a decimal sum reads as the source would write it.
  return Number(total.toPrecision(15));
}

/** Equal within 1e-9, scaled up for large magnitudes so that float rounding never fails a check. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The finite number under `column` of a row object, or null for a blank, an absent row or anything else. */
function numberIn(row: unknown, column: string): number | null {
  if (!isObject(row) || !Object.hasOwn(row, column)) return null;
  const value = (row as Record<string, unknown>)[column];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A non-array object: the only shape a table, a group or a row can have. */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
