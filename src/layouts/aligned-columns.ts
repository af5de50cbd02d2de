/**
 * Placing a short row's values in an aligned dump by where they stand. A row that prints
 * fewer values than its table has columns lost its blank cells to spaces, and only the
 * values' positions say which columns are left. Two sources of columns are trusted:
 * pandoc's dash rules (`------ ----`), whose runs are the columns' extents, and rows of the
 * same sub-table that fill every column (with the header's cells), when they all put each
 * column's values at one position. Positions are measured both in display columns (CJK two
 * wide: pandoc) and in code points (lynx counts characters): a measure is used only where it
 * makes the full rows agree, and a value is placed only when it stands exactly at a column's
 * position under every measure that agrees — otherwise the caller flags the row.
 */
import { eastAsianWidth } from "get-east-asian-width";

/** A token of a dump line: its text and where it starts and ends, as offsets in the text. */
export interface PlacedToken {
  text: string;
  start: number;
  end: number;
}

/** One line of a sub-table, as the caller split it. */
export interface ColumnLine {
  /** The line's text and its offset in the decoded text. */
  text: string;
  offset: number;
  /** The value tokens, in order. */
  values: readonly PlacedToken[];
  /** The header's column labels (the cells after 信息内容), when this line is the header. */
  header?: readonly PlacedToken[];
}

/** How a tool counts columns: display width (CJK two wide) or code points. */
export type Measure = "display" | "chars";
type Edge = "start" | "end";
const COMBOS: ReadonlyArray<readonly [Measure, Edge]> = [["display", "start"], ["chars", "start"], ["display", "end"], ["chars", "end"]];

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += eastAsianWidth(ch.codePointAt(0)!);
  return w;
}

function position(line: ColumnLine, t: PlacedToken, m: Measure, e: Edge): number {
  const at = (e === "start" ? t.start : t.end) - line.offset;
  return m === "chars" ? [...line.text.slice(0, at)].length : width(line.text.slice(0, at));
}

/**
 * The columns (0-based, among `want`) of `row`'s values, from the sub-table's full rows and
 * header in `lines`, or null when no measure decides every value.
 */
export function placeByAlignment(row: ColumnLine, lines: readonly ColumnLine[], want: number, measure: Measure | null = null): number[] | null {
  const witnesses: Array<{ line: ColumnLine; cells: readonly PlacedToken[]; header: boolean }> = [];
  for (const l of lines) {
    if (l === row) continue;
    if (l.values.length === want) witnesses.push({ line: l, cells: l.values, header: false });
    else if (l.header && l.header.length === want) witnesses.push({ line: l, cells: l.header, header: true });
  }
  // One witness agrees with itself under any measure: two are needed to choose one, unless
  // the document's wide tables already chose it.
  if (measure === null && witnesses.filter((w) => !w.header).length === 0) return null;
  let placed: number[] | null = null;
  for (const [m, e] of COMBOS) {
    if (measure !== null && m !== measure) continue;
    // Header labels are centred by some tools: they witness left edges only.
    const ws = e === "start" ? witnesses : witnesses.filter((w) => !w.header);
    if (ws.length < (measure !== null && e === "start" ? 1 : 2)) continue;
    const anchors: number[] = [];
    let agree = true;
    for (let c = 0; c < want && agree; c++) {
      const ps = new Set(ws.map((w) => position(w.line, w.cells[c]!, m, e)));
      if (ps.size !== 1) agree = false;
      else anchors.push([...ps][0]!);
    }
    if (!agree) continue;
    const cols = row.values.map((v) => anchors.indexOf(position(row, v, m, e)));
    if (cols.some((c, i) => c < 0 || (i > 0 && c <= cols[i - 1]!))) return null;
    if (placed && placed.some((c, i) => c !== cols[i])) return null;
    placed = cols;
  }
  return placed;
}

/**
 * The columns of `row`'s values from a pandoc dash rule over the table: each value's start
 * lies in one run, the runs after the table's `labelRuns` label columns being the value
 * columns. The rule and the row are measured alike: pandoc counts display columns, lynx code
 * points, and a CJK label puts the same value in different runs under each. A measure is
 * tried only where the document's wide rows did not rule it out (`measure`) and where the
 * sub-table's full rows (`full`: every value in its own run) fit the rule under it; the row
 * is placed when every measure tried places it alike. Null when a value starts outside every
 * run, two values share one, or the measures disagree.
 */
export function placeByRule(row: ColumnLine, rule: { text: string }, labelRuns: number, want: number, measure: Measure | null = null, full: readonly ColumnLine[] = []): number[] | null {
  const fits = (l: ColumnLine, m: Measure) => placeByRuleIn(l, rule, labelRuns, want, m)?.every((c, i) => c === i) === true;
  const measures = (measure === null ? (["display", "chars"] as const) : [measure]).filter((m) => full.every((l) => l.values.length !== want || fits(l, m)));
  let placed: number[] | null = null;
  for (const m of measures) {
    const cols = placeByRuleIn(row, rule, labelRuns, want, m);
    if (cols === null) continue;
    if (placed !== null && cols.some((c, i) => c !== placed![i])) return null;
    placed = cols;
  }
  return placed;
}

function placeByRuleIn(row: ColumnLine, rule: { text: string }, labelRuns: number, want: number, m: Measure): number[] | null {
  const runs: Array<[number, number]> = [];
  const re = /-+/g;
  let r: RegExpExecArray | null;
  while ((r = re.exec(rule.text))) {
    const s = m === "chars" ? [...rule.text.slice(0, r.index)].length : width(rule.text.slice(0, r.index));
    runs.push([s, s + r[0].length]);
  }
  const cols = row.values.map((v) => {
    const s = position(row, v, m, "start");
    const k = runs.findIndex(([a, b]) => s >= a && s < b);
    return k < 0 ? -1 : k - labelRuns;
  });
  if (cols.some((c, i) => c < 0 || c >= want || (i > 0 && c <= cols[i - 1]!))) return null;
  return cols;
}

/** The number of dash runs of a rule line (`  ------ ---- --`), or 0 when it is not one. */
export function ruleRuns(text: string): number {
  return /^\s*-{2,}(?: +-{2,})*\s*$/.test(text) ? text.trim().split(/\s+/).length : 0;
}

/**
 * The measure a dump's columns are laid out in, from its wide rows (five values or more, 三
 * and 四): the one under which rows with labels of different widths put each value at one
 * position. A label too long for its column pushes its row's values right under either
 * measure, so a few rows off their columns' common positions do not rule a measure out: the
 * measure is the one with fewer such rows, when they are at most a third of the rows (under
 * the wrong measure, every label of another width puts its row off). Null when the rows do
 * not tell.
 */
export function documentMeasure(rows: readonly ColumnLine[]): Measure | null {
  const byCount = new Map<number, ColumnLine[]>();
  for (const r of rows) if (r.values.length >= 5) byCount.set(r.values.length, [...(byCount.get(r.values.length) ?? []), r]);
  const off = { display: 0, chars: 0 };
  let seen = 0;
  for (const [n, rs] of byCount) {
    if (rs.length < 3) continue;
    // Rows whose first value stands at one display column and one code point prove nothing.
    const shift = (r: ColumnLine) => position(r, r.values[0]!, "display", "start") - position(r, r.values[0]!, "chars", "start");
    if (new Set(rs.map(shift)).size <= 1) continue;
    seen += rs.length;
    for (const m of ["display", "chars"] as const) {
      const at = rs.map((r) => r.values.map((v) => position(r, v, m, "start")));
      const modes = Array.from({ length: n }, (_, c) => mode(at.map((p) => p[c]!)));
      off[m] += at.filter((p) => p.some((x, c) => x !== modes[c])).length;
    }
  }
  for (const [m, other] of [["display", "chars"], ["chars", "display"]] as const) {
    if (seen > 0 && off[m] < off[other] && off[m] * 3 <= seen) return m;
  }
  return null;
}

/** The most frequent number (the first seen of equally frequent ones). */
function mode(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = xs[0]!;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > counts.get(best)!) best = x;
  }
  return best;
}
