/**
 * The accounting identities (勾稽关系) of `formats.md` § D, evaluated on the parsed tables.
 *
 * A check is a statement about the source, never a correction: this module only reads the
 * model. `null` means "not reported", so an identity with a null operand is `incomplete`
 * rather than computed with a guessed 0, and a table that is absent produces no checks at all.
 */
import type { Check, Report } from "../model/types.js";

/** The parts of a Report the identities read; narrower than Report so callers can check a draft. */
export type CheckInput = Pick<Report, "template" | "requests" | "reviewsAndLawsuits">;

/** The seven applicant columns of 三, in table order, with their labels for descriptions. */
const COLUMNS = [
  ["naturalPerson", "自然人", "natural person"],
  ["commercialEnterprise", "商业企业", "commercial enterprise"],
  ["researchInstitution", "科研机构", "research institution"],
  ["socialWelfareOrganization", "社会公益组织", "social welfare organization"],
  ["legalServiceAgency", "法律服务机构", "legal service agency"],
  ["otherOrganization", "其他", "other organization"],
  ["total", "总计", "total"],
] as const;

/** The six columns that add up to `total`. */
const PARTS = COLUMNS.filter(([key]) => key !== "total");

/** Every applicant row of 三 in template order (paths relative to `requests`), with a short label. */
const ROWS: readonly (readonly [path: string, label: string])[] = [
  ["newReceived", "一、本年新收"],
  ["carriedOver", "二、上年结转"],
  ["results.granted", "三(一)予以公开"],
  ["results.partiallyGranted", "三(二)部分公开"],
  ["results.withheld.stateSecret", "三(三)1 属于国家秘密"],
  ["results.withheld.prohibitedByLaw", "三(三)2 其他法律行政法规禁止公开"],
  ["results.withheld.endangersSecurity", "三(三)3 危及“三安全一稳定”"],
  ["results.withheld.thirdPartyRights", "三(三)4 保护第三方合法权益"],
  ["results.withheld.internalAffairs", "三(三)5 属于三类内部事务信息"],
  ["results.withheld.processInformation", "三(三)6 属于四类过程性信息"],
  ["results.withheld.enforcementFiles", "三(三)7 属于行政执法案卷"],
  ["results.withheld.administrativeQuery", "三(三)8 属于行政查询事项"],
  ["results.unableToProvide.notHeld", "三(四)1 本机关不掌握相关政府信息"],
  ["results.unableToProvide.needsCreation", "三(四)2 没有现成信息需要另行制作"],
  ["results.unableToProvide.unclear", "三(四)3 补正后申请内容仍不明确"],
  ["results.notProcessed.complaint", "三(五)1 信访举报投诉类申请"],
  ["results.notProcessed.repeated", "三(五)2 重复申请"],
  ["results.notProcessed.publication", "三(五)3 要求提供公开出版物"],
  ["results.notProcessed.excessive", "三(五)4 无正当理由大量反复申请"],
  ["results.notProcessed.confirmation", "三(五)5 要求行政机关确认或重新出具已获取信息"],
  ["results.otherHandling.overdueCorrection", "三(六)1 逾期不补正"],
  ["results.otherHandling.overdueFee", "三(六)2 逾期未缴纳费用"],
  ["results.otherHandling.other", "三(六)3 其他"],
  ["results.otherHandling.total", "三(六)其他处理"],
  ["results.total", "三(七)总计"],
  ["carriedForward", "四、结转下年度继续办理"],
];

/** The result rows every template shares: everything of 三 except （六） and （七）. */
const COMMON_RESULT_ROWS = ROWS.map(([path]) => path).filter(
  (path) => path.startsWith("results.") && !path.startsWith("results.otherHandling.") && path !== "results.total",
);

/** The three （六） sub-rows of the 2021 template. */
const OTHER_HANDLING_SUB_ROWS = [
  "results.otherHandling.overdueCorrection",
  "results.otherHandling.overdueFee",
  "results.otherHandling.other",
] as const;

/** The three groups of 四, in table order, with their labels. */
const GROUPS = [
  ["review", "行政复议", "administrative review"],
  ["lawsuitDirect", "行政诉讼·未经复议直接起诉", "lawsuit without prior review"],
  ["lawsuitAfterReview", "行政诉讼·复议后起诉", "lawsuit after review"],
] as const;

/** The four outcome columns of 四 that add up to `total`. */
const OUTCOMES = ["upheld", "corrected", "other", "pending"] as const;

/** One operand of an identity: where it lives in the model and what was read there. */
interface Operand {
  path: string;
  value: number | null;
}

// ---------------------------------------------------------------------------------------
// Precomputed vocabulary. Every report evaluates the same ~40 identities over the same ~26
// rows, so the dotted paths are split, the operand paths joined and the descriptions
// written once at load time: building and splitting these strings per lookup was most of
// this module's time. Only rows outside the template (found by walking the model) are
// handled on the fly.

/** A row of 三 with its path split into keys and the operand path of every column. */
interface RowSpec {
  path: string;
  label: string;
  keys: readonly string[];
  /** `requests.<path>.<column>`, by column key. */
  paths: Readonly<Record<string, string>>;
}

function rowSpec(path: string, label: string): RowSpec {
  const paths: Record<string, string> = {};
  for (const [column] of COLUMNS) paths[column] = `requests.${path}.${column}`;
  return { path, label, keys: path.split("."), paths };
}

const ROW_SPECS: readonly RowSpec[] = ROWS.map(([path, label]) => rowSpec(path, label));
const ROW_BY_PATH = new Map(ROW_SPECS.map((r) => [r.path, r]));
const KNOWN_ROWS = new Set(ROWS.map(([path]) => path));
const spec = (path: string): RowSpec => ROW_BY_PATH.get(path)!;

const NEW_RECEIVED = spec("newReceived");
const CARRIED_OVER = spec("carriedOver");
const RESULTS_TOTAL = spec("results.total");
const CARRIED_FORWARD = spec("carriedForward");
const OTHER_HANDLING_TOTAL = spec("results.otherHandling.total");
const SUB_ROW_SPECS = OTHER_HANDLING_SUB_ROWS.map(spec);
const RESULT_ROWS_SUB = [...COMMON_RESULT_ROWS, ...OTHER_HANDLING_SUB_ROWS].map(spec);
const RESULT_ROWS_SINGLE = [...COMMON_RESULT_ROWS, "results.otherHandling.total"].map(spec);

const BALANCE_TEXT = COLUMNS.map(
  ([column, zh, en]) =>
    [`requests.balance.${column}`, `一+二 = 三(七)+四 (${zh}) — new + carried over = results total + carried forward (${en})`] as const,
);
const ROW_TOTAL_ID = (row: string) => `requests.rowTotal.${row}`;
const ROW_TOTAL_TEXT = (label: string) => `${label}: 六类申请人之和 = 总计 — the six applicant columns sum to the total`;
const resultsTotalText = (sixth: string) =>
  COLUMNS.map(
    ([column, zh, en]) =>
      [
        `requests.resultsTotal.${column}`,
        `三(一)+(二)+(三)1–8+(四)1–3+(五)1–5+${sixth} = 三(七) (${zh}) — result rows sum to the results total (${en})`,
      ] as const,
  );
const RESULTS_TOTAL_TEXT_SUB = resultsTotalText("(六)1–3");
const RESULTS_TOTAL_TEXT_SINGLE = resultsTotalText("(六)");

/** The groups of 四 with their check id, description and operand paths. */
const GROUP_SPECS = GROUPS.map(([group, zh, en]) => {
  const path = (column: string) => `reviewsAndLawsuits.${group}.${column}`;
  return {
    group,
    id: `reviewsAndLawsuits.total.${group}`,
    description: `结果维持+结果纠正+其他结果+尚未审结 = 总计 (${zh}) — upheld + corrected + other + pending = total (${en})`,
    outcomePaths: OUTCOMES.map(path),
    totalPath: path("total"),
  };
});

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

/** The three identity families of 三, in their fixed order, appended to `checks`. */
function requestChecks(requests: object, template: CheckInput["template"], checks: Check[]): void {
  // Each row object is looked up once; its columns are then read from it directly.
  const rows = new Map<RowSpec, unknown>();
  const rowOf = (r: RowSpec): unknown => {
    if (rows.has(r)) return rows.get(r);
    const v = valueAt(requests, r.keys);
    rows.set(r, v);
    return v;
  };
  const read = (r: RowSpec, column: string): Operand => ({ path: r.paths[column]!, value: numberIn(rowOf(r), column) });

  // 1. 一 + 二 = 三(七) + 四, per column: the identity the template prints.
  COLUMNS.forEach(([column], i) => {
    const [id, description] = BALANCE_TEXT[i]!;
    checks.push(
      evaluate(
        id,
        description,
        [read(NEW_RECEIVED, column), read(CARRIED_OVER, column)],
        [read(RESULTS_TOTAL, column), read(CARRIED_FORWARD, column)],
      ),
    );
  });

  // 2. Each row's six applicant columns add up to its 总计; only rows that are there.
  for (const row of presentRows(requests, rowOf)) {
    checks.push(
      evaluate(
        ROW_TOTAL_ID(row.path),
        ROW_TOTAL_TEXT(row.label),
        PARTS.map(([column]) => read(row, column)),
        [read(row, "total")],
      ),
    );
  }

  // 3. 三(一)…(六) = 三(七), per column. （六） is three sub-rows in 2021 and one row in 2019;
  // a group row is never added on top of its sub-rows.
  // Use the shape the report printed: sub-rows if any is there, else the single row, and
  // only when neither is there the shape of the detected template.
  const hasSubRows = SUB_ROW_SPECS.some((row) => isObject(rowOf(row)));
  const hasSingle = isObject(rowOf(OTHER_HANDLING_TOTAL));
  const useSubRows = hasSubRows || (!hasSingle && template === "2021");
  const resultRows = useSubRows ? RESULT_ROWS_SUB : RESULT_ROWS_SINGLE;
  const texts = useSubRows ? RESULTS_TOTAL_TEXT_SUB : RESULTS_TOTAL_TEXT_SINGLE;
  COLUMNS.forEach(([column], i) => {
    const [id, description] = texts[i]!;
    checks.push(
      evaluate(
        id,
        description,
        resultRows.map((row) => read(row, column)),
        [read(RESULTS_TOTAL, column)],
      ),
    );
  });
}

/** 四: upheld + corrected + other + pending = total, for each of the three groups. */
function reviewChecks(reviews: object, checks: Check[]): void {
  for (const g of GROUP_SPECS) {
    const node = isObject(reviews) && Object.hasOwn(reviews, g.group) ? (reviews as Record<string, unknown>)[g.group] : undefined;
    const left: Operand[] = OUTCOMES.map((column, i) => ({ path: g.outcomePaths[i]!, value: numberIn(node, column) }));
    checks.push(evaluate(g.id, g.description, left, [{ path: g.totalPath, value: numberIn(node, "total") }]));
  }
}

/**
 * The applicant rows of `requests` that hold an object: the template rows in template order,
 * then any other object with the seven applicant keys found by walking the table (a row the
 * parser kept beyond the template still gets its row-total check).
 */
function presentRows(requests: object, rowOf: (r: RowSpec) => unknown): RowSpec[] {
  const rows: RowSpec[] = ROW_SPECS.filter((r) => isObject(rowOf(r)));
  for (const path of walkRows(requests, "")) {
    if (!KNOWN_ROWS.has(path)) rows.push(rowSpec(path, path));
  }
  return rows;
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
    if (COLUMNS.every(([column]) => Object.hasOwn(child, column))) found.push(path);
    else found.push(...walkRows(child, path));
  }
  return found;
}

/** Both sides of an identity → one Check; a side is known only when all its operands are. */
function evaluate(id: string, description: string, left: Operand[], right: Operand[]): Check {
  const expected = sum(left);
  const actual = sum(right);
  const status: Check["status"] =
    expected === null || actual === null ? "incomplete" : close(expected, actual) ? "pass" : "fail";
  const paths: string[] = [];
  for (const operand of left) paths.push(operand.path);
  for (const operand of right) paths.push(operand.path);
  return { id, status, expected, actual, paths, description };
}

/** The sum of the operands, or null when any is unknown (never a partial sum). */
function sum(operands: Operand[]): number | null {
  let total = 0;
  let integers = true;
  for (const { value } of operands) {
    if (value === null) return null;
    total += value;
    if (!Number.isInteger(value)) integers = false;
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

/** Follows own properties only, so a key such as `constructor` never reads the prototype. */
function valueAt(root: object, keys: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of keys) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A non-array object: the only shape a table, a group or a row can have. */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
