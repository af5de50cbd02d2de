/**
 * Finding the template's rows in glued text (glued.ts): the section titles that bound the
 * tables, and the rows of 二, 三 and 四 located by their key phrases in template order, each
 * as a {@link RowHit} with its label, lead and value region and the shape (cells and
 * identities, from templates/identities.ts) that the solver (glued-solve.ts) reads it by.
 */
import { readMarker } from "../lexer/markers.js";
import { normalizeLabel } from "../text/labels.js";
import {
  PROACTIVE_ROWS,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
  TEMPLATE_SIGNALS,
  type Family,
  type ProactiveColumnDef,
  type RequestRowDef,
} from "../templates/grid.js";
import { APPLICANT_KEYS, REQUEST_ROW_IDENTITY, REVIEW_ROW_IDENTITIES, REVIEW_ROW_WIDTH } from "../templates/identities.js";
import type { Reading, RowShape } from "./split.js";
import { placeholderAt } from "./glued-joins.js";
import { isSpaceAt } from "../text/chars.js";
import { isDigitAt, isValueSign, normAt, skipSpace, trimEnd, valueRunEnd, type NormText, type Token } from "./glued-text.js";

// ---------------------------------------------------------------------------------------
// Section titles

const SECTION_RE =
  /([一二三四五六七八])\s*[、.．，]\s*(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议\s*[、，,]?\s*行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项)/g;

/** A span of the source text (offsets into the decoded text), where a label, lead or value region was found. */
export interface Found {
  start: number;
  end: number;
}

/** A section title found inline (`三、收到和处理政府信息公开申请情况`): it bounds the tables and becomes a heading. */
export interface SectionTitle extends Found {
  ordinal: number;
  title: string;
}

const NUMERALS = "一二三四五六七八";

/** The section titles in `text[from, to)`, in order: glued text runs them into the prose, so they are found by pattern, not by line. */
export function sectionTitles(text: string, from: number, to: number): SectionTitle[] {
  const out: SectionTitle[] = [];
  SECTION_RE.lastIndex = from;
  for (let m = SECTION_RE.exec(text); m && m.index < to; m = SECTION_RE.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, ordinal: NUMERALS.indexOf(m[1]!) + 1, title: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Rows found in the text

/** A template row located in the text. */
export interface RowHit {
  /** Model path of the row (`requests.results.granted`, `proactive.rules`). */
  path: string;
  label: Found;
  /** Text before the label that belongs to it (a group label such as （三）不予公开). */
  lead: Found | null;
  /** The value region, from the label's end to the next label (value characters only). */
  values: Found;
  shape: RowShape | null;
  /** Column keys, for 二 (to build a header when none was printed). */
  columns?: ProactiveColumnDef[];
  reading: Reading | null;
  candidates: Reading[];
  /** The value region's tokens, set when the row is solved. */
  tokens?: Token[];
  /**
   * Every reading of the row, when the search listed them all: the full readings (no blank)
   * that satisfy the row identities, or, when there are none, every reading with blanks. The
   * candidates for the column identities.
   */
  full?: Reading[];
  /**
   * Set when the row's only full reading was taken: how its tokens were split, so that the
   * readings with vanished blanks can be listed if the table shows blanks vanish. Taking the
   * full one is a preference, not a proof, and is flagged then (see {@link doubtFull}).
   */
  fullBy?: { separated: boolean; joins: boolean };
  /** The row could only be read with blank cells: this text drops blanks. */
  blanksShown?: boolean;
  /** The row was read among the readings with vanished blanks (no full reading fits it). */
  fromBlanks?: boolean;
}

const np = (ps: readonly string[]) => ps.map(normalizeLabel);

/** The row identities of 三: the six applicant columns add up to 总计. */
const REQUEST_SHAPE: RowShape = { slots: new Array(APPLICANT_KEYS.length).fill({}), identities: [REQUEST_ROW_IDENTITY] };
/** 四: three groups of five, each total the sum of its four. */
const REVIEW_SHAPE: RowShape = {
  slots: new Array(REVIEW_ROW_WIDTH).fill({}),
  identities: REVIEW_ROW_IDENTITIES,
};

function proactiveShape(columns: readonly ProactiveColumnDef[]): RowShape {
  return {
    slots: columns.map((c) => ({ decimal: c.unit === "万元" || c.key === "totalAmount" || c.key === "amount", negative: c.key === "change" })),
    identities: [],
  };
}

/**
 * Finds `phrases` in the normalised text from `from` to `to` and returns the earliest
 * match; with `marker`, only a match right after that ordinal marker counts.
 */
function findPhrase(t: NormText, phrases: readonly string[], from: number, to: number, marker?: string): { at: number; len: number } | null {
  let best: { at: number; len: number } | null = null;
  for (const p of phrases) {
    let at = t.norm.indexOf(p, from);
    while (at >= 0 && at + p.length <= to) {
      if (!marker || t.norm.slice(Math.max(0, at - marker.length), at) === marker) break;
      at = t.norm.indexOf(p, at + 1);
    }
    if (at >= 0 && at + p.length <= to && (!best || at < best.at)) best = { at, len: p.length };
  }
  return best;
}

/**
 * The start of a label whose key phrase was found at `at`: extended back over the label's
 * own text before the phrase and over its ordinal marker, when the text has them.
 */
function labelStart(t: NormText, at: number, official: string, floor: number): number {
  const norm = normalizeLabel(official);
  const m = readMarker(norm);
  const core = m ? norm.slice(norm.indexOf(m.raw) + m.raw.length) : norm;
  let start = at;
  // The label's text before the phrase (`属于` of 1.属于国家秘密).
  for (let k = core.length; k > 0; k--) {
    const before = core.slice(0, k);
    const idx = core.indexOf(t.norm.slice(at, at + 2));
    if (idx === k && t.norm.slice(at - k, at) === before && at - k >= floor) {
      start = at - k;
      break;
    }
  }
  if (m) {
    const raw = normalizeLabel(m.raw);
    if (start - raw.length >= floor && t.norm.slice(start - raw.length, start) === raw) start -= raw.length;
  }
  return start;
}

// ---------------------------------------------------------------------------------------
// Finding rows

function requestDefs(t: NormText, from: number, to: number): RequestRowDef[] {
  const region = t.norm.slice(from, to);
  return region.includes(normalizeLabel("逾期不补正")) || region.includes(normalizeLabel("缴纳费用")) ? REQUEST_ROWS_2021 : REQUEST_ROWS_2019;
}

/** The end of a label found at norm index `at`: the first value character after it, in the source. */
function labelEnd(t: NormText, text: string, phraseEnd: number, limit: number): number {
  let i = t.src[phraseEnd]!;
  while (i < limit && !(isDigitAt(text, i) || isValueSign(text, i) || placeholderAt(text, i, limit) > 0)) i++;
  // Trailing white space belongs to the value region (it tells separated text apart). The
  // normalised text has no white space, so the phrase's end maps past any; back up from its
  // last character instead.
  const floor = phraseEnd > 0 ? t.src[phraseEnd - 1]! + 1 : t.src[phraseEnd]!;
  let e = i;
  while (e > floor && isSpaceAt(text, e - 1)) e--;
  return e;
}

/**
 * The rows of 三 found in the normalised text between `from` and `to`, in template order (the
 * template decided by which shape of （六） the region names): each row's label, the group
 * label leading it, and its value region up to the next label.
 */
export function findRequestRows(t: NormText, text: string, from: number, to: number): RowHit[] {
  const defs = requestDefs(t, from, to);
  const found: Array<{ def: RequestRowDef; start: number; phraseEnd: number }> = [];
  let cursor = from;
  for (const def of defs) {
    const m = readMarker(def.label);
    const marker = def.exact && m ? normalizeLabel(m.raw) : undefined;
    const hit = findPhrase(t, np(def.phrases), cursor, to, marker);
    if (!hit) continue;
    const start = labelStart(t, hit.at, def.label, cursor);
    found.push({ def, start, phraseEnd: hit.at + hit.len });
    cursor = hit.at + hit.len;
  }
  const limit = t.src[to]!;
  const hits: RowHit[] = [];
  found.forEach((r, i) => {
    const nextStart = i + 1 < found.length ? t.src[found[i + 1]!.start]! : limit;
    const labelFrom = t.src[r.start]!;
    const end = labelEnd(t, text, r.phraseEnd, nextStart);
    const vEnd = valueRunEnd(text, end, nextStart);
    hits.push({
      path: `requests.${r.def.path}`,
      label: { start: labelFrom, end: trimEnd(text, labelFrom, end) },
      lead: null,
      values: { start: end, end: vEnd },
      shape: REQUEST_SHAPE,
      reading: null,
      candidates: [],
    });
  });
  // Text between one row's values and the next label (a group label) leads the next row.
  for (let i = 1; i < hits.length; i++) {
    const s = skipSpace(text, hits[i - 1]!.values.end, hits[i]!.label.start);
    const e = trimEnd(text, s, hits[i]!.label.start);
    if (e > s && e - s <= 20) hits[i]!.lead = { start: s, end: e };
  }
  return hits;
}

/** The template a sub-table header names (by its column phrases), or null. */
function headerFamily(norm: string): Family | null {
  const score = (f: Family) => TEMPLATE_SIGNALS[f].filter((s) => np(s.phrases).some((p) => norm.includes(p))).length;
  const a = score("2021");
  const b = score("2019");
  return a > b ? "2021" : b > a ? "2019" : null;
}

/**
 * The rows of 二 found between `from` and `to`, each with the columns of the template its
 * sub-table's header names (or the region's as a whole): 二's rows share labels across the
 * two templates but not columns, so the shape comes from the header, not the detected template.
 */
export function findProactiveRows(t: NormText, text: string, from: number, to: number): RowHit[] {
  const whole = headerFamily(t.norm.slice(from, to));
  const found: Array<{ key: string; start: number; phraseEnd: number; family: Family | null; def: (typeof PROACTIVE_ROWS)[number] }> = [];
  let cursor = from;
  for (const def of PROACTIVE_ROWS) {
    const hit = findPhrase(t, np(def.phrases), cursor, to);
    if (!hit) continue;
    const start = labelStart(t, hit.at, def.label, cursor);
    // The header before the row (since the last caption) names the family.
    const headerFrom = t.norm.lastIndexOf(normalizeLabel("信息内容"), hit.at);
    const fam = headerFrom >= from ? headerFamily(t.norm.slice(headerFrom, hit.at)) : null;
    const families = Object.keys(def.columns) as Family[];
    const family = families.length === 1 ? families[0]! : (fam ?? whole);
    found.push({ key: def.key, start, phraseEnd: hit.at + hit.len, family, def });
    cursor = hit.at + hit.len;
  }
  const limit = t.src[to]!;
  return found.map((r, i) => {
    const nextStart = i + 1 < found.length ? t.src[found[i + 1]!.start]! : limit;
    const labelFrom = t.src[r.start]!;
    const end = labelEnd(t, text, r.phraseEnd, nextStart);
    const vEnd = valueRunEnd(text, end, nextStart);
    const columns = r.family ? r.def.columns[r.family] : undefined;
    return {
      path: `proactive.${r.key}`,
      label: { start: labelFrom, end: trimEnd(text, labelFrom, end) },
      lead: null,
      values: { start: end, end: vEnd },
      shape: columns ? proactiveShape(columns) : null,
      ...(columns ? { columns } : {}),
      reading: null,
      candidates: [],
    };
  });
}

/**
 * 四 as one row of fifteen values: the first value run after `from` (its title, or else the
 * 行政复议 after 三), accepted only when the header text before it names both groups, since a
 * glued 四 has no row labels to anchor on.
 */
export function findReviewRow(t: NormText, text: string, from: number, titled: boolean): RowHit | null {
  let i = from;
  const limit = Math.min(text.length, t.src[t.norm.length]!);
  if (!titled) {
    const k = t.norm.indexOf(normalizeLabel("行政复议"), normAt(t, from));
    if (k < 0) return null;
    i = t.src[k]!;
  }
  const anchor = i;
  // The header is short in words, however wide its padding (a cell-per-line dump indents each
  // header cell to its column): its length is counted without white space.
  let words = 0;
  while (i < limit && !isDigitAt(text, i)) {
    if (!isSpaceAt(text, i)) words++;
    i++;
  }
  if (i >= limit || words > 400) return null;
  // The header text before the digits must name the groups.
  const head = normalizeLabel(text.slice(anchor, i));
  if (!head.includes("行政复议") || !head.includes("行政诉讼")) return null;
  let s = i;
  while (s > anchor && isSpaceAt(text, s - 1)) s--;
  const end = valueRunEnd(text, s, limit);
  return { path: "reviewsAndLawsuits", label: { start: anchor, end: anchor }, lead: null, values: { start: s, end: trimEnd(text, s, end) }, shape: REVIEW_SHAPE, reading: null, candidates: [] };
}
