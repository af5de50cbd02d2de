/**
 * The text layer of the glued-text reader (glued.ts): the report's text normalised for label
 * matching with a map back to source offsets, the character tests that tell value characters
 * (digits, signs, points, units, printed blanks) from label text, and the value runs and
 * tokens a row's digits are read from. Nothing here knows the template; the row finder
 * (glued-rows.ts), the solver (glued-solve.ts) and the block builder (glued-blocks.ts) share it.
 */
import { isDigitCode, isSpaceAt } from "../text/chars.js";
import { normalizeLabel } from "../text/labels.js";
import { ZERO_WORDS } from "./split.js";
import { placeholderAt } from "./glued-joins.js";

// ---------------------------------------------------------------------------------------
// Normalised text with a map back to the source

/** The text normalised for label matching, with the source offset of every normalised character. */
export interface NormText {
  norm: string;
  /** `src[k]`: source offset of normalised character k; `src[norm.length]` is the end. */
  src: number[];
}

const CHAR_NORM = new Map<string, string>();

function normChar(ch: string): string {
  let n = CHAR_NORM.get(ch);
  if (n === undefined) CHAR_NORM.set(ch, (n = normalizeLabel(ch)));
  return n;
}

/**
 * `text[from, to)` normalised as labels are (normalizeLabel, one character at a time), with the
 * source offset of every normalised character: labels are found in the normalised text, but
 * the cells built from them must point at the source.
 */
export function normalizeWithMap(text: string, from: number, to: number): NormText {
  let norm = "";
  const src: number[] = [];
  for (let i = from; i < to; ) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const n = normChar(text.slice(i, i + w));
    for (let k = 0; k < n.length; k++) src.push(i);
    norm += n;
    i += w;
  }
  src.push(to);
  return { norm, src };
}

/** First normalised index whose source offset is at or after `offset`. */
export function normAt(t: NormText, offset: number): number {
  let lo = 0;
  let hi = t.norm.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.src[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------
// Characters

/**
 * A digit, ASCII or full-width, or a zero word (无 〇 零: a whole zero cell, see ZERO_WORDS).
 * Out of range is no digit (`charAt` gives "", which every string includes).
 */
export const isDigitAt = (s: string, i: number): boolean =>
  isDigitCode(s.charCodeAt(i)) || (i >= 0 && i < s.length && ZERO_WORDS.includes(s.charAt(i)));
const hasDigit = (s: string): boolean => {
  for (let k = 0; k < s.length; k++) if (isDigitAt(s, k)) return true;
  return false;
};
/** A thousands separator: a comma after a digit and before three digits (`1,000`, `１，０００`). */
const isGroupComma = (s: string, i: number): boolean =>
  (s.charAt(i) === "," || s.charAt(i) === "，") && isDigitAt(s, i - 1) && isDigitAt(s, i + 1) && isDigitAt(s, i + 2) && isDigitAt(s, i + 3);
const isPointOrSign = (s: string, i: number): boolean => ".．-－−+＋".includes(s.charAt(i));
const UNITS = ["万元", "元"];

/** A sign, point or dash that starts a value run: before a digit, or a run of dashes before one (`--0`: two blanks, then 0). */
export function isValueSign(s: string, i: number): boolean {
  if (!isPointOrSign(s, i)) return false;
  let k = i + 1;
  while (k < s.length && k - i < 4 && "-－−".includes(s.charAt(k))) k++;
  return isDigitAt(s, k);
}

/** The length of a unit written at `i` (a unit may be the only thing between two cells). */
function unitAt(s: string, i: number): number {
  for (const u of UNITS) if (s.startsWith(u, i)) return u.length;
  return 0;
}

/** Dashes that are never a minus sign, and slashes: a blank cell printed, even glued to digits. */
const isBlankMark = (s: string, i: number): boolean => "—–/／".includes(s.charAt(i));

/**
 * A table rule on a line of its own, pandoc's `-- --- -- ----` (two dash runs or more): it
 * ends a table, and its dashes are no blank cells.
 */
const RULE_LINE = /[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*(?:\r?\n|$)/y;

/** A run of value characters: digits, points, signs, white space, units, blank placeholders; never past a table rule. */
export function valueRunEnd(s: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if ((i === 0 || s.charCodeAt(i - 1) === 0x0a) && s.charCodeAt(i) !== 0x0a) {
      RULE_LINE.lastIndex = i;
      if (RULE_LINE.test(s)) break;
    }
    const dash = placeholderAt(s, i, to);
    if (dash > 0) i += dash;
    else if (isBlankMark(s, i) && (isDigitAt(s, i - 1) || isDigitAt(s, i + 1) || isBlankMark(s, i - 1) || isBlankMark(s, i + 1))) i++;
    else if (isDigitAt(s, i) || isSpaceAt(s, i) || isGroupComma(s, i)) i++;
    else if (isPointOrSign(s, i) && (isDigitAt(s, i + 1) || isDigitAt(s, i - 1))) i++;
    // A run of dashes before a digit (`--无`: two blanks, then 0), as a value run may start.
    else if (isValueSign(s, i)) i++;
    else if (unitAt(s, i) > 0 && i > from) i += unitAt(s, i);
    else break;
  }
  return i;
}

/** A token of a value region: digits (with points and signs) between white space or units. */
export interface Token {
  text: string;
  start: number;
}

/**
 * The tokens of a row's value region `s[from, to)`, in order: what the splitter cuts into
 * cells. Printed blanks (a dash or slash) are tokens of their own, so a blank fills one cell.
 */
export function tokensOf(s: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const dash = placeholderAt(s, i, to);
    if (dash > 0) {
      // A blank cell printed as a dash between separators: a token that fills one cell.
      out.push({ text: s.slice(i, i + dash), start: i });
      i += dash;
    } else if (isBlankMark(s, i) && (isDigitAt(s, i - 1) || isDigitAt(s, i + 1))) {
      // An em dash or slash glued to digits is a printed blank too (`5—17`): never a sign.
      out.push({ text: s.charAt(i), start: i });
      i++;
    } else if (isDigitAt(s, i) || isPointOrSign(s, i)) {
      const start = i;
      while (i < to && (isDigitAt(s, i) || isPointOrSign(s, i) || isGroupComma(s, i))) i++;
      const text = s.slice(start, i);
      if (hasDigit(text)) out.push({ text, start });
    } else i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Spans and quotes

/** The first offset in `[from, to)` that is not white space (or `to`): cells and labels start on their text, not on the separator before it. */
export function skipSpace(text: string, from: number, to: number): number {
  while (from < to && isSpaceAt(text, from)) from++;
  return from;
}

/** `to` moved back over white space, not past `from`: cells and labels end on their text, not on the separator after it. */
export function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpaceAt(text, to - 1)) to--;
  return to;
}

/** Text quoted in a diagnostic, cut to 60 characters: a glued run can be a whole page long. */
export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
