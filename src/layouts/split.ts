/**
 * Splitting digit runs into a row's cells. `get_text("")` glues the cells of a row into one
 * run (`640020470` for 64, 0, 0, 2, 0, 4, 70) and every extraction tool drops blank cells, so
 * the numbers of a row have to be recovered from what the template knows: how many cells
 * the row has, that no number has a leading zero other than `0` itself, which columns may
 * hold a decimal or a minus sign, and the identities inside the row (total = sum of parts).
 * The search is a bounded depth-first walk: identities force a total's digits, a length
 * bound prunes runs that cannot fit, and a step budget caps the work per row so that a
 * pathological run answers "too many readings" quickly instead of hanging.
 */
import type { ColumnIdentity } from "../templates/identities.js";

/** What one cell of a row may hold. */
export interface SlotSpec {
  /** The cell may hold a decimal (`24252.311082`): amounts in 万元. */
  decimal?: boolean;
  /** The cell may be negative (`本年增/减`). */
  negative?: boolean;
}

/**
 * An identity inside a row: the cell at `total` is the sum of the cells at `parts`. The
 * template's own identities (templates/identities.ts) have this shape, so a row's shape is
 * built from them rather than re-spelt here.
 */
export type RowIdentity = ColumnIdentity;

/** The shape of a row: its cells and the identities among them. */
export interface RowShape {
  slots: readonly SlotSpec[];
  identities: readonly RowIdentity[];
}

/** One number as it was cut from a token: its text and where it starts in the token list. */
export interface Piece {
  /** The number's text, exactly as in the source (ASCII or full-width digits). */
  text: string;
  value: number;
  /** Index of the token it was cut from. */
  token: number;
  /** Offset of its first character inside that token. */
  at: number;
  /**
   * Index of the last token it was joined from, when the number was printed in several
   * tokens (Word split it across `<span>`s and the tool put a separator at each split).
   */
  tokenEnd?: number;
}

/** One reading of a row: a piece or null (a blank cell) per slot. */
export type Reading = Array<Piece | null>;

/** Options of {@link splitRow}. */
export interface SplitOptions {
  /** Blank cells may have vanished from the text (every tool drops them). Default true. */
  blanks?: boolean;
  /** Each token is exactly one cell (the text separated cells by white space). Default false. */
  separated?: boolean;
  /** Stop after this many readings (the answer is then "at least this many"). Default 16. */
  maxReadings?: number;
  /** Stop after this many search steps; `exhausted` says so. Default 200 000. */
  maxSteps?: number;
  /** Enforce the row identities when all their operands are present. Default true. */
  identities?: boolean;
  /**
   * With `separated`: a cell may also be several consecutive whole tokens joined (`5 98` for
   * 598), never part of one. Default false: only text that shows span splits asks for it.
   */
  joins?: boolean;
  /**
   * The cells must add up to exactly this (the row's total, already cut off its end): a
   * partial sum above it stops the search, and the last cell is forced.
   */
  partsSum?: number;
}

/** The readings found, and whether the search stopped early (then more may exist). */
export interface SplitResult {
  readings: Reading[];
  exhausted: boolean;
  /** Search steps used. */
  steps?: number;
}

/** A token that is a printed blank cell (a dash or slash between separators). */
const BLANK_TOKEN = /^[-—–/／]{1,2}$/;

/** Longest integer part a cell may have: counts in these tables stay far below 10^10. */
const MAX_INT_DIGITS = 10;
/** Longest fraction a decimal cell may have. */
const MAX_FRACTION_DIGITS = 10;

/**
 * The words a report prints for a zero cell (无 〇 零). Each is exactly one `0`: a zero has no
 * digit after it in the same number, so the no-leading-zero rule makes it a whole cell, as
 * the printed word is.
 */
export const ZERO_WORDS = "〇零无";

/** Full-width digits, signs and zero words read as ASCII, so `１２`, `12` and `〇` split alike (one character each, so offsets hold). */
export function asciiDigits(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (ZERO_WORDS.includes(ch)) out += "0";
    else if (ch === "．") out += ".";
    else if (ch === "，") out += ",";
    else if (ch === "－" || ch === "−") out += "-";
    else if (ch === "＋") out += "+";
    else out += ch;
  }
  return out;
}

/**
 * The prefixes of `s` (ASCII, from `p`) that are a valid number for `slot`: no leading zero
 * other than `0` itself, a decimal point only where the slot allows one, a minus sign only at
 * the start and only where allowed. A number may not end right before a `.` (that `.` would
 * start the next cell, which no number does).
 */
function numberPrefixes(s: string, p: number, slot: SlotSpec, whole: boolean): number[] {
  const out: number[] = [];
  let i = p;
  if (s[i] === "-" || s[i] === "+") {
    if (!slot.negative) return out;
    i++;
  }
  const intStart = i;
  if (i >= s.length || !isDigit(s, i)) return out;
  const lead0 = s[i] === "0";
  const ends: number[] = [];
  let j = i;
  while (j < s.length && isDigit(s, j) && j - intStart < MAX_INT_DIGITS) {
    j++;
    if (lead0 && j - intStart > 1) break;
    ends.push(j);
  }
  // Thousands separators (`1,000`): one to three digits, then groups of a comma and three.
  for (const e of lead0 ? [] : ends.slice(0, 3)) {
    for (let g = e; s[g] === "," && isDigit(s, g + 1) && isDigit(s, g + 2) && isDigit(s, g + 3); g += 4) ends.push(g + 4);
  }
  for (const e of ends) {
    if (s[e] === ",") continue; // a comma never starts the next cell
    if (s[e] === "." && slot.decimal) {
      let f = e + 1;
      while (f < s.length && isDigit(s, f) && f - e - 1 < MAX_FRACTION_DIGITS) {
        f++;
        if (s[f] !== ".") out.push(f);
      }
    }
    if (s[e] !== ".") out.push(e);
  }
  // A zero is never printed with a minus sign: `-0` is a blank `-` before a 0.
  const signedZero = (e: number) => s[p] === "-" && Number(s.slice(p + 1, e).replaceAll(",", "")) === 0;
  return out.filter((e) => (!whole || e === s.length) && !signedZero(e));
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** The identity whose total is the row's last cell and whose parts are all the others, if the row has only that one. */
function totalAtEnd(shape: RowShape): RowIdentity | null {
  const K = shape.slots.length;
  if (shape.identities.length !== 1 || K < 2) return null;
  const id = shape.identities[0]!;
  return id.total === K - 1 && id.parts.length === K - 1 && id.parts.every((q, i) => q === i) && shape.slots.every((x) => !x.negative) ? id : null;
}

/** The value of a cell's ASCII text (thousands separators dropped). */
const numberOf = (text: string): number => Number(text.replaceAll(",", ""));

/** Decimal text of a sum, compared digit for digit with the run (floating sums rounded to the fraction written). */
function sameNumber(text: string, value: number): boolean {
  const v = numberOf(text);
  return Math.abs(v - value) < 1e-9 * Math.max(1, Math.abs(value));
}

/**
 * Every way the tokens of a row (in order; each a run of digits with at most one sign and
 * point per number) split into the row's cells, up to `maxReadings`. Never throws; a run
 * that cannot be read gives no readings.
 */
export function splitRow(tokens: readonly string[], shape: RowShape, options: SplitOptions = {}): SplitResult {
  const blanks = options.blanks ?? true;
  const separated = options.separated ?? false;
  const maxReadings = options.maxReadings ?? 16;
  const maxSteps = options.maxSteps ?? 200_000;
  const useIdentities = options.identities ?? true;
  const joins = (options.joins ?? false) && (options.separated ?? false);
  const partsSum = options.partsSum;
  const K0 = shape.slots.length;
  const lastToken = tokens.length > 0 ? asciiDigits(tokens[tokens.length - 1]!) : "";
  const tail = useIdentities && !blanks && !separated && tokens.length >= 1 && !BLANK_TOKEN.test(lastToken) && partsSum === undefined ? totalAtEnd(shape) : null;
  if (tail) {
    // The total is the last token's last cell: try each length for it, then split the rest
    // into parts that must add up to it, which prunes far more than checking the total at the end.
    const last = tokens.length - 1;
    const run = tokens[last]!;
    const digits = lastToken;
    const out: Reading[] = [];
    let used = 0;
    let stopped = false;
    for (let L = 1; L <= Math.min(MAX_INT_DIGITS, digits.length); L++) {
      const at = digits.length - L;
      const totalText = digits.slice(at);
      if (numberPrefixes(totalText, 0, shape.slots[K0 - 1]!, true).length === 0 || digits[at - 1] === "." || digits[at - 1] === ",") continue;
      const rest = at > 0 ? [...tokens.slice(0, last), run.slice(0, at)] : tokens.slice(0, last);
      if (rest.length === 0) continue;
      const sub = splitRow(rest, { slots: shape.slots.slice(0, K0 - 1), identities: [] }, {
        ...options,
        partsSum: numberOf(totalText),
        maxReadings: maxReadings - out.length,
        maxSteps: maxSteps - used,
      });
      used += sub.steps ?? 0;
      for (const r of sub.readings) out.push([...r, { text: run.slice(at), value: numberOf(totalText), token: last, at }]);
      if (sub.exhausted) stopped = true;
      if (stopped || out.length >= maxReadings) break;
    }
    return { readings: out, exhausted: stopped };
  }
  const K = shape.slots.length;
  const toks = tokens.map(asciiDigits);
  const m = toks.length;
  const readings: Reading[] = [];
  let steps = 0;
  let exhausted = false;
  // Characters left from token j, offset p: for the length bound.
  const suffix: number[] = new Array(m + 1).fill(0);
  for (let j = m - 1; j >= 0; j--) suffix[j] = suffix[j + 1]! + toks[j]!.length;
  if (m > K && !joins) return { readings, exhausted };
  // Which identity a slot closes, if any.
  const closes: Array<RowIdentity | null> = new Array(K).fill(null);
  if (useIdentities) for (const id of shape.identities) closes[id.total] = id;
  const maxLen = MAX_INT_DIGITS + MAX_FRACTION_DIGITS + 2;
  const cur: Reading = new Array(K).fill(null);

  const walk = (i: number, j: number, p: number, running: number): void => {
    if (exhausted || readings.length >= maxReadings) return;
    if (++steps > maxSteps) {
      exhausted = true;
      return;
    }
    if (i === K) {
      if (j === m && (partsSum === undefined || Math.abs(running - partsSum) < 1e-6)) readings.push(cur.slice());
      return;
    }
    const slotsLeft = K - i;
    const charsLeft = suffix[j]! - p;
    const tokensLeft = m - j;
    if (tokensLeft > slotsLeft && !joins) return;
    if (charsLeft > slotsLeft * maxLen) return;
    if (!blanks && charsLeft < slotsLeft && !separated) return;
    if (!blanks && separated && tokensLeft < slotsLeft && p === 0) return;
    if (j < m && p === 0 && BLANK_TOKEN.test(toks[j]!)) {
      // A printed blank (`-`, `—`) fills this cell and nothing else: never a vanished blank.
      cur[i] = null;
      walk(i + 1, j + 1, 0, running);
      return;
    }
    if (j < m) {
      const s = toks[j]!;
      const id = closes[i];
      let forced: number | null = null;
      if (id) {
        let sum = 0;
        let complete = true;
        for (const k of id.parts) {
          const piece = cur[k];
          if (piece === null || piece === undefined) complete = false;
          else sum += piece.value;
        }
        if (complete) forced = sum;
      }
      if (partsSum !== undefined && i === K - 1) forced = partsSum - running;
      const whole = separated;
      if (joins && p === 0) {
        // A cell of one or more whole tokens: the joined text must be one valid number.
        let joined = "";
        let raw = "";
        for (let j2 = j; j2 < m && joined.length <= maxLen && !BLANK_TOKEN.test(toks[j2]!); j2++) {
          joined += toks[j2]!;
          raw += tokens[j2]!;
          if (numberPrefixes(joined, 0, shape.slots[i]!, true).length === 0) continue;
          const value = numberOf(joined);
          if (forced !== null && !sameNumber(joined, forced)) continue;
          cur[i] = j2 > j ? { text: raw, value, token: j, at: 0, tokenEnd: j2 } : { text: raw, value, token: j, at: 0 };
          walk(i + 1, j2 + 1, 0, running + value);
          cur[i] = null;
        }
      } else if (!(separated && p > 0)) {
        for (const e of numberPrefixes(s, p, shape.slots[i]!, whole)) {
          const text = s.slice(p, e);
          const value = numberOf(text);
          if (forced !== null && !sameNumber(text, forced)) continue;
          // Counts are never negative here: a partial sum past the total only grows.
          if (partsSum !== undefined && running + value > partsSum + 1e-6) continue;
          cur[i] = { text: tokens[j]!.slice(p, e), value, token: j, at: p };
          if (e === s.length) walk(i + 1, j + 1, 0, running + value);
          else walk(i + 1, j, e, running + value);
          cur[i] = null;
        }
      }
    }
    if (blanks && (p === 0 || !separated)) {
      cur[i] = null;
      walk(i + 1, j, p, running);
    }
  };
  walk(0, 0, 0, 0);
  return { readings, exhausted, steps };
}

/** A reading as text for a diagnostic: `64 / 0 / — / 2`. */
export function showReading(r: Reading): string {
  return r.map((p) => (p ? p.text : "—")).join(" / ");
}
