/**
 * `zfxxgk compare A B`: two reports side by side — every value, the change, and the
 * cross-year identity (the later year's 上年结转 equals the earlier year's 结转下年度继续办理,
 * per applicant column), with a note wherever either value is flagged. Made for following
 * one agency from one year to the next, where a misread shows as an identity that breaks.
 */
import { displayWidth } from "../diagnostics/format.js";
import type { Diagnostic, Report } from "../model/types.js";
import { APPLICANT_COLUMNS } from "../templates/grid.js";

/** A parsed report with the name it is shown under. */
export interface Named {
  name: string;
  report: Report;
}

/** Every numeric (or null) leaf of the three tables, by dotted path, in model order. */
function leaves(report: Report): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node === "number") {
      out.set(path, node);
      return;
    }
    if (typeof node !== "object" || Array.isArray(node)) return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, `${path}.${k}`);
  };
  for (const key of ["proactive", "requests", "reviewsAndLawsuits"] as const) if (report[key]) walk(report[key], key);
  return out;
}

/** What flags a value: diagnostics on its path or a prefix of it, and failing identities through it. */
function flags(report: Report, path: string): string[] {
  const on = (d: Diagnostic) => d.path !== undefined && d.severity !== "info" && (path === d.path || path.startsWith(`${d.path}.`));
  const codes = new Set(report.diagnostics.filter(on).map((d) => d.code));
  for (const c of report.checks) if (c.status === "fail" && c.paths.includes(path)) codes.add(`fails ${c.id}`);
  return [...codes];
}

/** Pads to a display width (CJK characters are two columns, as in code frames). */
function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(1, width - displayWidth(text)));
}

const show = (v: number | null | undefined) => (v === undefined ? "—" : v === null ? "·" : String(v));

/**
 * The comparison as text. The earlier report (by `meta.year`, else argument order) is the
 * "from" side of the cross-year identity.
 */
export function formatComparison(a: Named, b: Named): string {
  const [from, to] = (a.report.meta.year ?? 0) <= (b.report.meta.year ?? 0) ? [a, b] : [b, a];
  const va = leaves(a.report);
  const vb = leaves(b.report);
  const paths = [...new Set([...va.keys(), ...vb.keys()])];
  const width = Math.max(40, ...paths.map((p) => p.length + 2));
  const head = (n: Named) => `${n.name}: ${n.report.meta.agency ?? "?"} ${n.report.meta.year ?? "?"} (template ${n.report.template})`;
  const lines = [`A = ${head(a)}`, `B = ${head(b)}`, "", `${pad("path", width)}${pad("A", 12)}${pad("B", 12)}${pad("change", 10)}note`];
  for (const p of paths) {
    const x = va.get(p);
    const y = vb.get(p);
    const change = typeof x === "number" && typeof y === "number" ? (y - x > 0 ? `+${y - x}` : String(y - x)) : "";
    const notes = [...flags(a.report, p).map((f) => `A: ${f}`), ...flags(b.report, p).map((f) => `B: ${f}`)];
    lines.push(`${pad(p, width)}${pad(show(x), 12)}${pad(show(y), 12)}${pad(change, 10)}${notes.join("; ")}`.trimEnd());
  }
  lines.push("", `cross-year identity: ${to.name} 上年结转 (carriedOver) = ${from.name} 结转下年度继续办理 (carriedForward)`);
  const fromValues = from === a ? va : vb;
  const toValues = to === a ? va : vb;
  if (a.report.meta.agencyKey !== b.report.meta.agencyKey) {
    lines.push(`  note: the agencies differ (${a.report.meta.agencyKey ?? "?"} / ${b.report.meta.agencyKey ?? "?"}): the identity is only meaningful for one agency`);
  }
  if ((to.report.meta.year ?? 0) - (from.report.meta.year ?? 0) !== 1) {
    lines.push(`  note: the years are ${from.report.meta.year ?? "?"} and ${to.report.meta.year ?? "?"}, not consecutive`);
  }
  let fails = 0;
  for (const c of APPLICANT_COLUMNS) {
    const fwd = fromValues.get(`requests.carriedForward.${c.key}`);
    const over = toValues.get(`requests.carriedOver.${c.key}`);
    const status = typeof fwd !== "number" || typeof over !== "number" ? "incomplete" : fwd === over ? "pass" : "FAIL";
    if (status === "FAIL") fails++;
    const notes = [...flags(from.report, `requests.carriedForward.${c.key}`), ...flags(to.report, `requests.carriedOver.${c.key}`)];
    lines.push(`  ${pad(c.label, 14)}${pad(show(fwd), 10)}${pad(show(over), 10)}${status}${notes.length ? `  (${notes.join("; ")})` : ""}`);
  }
  lines.push(fails === 0 ? "  the carried numbers agree where both are read" : `  ${fails} column(s) disagree: a misread or a misreport in one of the two years`);
  return `${lines.join("\n")}\n`;
}
