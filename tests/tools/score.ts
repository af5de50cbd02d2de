/**
 * The zoo's scorer: how a Report compares with the truth of the page it was parsed from,
 * field by field, in the three classes issue 12 measures. A wrong number is acceptable only
 * when the report says it may be wrong; a wrong number that nothing flags is the failure that
 * silently poisons a research panel, so it is counted on its own.
 *
 * Truth is the model a page was rendered from (`numericEntries(model)`) or, for a corpus
 * page, the fields its `*.expected.json` lists — never the parser's own output.
 */
import type { Report } from "../../src/model/types.js";
import { numericEntries } from "../../src/testing/index.js";
import { failingCheckNames, namedBy } from "../properties/support.js";

/** What happened to one field: read right, wrong but the report says so, or wrong and silent. */
export type Verdict = "right" | "flagged" | "unflagged";

/** One field's outcome, with what flagged it (for the failure message and the table). */
export interface FieldScore {
  path: string;
  want: number | null;
  /** The report's value; `undefined` when the path is absent (table or row not read). */
  got: number | null | undefined;
  verdict: Verdict;
  /** `diagnostic <code>@<path>`, `check <id>`; absent when right or unflagged. */
  flag?: string;
}

/** A page's score: per-field outcomes and whether the whole report came back silently empty. */
export interface PageScore {
  fields: FieldScore[];
  right: number;
  flagged: number;
  unflagged: number;
  /**
   * No value of any table was read, the text names itself a report (or has a template label),
   * and the report has no error diagnostic: the "row of blanks that looks like a report of
   * zeros" of issue 12.
   */
  silent: boolean;
}

/** The three tables whose numbers are scored, by their model path. */
export const TABLES = ["proactive", "requests", "reviewsAndLawsuits"] as const;

/** Truth restricted to the scored tables: a corpus `expected.json` also lists meta and template. */
export function truthFromExpected(expected: Record<string, unknown>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [path, value] of Object.entries(expected)) {
    if (!TABLES.some((t) => path.startsWith(`${t}.`))) continue;
    if (value === null || typeof value === "number") out.set(path, value);
  }
  return out;
}

/**
 * Whether a text presents itself as an annual report: 政府信息公开 and 年度报告 (or 年报) in it,
 * or one of the template's table labels. Such a text must never yield a silently empty report.
 */
export function namesItselfReport(text: string): boolean {
  const compact = text.replace(/\s+/g, "");
  if (/政府信息公开/.test(compact) && /年度报告|年报/.test(compact)) return true;
  return /本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|主动公开政府信息情况/.test(compact);
}

/**
 * What flags a wrong field, or undefined: a warning/error diagnostic whose path is the field's
 * or a prefix of it (this covers `missing-table` on the table's path), a failing check listing
 * it, or — only when the value is null or absent — a report-level error (no path) or an
 * incomplete check listing it. An
 * incomplete check does not flag a wrong non-null number: it says another operand was
 * missing, not that this one is doubtful.
 */
function flagOf(report: Report, path: string, got: number | null | undefined): string | undefined {
  const d = namedBy(report.diagnostics, path);
  if (d) return `diagnostic ${d.code}@${d.path}`;
  if (failingCheckNames(report, path)) return `check ${report.checks.find((c) => c.status === "fail" && c.paths.includes(path))!.id} fails`;
  if (got === null || got === undefined) {
    // A report-level error (empty-input, not-a-report) says nothing was read: every missing
    // value is accounted for, as the panel shows the report as unread.
    const whole = report.diagnostics.find((x) => x.severity === "error" && x.path === undefined);
    if (whole) return `diagnostic ${whole.code}`;
    const c = report.checks.find((k) => k.status === "incomplete" && k.paths.includes(path));
    if (c) return `check ${c.id} incomplete`;
  }
  return undefined;
}

/**
 * Scores `report` against `truth`, one entry per truth field. `text` is what the parser read
 * (the tool's output), needed to decide whether an empty report was silent.
 */
export function scoreReport(truth: ReadonlyMap<string, number | null>, report: Report, text: string): PageScore {
  const got = numericEntries(report);
  const fields: FieldScore[] = [];
  for (const [path, want] of truth) {
    const value = got.has(path) ? got.get(path)! : undefined;
    if (value !== undefined && Object.is(value, want)) {
      fields.push({ path, want, got: value, verdict: "right" });
      continue;
    }
    const flag = flagOf(report, path, value);
    fields.push(flag ? { path, want, got: value, verdict: "flagged", flag } : { path, want, got: value, verdict: "unflagged" });
  }
  const readSomething = [...got.values()].some((v) => v !== null);
  const silent = !readSomething && namesItselfReport(text) && !report.diagnostics.some((d) => d.severity === "error");
  return {
    fields,
    right: fields.filter((f) => f.verdict === "right").length,
    flagged: fields.filter((f) => f.verdict === "flagged").length,
    unflagged: fields.filter((f) => f.verdict === "unflagged").length,
    silent,
  };
}

/** One tool's totals over every page it was run on: a row of the zoo table. */
export interface ToolTotals {
  tool: string;
  pages: number;
  fields: number;
  right: number;
  flagged: number;
  unflagged: number;
  silent: number;
  /** right / fields (1 when nothing was checked). */
  fraction: number;
}

/** Adds up page scores into a tool's row. */
export function totals(tool: string, pages: readonly PageScore[]): ToolTotals {
  const sum = (f: (p: PageScore) => number) => pages.reduce((n, p) => n + f(p), 0);
  const fields = sum((p) => p.fields.length);
  const right = sum((p) => p.right);
  return {
    tool,
    pages: pages.length,
    fields,
    right,
    flagged: sum((p) => p.flagged),
    unflagged: sum((p) => p.unflagged),
    silent: pages.filter((p) => p.silent).length,
    fraction: fields === 0 ? 1 : right / fields,
  };
}

/** The per-tool table as fixed-width text, for the test log and `npm run zoo`. */
export function formatTable(rows: readonly ToolTotals[]): string {
  const head = ["tool", "pages", "fields", "right", "right %", "flagged-wrong", "unflagged-wrong", "silent"];
  const body = rows.map((r) => [
    r.tool,
    String(r.pages),
    String(r.fields),
    String(r.right),
    (100 * r.fraction).toFixed(1),
    String(r.flagged),
    String(r.unflagged),
    String(r.silent),
  ]);
  const all = [...rows].reduce((a, r) => ({ f: a.f + r.fields, r: a.r + r.right, u: a.u + r.unflagged }), { f: 0, r: 0, u: 0 });
  body.push(["ALL", "", String(all.f), String(all.r), all.f ? ((100 * all.r) / all.f).toFixed(1) : "-", "", String(all.u), ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
