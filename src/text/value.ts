/**
 * Reading a table cell's text as a number (model.md § Values).
 *
 * Written as a single hand-rolled scan rather than a regular expression: every cell of
 * every report goes through here, cells can be arbitrarily long garbage (a flattened
 * metadata box, a run of hundreds of pipes), and a scan is linear by construction. The
 * function never throws; what it cannot read it reports as `unparseable` so that the
 * caller can attach the raw text to a diagnostic.
 */
import { isCellSpace } from "./chars.js";

/**
 * What a table cell's text says as a number.
 *
 * The kinds are kept apart because they lead to different diagnostics: a blank cell is
 * "not reported" (no diagnostic), a placeholder is an info, an unparseable cell is a
 * warning, and a zero word is a real 0 the author wrote in words. `value` is never a
 * coerced 0 for blank or placeholder cells, so the accounting checks can say
 * `incomplete` instead of passing on made-up zeros.
 */
export interface CellValue {
  value: number | null;
  kind: "number" | "zero-word" | "blank" | "placeholder" | "unparseable";
  /**
   * A unit written inside the cell (元, 万元, 件, 条, 个, 项, 人次, 次, 家, 宗, %), else null.
   * Always the simplified spelling (a mirror's `萬元` is reported as `万元`), so the
   * caller can compare it with the column's unit and flag a mismatch (`unit-in-cell`);
   * the number itself is never converted (251000元 stays 251000).
   */
  unit: string | null;
}

/** Units recognised after a number, longest first so 万元 wins over 元 and 人次 over 次. */
const UNITS: ReadonlyArray<readonly [written: string, unit: string]> = [
  ["万元", "万元"],
  ["萬元", "万元"],
  ["人次", "人次"],
  ["元", "元"],
  ["件", "件"],
  ["条", "条"],
  ["條", "条"],
  ["个", "个"],
  ["個", "个"],
  ["项", "项"],
  ["項", "项"],
  ["次", "次"],
  ["家", "家"],
  ["宗", "宗"],
  ["%", "%"],
  ["％", "%"],
];

/** Above this many digits a cell is an identifier or garbage, not a count; stop early. */
const MAX_DIGITS = 20;

/** Entities that scrapers leave as literal text for a non-breaking space. */
const SPACE_ENTITIES = ["&nbsp;", "&#160;", "&#xa0;"];

/** Characters that, alone or repeated, mean "nothing to report here". */
function isDash(c: number): boolean {
  return (
    c === 0x2d || // -
    c === 0xff0d || // －
    c === 0x2014 || // —
    c === 0x2013 || // –
    c === 0x2015 || // ―
    c === 0x2010 || // ‐
    c === 0x2011 || // ‑
    c === 0x2012 || // ‒
    c === 0x2212 || // −
    c === 0xfe63 || // ﹣
    c === 0x2500 || // ─ (box drawing, from Word tables)
    c === 0x2e3a || // ⸺
    c === 0x2e3b // ⸻
  );
}

function isSlash(c: number): boolean {
  return c === 0x2f || c === 0xff0f || c === 0x5c || c === 0xff3c; // / ／ \ ＼
}

function isPlus(c: number): boolean {
  return c === 0x2b || c === 0xff0b || c === 0xfe62; // + ＋ ﹢
}

/** A minus sign before digits; the en dash is included because word processors turn `-1` into `–1`. */
function isMinus(c: number): boolean {
  return (
    c === 0x2d || c === 0xff0d || c === 0x2212 || c === 0xfe63 || c === 0x2010 || c === 0x2011 || c === 0x2013
  );
}

/** 0–9 for ASCII and full-width digits, else -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

function isComma(c: number): boolean {
  return c === 0x2c || c === 0xff0c; // , ，
}

function isPoint(c: number): boolean {
  return c === 0x2e || c === 0xff0e; // . ．
}

/** Case-insensitive `s.startsWith(word, i)` limited to `end`, for the ASCII entities above. */
function matchesAt(s: string, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(i + k);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

// Both entity probes first test the one character every entity starts (`&`) or ends (`;`)
// with: they run at both ends of every cell, and almost no cell has an entity there.
function entityLengthAt(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) !== 0x26) return 0;
  for (const e of SPACE_ENTITIES) if (matchesAt(s, i, end, e)) return e.length;
  return 0;
}

function entityLengthEndingAt(s: string, start: number, end: number): number {
  if (s.charCodeAt(end - 1) !== 0x3b) return 0;
  for (const e of SPACE_ENTITIES) if (end - e.length >= start && matchesAt(s, end - e.length, end, e)) return e.length;
  return 0;
}

// Every result is a fresh object, written as a literal: a label cell is "unparseable", so
// this runs for most cells of every table, and an object literal is far cheaper than
// spreading a frozen template.
const unparseable = (): CellValue => ({ value: null, kind: "unparseable", unit: null });

const UNDERSCORE = 0x5f;

/** Digit strings this short are read by {@link parseCellValue}'s fast path (≤ MAX_DIGITS, and below 2^53). */
const FAST_DIGITS = Math.min(15, MAX_DIGITS);

/**
 * Read a table cell's text as a number.
 *
 * Reports write the same number many ways (full-width digits, either comma, a sign for
 * 本年增/减, a unit inside the cell, 无 for zero) and mark "nothing" many ways (blank,
 * `&nbsp;`, `-`, `/`); this collapses them into one value plus the kind of text it was,
 * so the caller decides which diagnostic to raise. A comma group that is not exactly
 * three digits (`1,23`) is refused rather than guessed, and so are exponents, hex,
 * `Infinity`/`NaN`, and integers beyond 2^53 (identifiers, not counts).
 * Linear in the length of `raw`; never throws.
 */
export function parseCellValue(raw: string): CellValue {
  const s = typeof raw === "string" ? raw : "";
  // Most cells are a few ASCII digits (`0`, `12`): read them without the general scan. Up
  // to 15 digits stay below 2^53, so this is exactly what the scan below returns for them.
  const n = s.length;
  if (n > 0 && n <= FAST_DIGITS) {
    let v = 0;
    let k = 0;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (k === n) return { value: v, kind: "number", unit: null };
  }
  let lo = 0;
  let hi = s.length;
  // Trim white space, literal &nbsp; entities and underscore fill at both ends (html2text
  // draws a row's bottom rule through its cells, `|___ 0___|`; markdown's `_0_` is emphasis).
  while (lo < hi) {
    if (isCellSpace(s.charCodeAt(lo)) || s.charCodeAt(lo) === UNDERSCORE) lo++;
    else {
      const e = entityLengthAt(s, lo, hi);
      if (e === 0) break;
      lo += e;
    }
  }
  while (hi > lo) {
    if (isCellSpace(s.charCodeAt(hi - 1)) || s.charCodeAt(hi - 1) === UNDERSCORE) hi--;
    else {
      const e = entityLengthEndingAt(s, lo, hi);
      if (e === 0) break;
      hi -= e;
    }
  }
  if (lo === hi) return { value: null, kind: "blank", unit: null };

  const first = s.charCodeAt(lo);

  // Placeholders: a run of dashes, or a run of slashes.
  if (isDash(first) || isSlash(first)) {
    const dash = isDash(first);
    let i = lo + 1;
    while (i < hi && (dash ? isDash(s.charCodeAt(i)) : isSlash(s.charCodeAt(i)))) i++;
    if (i === hi) return { value: null, kind: "placeholder", unit: null };
  }

  // Zero written as a word.
  if (hi - lo === 1 && (first === 0x65e0 || first === 0x7121 || first === 0x3007 || first === 0x96f6)) {
    return { value: 0, kind: "zero-word", unit: null }; // 无 無 〇 零
  }

  // [sign] digits [ , ddd ]* [ . digits ] [space] [unit]
  let i = lo;
  let negative = false;
  if (isPlus(first)) i++;
  else if (isMinus(first)) {
    negative = true;
    i++;
  }

  // The integer part is accumulated as a number, not as a string for Number(): below 2^53
  // every step is exact, so the result is Number(digits) exactly, and above it both readings
  // exceed MAX_SAFE_INTEGER and are refused alike. Only a decimal builds its text (below).
  const intStart = i;
  let intValue = 0;
  let digits = 0;
  let groupLength = 0;
  let sawComma = false;
  while (i < hi) {
    const d = digitAt(s, i);
    if (d >= 0) {
      if (++digits > MAX_DIGITS) return unparseable();
      intValue = intValue * 10 + d;
      groupLength++;
      i++;
      continue;
    }
    if (isComma(s.charCodeAt(i))) {
      // The group before a comma: 1–3 digits if it is the first, exactly 3 otherwise.
      if (groupLength === 0 || groupLength > 3 || (sawComma && groupLength !== 3)) return unparseable();
      sawComma = true;
      groupLength = 0;
      i++;
      continue;
    }
    break;
  }
  if (digits === 0) return unparseable();
  if (sawComma && groupLength !== 3) return unparseable();

  let text: string | null = null;
  if (i < hi && isPoint(s.charCodeAt(i))) {
    text = negative ? "-" : "";
    for (let k = intStart; k < i; k++) {
      const d = digitAt(s, k);
      if (d >= 0) text += d;
    }
    i++;
    text += ".";
    let fraction = 0;
    while (i < hi) {
      const d = digitAt(s, i);
      if (d < 0) break;
      if (++digits > MAX_DIGITS) return unparseable();
      text += d;
      fraction++;
      i++;
    }
    if (fraction === 0) return unparseable();
  }

  let unit: string | null = null;
  if (i < hi) {
    while (i < hi && isCellSpace(s.charCodeAt(i))) i++;
    for (const [written, canonical] of UNITS) {
      if (hi - i === written.length && s.startsWith(written, i)) {
        unit = canonical;
        i = hi;
        break;
      }
    }
    if (i < hi) return unparseable();
  }

  const value = text === null ? (negative ? -intValue : intValue) : Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return unparseable();
  // `-0` reads as 0: a signed zero carries no information and would surprise `Object.is`.
  return { value: value === 0 ? 0 : value, kind: "number", unit };
}

/**
 * Whether a cell's text reads as a number (including a zero word such as 无).
 * Row readers use it to tell a label cell from a value cell when a flattened row has
 * lost its structure; blanks and placeholders are not numeric, since they can stand
 * anywhere.
 */
export function isNumericText(raw: string): boolean {
  return isNumericKind(parseCellValue(raw).kind);
}

/**
 * Whether a kind stands in a value's place: a number, a zero word, a placeholder or a blank —
 * anything but text that is not a value. The one answer to "is this cell a value?": row
 * readers use it to tell where a row's labels end, the parser to find pipe-less tables.
 */
export function isValueKind(kind: CellValue["kind"]): boolean {
  return kind !== "unparseable";
}

/**
 * Whether a kind is a value written out: a number, a zero word or a placeholder — {@link
 * isValueKind} without the blank. For the readers of a text dump's words (layouts/aligned*.ts):
 * a word is never white, but underscore fill (`___`) or an `&nbsp;` entity parses as blank,
 * and such a word is a rule or padding, not a cell.
 */
export function isWrittenValueKind(kind: CellValue["kind"]): boolean {
  return kind === "number" || kind === "zero-word" || kind === "placeholder";
}

/** Whether a kind is a number written as such or as a zero word (a count was reported). */
export function isNumericKind(kind: CellValue["kind"]): boolean {
  return kind === "number" || kind === "zero-word";
}

/** Whether a kind holds no number but stands in a value's place (blank or placeholder). */
export function isEmptyKind(kind: CellValue["kind"]): boolean {
  return kind === "blank" || kind === "placeholder";
}

/** {@link isValueKind} of a cell's text. */
export function isValueText(raw: string): boolean {
  return isValueKind(parseCellValue(raw).kind);
}
