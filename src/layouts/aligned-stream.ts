/**
 * Cell-per-line dumps: when a table holds `<br>` cells, lynx gives up on its grid and prints
 * every cell on a line (or lines) of its own, centred, a blank line after each — so a blank
 * cell is one extra blank line; html-to-text does the same for block content but drops blank
 * cells without a trace. Only the order of the cells survives, so a row's values are the
 * value cells after its label, placed only when their count is the row's column count. A
 * short row lost a blank somewhere, and nothing says where: its values stay blank under a
 * `column-undecided` warning on the row's path — never a guessed column.
 */
import { hasPhrase } from "../text/phrases.js";
import type { Heading, TableCell, TableRow } from "../ast/types.js";
import { readMarker } from "../lexer/markers.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { normalizeLabel } from "../text/labels.js";
import { isWrittenValueKind, parseCellValue } from "../text/value.js";
import { PROACTIVE_ROWS, REQUEST_ROWS, type Family, type ProactiveRowSpec } from "../templates/grid.js";
import type { SourceLine } from "./types.js";

/** Which template table a stream is under, from the section heading above it. */
export type StreamPart = "proactive" | "requests" | "reviews";

/** A run of lines standing for one cell: one line, or a blank-separated paragraph. */
interface Unit {
  text: string;
  start: number;
  end: number;
  value: boolean;
  /** Blank lines between this cell and the one before it (paragraph dumps only). */
  gap?: number;
  /** A blank cell, known only from an extra blank line (lynx prints one line per cell). */
  blank?: boolean;
}

/** The report's own section headings end a stream; a 三 row label (`一、本年新收…`) does not. */
const REPORT_SECTION = /^[一二三四五六七八九十]+、.*(总体情况|主动公开|收到和处理|依申请公开|行政复议|存在的|主要问题|其他需要报告)/;
/** A row label's leading marker: `一、`, `（一）`, `1.`. */
const MARKER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])/;
const ANCHOR = /^第二十条|^第二十條/;
const VALUES: Record<Exclude<StreamPart, "proactive">, number> = { requests: 7, reviews: 15 };

function isValue(text: string): boolean {
  return isWrittenValueKind(parseCellValue(text).kind);
}

/**
 * The lines after a section heading at `from`, up to the next section heading or prose, when
 * they are a cell-per-line dump: every line one cell's text (no column gap, a value alone on
 * its line, a blank line on both sides of each value: {@link paragraphLayout}) and at least
 * three value lines. Returns the index of the last line, or -1.
 */
export function streamEnd(lines: readonly SourceLine[], from: number): number {
  let values = 0;
  let last = -1;
  for (let k = from; k < lines.length; k++) {
    const t = lines[k]!.text.trim();
    if (t === "") continue;
    if (REPORT_SECTION.test(t) || t.includes("。")) break;
    // A column gap means the tool kept the grid: the aligned reader's case, not this one.
    if (/\s{2,}/.test(t)) return -1;
    if (/\s/.test(t) && t.split(/\s+/).some(isValue)) return -1;
    if (isValue(t)) values++;
    last = k;
  }
  return values >= 3 && paragraphLayout(lines, from, last) ? last : -1;
}

/** A row label of 二 or 三 (its cells may all be blank), as opposed to a header cell. */
function rowLabel(text: string): boolean {
  return MARKER.test(text) || PROACTIVE_ROWS.some((r) => has(text, r.phrases)) || REQUEST_ROWS.some((d) => !d.exact && has(text, d.phrases));
}

/**
 * Whether lines `from..to` separate their cells the way lynx and html-to-text do: a blank
 * line between any two cells, none inside one but between a wrapped label's lines.
 */
function paragraphLayout(lines: readonly SourceLine[], from: number, to: number): boolean {
  // The tool's own separator is one blank line between two cells, a blank cell adding one:
  // most gaps are exactly one. Blank lines a page's whitespace left (bs4 on real HTML) vary.
  let gaps = 0;
  let ones = 0;
  let gap = -1;
  let prevValue = false;
  // Row ends (a value, then a label): a blank last cell widens a few; a dump whose rows are
  // mostly set apart by an extra blank line uses them for rows, not for blank cells.
  let ends = 0;
  let wideEnds = 0;
  let prevText = "";
  for (let k = from; k <= to; k++) {
    const t = lines[k]!.text.trim();
    if (t === "") {
      if (gap >= 0) gap++;
      continue;
    }
    const value = isValue(t);
    if (gap >= 0) {
      if ((value || prevValue) && gap === 0) return false;
      // Between two labels only a row's blank values may widen the gap; header cells are never blank.
      if (!value && !prevValue && gap > 1 && !rowLabel(prevText)) return false;
      if (prevValue && !value) {
        ends++;
        if (gap > 1) wideEnds++;
      }
      if (gap > 0) {
        gaps++;
        if (gap === 1) ones++;
      }
    }
    gap = 0;
    prevValue = value;
    prevText = t;
  }
  return gaps > 0 && ones >= 0.75 * gaps && (ends === 0 || wideEnds * 2 < ends);
}

/** Whether the next line with text, from `k` to `to`, is a value. */
function nextIsValue(lines: readonly SourceLine[], k: number, to: number): boolean {
  for (; k <= to; k++) {
    const t = lines[k]!.text.trim();
    if (t !== "") return isValue(t);
  }
  return false;
}

/** A blank cell known only from the layout (an extra blank line, a space line), at `at`. */
const blankUnit = (at: number): Unit => ({ text: "", start: at, end: at, value: true, blank: true });

/**
 * The cells of lines `from..to`: a blank-separated paragraph is one cell (a label wrapped
 * over lines joins up), a value is always a cell of its own, and each blank line beyond the
 * separator is a blank cell among values.
 */
function units(lines: readonly SourceLine[], from: number, to: number): Unit[] {
  const out: Unit[] = [];
  let open: Unit | null = null;
  let gap = 0;
  const blankCells = (n: number, at: number) => {
    // One blank line separates two cells; each further one is a blank cell lynx printed as nothing.
    for (let b = 1; b < n; b++) out.push(blankUnit(at));
  };
  // A browser's copy prints a blank cell as a line holding a space between its empty
  // separator lines: where the separators are empty and such lines are few, each is a cell.
  let empty = 0;
  let spaces = 0;
  for (let k = from; k <= to; k++) {
    const raw = lines[k]!.text;
    if (raw === "") empty++;
    else if (raw.trim() === "") spaces++;
  }
  const spaceIsCell = empty > 0 && spaces * 4 < empty;
  for (let k = from; k <= to; k++) {
    const line = lines[k]!;
    const t = line.text.trim();
    if (t === "" && spaceIsCell && line.text !== "" && out.length > 0 && (out[out.length - 1]!.value || nextIsValue(lines, k + 1, to))) {
      blankCells(gap, line.offset);
      out.push(blankUnit(line.offset));
      open = null;
      gap = 0;
      continue;
    }
    if (t === "") {
      open = null;
      gap++;
      continue;
    }
    const start = line.offset + line.text.indexOf(t);
    const u: Unit = { text: t, start, end: start + t.length, value: isValue(t), gap };
    if (open && !open.value && !u.value) {
      open.text += t;
      open.end = u.end;
      gap = 0;
      continue;
    }
    // Blank cells sit among values: before a row's first value, between values, after its last.
    if (out.length > 0 && (u.value || out[out.length - 1]!.value)) blankCells(gap, start);
    gap = 0;
    out.push(u);
    open = u;
  }
  // The blank lines after the stream close its last row (a blank last cell of 四): where a
  // space line is a cell, each such line is one and the empty lines around are separators.
  let trail = 0;
  let trailSpaces = 0;
  for (let k = to + 1; k < lines.length && lines[k]!.text.trim() === ""; k++) {
    trail++;
    if (lines[k]!.text !== "") trailSpaces++;
  }
  const lastUnit = out[out.length - 1];
  if (lastUnit?.value) {
    if (spaceIsCell && trailSpaces > 0) for (let b = 0; b < trailSpaces; b++) out.push(blankUnit(lastUnit.end));
    else blankCells(trail, lastUnit.end);
  }
  return out;
}

function cell(index: LineIndex, u: { start: number; end: number }, value: string): TableCell {
  return { type: "tableCell", value, position: index.position(u.start, u.end) };
}

function row(_index: LineIndex, cells: TableCell[]): TableRow {
  return { type: "tableRow", padding: 0, children: cells, position: { start: cells[0]!.position.start, end: cells[cells.length - 1]!.position.end } };
}

const has = (text: string, phrases: readonly string[]) => hasPhrase(normalizeLabel(text), phrases);

/** A 二 sub-table's header as the stream printed it: 信息内容 and the units after it. */
interface ProactiveHeader {
  first: Unit;
  parts: Unit[];
  emitted: boolean;
}

/**
 * Reads a cell-per-line stream of lines `from..to` under `part` into rows. Diagnostics for
 * rows whose values cannot be placed go into `out`.
 */
export function readStream(lines: readonly SourceLine[], from: number, to: number, part: StreamPart, index: LineIndex, out: Diagnostic[]): TableRow[] {
  const us = units(lines, from, to);
  const rows: TableRow[] = [];
  let header: ProactiveHeader | null = null;
  let requestHeaderDone = false;
  let k = 0;
  while (k < us.length) {
    const pending: Unit[] = [];
    while (k < us.length && !us[k]!.value) pending.push(us[k++]!);
    const vals: Unit[] = [];
    while (k < us.length && us[k]!.value) vals.push(us[k++]!);
    if (part === "proactive") header = proactiveRows(pending, vals, header, index, rows, out);
    else {
      let labels = pending;
      if (part === "requests") {
        const at = pending.findIndex((u) => MARKER.test(u.text) || REQUEST_ROWS.some((d) => !d.exact && has(u.text, d.phrases)));
        const head = at < 0 ? (vals.length > 0 ? [] : pending) : pending.slice(0, at);
        labels = at < 0 ? (vals.length > 0 ? pending : []) : pending.slice(at);
        if (head.length > 0 && !requestHeaderDone) rows.push(row(index, head.map((u) => cell(index, u, u.text))));
        if (vals.length > 0) requestHeaderDone = true;
      } else if (vals.length === 0 || pending.length > 0) {
        if (pending.length > 0) rows.push(row(index, pending.map((u) => cell(index, u, u.text))));
        labels = [];
      }
      if (vals.length === 0) {
        if (labels.length > 0) rows.push(row(index, labels.map((u) => cell(index, u, u.text))));
        continue;
      }
      const want = VALUES[part];
      const label = labels.map((u) => u.text).join("");
      placeValues(index, rows, out, labels, vals, want, part === "requests" ? requestPath(label) : "reviewsAndLawsuits", label);
    }
  }
  return rows;
}

function requestPath(label: string): string {
  const n = normalizeLabel(label.replace(/^.*?(?=(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、])[^（(]*$)/, ""));
  const d = REQUEST_ROWS.find((r) => (r.exact ? n.replace(/^\d+[.．、]?/, "") === normalizeLabel(r.phrases[0]!) : hasPhrase(n, r.phrases)));
  return d ? `requests.${d.path}` : "requests";
}

/** Emits a data row: its values when their count is the row's, else blanks and a warning. */
function placeValues(index: LineIndex, rows: TableRow[], out: Diagnostic[], labels: Unit[], vals: Unit[], want: number | null, path: string, label: string): void {
  const cells = labels.map((u) => cell(index, u, u.text));
  if (want !== null && vals.length === want) {
    for (const v of vals) cells.push(cell(index, v, v.text));
  } else {
    const at = vals.find((v) => !v.blank) ?? vals[0]!;
    out.push(diagnostic(DiagnosticCodes.columnUndecided,
      `row \`${label || "(no label)"}\` has ${vals.length} cells (${vals.map((v) => v.text || "blank").join(", ")}) where its table has ${want ?? "an unknown number of"} columns; the cell-per-line dump lost some cells' places, so which columns the values are in is not decided and they are left blank (列位置无法确定)`,
      index.position(at.start, vals[vals.length - 1]!.end), { path }));
    const n = want ?? vals.length;
    for (let c = 0; c < n; c++) cells.push(cell(index, { start: at.start, end: at.start }, ""));
  }
  if (cells.length > 0) rows.push(row(index, cells));
}

/**
 * 二: a sub-table caption (第二十条第（N）项), its header (信息内容 and the column labels) and
 * the row label precede each row's values. The row's column count comes from the header's
 * template columns, so a header that names no single template leaves the count undecided
 * unless the row has the same count in every template it belongs to.
 */
function proactiveRows(pending: Unit[], vals: Unit[], header: ProactiveHeader | null, index: LineIndex, rows: TableRow[], out: Diagnostic[]): ProactiveHeader | null {
  let rest = pending;
  while (rest.length > 0) {
    const a = rest.findIndex((u) => ANCHOR.test(u.text));
    if (a !== 0) break;
    rows.push(row(index, [cell(index, rest[0]!, rest[0]!.text)]));
    header = null;
    rest = rest.slice(1);
  }
  // The row label: the shortest tail that names a row of 二.
  let def: ProactiveRowSpec | undefined;
  let labelAt = -1;
  for (let s = rest.length - 1; s >= 0 && !def; s--) {
    const text = rest.slice(s).map((u) => u.text).join("");
    def = PROACTIVE_ROWS.find((r) => has(text, r.phrases));
    if (def) labelAt = s;
  }
  const before = def ? rest.slice(0, labelAt) : rest;
  const h = before.findIndex((u) => has(u.text, ["信息内容"]));
  // Row labels between the header and this row are rows whose cells were all blank.
  const emptyAt = before.findIndex((u, n) => n > h && PROACTIVE_ROWS.some((r) => has(u.text, r.phrases)));
  const empties = emptyAt < 0 ? [] : before.slice(emptyAt);
  const head = emptyAt < 0 ? before : before.slice(0, emptyAt);
  if (h >= 0) header = { first: head[h]!, parts: head.slice(h + 1), emitted: false };
  else if (head.length > 0) rows.push(row(index, head.map((u) => cell(index, u, u.text))));
  if (!def) {
    if (vals.length > 0) placeValues(index, rows, out, [], vals, null, "proactive", "");
    return header;
  }
  const labels = rest.slice(labelAt);
  const label: Unit = { text: labels.map((u) => u.text).join(""), start: labels[0]!.start, end: labels[labels.length - 1]!.end, value: false };
  // Which template's columns the header names, and so how many values the row has.
  const families = (Object.keys(def.columns) as Family[]).filter((f) => def.columns[f]);
  let want: number | null = null;
  let headCells: Unit[] | null = null;
  if (header) {
    const fits = families.flatMap((f) => {
      const cols = def.columns[f]!;
      const g = header!.parts.length === cols.length && header!.parts.every((p, i) => has(p.text, cols[i]!.phrases)) ? header!.parts : null;
      return g ? [{ f, g }] : [];
    });
    if (fits.length === 1) {
      want = def.columns[fits[0]!.f]!.length;
      headCells = fits[0]!.g;
    }
    if (!header.emitted) {
      rows.push(row(index, [header.first, ...(headCells ?? header.parts)].map((u) => cell(index, u, u.text))));
      header.emitted = true;
    }
  }
  if (want === null) {
    const counts = new Set(families.map((f) => def.columns[f]!.length));
    if (counts.size === 1) want = [...counts][0]!;
  }
  for (const u of empties) rows.push(row(index, [cell(index, u, u.text)]));
  if (vals.length === 0) {
    rows.push(row(index, [cell(index, label, label.text)]));
    return header;
  }
  placeValues(index, rows, out, [label], vals, want, `proactive.${def.key}`, label.text);
  return header;
}

/** The section heading above a stream, as the line grammar would have read it. */
export function sectionHeading(line: SourceLine, index: LineIndex): Heading {
  const t = line.text.trim();
  const start = line.offset + line.text.indexOf(t);
  const m = readMarker(t) ?? { style: "chinese" as const, ordinal: 0, raw: "" };
  return { type: "heading", depth: 1, marker: m, value: t.slice(t.indexOf(m.raw) + m.raw.length).trim(), position: index.position(start, start + t.length) };
}

/**
 * Whether the lines of a grammar table hold a cell-per-line stream this reader reads better:
 * the pipe-less grammar takes every blank line for a blank cell, where lynx prints one
 * between any two cells. Only a stream with blank lines between its cells is taken.
 */
export function cellStreamLines(lines: readonly SourceLine[]): boolean {
  // The table is the stream (html-to-text: the heading stays a heading), or holds one under a heading (lynx).
  if (streamEnd(lines, 0) >= 0) return true;
  for (let k = 0; k < lines.length; k++) {
    const t = lines[k]!.text.trim();
    if (!REPORT_SECTION.test(t)) continue;
    const end = streamEnd(lines, k + 1);
    if (end > k) return true;
  }
  return false;
}
