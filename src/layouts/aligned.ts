/**
 * Space-aligned column dumps (lynx -dump, pandoc -t plain, html-to-text dataTable): no
 * separators, a value's column is its position. Claims runs of lines holding template row
 * labels followed by numbers; a row whose number count equals its table's column count is
 * placed directly, a short row by where its values stand (aligned-columns.ts), and a row its
 * positions do not decide keeps its label and gets blank values plus a `column-undecided`
 * warning on the row's path — never a guessed column. A table printed one cell per line
 * under its section heading is read by aligned-stream.ts.
 */
import { hasPhrase } from "../text/phrases.js";
import type { Block, Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import { normalizeLabel } from "../text/labels.js";
import { isWrittenValueKind, parseCellValue } from "../text/value.js";
import { PROACTIVE_ROWS, REQUEST_ROWS } from "../templates/grid.js";
import { tableOfTitle } from "../templates/titles.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";
import { readStream, sectionHeading, streamEnd } from "./aligned-stream.js";
import { documentMeasure, placeByAlignment, placeByRule, ruleRuns, type Measure } from "./aligned-columns.js";

interface Token { text: string; start: number; end: number; value: boolean }

function tokens(line: SourceLine): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.text))) {
    const value = isWrittenValueKind(parseCellValue(m[0]).kind);
    out.push({ text: m[0], start: line.offset + m.index, end: line.offset + m.index + m[0].length, value });
  }
  return out;
}

const ROW_PHRASES = [...REQUEST_ROWS.filter((d) => !d.exact).flatMap((d) => d.phrases), ...PROACTIVE_ROWS.flatMap((d) => d.phrases)].map(normalizeLabel);
const ANCHOR = /第二十条|信息内容|申请人情况|勾稽|行政复议|行政诉讼|结果维持/;
const SECTION = /^\s*[一二三四五六七八九十]+、/;
/**
 * Two cells apart: padding (two spaces or more) between words, which may run into a cell's
 * own no-break space (`&nbsp;0`). One space and a no-break space is a `get_text(" ")` gap.
 */
const PADDED = /\S[ \u00a0\u3000]*  [ \u00a0\u3000]*\S/;

type Part = "proactive" | "requests" | "reviews" | null;

/** Reads aligned column tables; see the module comment. */
export const readAligned: LayoutReader = (lines, index, out) => {
  const claims: LayoutClaim[] = [];
  let part: Part = null;
  // The wide tables' rows tell how this tool counts columns, for the narrow tables' short rows.
  const measure = documentMeasure(lines.filter((l) => PADDED.test(l.text)).map((l) => {
    const tk = tokens(l);
    return { text: l.text, offset: l.offset, values: tk.slice(tk.length - trailingValues(tk)) };
  }));
  const joins = wrappedLabels(lines);
  let i = 0;
  while (i < lines.length) {
    const t = lines[i]!.text;
    const toks = tokens(lines[i]!);
    const vals = trailingValues(toks);
    if (vals === 0 && SECTION.test(t)) {
      // A heading naming a table sets the part for the rows below it until the next one; a
      // heading naming none leaves the part as it was. (Which table: templates/titles.ts — the
      // later table wins. This reader used to try 主动公开 first and know 四 by 行政复议 alone;
      // on every input the tests give it, both read the same.)
      const named = tableOfTitle(t);
      if (named !== null) part = named === "reviewsAndLawsuits" ? "reviews" : named;
      const end = named === null ? -1 : streamEnd(lines, i + 1);
      if (part !== null && end > i) {
        const rows = readStream(lines, i + 1, end, part, index, out);
        if (rows.length > 0) {
          const first = lines.findIndex((l, k) => k > i && l.text.trim() !== "");
          const table: Table = { type: "table", form: "aligned", columns: null, children: rows, position: index.position(lines[first]!.offset, lines[end]!.offset + lines[end]!.text.length) };
          // The heading is claimed too: a grammar table that swallowed it (pipe-less cells) starts there.
          claims.push({ first: i, last: end, blocks: [sectionHeading(lines[i]!, index), table as Block] });
          i = end + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (!(isRow(toks, vals) || joins.has(i) || ANCHOR.test(t))) { i++; continue; }
    // A row whose label was printed on the line above starts there.
    const above = joins.get(i)?.before;
    if (above !== undefined && above === i - 1) i = above;
    // A run: consecutive non-blank lines, no section heading without values, no prose.
    // Under a dash rule, a table is pandoc's multiline table (a Word table through -t plain):
    // a blank line between its rows, and its closing rule ends it.
    const ruled = ruleLine(lines, i, i) !== null;
    let j = i;
    while (j + 1 < lines.length) {
      const n = lines[j + 1]!;
      const p = lines[j]!;
      if (n.offset > p.offset + p.text.length + 2) break;
      if (n.text.trim() === "") {
        const after = lines[j + 2];
        if (!ruled || !after || after.text.trim() === "" || ruleRuns(after.text) > 0 || after.offset > n.offset + n.text.length + 2) break;
        j++;
        continue;
      }
      const nt = tokens(n);
      const nv = trailingValues(nt);
      if (nv === 0 && (SECTION.test(n.text) || n.text.includes("。"))) break;
      j++;
    }
    let last = j;
    // A row of 二 whose cells are all blank is its label alone: it ends the run as a row does.
    while (last >= i && !isRow(tokens(lines[last]!), trailingValues(tokens(lines[last]!))) && !joins.has(last) && !blankRow(lines[last]!.text) && !splitTail(lines, last, i)) last--;
    // …and ends on the line below when the label went on there.
    const below = joins.get(last)?.after;
    if (below !== undefined && below === last + 1) last = below;
    if (last > j) j = last;
    if (last < i) { i = j + 1; continue; }
    // Aligned means padded: a run whose row lines are all single-spaced is prose or PDF text
    // (read by the grammar as before), not a column dump.
    let padded = false;
    for (let k = i; k <= last && !padded; k++) padded = PADDED.test(lines[k]!.text);
    if (!padded) { i = j + 1; continue; }
    // First the lines with the column count each must have, grouped by sub-table (a header
    // or a part starts a group), so that a short row can be placed by the rows around it.
    const entries: Entry[] = [];
    let expected = 0;
    let group = 0;
    const consumed = new Set<number>();
    for (let k = i; k <= last; k++) {
      const join = joins.get(k);
      if (join) for (const x of [join.before, join.after]) if (x !== undefined && x >= i && x <= last) consumed.add(x);
    }
    for (let k = i; k <= last; k++) {
      if (consumed.has(k)) continue;
      const line = lines[k]!;
      const tk = tokens(line);
      if (tk.length === 0 || /^[\s-]+$/.test(line.text)) continue;
      const nv = trailingValues(tk);
      const join = joins.get(k);
      const labels = join ? [join.label] : tk.slice(0, tk.length - nv);
      const values = tk.slice(tk.length - nv);
      let header: Token[] | undefined;
      if (/第二十条|信息内容|申请人情况|行政复议/.test(line.text)) {
        const before = part;
        if (line.text.includes("信息内容")) {
          expected = labels.length - 1;
          header = labels.slice(1);
          group++;
        }
        if (line.text.includes("申请人情况")) part = "requests";
        if (line.text.includes("行政复议") && line.text.includes("行政诉讼")) part = "reviews";
        if (part !== before) group++;
      }
      const want = part === "requests" ? 7 : part === "reviews" ? 15 : expected;
      entries.push({ line, tk, labels, values, want, group, part, header });
    }
    mergeSplitValues(entries);
    flagValuesBesideNext(entries, index, out);
    const rule = ruleLine(lines, i, last);
    const maxWant = Math.max(0, ...entries.map((e) => e.want));
    const rows: TableRow[] = [];
    for (const e of entries) {
      const { line, tk, labels, values, want } = e;
      const nv = values.length;
      const cells: TableCell[] = labels.map((x) => cell(index, x.start, x.end, x.text));
      if (nv > 0 && want > 0 && nv !== want) {
        const at = line.offset + line.text.length;
        const cols = nv < want ? place(e, entries, rule, maxWant, measure) : null;
        if (cols) {
          const slots: Array<Token | null> = Array.from({ length: want }, () => null);
          cols.forEach((c, n) => (slots[c] = values[n]!));
          for (const v of slots) cells.push(v ? cell(index, v.start, v.end, v.text) : cell(index, at, at, ""));
        } else {
          out.push(diagnostic(DiagnosticCodes.columnUndecided,
            `row \`${labels.map((x) => x.text).join(" ")}\` has ${nv} values (${values.map((v) => v.text).join(", ")}) where its table has ${want} columns, and their positions do not say which columns they are in, so they are left blank (列位置无法确定)`,
            index.position(line.offset, at), { path: rowPath(e.part, labels.map((x) => x.text).join("")) }));
          for (let c = 0; c < want; c++) cells.push(cell(index, at, at, ""));
        }
      } else for (const v of values) cells.push(cell(index, v.start, v.end, v.text));
      const first = tk[0]!;
      const lastTok = tk[tk.length - 1]!;
      rows.push({ type: "tableRow", padding: 0, children: cells, position: index.position(first.start, lastTok.end) });
    }
    if (rows.length > 0) {
      const table: Table = { type: "table", form: "aligned", columns: null, children: rows, position: index.position(lines[i]!.offset, lines[last]!.offset + lines[last]!.text.length) };
      claims.push({ first: i, last, blocks: [table as Block] });
    }
    i = j + 1;
  }
  return claims;
};

/** A row whose label is wrapped onto the lines next to its values: the lines and the whole label. */
interface WrappedLabel {
  before?: number;
  after?: number;
  label: Token;
}

/** An ordinal alone (`1.`, `（二）`): its words were printed on another line. */
const ORDINAL_ONLY = /^(?:[（(][一二三四五六七八九十]+[)）]|[0-9０-９]+[.．、])$/;

/**
 * Rows whose label wraps around their values: pdftotext -layout centres a cell's numbers on
 * a tall label cell, so the label's first words stand on the line above and the rest (or the
 * ordinal alone, `1.`) on the values' line — `属于国家秘密` / `1.   0  3  0 …`. A values line
 * whose own label names no template row is joined with the label-only line above or below it
 * when, and only when, the joined words name one; a values line with no label at all is never
 * given one. Keyed by the values line.
 */
function wrappedLabels(lines: readonly SourceLine[]): Map<number, WrappedLabel> {
  const out = new Map<number, WrappedLabel>();
  // Each line is cut into tokens once: a line is looked at as a values line and as a neighbour.
  const toks = lines.map(tokens);
  const labelOnly = (k: number): Token[] | null => {
    const l = lines[k];
    if (!l || l.text.trim() === "" || l.text.trim().length > 40 || l.text.includes("。") || SECTION.test(l.text)) return null;
    const tk = toks[k]!;
    return tk.length > 0 && trailingValues(tk) === 0 && !tk.some((x) => x.value) ? tk : null;
  };
  // Only the lines next to each other in the text (a claim between them makes them no neighbours).
  const touches = (a: number, b: number) => lines[a]!.offset + lines[a]!.text.length + 2 >= lines[b]!.offset;
  for (let k = 0; k < lines.length; k++) {
    const tk = toks[k]!;
    const nv = trailingValues(tk);
    if (nv === 0) continue;
    // A values line with no label of its own is left alone: where rows are scrambled
    // (pdftotext on a broken table) the label above may be another row's.
    const own = tk.slice(0, tk.length - nv);
    if (own.length === 0 || namesRow(own)) continue;
    const prev = k > 0 && !out.has(k - 1) && touches(k - 1, k) ? labelOnly(k - 1) : null;
    const next = k + 1 < lines.length && touches(k, k + 1) ? labelOnly(k + 1) : null;
    const ordinal = own.length === 1 && ORDINAL_ONLY.test(own[0]!.text);
    const tries: Array<[Token[], number | undefined, number | undefined]> = [];
    if (prev) tries.push([ordinal ? [...own, ...prev] : [...prev, ...own], k - 1, undefined]);
    if (next) tries.push([[...own, ...next], undefined, k + 1]);
    if (prev && next) tries.push([ordinal ? [...own, ...prev, ...next] : [...prev, ...own, ...next], k - 1, k + 1]);
    const hit = tries.find(([label]) => namesRow(label));
    if (!hit) continue;
    const [label, before, after] = hit;
    out.set(k, { before, after, label: joinTokens(label) });
  }
  return out;
}

/** Where a token starts and ends on its line, in code points (pdftotext pads by characters). */
function charSpan(line: SourceLine, t: Token): [number, number] {
  const from = [...line.text.slice(0, t.start - line.offset)].length;
  return [from, from + [...t.text].length];
}

/**
 * A row whose values pdftotext -layout split over its two label lines: the numbers are
 * centred on a two-line label, so some fall on its first line and the rest on the second
 * (`（二）部分公开（…不计其 2 0 0 0` / `他情形）  0 0 2`). Two adjacent lines are one row when
 * the second continues the label (it has words, none naming a row), their values together
 * fill the row exactly, and side by side they stand in distinct columns; the values are then
 * taken in column order. Anything else stays two short rows for the placing and flagging.
 */
function mergeSplitValues(entries: Entry[]): void {
  for (let k = 0; k + 1 < entries.length; k++) {
    const e = entries[k]!;
    const f = entries[k + 1]!;
    const n = e.values.length;
    const m = f.values.length;
    if (e.want === 0 || f.want !== e.want || n === 0 || m === 0 || n + m !== e.want || e.header || f.header) continue;
    const gap = f.line.offset - (e.line.offset + e.line.text.length);
    if (gap < 1 || gap > 2 || f.labels.length === 0 || namesRow(f.labels) || !namesRow(e.labels)) continue;
    const placed = [...e.values.map((t) => ({ t, at: charSpan(e.line, t) })), ...f.values.map((t) => ({ t, at: charSpan(f.line, t) }))].sort((a, b) => a.at[0] - b.at[0]);
    if (placed.some((x, i) => i > 0 && placed[i - 1]!.at[1] >= x.at[0])) continue;
    // The label's two parts are one cell, as wrapped cells are read elsewhere.
    const label = joinTokens([...e.labels.slice(-1), ...f.labels]);
    entries[k] = { ...e, labels: [...e.labels.slice(0, -1), label], values: placed.map((x) => x.t), tk: [...e.tk, ...f.tk] };
    entries.splice(k + 1, 1);
  }
}

/**
 * A row label alone on its line, right above another row's label with values: in a PDF's
 * text a row's numbers can stand beside the next row's label (pdftotext -layout centres them
 * on a tall cell spanning several rows), and both readings add up, since the values are one
 * row's either way. The values are kept where they stand, and both rows get a warning.
 */
function flagValuesBesideNext(entries: readonly Entry[], index: LineIndex, out: Diagnostic[]): void {
  for (let k = 1; k < entries.length; k++) {
    const p = entries[k - 1]!;
    const e = entries[k]!;
    if (p.values.length > 0 || e.values.length === 0 || p.part !== e.part || p.header || e.header) continue;
    if (e.line.offset > p.line.offset + p.line.text.length + 2) continue;
    const above = p.labels.map((x) => x.text).join("");
    const here = e.labels.map((x) => x.text).join("");
    const abovePath = rowPath(p.part, above);
    const herePath = rowPath(e.part, here);
    if (!namesRow(p.labels) || !namesRow(e.labels) || abovePath === herePath) continue;
    const at = index.position(e.line.offset, e.line.offset + e.line.text.length);
    const text = `row \`${here}\` has values on its line but the row above, \`${above}\`, has none: a row's numbers can stand beside the next row's label, so they may be \`${above}\`'s (数值可能属于上一行)`;
    out.push(diagnostic(DiagnosticCodes.rowMisaligned, text, at, { path: herePath }));
    out.push(diagnostic(DiagnosticCodes.rowMisaligned, text, at, { path: abovePath }));
  }
}

/** A label line with values right after a row: maybe the rest of that row's values ({@link mergeSplitValues}). */
function splitTail(lines: readonly SourceLine[], k: number, first: number): boolean {
  if (k <= first) return false;
  const tk = tokens(lines[k]!);
  const nv = trailingValues(tk);
  if (nv === 0 || nv === tk.length) return false;
  const prev = tokens(lines[k - 1]!);
  return isRow(prev, trailingValues(prev));
}

/** Label tokens as one label cell: their words in order, spanning all of them in the source. */
function joinTokens(toks: readonly Token[]): Token {
  return { text: toks.map((x) => x.text).join(""), start: Math.min(...toks.map((x) => x.start)), end: Math.max(...toks.map((x) => x.end)), value: false };
}

/** Whether label tokens name a template row. */
function namesRow(labels: readonly Token[]): boolean {
  const label = normalizeLabel(labels.map((x) => x.text).join(""));
  return ROW_PHRASES.some((p) => label.includes(p));
}

/** A line of an aligned run, with the column count its sub-table has. */
interface Entry {
  line: SourceLine;
  tk: Token[];
  labels: Token[];
  values: Token[];
  want: number;
  group: number;
  part: Part;
  header: Token[] | undefined;
}

/** A pandoc dash rule over the run: just above its first line, or inside it. */
function ruleLine(lines: readonly SourceLine[], first: number, last: number): SourceLine | null {
  for (let k = first - 1; k >= Math.max(0, first - 2); k--) if (ruleRuns(lines[k]!.text) > 1) return lines[k]!;
  for (let k = first; k <= last; k++) if (ruleRuns(lines[k]!.text) > 1) return lines[k]!;
  return null;
}

/** The columns of a short row's values, from the dash rule or the sub-table's full rows; null when undecided. */
function place(e: Entry, entries: readonly Entry[], rule: SourceLine | null, maxWant: number, measure: Measure | null): number[] | null {
  const row = { text: e.line.text, offset: e.line.offset, values: e.values };
  const group = entries.filter((x) => x.group === e.group && x.want === e.want)
    .map((x) => (x === e ? row : { text: x.line.text, offset: x.line.offset, values: x.values, header: x.header }));
  if (rule) {
    const runs = ruleRuns(rule.text);
    // The label columns come first: the runs beyond the widest row's values.
    if (runs > maxWant) return placeByRule(row, rule, runs - maxWant, e.want, measure, group.filter((x) => x !== row));
  }
  return placeByAlignment(row, group, e.want, measure);
}

function blankRow(text: string): boolean {
  const t = text.trim();
  return t.length <= 12 && !/\s/.test(t) && PROACTIVE_ROWS.some((d) => hasPhrase(normalizeLabel(t), d.phrases));
}

function trailingValues(t: Token[]): number {
  let n = 0;
  while (n < t.length && t[t.length - 1 - n]!.value) n++;
  return n;
}

function isRow(t: Token[], vals: number): boolean {
  if (vals === 0) return false;
  if (vals === t.length) return vals >= 5;
  return namesRow(t.slice(0, t.length - vals));
}

function cell(index: LineIndex, s: number, e: number, value: string): TableCell {
  return { type: "tableCell", value, position: index.position(s, e) };
}

function rowPath(part: Part, label: string): string {
  const n = normalizeLabel(label);
  if (part === "proactive") {
    const d = PROACTIVE_ROWS.find((r) => hasPhrase(n, r.phrases));
    return d ? `proactive.${d.key}` : "proactive";
  }
  if (part === "reviews") return "reviewsAndLawsuits";
  const d = REQUEST_ROWS.find((r) => !r.exact && hasPhrase(n, r.phrases));
  return d ? `requests.${d.path}` : "requests";
}
