/**
 * Cell-per-line dumps that indent each cell to its column (a text dump of a wide table: every
 * cell on a line of its own at its column's position, blank cells left out). The glued reader
 * reads such a table as text nodes, and a row that lost a blank has several readings the sums
 * cannot tell apart; the indentation can. A reading is kept only when each of its values
 * stands at its column's indentation, and the row is decided when exactly one is kept.
 *
 * The column positions are taken from the table's own lines and used only when something in
 * the table confirms them: a row whose every value is printed, standing exactly there, or a
 * header whose cells stand there. Text without indentation (`get_text("\n")`) has none, and
 * nothing changes.
 */
import { MAX_READINGS } from "./glued-solve.js";
import type { RowHit } from "./glued-rows.js";
import type { Token } from "./glued-text.js";

/** The indentation of the line `at` stands on, when the token is alone on it; else -1. */
function indentOf(text: string, t: Token): number {
  const from = text.lastIndexOf("\n", t.start - 1) + 1;
  const to = text.indexOf("\n", t.start);
  const line = text.slice(from, to < 0 ? text.length : to);
  return line.trim() === t.text ? t.start - from : -1;
}

/** The distinct indentations of the one-word lines of `text[from, to)`, ascending. */
function stopsIn(text: string, from: number, to: number): number[] {
  const out = new Set<number>();
  for (let p = text.lastIndexOf("\n", from - 1) + 1; p < to; ) {
    const e = text.indexOf("\n", p);
    const end = e < 0 || e > to ? to : e;
    const line = text.slice(p, end);
    const word = line.trim();
    if (word !== "" && !/\s/.test(word)) out.add(line.length - line.trimStart().length);
    p = end + 1;
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Decides rows of one table by indentation. `from`..`to` is the table's text (its header
 * included); `header` ends the header (the first value), for the header witness.
 */
export function placeByIndent(text: string, rows: readonly RowHit[], from: number, to: number, header: number): void {
  const open = rows.filter((h) => !h.reading && h.shape && h.candidates.length > 0 && h.candidates.length < MAX_READINGS && h.tokens);
  if (open.length === 0) return;
  const width = open[0]!.shape!.slots.length;
  const stops = stopsIn(text, from, to);
  if (stops.length < width) return;
  const columns = stops.slice(stops.length - width);
  const same = (xs: readonly number[]) => xs.length === width && xs.every((x, k) => x === columns[k]);
  // Confirmed by a row that printed all its values, each alone on its line, or by the header.
  const full = rows.some((h) => h.shape?.slots.length === width && h.tokens?.length === width && same(h.tokens.map((t) => indentOf(text, t))));
  if (!full && !same(stopsIn(text, from, header).slice(-width))) return;
  for (const h of open) {
    if (h.shape!.slots.length !== width) continue;
    const tokens = h.tokens!;
    const at = tokens.map((t) => indentOf(text, t));
    if (at.some((x) => x < 0)) continue;
    const kept = h.candidates.filter((r) => r.every((p, k) => p === null || (p.at === 0 && (p.tokenEnd ?? p.token) === p.token && p.text === tokens[p.token]!.text && at[p.token] === columns[k])));
    if (kept.length !== 1) continue;
    h.reading = kept[0]!;
    h.candidates = kept;
    h.full = kept;
    // Its blanks are where the indentation leaves a column empty, not where sums allowed one.
    h.fromBlanks = false;
  }
}
