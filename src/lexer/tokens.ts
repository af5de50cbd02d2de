/**
 * The token set. Scraped reports are line-oriented — the scraper prints every `<td>` and
 * every `<p>` on a line of its own — so each token but the line breaks is one whole line,
 * and the token type says what kind of line it is. Order matters: Chevrotain takes the
 * first pattern that matches, so a line ending in `|` is a table line even when it starts
 * like a heading (`一、本年新收政府信息公开申请数量 |`).
 *
 * Performance rules (the project design notes, grammar/README.md): no pattern starts with a complement set
 * (`[^…]`) or uses the `u` flag, so Chevrotain can index every token by its first character;
 * "any character but a line break" is written as explicit ranges instead. Line ends are
 * tested with `(?![^\r\n])` (end of line or end of input), because `$` is rejected.
 *
 * The heading markers' patterns are markers.ts's, shared with `readMarker`.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { BLANK_LINE_SPACE, isBlankLineSpace } from "../text/chars.js";
import { MARKER_FOLLOW, MARKER_SOURCES } from "./markers.js";

/** Any UTF-16 unit but CR and LF, as explicit ranges (a complement would disable indexing). */
const NOT_EOL = "[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\uFFFF]";
/** Any unit but CR, LF and `|`. */
const NOT_EOL_PIPE = "[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u007B\\u007D-\\uFFFF]";
/** Zero-width: the next character is a line break, or the input ends. */
const AT_EOL = "(?![^\\r\\n])";

const re = (source: string) => new RegExp(source);

// ---------------------------------------------------------------------------------------
// Custom matchers: one scan per line.
//
// As regular expressions, a prose line was scanned by CellLine (to its end, for a pipe),
// by RowLine (again), and by ProseLine, a row line by CellLine and RowLine, and every line
// break by BlankLines before Newline: several passes over each line, the largest cost of
// lexing. The line tokens use custom matchers instead, which find the line's end once
// (`indexOf`, native) and look at its last character, and share that answer for the line.
// Each matcher is exactly its regular expression (`equivalent`, which the grammar table
// prints and tests/lexer/matchers.test.ts compares it with); Chevrotain still indexes them
// by their first characters (`start_chars_hint`), so the first-character optimisation stays on.

/** What the line starting at an offset is, for the table-line tokens. */
const NOT_TABLE = 0;
const PADDING = 1;
const CELL = 2;
const ROW = 3;

/**
 * The scan state of the text being lexed: the next LF and the next CR at or after the last
 * offset asked (or the text's length), and the last line classified. Chevrotain calls the
 * matchers at increasing offsets within one text; `resetLineScan` starts a new text.
 */
const scan = { lf: -1, cr: -1, at: -1, kind: NOT_TABLE };

/**
 * Forgets the previous text. Must run before each text is lexed — `lexer.ts` makes its
 * lexers do so — since the state cannot tell two texts apart by itself (comparing the
 * strings would cost a scan of both).
 */
export function resetLineScan(): void {
  scan.lf = -1;
  scan.cr = -1;
  scan.at = -1;
}

/** Where the line holding `offset` ends: at the next CR or LF, or at the end of the text. */
function lineEnd(text: string, offset: number): number {
  // Each break is searched for once per text (amortised linear): a text without CR finds
  // none once and then knows it for every later line.
  if (scan.lf < offset) {
    const i = text.indexOf("\n", offset);
    scan.lf = i < 0 ? text.length : i;
  }
  if (scan.cr < offset) {
    const i = text.indexOf("\r", offset);
    scan.cr = i < 0 ? text.length : i;
  }
  return scan.lf < scan.cr ? scan.lf : scan.cr;
}

/** Classifies the line starting at `offset`; remembered for the other matchers at that offset. */
function lineKind(text: string, offset: number): number {
  if (offset === scan.at) return scan.kind;
  const eol = lineEnd(text, offset);
  let end = eol;
  // Trailing spaces and tabs after the last pipe belong to the line (`text |  `).
  while (end > offset) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  let kind = NOT_TABLE;
  if (end > offset && text.charCodeAt(end - 1) === 0x7c) {
    let i = offset;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x7c) break;
      i++;
    }
    if (i === end) kind = PADDING;
    else {
      const first = text.indexOf("|", offset);
      kind = first === end - 1 && first > offset ? CELL : ROW;
    }
  }
  scan.at = offset;
  scan.kind = kind;
  return kind;
}

/** The one result array the matchers return (Chevrotain reads `[0]` at once and keeps nothing). */
const result = [""] as unknown as RegExpExecArray;

function matched(text: string, offset: number): RegExpExecArray {
  result[0] = text.slice(offset, lineEnd(text, offset));
  return result;
}

/**
 * The first characters of a line: every UTF-16 unit but CR and LF. One list for all the line
 * tokens (a `CellLine` never starts with `|`, but its matcher says so itself): Chevrotain
 * reads each hint list once per process, and the lists are 65,534 long.
 */
const LINE_START: number[] = [];
for (let c = 0; c <= 0xffff; c++) if (c !== 0x0a && c !== 0x0d) LINE_START.push(c);

/**
 * A custom pattern matching the whole line at an offset when `test` says so, documented by
 * the regular expression it is equivalent to (which the grammar table prints).
 */
function lineMatcher(test: (text: string, offset: number) => boolean, equivalent: RegExp) {
  return {
    exec: (text: string, offset: number): RegExpExecArray | null => (test(text, offset) ? matched(text, offset) : null),
    equivalent,
  };
}

/** The lines `lineKind` classifies as `kind`. */
const tableLine = (kind: number, equivalent: RegExp) => lineMatcher((text, offset) => lineKind(text, offset) === kind, equivalent);

/** The length of the line break at `i`: 2 for CRLF, 1 for a lone CR or LF, 0 for none. */
function breakLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x0a) return 1;
  if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
  return 0;
}


/** Where the blank lines starting with the break at `offset` end, or -1 when there is no blank line. */
function blankLinesEnd(text: string, offset: number): number {
  const first = breakLength(text, offset);
  if (first === 0) return -1;
  let end = -1;
  let at = offset + first;
  for (;;) {
    let j = at;
    while (j < text.length && isBlankLineSpace(text.charCodeAt(j))) j++;
    const b = breakLength(text, j);
    if (b === 0) return end;
    end = at = j + b;
  }
}

/** A custom pattern matching `[offset, end(text, offset))` when that is not empty. */
function spanMatcher(end: (text: string, offset: number) => number, equivalent: RegExp) {
  return {
    exec: (text: string, offset: number): RegExpExecArray | null => {
      const e = end(text, offset);
      if (e <= offset) return null;
      result[0] = text.slice(offset, e);
      return result;
    },
    equivalent,
  };
}

/** One or more line breaks with only white space between them: a paragraph/table break. */
export const BlankLines = createToken({
  name: "BlankLines",
  // `\r(?!\n)`: a CRLF must not split into a CR and an LF, which would read as a blank line.
  pattern: spanMatcher(blankLinesEnd, new RegExp(`(?:\\r\\n|\\r(?!\\n)|\\n)(?:${BLANK_LINE_SPACE}*(?:\\r\\n|\\r(?!\\n)|\\n))+`)),
  start_chars_hint: ["\r", "\n"],
  line_breaks: true,
});

/** A single line break. Kept out of the parser's way (group), since every token is a line. */
export const Newline = createToken({
  name: "Newline",
  pattern: spanMatcher((text, offset) => offset + breakLength(text, offset), /\r\n|\r|\n/),
  start_chars_hint: ["\r", "\n"],
  line_breaks: true,
  group: "newlines",
});

/** A line of white space only, not followed by another break (e.g. at end of input). */
export const BlankLine = createToken({
  name: "BlankLine",
  pattern: re(`${BLANK_LINE_SPACE}+${AT_EOL}`),
  group: "newlines",
});

/**
 * The category of the three table-line tokens: the parser takes a run of them as a table
 * through it, with one token test per line instead of a three-way alternative.
 */
export const TableLine = createToken({ name: "TableLine", pattern: Lexer.NA });

/**
 * A line of pipes only (`|||`): the padding a scraper prints after a row that has fewer
 * cells than the table has columns — or a blank cell, which prints as a bare `|`.
 */
export const PaddingRun = createToken({
  name: "PaddingRun",
  pattern: tableLine(PADDING, re(`[ \\t]*\\|[ \\t|]*${AT_EOL}`)),
  start_chars_hint: [" ", "\t", "|"],
  categories: [TableLine],
  line_breaks: false,
});

/** One table cell: `text |`, with no other pipe on the line. */
export const CellLine = createToken({
  name: "CellLine",
  pattern: tableLine(CELL, re(`${NOT_EOL_PIPE}+\\|[ \\t]*${AT_EOL}`)),
  start_chars_hint: LINE_START,
  categories: [TableLine],
  line_breaks: false,
});

/** A whole table row on one line: `规章 | 0 | 0 | 0 |`, markdown `| a | b |` included. */
export const RowLine = createToken({
  name: "RowLine",
  pattern: tableLine(ROW, re(`${NOT_EOL}*\\|[ \\t]*${AT_EOL}`)),
  start_chars_hint: LINE_START,
  categories: [TableLine],
  line_breaks: false,
});

/** The category every heading token belongs to; the parser consumes headings through it. */
export const Heading = createToken({ name: "Heading", pattern: Lexer.NA });

/** `（一）概述`, `(三)不予公开`, `（1）…`: a numeral in brackets of either width. */
export const ParenHeading = createToken({
  name: "ParenHeading",
  pattern: re(`${MARKER_SOURCES.paren(false)}${NOT_EOL}*`),
  categories: [Heading],
});

/** `一、总体情况`, `一.概述`, `—、…` (a dash misread for 一), `一 概 述` (spaced, no comma). */
export const ChineseHeading = createToken({
  name: "ChineseHeading",
  pattern: re(`${MARKER_SOURCES.chinese(false)}${NOT_EOL}*|${MARKER_SOURCES.spaced(false)}${MARKER_FOLLOW.spaced}${NOT_EOL}*`),
  categories: [Heading],
});

/** `第一，…`, `第二、…`: ordinal headings. */
export const OrdinalHeading = createToken({
  name: "OrdinalHeading",
  pattern: re(`${MARKER_SOURCES.ordinal(false)}${NOT_EOL}*`),
  categories: [Heading],
});

/** `1.`, `1、`, `1．`: Arabic ordinals (not a year or a decimal: at most two digits, no digit after). */
export const ArabicHeading = createToken({
  name: "ArabicHeading",
  pattern: re(`${MARKER_SOURCES.arabic(false)}${MARKER_FOLLOW.arabic}${NOT_EOL}*`),
  categories: [Heading],
});

/** `## 一、总体情况`: markdown ATX headings from converted documents. */
export const MarkdownHeading = createToken({
  name: "MarkdownHeading",
  pattern: re(`#{1,6}[ \\t]${NOT_EOL}*`),
  categories: [Heading],
});

/** Any other non-empty line. */
export const ProseLine = createToken({
  name: "ProseLine",
  pattern: lineMatcher((text, offset) => lineEnd(text, offset) > offset, re(`${NOT_EOL}+`)),
  start_chars_hint: LINE_START,
  line_breaks: false,
});

/**
 * Catch-all for a single character no other token takes, so the lexer never errors and never
 * falls into Chevrotain's slow one-character recovery loop. With the patterns above nothing
 * should reach it; it is the guarantee, not the expectation.
 */
export const Unknown = createToken({
  name: "Unknown",
  pattern: /[\u0000-\uFFFF]/,
});

/** Every token in matching order. */
export const allTokens: TokenType[] = [
  BlankLines,
  Newline,
  BlankLine,
  TableLine,
  PaddingRun,
  CellLine,
  RowLine,
  Heading,
  ParenHeading,
  ChineseHeading,
  OrdinalHeading,
  ArabicHeading,
  MarkdownHeading,
  ProseLine,
  Unknown,
];
