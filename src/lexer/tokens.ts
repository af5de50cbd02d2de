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
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** Any UTF-16 unit but CR and LF, as explicit ranges (a complement would disable indexing). */
const NOT_EOL = "[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\uFFFF]";
/** Any unit but CR, LF and `|`. */
const NOT_EOL_PIPE = "[\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u007B\\u007D-\\uFFFF]";
/** Zero-width: the next character is a line break, or the input ends. */
const AT_EOL = "(?![^\\r\\n])";
/** Chinese numerals used in heading ordinals (一 … 十, and 两 is never used there). */
const CN_NUM = "[一二三四五六七八九十〇零]";

const re = (source: string) => new RegExp(source);

/** One or more line breaks with only white space between them: a paragraph/table break. */
export const BlankLines = createToken({
  name: "BlankLines",
  // `\r(?!\n)`: a CRLF must not split into a CR and an LF, which would read as a blank line.
  pattern: /(?:\r\n|\r(?!\n)|\n)(?:[ \t\u00A0\u3000]*(?:\r\n|\r(?!\n)|\n))+/,
  line_breaks: true,
});

/** A single line break. Kept out of the parser's way (group), since every token is a line. */
export const Newline = createToken({
  name: "Newline",
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  group: "newlines",
});

/** A line of white space only, not followed by another break (e.g. at end of input). */
export const BlankLine = createToken({
  name: "BlankLine",
  pattern: re(`[ \\t\\u00A0\\u3000]+${AT_EOL}`),
  group: "newlines",
});

/**
 * A line of pipes only (`|||`): the padding a scraper prints after a row that has fewer
 * cells than the table has columns — or a blank cell, which prints as a bare `|`.
 */
export const PaddingRun = createToken({
  name: "PaddingRun",
  pattern: re(`[ \\t]*\\|[ \\t|]*${AT_EOL}`),
});

/** One table cell: `text |`, with no other pipe on the line. */
export const CellLine = createToken({
  name: "CellLine",
  pattern: re(`${NOT_EOL_PIPE}+\\|[ \\t]*${AT_EOL}`),
});

/** A whole table row on one line: `规章 | 0 | 0 | 0 |`, markdown `| a | b |` included. */
export const RowLine = createToken({
  name: "RowLine",
  pattern: re(`${NOT_EOL}*\\|[ \\t]*${AT_EOL}`),
});

/** The category every heading token belongs to; the parser consumes headings through it. */
export const Heading = createToken({ name: "Heading", pattern: Lexer.NA });

/** `（一）概述`, `(三)不予公开`, `（1）…`: a numeral in brackets of either width. */
export const ParenHeading = createToken({
  name: "ParenHeading",
  pattern: re(`[(（][ \\t]*(?:${CN_NUM}{1,3}|[0-9０-９]{1,2})[ \\t]*[)）]${NOT_EOL}*`),
  categories: [Heading],
});

/** `一、总体情况`, `一.概述`, `—、…` (a dash misread for 一), `一 概 述` (spaced, no comma). */
export const ChineseHeading = createToken({
  name: "ChineseHeading",
  pattern: re(`(?:${CN_NUM}{1,3}|[—－-])[ \\t\\u3000]*[、.．,，]${NOT_EOL}*|${CN_NUM}{1,2}[ \\t\\u3000]+(?=[^\\s\\d])${NOT_EOL}*`),
  categories: [Heading],
});

/** `第一，…`, `第二、…`: ordinal headings. */
export const OrdinalHeading = createToken({
  name: "OrdinalHeading",
  pattern: re(`第${CN_NUM}{1,3}[、,，.．:：]${NOT_EOL}*`),
  categories: [Heading],
});

/** `1.`, `1、`, `1．`: Arabic ordinals (not a year or a decimal: at most two digits, no digit after). */
export const ArabicHeading = createToken({
  name: "ArabicHeading",
  pattern: re(`[0-9０-９]{1,2}[ \\t]*[.、．](?![0-9０-９])${NOT_EOL}*`),
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
  pattern: re(`${NOT_EOL}+`),
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
