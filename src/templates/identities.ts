/**
 * The accounting identities (勾稽关系) of formats.md § D as data: which cells of 三 and 四 add
 * up to which. Four stages evaluate them — the checks on the finished report, the normaliser
 * placing short rows, the glued-text reader solving digit runs, and the row splitter — and
 * each used to spell them out on its own; they all read them from here, so an identity is
 * written once, next to the grids it is stated over (grid.ts), and derived from those grids.
 * Descriptions (the bilingual labels of a check) stay with whoever prints them.
 */
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS, OUTCOME_GROUPS, REQUEST_ROWS } from "./grid.js";

/**
 * An identity inside one row, by column index: the cell at `total` is the sum of the cells at
 * `parts`. Indexes rather than keys, because the glued reader and the splitter see a row as
 * its cells in template order before they know any key.
 */
export interface ColumnIdentity {
  parts: readonly number[];
  total: number;
}

/** A column key of 三 (`naturalPerson` … `total`). */
export type ApplicantKey = (typeof APPLICANT_COLUMNS)[number]["key"];

/** The key of the total column, in 三 (applicants) and 四 (outcomes) alike. */
export const TOTAL_COLUMN = "total";

/** The seven column keys of 三, in template order: every per-column identity runs over these. */
export const APPLICANT_KEYS: readonly ApplicantKey[] = APPLICANT_COLUMNS.map((c) => c.key);

/** The six applicant columns that add up to 总计, in template order. */
export const APPLICANT_PARTS: readonly ApplicantKey[] = APPLICANT_KEYS.filter((k) => k !== TOTAL_COLUMN);

/** The row identity of 三, by column index: the six applicant columns add up to 总计. */
export const REQUEST_ROW_IDENTITY: ColumnIdentity = {
  parts: APPLICANT_PARTS.map((k) => APPLICANT_KEYS.indexOf(k)),
  total: APPLICANT_KEYS.indexOf(TOTAL_COLUMN),
};

/** The row of 三 that the result rows add up to: （七）总计 (path under `requests`). */
export const RESULTS_TOTAL_ROW = "results.total";

/** A result row of 三 (path under `requests`): any row of 三、本年度办理结果 but （七）总计 itself. */
export const isResultRow = (path: string): boolean => path.startsWith("results.") && path !== RESULTS_TOTAL_ROW;

/** The result rows both templates share, in template order: every result row but the two shapes of （六）. */
export const COMMON_RESULT_ROWS: readonly string[] = REQUEST_ROWS.filter((d) => isResultRow(d.path) && d.variant === undefined).map((d) => d.path);

/** The three （六）其他处理 sub-rows of the 2021 template, which add up to （六） in its place. */
export const OTHER_HANDLING_SUB_ROWS: readonly string[] = REQUEST_ROWS.filter((d) => d.variant === "2021").map((d) => d.path);

/** The single （六）其他处理 row of the 2019 template (as a list, to stand where the sub-rows would). */
export const OTHER_HANDLING_SINGLE: readonly string[] = REQUEST_ROWS.filter((d) => d.variant === "2019").map((d) => d.path);

/**
 * The rows that add up to （七）总计, per column: the shared result rows and （六） either as its
 * three sub-rows (2021) or as one row (2019) — never both, since （六） is their sum.
 */
export function resultRows(subRows: boolean): string[] {
  return [...COMMON_RESULT_ROWS, ...(subRows ? OTHER_HANDLING_SUB_ROWS : OTHER_HANDLING_SINGLE)];
}

/**
 * The balance of 三, per column, the identity the template prints: 一、本年新收 + 二、上年结转
 * = （七）总计 + 四、结转下年度继续办理 (paths under `requests`, left side then right side).
 */
export const BALANCE = {
  left: ["newReceived", "carriedOver"],
  right: [RESULTS_TOTAL_ROW, "carriedForward"],
} as const satisfies { left: readonly string[]; right: readonly string[] };

/** A group key of 四 (`review`, `lawsuitDirect`, `lawsuitAfterReview`). */
export type OutcomeGroupKey = (typeof OUTCOME_GROUPS)[number]["key"];

/** The three groups of 四, in the order their numbers are printed. */
export const REVIEW_GROUPS: readonly OutcomeGroupKey[] = OUTCOME_GROUPS.map((g) => g.key);

/** A column key of a group of 四 (`upheld` … `total`). */
export type OutcomeKey = (typeof OUTCOME_COLUMNS)[number]["key"];

/** The four outcomes of a group of 四 that add up to its 总计: upheld, corrected, other, pending. */
export const OUTCOME_PARTS: readonly OutcomeKey[] = OUTCOME_COLUMNS.map((c) => c.key).filter((k) => k !== TOTAL_COLUMN);

/**
 * 四 read as one row of fifteen cells (three groups of five, as printed): each group's total
 * is the sum of its four outcomes, by cell index of that row.
 */
export const REVIEW_ROW_IDENTITIES: readonly ColumnIdentity[] = REVIEW_GROUPS.map((_, g) => {
  const at = (k: string) => g * OUTCOME_COLUMNS.length + OUTCOME_COLUMNS.findIndex((c) => c.key === k);
  return { parts: OUTCOME_PARTS.map(at), total: at(TOTAL_COLUMN) };
});

/** How many cells 四 has when read as one row: every group's outcome columns. */
export const REVIEW_ROW_WIDTH = REVIEW_GROUPS.length * OUTCOME_COLUMNS.length;
