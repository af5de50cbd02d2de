/**
 * The heading markers (`一、`, `（一）`, `第一，`, `1.`), the one home of their patterns. The
 * lexer's heading tokens (tokens.ts) and `readMarker` — which the parser, the HTML front end
 * and the normaliser use to read a marker off a line — are built from the same fragments.
 *
 * They differ on purpose in one respect: a heading token also checks what follows the
 * marker (`1.5万元…` is a decimal, not section 1; `十 2` is not a spaced title), while
 * `readMarker` reads the marker alone. Lines no heading token vetted (HTML blocks, see
 * parser/lines.ts) are read with `readHeadingMarker`, which checks the same lookaheads.
 */
import type { HeadingMarker, MarkerStyle } from "../ast/types.js";
import { chineseNumeral } from "../text/labels.js";

/** Chinese numerals used in heading ordinals (一 … 十, and 两 is never used there). */
const CN = "一二三四五六七八九十〇零";
/** A character class of {@link CN}. */
export const CN_NUM = `[${CN}]`;

/** The numeral of a marker, as a capture group (for readMarker) or not (for the lexer). */
const group = (body: string, capture: boolean) => (capture ? `(${body})` : `(?:${body})`);

/**
 * The marker patterns' sources, unanchored, from the marker's first character to its end.
 * `capture` puts the numeral in group 1.
 */
export const MARKER_SOURCES = {
  /** `（一）`, `(三)`, `（1）`: a numeral in brackets of either width. */
  paren: (capture: boolean) => `[(（][ \\t]*${group(`${CN_NUM}{1,3}|[0-9０-９]{1,2}`, capture)}[ \\t]*[)）]`,
  /** `第一，`, `第二、`. */
  ordinal: (capture: boolean) => `第${capture ? `(${CN_NUM}{1,3})` : `${CN_NUM}{1,3}`}[、,，.．:：]`,
  /** `一、`, `一.`, `—、` (a dash misread for 一). */
  chinese: (capture: boolean) => `${group(`${CN_NUM}{1,3}|[—－-]`, capture)}[ \\t\\u3000]*[、.．,，]`,
  /** `一 概 述`: a numeral and spaces, no comma. */
  spaced: (capture: boolean) => `${capture ? `(${CN_NUM}{1,2})` : `${CN_NUM}{1,2}`}[ \\t\\u3000]+`,
  /** `1.`, `1、`, `1．`: at most two digits. */
  arabic: (capture: boolean) => `${capture ? "([0-9０-９]{1,2})" : "[0-9０-９]{1,2}"}[ \\t]*[.、．]`,
} as const;

/**
 * What the lexer requires after a marker for the line to be a heading: after an Arabic
 * marker no digit (`1.5万元` is a decimal), after a spaced Chinese numeral neither a space
 * nor a digit.
 */
export const MARKER_FOLLOW = {
  arabic: "(?![0-9０-９])",
  spaced: "(?=[^\\s\\d])",
} as const;

/** A marker pattern and the style it reads; group 1 is the numeral. */
type MarkerPattern = { re: RegExp; style: (numeral: string) => MarkerStyle };

/** The marker patterns, tried in order; `follow` adds what a heading needs after them. */
function markers(follow: boolean): MarkerPattern[] {
  return [
    {
      re: new RegExp(`^${MARKER_SOURCES.paren(true)}`),
      style: (n) => (/[0-9０-９]/.test(n) ? "paren-arabic" : "paren-chinese"),
    },
    { re: new RegExp(`^${MARKER_SOURCES.ordinal(true)}`), style: () => "ordinal" },
    { re: new RegExp(`^${MARKER_SOURCES.chinese(true)}`), style: () => "chinese" },
    { re: new RegExp(`^${MARKER_SOURCES.spaced(true)}${follow ? MARKER_FOLLOW.spaced : ""}`), style: () => "chinese" },
    { re: new RegExp(`^${MARKER_SOURCES.arabic(true)}${follow ? MARKER_FOLLOW.arabic : ""}`), style: () => "arabic" },
  ];
}
const MARKERS = markers(false);
const HEADING_MARKERS = markers(true);

/**
 * The characters a marker can start with (every pattern of MARKERS is anchored and starts
 * with one of them): a line starting with anything else is refused without running the five
 * patterns, as most labels and prose lines are.
 */
const MARKER_START = new Set(`(（第${CN}—－-0123456789０１２３４５６７８９`);

/** Reads the numbering at the start of `text`, if any. */
export function readMarker(text: string): HeadingMarker | null {
  return matchMarker(text, MARKERS);
}

/**
 * Reads a marker only where the lexer would take the line for a heading (see
 * {@link MARKER_FOLLOW}): for lines that no heading token vetted — an HTML block's text —
 * so that `1.5万元用于平台建设` is prose there too, not section 1.
 */
export function readHeadingMarker(text: string): HeadingMarker | null {
  return matchMarker(text, HEADING_MARKERS);
}

function matchMarker(text: string, patterns: readonly MarkerPattern[]): HeadingMarker | null {
  if (!MARKER_START.has(text.charAt(0))) return null;
  for (const { re, style } of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const numeral = m[1]!;
    const ordinal = /^[—－-]$/.test(numeral) ? 1 : chineseNumeral(numeral);
    if (ordinal === null) continue;
    return { style: style(numeral), ordinal, raw: m[0].trimEnd() };
  }
  return null;
}
