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

/**
 * Runs every identity of model.md § checks on the parsed tables, one Check per instance, so
 * that a consumer can tell at a glance which reported numbers do not add up (or cannot be
 * verified) without re-deriving the template's arithmetic. The input is only read, never
 * changed; the order of the result is fixed (balance, rowTotal, resultsTotal, reviews) so
 * that two runs on the same report compare equal.
 */
export function runChecks(report: CheckInput): Check[] {
  const checks: Check[] = [];
  if (isObject(report.requests)) checks.push(...requestChecks(report.requests, report.template));
  if (isObject(report.reviewsAndLawsuits)) checks.push(...reviewChecks(report.reviewsAndLawsuits));
  return checks;
}

/** The three identity families of 三, in their fixed order. */
function requestChecks(requests: object, template: CheckInput["template"]): Check[] {
  const checks: Check[] = [];
  const read = (row: string, column: string): Operand => ({
    path: `requests.${row}.${column}`,
    value: numberAt(requests, `${row}.${column}`),
  });

  // 1. 一 + 二 = 三(七) + 四, per column: the identity the template prints.
  for (const [column, zh, en] of COLUMNS) {
    checks.push(
      evaluate(
        `requests.balance.${column}`,
        `一+二 = 三(七)+四 (${zh}) — new + carried over = results total + carried forward (${en})`,
        [read("newReceived", column), read("carriedOver", column)],
        [read("results.total", column), read("carriedForward", column)],
      ),
    );
  }

  // 2. Each row's six applicant columns add up to its 总计; only rows that are there.
  for (const [row, label] of presentRows(requests)) {
    checks.push(
      evaluate(
        `requests.rowTotal.${row}`,
        `${label}: 六类申请人之和 = 总计 — the six applicant columns sum to the total`,
        PARTS.map(([column]) => read(row, column)),
        [read(row, "total")],
      ),
    );
  }

  // 3. 三(一)…(六) = 三(七), per column. （六） is three sub-rows in 2021 and one row in 2019;
  // a group row is never added on top of its sub-rows.
  // Use the shape the report printed: sub-rows if any is there, else the single row, and
  // only when neither is there the shape of the detected template.
  const hasSubRows = OTHER_HANDLING_SUB_ROWS.some((row) => isObject(valueAt(requests, row)));
  const hasSingle = isObject(valueAt(requests, "results.otherHandling.total"));
  const useSubRows = hasSubRows || (!hasSingle && template === "2021");
  const resultRows = [
    ...COMMON_RESULT_ROWS,
    ...(useSubRows ? OTHER_HANDLING_SUB_ROWS : ["results.otherHandling.total"]),
  ];
  const sixth = useSubRows ? "(六)1–3" : "(六)";
  for (const [column, zh, en] of COLUMNS) {
    checks.push(
      evaluate(
        `requests.resultsTotal.${column}`,
        `三(一)+(二)+(三)1–8+(四)1–3+(五)1–5+${sixth} = 三(七) (${zh}) — result rows sum to the results total (${en})`,
        resultRows.map((row) => read(row, column)),
        [read("results.total", column)],
      ),
    );
  }
  return checks;
}

/** 四: upheld + corrected + other + pending = total, for each of the three groups. */
function reviewChecks(reviews: object): Check[] {
  return GROUPS.map(([group, zh, en]) => {
    const read = (column: string): Operand => ({
      path: `reviewsAndLawsuits.${group}.${column}`,
      value: numberAt(reviews, `${group}.${column}`),
    });
    return evaluate(
      `reviewsAndLawsuits.total.${group}`,
      `结果维持+结果纠正+其他结果+尚未审结 = 总计 (${zh}) — upheld + corrected + other + pending = total (${en})`,
      OUTCOMES.map(read),
      [read("total")],
    );
  });
}

/**
 * The applicant rows of `requests` that hold an object: the template rows in template order,
 * then any other object with the seven applicant keys found by walking the table (a row the
 * parser kept beyond the template still gets its row-total check).
 */
function presentRows(requests: object): (readonly [string, string])[] {
  const rows: (readonly [string, string])[] = ROWS.filter(([path]) => isObject(valueAt(requests, path)));
  const known = new Set(ROWS.map(([path]) => path));
  for (const path of walkRows(requests, "")) {
    if (!known.has(path)) rows.push([path, path]);
  }
  return rows;
}

/** Paths (relative to `node`) of every nested object that has all seven applicant keys. */
function walkRows(node: object, prefix: string): string[] {
  const found: string[] = [];
  for (const [key, child] of Object.entries(node)) {
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
  return {
    id,
    status,
    expected,
    actual,
    paths: [...left, ...right].map((operand) => operand.path),
    description,
  };
}

/** The sum of the operands, or null when any is unknown (never a partial sum). */
function sum(operands: Operand[]): number | null {
  let total = 0;
  for (const { value } of operands) {
    if (value === null) return null;
    total += value;
  }
  // Drop binary noise (0.1 + 0.2) so a decimal sum reads as the source would write it.
  return Number(total.toPrecision(15));
}

/** Equal within 1e-9, scaled up for large magnitudes so that float rounding never fails a check. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The finite number at a dotted path, or null for a blank, an absent row or anything else. */
function numberAt(root: object, path: string): number | null {
  const value = valueAt(root, path);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Follows own properties only, so a key such as `constructor` never reads the prototype. */
function valueAt(root: object, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split(".")) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A non-array object: the only shape a table, a group or a row can have. */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
