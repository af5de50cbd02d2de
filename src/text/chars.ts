/**
 * Named character classes, one home for the white-space and Han tests the stages share. Each
 * is spelt out (not `\s` or `\p{…}`) either for speed on hot paths or because the exact set
 * is a decision; the decision is written next to each.
 */

/**
 * The Han range of headings, titles, agency names and HTML header cells: the CJK Unified
 * Ideographs block (U+4E00–U+9FFF), as a character-class body for regular expressions. Every
 * character of the template vocabulary and of the agency suffixes lies in it.
 */
export const HAN = "\\u4e00-\\u9fff";

/**
 * The Han range of legacy (pre-2019) label un-spacing: the basic block plus Extension A
 * (U+3400–U+4DBF). Deliberately wider than {@link HAN}: legacy tables are free-form, and a
 * rare character of Extension A in an agency's own label must still glue to its neighbours.
 * The two differ only for Extension A characters, which no template label holds.
 */
export const HAN_WITH_EXT_A = "\\u3400-\\u9fff";

/** {@link HAN} by char code: a CJK unified ideograph of the basic block (U+4E00–U+9FFF). */
export const isHanCode = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/**
 * Extension A (U+3400–U+4DBF) by char code: what {@link HAN_WITH_EXT_A} adds to {@link HAN}.
 * Rare characters, in no template label; label normalisation passes them through untouched.
 */
export const isHanExtACode = (c: number): boolean => c >= 0x3400 && c <= 0x4dbf;

/**
 * A digit as reports print them, ASCII or full-width (`0`–`9`, `０`–`９`), by char code. Zero
 * words (无 〇 零) are not digits here: in a header or between rows they are prose, and a
 * reader that takes them as a zero cell adds them itself (layouts/glued-text.ts).
 */
export const isDigitCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** Index of the first {@link isDigitCode} digit in `s`, or -1: "does digit text stand here, and where". */
export function firstDigit(s: string): number {
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) return i;
  return -1;
}

/** Spaces a blank line may hold (the lexer's blank lines): space, tab, NBSP, ideographic space. */
export const isBlankLineSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;

/** {@link isBlankLineSpace}'s set as a regular-expression class, for the lexer's token patterns. */
export const BLANK_LINE_SPACE = "[ \\t\\u00a0\\u3000]";

/**
 * What `String.prototype.trim` removes: WhiteSpace (tab, VT, FF, space, NBSP, BOM and the Zs
 * category) and LineTerminator. Spelt out so that `trimmed` can find both ends by index
 * instead of building the trimmed and the start-trimmed string for every cell.
 */
export function isTrimSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether `s[i]` is white space between cells: {@link isTrimSpace}, which is exactly what a
 * regular expression's `\s` matches — `\s` already holds the ideographic space and NBSP, so a
 * class `[\s\u3000\u00a0]` is `\s` spelt longer. False outside the string.
 */
export const isSpaceAt = (s: string, i: number): boolean => isTrimSpace(s.charCodeAt(i));


/**
 * White space around a cell's value: {@link isTrimSpace}'s set plus NEL, the Mongolian vowel
 * separator and the zero-width characters (U+200B–U+200D, U+2060) that scraped cells carry
 * invisibly. Wider than `trim` on purpose: a cell holding only a zero-width space is blank.
 */
export function isCellSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x85 ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060
  );
}
