/**
 * The `zfxxgk summary` view: what a newcomer sees first (`npm run demo`), so it favours the
 * handful of figures people actually quote over completeness. Everything else is in `parse`.
 */
import { displayWidth } from "../diagnostics/format.js";
import type { Diagnostic, Outcomes, Report, Severity } from "../model/types.js";

/** Styling hooks; identity functions when colours are off, so the layout code never branches. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(s: string, severity: Severity): string;
  good(s: string): string;
}

/** ANSI styling for TTYs and the no-op style for pipes, files and tests. */
export function makeStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { bold: id, dim: id, severity: id, good: id };
  }
  const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const dim = wrap(2, 22);
  return {
    bold: wrap(1, 22),
    dim,
    good: wrap(32, 39),
    severity: (s, severity) => (severity === "error" ? red(s) : severity === "warning" ? yellow(s) : dim(s)),
  };
}

const LABEL_WIDTH = 13;
const MAX_DIAGNOSTICS_SHOWN = 3;
const MAX_MESSAGE_WIDTH = 72;

const PROACTIVE_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ["rules", "rules"],
  ["normativeDocuments", "normative docs"],
  ["licensing", "licensing"],
  ["otherServices", "other services"],
  ["punishment", "punishment"],
  ["coercion", "coercion"],
  ["fees", "fees"],
  ["procurement", "procurement"],
];

const PROACTIVE_KEYS: Record<string, string> = {
  issued: "issued",
  repealed: "repealed",
  inForce: "in force",
  made: "made",
  published: "published",
  totalPublished: "total published",
  decisions: "decisions",
  previousYear: "previous year",
  change: "change",
  amount: "amount (万元)",
  projects: "projects",
  totalAmount: "total amount",
};

/**
 * At most ~25 lines describing one report. Values are shown as read: `-` is "not reported"
 * (null), which must never look like a zero.
 */
export function formatSummary(file: string, report: Report, style: Style): string {
  const lines: string[] = [style.bold(file)];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(LABEL_WIDTH)}${value}`);
  const meta = report.meta;

  row("agency", meta.agency ?? "-");
  if (meta.title) row("title", meta.title);
  row("year", meta.year === null ? "-" : String(meta.year));
  row("template", report.template);
  row(
    "source",
    `${report.source.form}, ${report.source.encoding}, ${report.source.bytes} bytes` +
      (meta.publishedAt ? `, published ${meta.publishedAt}` : ""),
  );

  const proactive = report.proactive;
  if (proactive) {
    const groups: string[] = [];
    for (const [key, label] of PROACTIVE_GROUPS) {
      const group = (proactive as Record<string, unknown>)[key];
      if (!group || typeof group !== "object") continue;
      const parts = Object.entries(group as Record<string, unknown>)
        .filter(([k]) => k in PROACTIVE_KEYS)
        .map(([k, v]) => `${PROACTIVE_KEYS[k]} ${num(v)}`);
      if (parts.length > 0) groups.push(`${label.padEnd(15)}${parts.join(", ")}`);
    }
    const extra = proactive.extraRows?.length ?? 0;
    if (extra > 0) groups.push(`${"extra rows".padEnd(15)}${extra}`);
    groups.forEach((g, i) => row(i === 0 ? "proactive" : "", g));
  }

  const requests = report.requests;
  if (requests) {
    row(
      "requests",
      `new ${num(requests.newReceived?.total)}, carried over ${num(requests.carriedOver?.total)}, ` +
        `handled ${num(requests.results?.total?.total)}, carried forward ${num(requests.carriedForward?.total)}`,
    );
  }

  const rl = report.reviewsAndLawsuits;
  if (rl) {
    row(
      "reviews",
      `review ${outcomes(rl.review)}, lawsuit ${outcomes(rl.lawsuitDirect)}, ` +
        `after review ${outcomes(rl.lawsuitAfterReview)}`,
    );
  }

  if (report.legacyStatistics && report.legacyStatistics.length > 0) {
    row("statistics", `${report.legacyStatistics.length} legacy rows`);
  }

  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const failing = report.checks.filter((c) => c.status === "fail");
  const fails = `${failing.length} fail`;
  row(
    "checks",
    `${style.good(`${count("pass")} pass`)} / ${failing.length > 0 ? style.severity(fails, "warning") : fails}` +
      ` / ${count("incomplete")} incomplete`,
  );
  if (failing.length > 0) {
    const ids = failing.slice(0, 3).map((c) => c.id);
    const more = failing.length > ids.length ? `, +${failing.length - ids.length} more` : "";
    row("", `failing: ${ids.join(", ")}${more}`);
  }

  const bySeverity = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  row(
    "diagnostics",
    [
      style.severity(plural(bySeverity("error"), "error"), "error"),
      style.severity(plural(bySeverity("warning"), "warning"), "warning"),
      style.severity(`${bySeverity("info")} info`, "info"),
    ].join(", "),
  );
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const shown = [...report.diagnostics]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.position.start.offset - b.position.start.offset)
    .slice(0, MAX_DIAGNOSTICS_SHOWN);
  for (const d of shown) row("", shortDiagnostic(d, style));
  if (report.diagnostics.length > shown.length) {
    row("", style.dim(`… ${report.diagnostics.length - shown.length} more (zfxxgk check ${file})`));
  }
  return lines.join("\n");
}

function num(value: unknown): string {
  return typeof value === "number" ? String(value) : "-";
}

function outcomes(o: Outcomes | undefined): string {
  return num(o?.total);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function shortDiagnostic(d: Diagnostic, style: Style): string {
  const where = `${d.position.start.line}:${d.position.start.column}`;
  const message = truncate(d.message.replace(/\s+/g, " "), MAX_MESSAGE_WIDTH);
  return `${where} ${style.severity(d.severity, d.severity)} ${d.code} ${message}`;
}

function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
