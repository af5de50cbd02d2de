/**
 * The slice of a Report that the renderers print and the arbitraries generate, plus two
 * helpers every property needs: the model flattened to `path → value`, and the status each
 * accounting identity must have, computed here independently of `src/checks`.
 */
import type { Meta, Proactive, Report, Requests, ReviewsAndLawsuits } from "../model/types.js";
import { REQUEST_ROWS_2019, REQUEST_ROWS_2021 } from "../templates/grid.js";

/** The templates that print the 二/三/四 tables (legacy and unknown reports have none to render). */
export type RenderTemplate = "2021" | "2019";

/**
 * A Report reduced to what a page prints: the template, the identity fields of `meta`, and
 * the three tables. A full parsed {@link Report} is assignable to it, so a parsed report can
 * be rendered again.
 */
export interface ReportModel {
  template: Report["template"];
  meta: Pick<Meta, "title" | "agency" | "year">;
  proactive?: Proactive;
  requests?: Requests;
  reviewsAndLawsuits?: ReviewsAndLawsuits;
}

/** What {@link reportArbitrary} yields: a {@link ReportModel} with every part present. */
export interface GeneratedReport extends ReportModel {
  template: RenderTemplate;
  meta: { title: string; agency: string; year: number };
  proactive: Proactive;
  requests: Requests;
  reviewsAndLawsuits: ReviewsAndLawsuits;
}

/**
 * Every numeric leaf of the three tables as `dotted.path → value`, in document order —
 * the same keys as the model's `provenance` and the corpus's `*.expected.json`, so a
 * round trip is compared path by path without knowing the nesting.
 */
export function numericEntries(model: Pick<ReportModel, "proactive" | "requests" | "reviewsAndLawsuits">): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node === "number") {
      out.set(path, node);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}.${i}`));
      return;
    }
    if (typeof node === "object" && node !== undefined) {
      for (const [key, child] of Object.entries(node)) {
        if (key === "label") continue; // extraRows[i].label is text, not a value
        walk(child, `${path}.${key}`);
      }
    }
  };
  for (const part of ["proactive", "requests", "reviewsAndLawsuits"] as const) {
    if (model[part] !== undefined) walk(model[part], part);
  }
  return out;
}

/** The status an identity instance must get from the parser's checks. */
export type ExpectedStatus = "pass" | "fail" | "incomplete";

const APPLICANT_KEYS = [
  "naturalPerson",
  "commercialEnterprise",
  "researchInstitution",
  "socialWelfareOrganization",
  "legalServiceAgency",
  "otherOrganization",
] as const;
const COLUMN_KEYS = [...APPLICANT_KEYS, "total"] as const;
const OUTCOME_PARTS = ["upheld", "corrected", "other", "pending"] as const;

/**
 * Paths under `requests` of every result row that （七）总计 sums, per template: the grid's
 * rows between （一） and （七）. Which rows exist is template data (taken from the grid);
 * how they add up is formats.md § D, written out below.
 */
function resultRows(template: Report["template"]): string[] {
  const rows = template === "2019" ? REQUEST_ROWS_2019 : REQUEST_ROWS_2021;
  return rows.map((d) => d.path).filter((p) => p.startsWith("results.") && p !== "results.total");
}

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function num(root: unknown, path: string): number | null {
  const v = at(root, path);
  return typeof v === "number" ? v : null;
}

function status(left: Array<number | null>, right: Array<number | null>): ExpectedStatus {
  if (left.some((v) => v === null) || right.some((v) => v === null)) return "incomplete";
  const sum = (xs: Array<number | null>) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const a = sum(left);
  const b = sum(right);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? "pass" : "fail";
}

/**
 * The status every identity of model.md § checks must have on this model, keyed by check
 * id. Written apart from the parser's `src/checks` so that a property comparing the two
 * tests the parser rather than agreeing with itself. Only rows present in the model get a
 * row-total entry, as in the parser.
 */
export function expectedChecks(model: Pick<ReportModel, "template" | "requests" | "reviewsAndLawsuits">): Map<string, ExpectedStatus> {
  const out = new Map<string, ExpectedStatus>();
  const r = model.requests;
  if (r !== undefined) {
    for (const c of COLUMN_KEYS) {
      out.set(
        `requests.balance.${c}`,
        status([num(r, `newReceived.${c}`), num(r, `carriedOver.${c}`)], [num(r, `results.total.${c}`), num(r, `carriedForward.${c}`)]),
      );
    }
    for (const row of allRowPaths()) {
      if (at(r, row) === undefined) continue;
      out.set(`requests.rowTotal.${row}`, status(APPLICANT_KEYS.map((c) => num(r, `${row}.${c}`)), [num(r, `${row}.total`)]));
    }
    const sub = resultRows(model.template);
    for (const c of COLUMN_KEYS) {
      out.set(`requests.resultsTotal.${c}`, status(sub.map((row) => num(r, `${row}.${c}`)), [num(r, `results.total.${c}`)]));
    }
  }
  const rv = model.reviewsAndLawsuits;
  if (rv !== undefined) {
    for (const g of ["review", "lawsuitDirect", "lawsuitAfterReview"]) {
      out.set(`reviewsAndLawsuits.total.${g}`, status(OUTCOME_PARTS.map((k) => num(rv, `${g}.${k}`)), [num(rv, `${g}.total`)]));
    }
  }
  return out;
}

/** Every applicant row path of 三, both templates' rows included (a report may print either （六）). */
function allRowPaths(): string[] {
  const paths = [...REQUEST_ROWS_2021, ...REQUEST_ROWS_2019].map((d) => d.path);
  return [...new Set(paths)];
}
