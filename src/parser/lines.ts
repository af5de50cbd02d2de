/**
 * One line of text → heading and/or paragraph nodes: the marker read off (lexer/markers.ts),
 * the depth it gives, a run-on title cut from its prose. Used for the lexer's heading and
 * prose lines and, through `lineBlocks`, for every block element of HTML input.
 */
import type { IToken } from "chevrotain";
import type { Block, Heading, HeadingMarker, MarkerStyle, Paragraph } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { readHeadingMarker } from "../lexer/markers.js";
import { HAN } from "../text/chars.js";
import { trimmed } from "./cells.js";

/** A prose line as a paragraph (null when it is only white space). */
export function buildParagraph(image: string, offset: number, index: LineIndex): Paragraph | null {
  const t = trimmed(image, offset);
  if (t.value === "") return null;
  return { type: "paragraph", value: t.value, position: index.position(t.start, t.end) };
}

const DEPTH: Record<MarkerStyle, number> = {
  chinese: 1,
  ordinal: 1,
  "paren-chinese": 2,
  arabic: 3,
  "paren-arabic": 4,
  markdown: 1,
};

/** `## 标题`: the hashes of a markdown heading. */
const MD_HEADING = /^(#{1,6})[ \t]+/;
/** Where a run-on title ends and its text begins. */
const TITLE_STOP = /[。：:]/;

/** A title longer than this with no early full stop is a numbered paragraph, not a heading. */
const MAX_TITLE = 40;
/** A title sharing its line with prose is shorter still, and has no comma. */
const MAX_RUN_ON_TITLE = 25;

/**
 * Maps the characters of a line's text to offsets in the source: where character i starts,
 * and where it ends (exclusive). For text input it is a plain shift; for HTML the line is
 * assembled from text nodes and entities (`&nbsp;` is one character spanning six), so the
 * mapping is per character (see html/index.ts).
 */
export interface OffsetMap {
  start(i: number): number;
  end(i: number): number;
}

/**
 * A heading line becomes a heading, a heading plus the prose that shares its line
 * (`（一）主动公开情况。依托…`), or — when the "title" runs on as a sentence
 * (`1.把建立健全权力清单作为…`) — a paragraph.
 */
export function buildHeading(token: IToken, index: LineIndex): Block[] {
  const base = token.startOffset;
  return lineBlocks(token.image, { start: (i) => base + i, end: (i) => base + i + 1 }, index);
}

/**
 * Classifies one line of text (a heading token's image, or the text of an HTML block
 * element) into heading and/or paragraph nodes. Lines without a marker are paragraphs.
 */
export function lineBlocks(image: string, at: OffsetMap, index: LineIndex): Block[] {
  const lead = image.length - image.trimStart().length;
  // Only a line whose first non-space character is `#` can be a markdown heading.
  const md = image.charCodeAt(lead) === 0x23 ? MD_HEADING.exec(image.slice(lead)) : null;
  const hashes = md ? md[1]!.length : 0;
  const bodyStart = lead + (md ? md[0].length : 0);
  const body = image.slice(bodyStart);
  // Heading tokens were vetted by the lexer; an HTML block's text was not: the same check here.
  const marker = readHeadingMarker(body);
  const span = (from: number, to: number) => index.position(at.start(from), to > from ? at.end(to - 1) : at.start(from));
  if (!marker && !md) {
    const value = image.trim();
    if (value === "") return [];
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  const titleFrom = bodyStart + (marker ? marker.raw.length : 0);
  const restRaw = image.slice(titleFrom);
  const titleLead = restRaw.length - restRaw.trimStart().length;
  const title = restRaw.trim();
  const tStart = titleFrom + titleLead;

  const headingMarker: HeadingMarker = marker ?? { style: "markdown", ordinal: 0, raw: md ? md[1]! : "" };
  // In a markdown document the `#` count is the outline level, whatever numeral follows.
  const depth = md ? hashes : marker ? DEPTH[marker.style] : 1;
  // `（一）主动公开情况。依托…`: a short title closed by 。 or ： with the text run on.
  const stop = title.search(TITLE_STOP);

  if (stop >= 0 && stop <= MAX_RUN_ON_TITLE && !/[,，;；]/.test(title.slice(0, stop))) {
    const heading: Heading = {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title.slice(0, stop), marker),
      position: span(lead, tStart + stop),
    };
    const tail = title.slice(stop + 1);
    const tailLead = tail.length - tail.trimStart().length;
    const tailValue = tail.trim();
    if (tailValue === "") return [heading];
    const from = tStart + stop + 1 + tailLead;
    return [heading, { type: "paragraph", value: tailValue, position: span(from, from + tailValue.length) }];
  }
  if (title.length > MAX_TITLE && marker && !md) {
    const value = image.trim();
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  return [
    {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title, marker),
      position: span(lead, title === "" ? titleFrom : tStart + title.length),
    },
  ];
}

/** Spaces between two Han characters. */
const SPACED_HAN = new RegExp(`(?<=[${HAN}])[ \\t\\u3000]+(?=[${HAN}])`, "g");

/** `一 概 述` prints its title spaced out; join CJK characters that only spaces separate. */
function spacedTitle(title: string, marker: HeadingMarker | null): string {
  if (!marker || marker.style !== "chinese") return title;
  return title.replace(SPACED_HAN, "");
}
