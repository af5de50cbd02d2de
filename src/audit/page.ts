/**
 * The audit page: one self-contained HTML file that shows a report's source beside its model,
 * every number linked both ways to the span it was read from, and every diagnostic and failing
 * identity linked to the cells and spans it concerns. A researcher who doubts a value looks at
 * it here instead of reading provenance offsets by hand.
 *
 * Self-contained on purpose: no network, fonts or external scripts (a Content-Security-Policy
 * forbids them), so the page opens from disk, from an archive, or attached to an e-mail.
 * Every string of the report is input text and is escaped; the one script is inline and only
 * adds scrolling and a blink to what plain fragment links already do without it.
 */
import { valueAt } from "../model/paths.js";
import { checkSides, describeCheck } from "../checks/index.js";
import type { Check, Diagnostic, Report } from "../model/types.js";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
} from "../templates/grid.js";
import { TABLE_TITLES } from "../templates/titles.js";
import { AUDIT_SCRIPT, AUDIT_STYLE } from "./assets.js";
import { htmlSourceView, type SourceMark } from "./html-source.js";

/** What the page needs besides the report. */
export interface AuditInput {
  /** The report as `parseReport` returned it. */
  report: Report;
  /** The text its positions point into: the decoded input (see `decode` for bytes). */
  text: string;
  /** A name for the page title and header (the input's file name, say). */
  name?: string;
}

/** One model cell of the page: where it sits in the model and what the page calls it. */
interface Cell {
  path: string;
  /** Page-wide index: the cell is `#m-N`, its source span `#s-N`. */
  n: number;
}

/** Escapes text for HTML content and attribute values. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}


/** Builds the page state shared by the source view, the tables and the lists. */
class Page {
  /** Every cell path the page shows, in page order, with its index. */
  readonly cells = new Map<string, Cell>();
  /** Diagnostics by the path they name (exact path), for flagging cells. */
  private readonly byPath = new Map<string, Diagnostic[]>();
  /** Paths that take part in a failing identity. */
  private readonly failing = new Set<string>();
  /** Paths that have a `<td>` on the page. */
  readonly rendered = new Set<string>();

  constructor(readonly input: AuditInput) {
    const { report } = input;
    for (const d of report.diagnostics) {
      if (d.path === undefined) continue;
      const list = this.byPath.get(d.path) ?? [];
      list.push(d);
      this.byPath.set(d.path, list);
    }
    for (const c of report.checks) if (c.status === "fail") for (const p of c.paths) this.failing.add(p);
    // Every provenance path gets a cell number, so each value has a span and a cell to link.
    for (const path of Object.keys(report.provenance)) this.cell(path);
  }

  /** The cell of `path`, numbered on first sight. */
  cell(path: string): Cell {
    let c = this.cells.get(path);
    if (!c) this.cells.set(path, (c = { path, n: this.cells.size }));
    return c;
  }

  /** Diagnostics that concern `path`: its own, and those of the row or table it is in. */
  diagnosticsOf(path: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (let p = path; p !== ""; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
      out.push(...(this.byPath.get(p) ?? []));
    }
    return out;
  }

  /** A `<td>` for the model cell at `path`. */
  td(path: string): string {
    const { report } = this.input;
    const value = valueAt(report, path);
    const flags = this.diagnosticsOf(path);
    const classes = ["cell"];
    const worst = flags.some((d) => d.severity === "error") ? "error" : flags.some((d) => d.severity === "warning") ? "warning" : flags.length ? "info" : null;
    if (worst) classes.push(`flag-${worst}`);
    if (this.failing.has(path)) classes.push("check-fail");
    const shown = value === undefined ? "" : value === null ? "·" : esc(String(value));
    const title = [path, ...flags.map((d) => `${d.severity} ${d.code}: ${d.message}`)].join("\n");
    const c = this.cell(path);
    this.rendered.add(path);
    const inner = report.provenance[path]
      ? `<a class="to-source" href="#s-${c.n}">${shown}</a>`
      : `<span class="no-source">${shown}</span>`;
    return `<td id="m-${c.n}" class="${classes.join(" ")}" data-path="${esc(path)}" title="${esc(title)}">${inner}</td>`;
  }
}

/** The official tables of the detected template, every cell a {@link Page.td}. */
function templateTables(page: Page): string {
  const { report } = page.input;
  if (report.template !== "2021" && report.template !== "2019") return genericTable(page);
  const family = report.template;
  const out: string[] = [];
  const proactive = family === "2021" ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019;
  out.push(`<h2 id="t-proactive">${TABLE_TITLES.proactive} <small>proactive</small></h2><div class="scroll"><table class="model"><tbody>`);
  for (const row of proactive) {
    out.push(`<tr><th scope="row">${esc(row.label)}</th>`);
    for (const col of row.columns) out.push(`<td class="colname">${esc(col.label)}</td>${page.td(`proactive.${row.key}.${col.key}`)}`);
    out.push("</tr>");
  }
  out.push("</tbody></table></div>");

  const requests = family === "2021" ? REQUEST_ROWS_2021 : REQUEST_ROWS_2019;
  // The official table's group labels above their rows: 三、本年度办理结果 before （一）, and
  // （三）…（六） before their numbered sub-rows (1.属于国家秘密 is not 1.本机关不掌握…).
  const requestRows = requests.map((r, i) => {
    const group = r.group && r.group !== requests[i - 1]?.group ? REQUEST_GROUP_LABELS[r.group] : undefined;
    const heading = r.path === "results.granted" ? RESULTS_LABEL : group;
    return { label: r.label, path: `requests.${r.path}`, ...(heading ? { heading } : {}) };
  });
  out.push(
    crossTable(page, "t-requests", `${TABLE_TITLES.requests} <small>requests</small>`, APPLICANT_COLUMNS, requestRows),
    crossTable(page, "t-reviews", `${TABLE_TITLES.reviewsAndLawsuits} <small>reviewsAndLawsuits</small>`, OUTCOME_COLUMNS, OUTCOME_GROUPS.map((g) => ({ label: g.label, path: `reviewsAndLawsuits.${g.key}` }))),
  );
  // Values the template tables above do not show (a row beyond the template, say) are listed too.
  const rest = Object.keys(report.provenance).filter((p) => !page.rendered.has(p));
  if (rest.length > 0) out.push(genericTable(page, rest, "其他数值 <small>other values</small>"));
  return out.join("");
}

/** The label of 三's results block, printed above （一）予以公开. */
const RESULTS_LABEL = "三、本年度办理结果";

/** The labels of 三's groups whose sub-rows are numbered 1., 2., … */
const REQUEST_GROUP_LABELS: Record<string, string> = {
  withheld: "（三）不予公开",
  unableToProvide: "（四）无法提供",
  notProcessed: "（五）不予处理",
  otherHandling: "（六）其他处理",
};

/**
 * A table whose every row has the same columns (三, 四): row path + column key is the cell's
 * path. A row's `heading` is a label row above it (a group label, no numbers).
 */
function crossTable(
  page: Page,
  id: string,
  title: string,
  columns: ReadonlyArray<{ key: string; label: string }>,
  rows: ReadonlyArray<{ label: string; path: string; heading?: string }>,
): string {
  const head = columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `${r.heading ? `<tr class="group"><th scope="rowgroup" colspan="${columns.length + 1}">${esc(r.heading)}</th></tr>` : ""}` +
        `<tr><th scope="row">${esc(r.label)}</th>${columns.map((c) => page.td(`${r.path}.${c.key}`)).join("")}</tr>`,
    )
    .join("");
  return `<h2 id="${id}">${title}</h2><div class="scroll"><table class="model"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Every value with a provenance, one row each: for legacy and unknown templates, and leftovers. */
function genericTable(page: Page, paths = Object.keys(page.input.report.provenance), title = "数值 <small>values</small>"): string {
  const rows = paths.map((p) => `<tr><th scope="row"><code>${esc(p)}</code></th>${page.td(p)}</tr>`);
  return `<h2 id="t-values">${title}</h2><div class="scroll"><table class="model"><tbody>${rows.join("")}</tbody></table></div>`;
}

/**
 * The source with every value's span marked (`#s-N`, linked to its cell) and an anchor at each
 * diagnostic's position (`#d-K`). Spans that overlap an earlier one are left unmarked rather
 * than nested wrongly; the cell then says it has no span. Flattened text is shown as it is; an
 * HTML page as its lines and tables (see {@link htmlSourceView}), its markup in a collapsed
 * raw view whose spans link to the same cells.
 */
function sourceView(page: Page): string {
  const { report, text } = page.input;
  const marks: SourceMark[] = [];
  const raw: SourceMark[] = [];
  const spans = Object.entries(report.provenance)
    .map(([path, p]) => ({ path, start: p.start.offset, end: p.end.offset }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let last = -1;
  for (const s of spans) {
    if (s.start < last || s.end > text.length) continue;
    const c = page.cell(s.path);
    const flags = page.diagnosticsOf(s.path);
    const cls = flags.some((d) => d.severity !== "info") ? "v flagged" : "v";
    const attrs = `href="#m-${c.n}" data-path="${esc(s.path)}" title="${esc(s.path)}"`;
    marks.push({ start: s.start, end: s.end, open: `<a id="s-${c.n}" class="${cls}" ${attrs}>`, close: "</a>", kind: "span" });
    raw.push({ start: s.start, end: s.end, open: `<a class="r" ${attrs}>`, close: "</a>", kind: "span" });
    last = s.end;
  }
  report.diagnostics.forEach((d, k) => {
    const at = Math.min(Math.max(0, d.position.start.offset), text.length);
    marks.push({ start: at, end: at, open: `<span id="d-${k}" class="d-anchor d-${d.severity}" title="${esc(d.code)}"></span>`, close: "", kind: "anchor" });
  });
  if (report.source.form !== "html") return `<pre class="source" tabindex="0">${markText(text, marks)}</pre>`;
  return (
    `<div class="source page-view" tabindex="0">${htmlSourceView(text, marks, esc)}</div>` +
    `<details class="raw"><summary>HTML 源码 <small>the markup the offsets point into</small></summary><pre class="source raw">${markText(text, raw)}</pre></details>`
  );
}

/** `text` escaped with `marks` inserted at their offsets (marks must not overlap). */
function markText(text: string, marks: readonly SourceMark[]): string {
  type Event = { at: number; html: string; order: number };
  const events: Event[] = [];
  for (const m of marks) {
    // An empty span (a blank read from nothing) is one event, so its close cannot sort first.
    if (m.kind === "anchor") events.push({ at: m.start, html: m.open + m.close, order: 1 });
    else if (m.end === m.start) events.push({ at: m.start, html: m.open + m.close, order: 2 });
    else events.push({ at: m.start, html: m.open, order: 2 }, { at: m.end, html: m.close, order: 0 });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  const out: string[] = [];
  let at = 0;
  for (const e of events) {
    out.push(esc(text.slice(at, e.at)), e.html);
    at = e.at;
  }
  out.push(esc(text.slice(at)));
  return out.join("");
}

/** Links to the model cells of `paths` that the page shows. */
function cellLinks(page: Page, paths: readonly string[]): string {
  return paths
    .filter((p) => page.cells.has(p))
    .map((p) => `<a class="to-cell" href="#m-${page.cell(p).n}">${esc(p)}</a>`)
    .join(" ");
}

/** The identity of a check written out with its numbers: `64 + 0 + 0 + 2 + 0 + 4 = 70`. */
export function writtenIdentity(check: Check, report: Report): string {
  const { left, right } = checkSides(check);
  const num = (p: string) => {
    const v = valueAt(report, p);
    return typeof v === "number" ? String(v) : "?";
  };
  const side = (paths: readonly string[]) => paths.map(num).join(" + ");
  const relation = check.status === "pass" ? "=" : check.status === "fail" ? "≠" : "=?";
  return `${side(left)} ${relation} ${side(right)}${check.status === "fail" ? ` (${check.expected} ≠ ${check.actual})` : ""}`;
}

/** The lists of diagnostics and failing checks, each item linked to spans and cells. */
function problemLists(page: Page): string {
  const { report } = page.input;
  const out: string[] = [`<h2 id="diagnostics">诊断 <small>diagnostics (${report.diagnostics.length})</small></h2><ol class="diagnostics">`];
  report.diagnostics.forEach((d, k) => {
    const cells = d.path ? cellLinks(page, [...page.cells.keys()].filter((p) => p === d.path || p.startsWith(`${d.path}.`))) : "";
    out.push(
      `<li class="d-${d.severity}"><span class="sev">${d.severity}</span> <code>${esc(d.code)}</code>` +
        `${d.path ? ` <code class="path">${esc(d.path)}</code>` : ""} <a class="to-source" href="#d-${k}">line ${d.position.start.line}</a>` +
        `<div class="msg">${esc(d.message)}</div>${cells ? `<div class="cells">${cells}</div>` : ""}</li>`,
    );
  });
  out.push("</ol>");
  const failing = report.checks.filter((c) => c.status === "fail");
  out.push(`<h2 id="checks">未通过的勾稽关系 <small>failing checks (${failing.length} of ${report.checks.length})</small></h2><ol class="checks">`);
  for (const c of failing) {
    // From the catalogue: a Check carries no description (one written by an older version may).
    const about = c.description ?? describeCheck(c.id);
    out.push(
      `<li class="check-fail"><code>${esc(c.id)}</code><div class="identity">${esc(writtenIdentity(c, report))}</div>` +
        `${about ? `<div class="msg">${esc(about)}</div>` : ""}<div class="cells">${cellLinks(page, c.paths)}</div></li>`,
    );
  }
  out.push("</ol>");
  return out.join("");
}

/** The header: meta, template, source and counts. */
function header(page: Page): string {
  const { report, name } = page.input;
  const m = report.meta;
  const count = (s: string) => report.diagnostics.filter((d) => d.severity === s).length;
  const fails = report.checks.filter((c) => c.status === "fail").length;
  const facts: Array<[string, string | number | null]> = [
    ["机关 agency", m.agency],
    ["年度 year", m.year],
    ["模板 template", report.template],
    ["来源 form", `${report.source.form} · ${report.source.encoding} · ${report.source.bytes} bytes`],
    ["数值 values", Object.keys(report.provenance).length],
    ["诊断 diagnostics", `${count("error")} error · ${count("warning")} warning · ${count("info")} info`],
    ["勾稽 checks", `${fails} failing of ${report.checks.length}`],
  ];
  return (
    `<header><h1>${esc(m.title ?? name ?? "report")}</h1>${name && m.title ? `<p class="file">${esc(name)}</p>` : ""}<dl>` +
    facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(String(v ?? "—"))}</dd></div>`).join("") +
    `</dl><p class="legend"><span class="cell flag-error">error</span> <span class="cell flag-warning">warning</span> ` +
    `<span class="cell flag-info">info</span> <span class="cell check-fail">failing identity</span> ` +
    `<span class="v">value in the source</span> · click a number on either side to see the other</p></header>`
  );
}

/**
 * Renders the audit page of one report: a complete HTML document (UTF-8, no external
 * resources). `text` must be the text the report's positions point into.
 */
export function auditPage(input: AuditInput): string {
  const page = new Page(input);
  const tables = templateTables(page);
  const source = sourceView(page);
  const lists = problemLists(page);
  const title = input.report.meta.title ?? input.name ?? "report";
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(`audit: ${title}`)}</title>` +
    `<style>${AUDIT_STYLE}</style></head><body>${header(page)}<main>` +
    `<section class="pane source-pane" aria-label="source"><h2>原文 <small>source as parsed</small></h2>${source}</section>` +
    `<section class="pane model-pane" aria-label="model">${tables}${lists}</section>` +
    `</main><script>${AUDIT_SCRIPT}</script></body></html>`
  );
}
