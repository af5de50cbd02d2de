/**
 * Which table (二, 三 or 四) a heading or a row belongs to: the words of section headings, the
 * phrases that name a template row, and the anchor labels that start a table.
 */
import { OTHER_SECTION_WORDS, tableOfTitle } from "../../templates/titles.js";
import { TextMemo } from "../../text/memo.js";
import { normalizeLabel } from "../../text/labels.js";
import { REQUEST_GROUPS, REQUEST_ROWS } from "../../templates/grid.js";
import type { RowView } from "./row-view.js";

/** A numeric part of the report: the section-context state of the table walk is one of these (or none). */
export type Part = "proactive" | "requests" | "reviews";

/** Which part a section heading announces, if any: a heading is the usual start of a table's context. */
export function partOfHeading(title: string): Part | null {
  return headingInfo(title).part;
}

/** The part a (normalised) heading names: its table by {@link tableOfTitle}, under this walk's name. */
function partOfNormalizedHeading(t: string): Part | null {
  const table = tableOfTitle(t);
  return table === "reviewsAndLawsuits" ? "reviews" : table;
}

/** Phrases of every template row and group: a heading holding one names a table row. */
const ROW_PHRASES = [
  ...REQUEST_ROWS.flatMap((d) => (d.exact ? [] : d.phrases)),
  ...REQUEST_GROUPS.flatMap((g) => g.phrases),
  "本年度办理结果",
  "第二十条",
].map(normalizeLabel);

/**
 * Titles of the report's other sections (templates/titles.ts): only these end a table's
 * context. A heading that is neither (a label broken out of a PDF table, `三、本法提供`) leaves
 * the rows below where they were.
 */
const SECTION_TITLE = OTHER_SECTION_WORDS;

/**
 * Does a heading name a row of a template table rather than a section of the report? Such a
 * heading (markdown puts one above a row group) must not end the table's context.
 */
export function namesTableRow(title: string): boolean {
  return headingInfo(title).namesRow;
}

/** What a heading's text says about the tables, derived once per text (headings recur across reports). */
export interface HeadingInfo {
  /** The part it announces. */
  part: Part | null;
  /** It names a row or group of a template table. */
  namesRow: boolean;
  /** It is the title of one of the report's other sections. */
  sectionTitle: boolean;
}

const HEADINGS = new TextMemo((title: string): HeadingInfo => {
  const t = normalizeLabel(title);
  return { part: partOfNormalizedHeading(t), namesRow: ROW_PHRASES.some((p) => t.includes(p)), sectionTitle: SECTION_TITLE.test(t) };
});
/** {@link HeadingInfo} of a heading, remembered: the table walk asks it of every heading of every report. */
export const headingInfo = (title: string): HeadingInfo => HEADINGS.get(title);

/** Phrases that start a table, by the bit {@link ANCHOR_BITS} sets for each (its index here). */
const ANCHORS = ["第二十条", "信息内容", "申请人情况", "勾稽", "本年新收", "行政复议", "行政诉讼"] as const;
type Anchor = (typeof ANCHORS)[number];

/** The bits of the named anchors, by name: so no test below depends on the order of {@link ANCHORS}. */
function anchorBits(...phrases: Anchor[]): number {
  return phrases.reduce((bits, phrase) => bits | (1 << ANCHORS.indexOf(phrase)), 0);
}

/** Either one starts 二. */
const PROACTIVE_ANCHORS = anchorBits("第二十条", "信息内容");
/** Any one starts 三. */
const REQUEST_ANCHORS = anchorBits("申请人情况", "勾稽", "本年新收");
/** A row naming both starts 四 (its header row names the two side by side). */
const REVIEW_ANCHOR = anchorBits("行政复议");
const LAWSUIT_ANCHOR = anchorBits("行政诉讼");

/** The anchors a (normalised) label holds, as bits: remembered, as every row asks. */
const ANCHOR_BITS = new TextMemo((label: string) => ANCHORS.reduce((bits, phrase, i) => (label.includes(phrase) ? bits | (1 << i) : bits), 0));

/**
 * Which part a row's own labels announce, if any (anchors that start a table): a scraper may
 * merge two tables into one, so a row can switch the context without a heading.
 */
export function partOfRow(v: RowView): Part | null {
  // Each label is searched on its own rather than all of them joined with `|`: no phrase
  // holds a `|`, so no phrase can match across two labels.
  let bits = 0;
  for (const n of v.norm) bits |= ANCHOR_BITS.get(n);
  if (bits & PROACTIVE_ANCHORS) return "proactive";
  if (bits & REQUEST_ANCHORS) return "requests";
  if (bits & REVIEW_ANCHOR && bits & LAWSUIT_ANCHOR) return "reviews";
  return null;
}
