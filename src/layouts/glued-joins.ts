/**
 * Evidence that a separated `get_text(" ")` / `get_text("\n")` text prints some numbers in
 * several tokens. Word-pasted pages cut a cell's text into `<span>` runs, and those tools put a
 * separator at every run boundary, so `598` may print as `5 98`. Joining tokens is allowed only
 * when the text proves such cuts exist; otherwise every token is one cell, as printed, and a
 * reading that joins two of them would be a guess.
 */
import { isSpaceAt } from "../text/chars.js";

/** Whether a token list of a row shows a cut number. */
function rowShowsCuts(tokens: readonly string[], slots: number): boolean {
  // More numbers than the row has cells: some of them are pieces of one cell.
  if (tokens.length > slots) return true;
  // A piece after the cut may start with 0 (`26 050`); no whole number other than 0 does.
  return tokens.some((t) => /^[0０][0-9０-９]/.test(t) || /^[.．]/.test(t));
}

/**
 * Whether any row of a text (its value tokens and its cell count) shows a cut number: then
 * every row of the text may hold joined tokens, since the same page printed them all.
 */
export function textShowsCuts(rows: ReadonlyArray<{ tokens: readonly string[]; slots: number }>): boolean {
  return rows.some((r) => rowShowsCuts(r.tokens, r.slots));
}

/** How many rows of 三 must show one token per cell before 二's tokens are taken as cells. */
const MIN_WHOLE_ROWS = 3;

/**
 * Whether the text proves it prints every cell as one whole token: several rows of 三 read
 * with all seven cells filled, one token each, their row total holding, and some number of
 * two or more digits in the row (a one-digit number cannot be cut, so such rows prove
 * nothing). A page whose tool cut numbers at span boundaries could meet the total in one row
 * by chance (cuts offset by vanished blanks), not in several, so then 二's separated tokens
 * are its cells as printed.
 */
export function wholeCellsProven(rows: ReadonlyArray<{ tokens: readonly string[]; slots: number; filled: boolean }>): boolean {
  if (textShowsCuts(rows)) return false;
  const whole = rows.filter((r) => r.filled && r.tokens.length === r.slots && r.slots > 1 && r.tokens.some((t) => t.length > 1));
  return whole.length >= MIN_WHOLE_ROWS;
}

/** Dashes and slashes that tables print for a blank cell. */
const PLACEHOLDER = /^[-－—–/／]{1,2}$/;

const isSpace = (s: string, i: number): boolean => i < 0 || isSpaceAt(s, i);

/** What a number may end with: a dash after one is no minus sign, but it may be a range's or a blank's after a glued cell. */
const NUMBER_END = /[0-9０-９.．%％]/;

/**
 * The length of a blank-cell placeholder (`-`, `—`, `/`) standing alone at `i` before white
 * space (or the region's end), else 0. Before it stands white space, or a label or unit
 * (`行政强制-&nbsp;-1`: a blank right after its row's label) — never a number's end or
 * another dash, where it may be glued to cells whose split is the splitter's to choose.
 */
export function placeholderAt(s: string, i: number, to: number): number {
  if (!isSpace(s, i - 1) && (NUMBER_END.test(s.charAt(i - 1)) || PLACEHOLDER.test(s.charAt(i - 1)) || s.charAt(i - 1) === "+")) return 0;
  for (const n of [2, 1]) {
    if (i + n <= to && PLACEHOLDER.test(s.slice(i, i + n)) && (i + n === to || isSpace(s, i + n))) return n;
  }
  return 0;
}
