/**
 * The `get_text()` / `textContent` layout: BeautifulSoup `get_text("")`, cheerio `.text()` and
 * the DOM's `textContent` print a report page with no cell boundaries at all (`规章000行政规范性文件693665`,
 * often the whole body on one line); `get_text(" ")` and `get_text("\n")` separate cells but drop
 * blank ones. Nothing in the text marks a column, so the rows are read against the template:
 * its row labels are found in order (after label normalisation, with a map back to source
 * offsets), the text between one label and the next is the row's values, and a glued run is
 * split by {@link splitRow} using the row's cell count, the no-leading-zero rule, the columns
 * that allow decimals or signs, and the identities of formats.md § D. A split is used only when
 * exactly one reading satisfies every constraint; otherwise the row's cells are blank (null)
 * and an `ambiguous-split` warning on the row path lists the candidate readings.
 *
 * Separated text adds what it knows: a dash or slash between separators is a printed blank
 * (glued-joins.ts), numbers Word cut across `<span>`s are joined only when the text proves
 * such cuts, and 二's tokens are taken as its cells only when 三's rows prove whole cells. The
 * column identities prune impossible readings one column at a time (glued-columns.ts), and
 * `get_text("\n")` tables the grammar read by position are offered here (glued-lines.ts).
 *
 * The reader claims the lines from the first section title or table label to the last table
 * value and gives back headings (section titles found inline), paragraphs (the prose between)
 * and `glued` tables whose rows are `[label cells…, value cells…]` with every value cell
 * positioned on its digits, so the ordinary table readers and provenance work unchanged.
 */
import type { Block, Heading, Paragraph, Table, TableCell, TableRow } from "../ast/types.js";
import { readMarker } from "../lexer/markers.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
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
import {
  APPLICANT_KEYS,
  BALANCE,
  REQUEST_ROW_IDENTITY,
  RESULTS_TOTAL_ROW,
  REVIEW_ROW_IDENTITIES,
  REVIEW_ROW_WIDTH,
  isResultRow,
} from "../templates/identities.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";
import { valuesBeforeFirstRow } from "./glued-order.js";
import { showReading, splitRow, ZERO_WORDS, type Reading, type RowShape } from "./split.js";
import { placeholderAt, textShowsCuts, wholeCellsProven } from "./glued-joins.js";
import { feasibleByColumns, type ColumnTerm } from "./glued-columns.js";

// ---------------------------------------------------------------------------------------
// Normalised text with a map back to the source

/** The text normalised for label matching, with the source offset of every normalised character. */
interface NormText {
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

function normalizeWithMap(text: string, from: number, to: number): NormText {
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
function normAt(t: NormText, offset: number): number {
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
const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || (i >= 0 && i < s.length && ZERO_WORDS.includes(s.charAt(i)));
};
const hasDigit = (s: string): boolean => {
  for (let k = 0; k < s.length; k++) if (isDigitAt(s, k)) return true;
  return false;
};
/** A thousands separator: a comma after a digit and before three digits (`1,000`, `１，０００`). */
const isGroupComma = (s: string, i: number): boolean =>
  (s.charAt(i) === "," || s.charAt(i) === "，") && isDigitAt(s, i - 1) && isDigitAt(s, i + 1) && isDigitAt(s, i + 2) && isDigitAt(s, i + 3);
const isSpaceAt = (s: string, i: number): boolean => /[\s\u3000\u00a0]/.test(s.charAt(i));
const isPointOrSign = (s: string, i: number): boolean => ".．-－−+＋".includes(s.charAt(i));
const UNITS = ["万元", "元"];

/** A sign, point or dash that starts a value run: before a digit, or a run of dashes before one (`--0`: two blanks, then 0). */
function isValueSign(s: string, i: number): boolean {
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

/** A run of value characters: digits, points, signs, white space, units, blank placeholders. */
function valueRunEnd(s: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const dash = placeholderAt(s, i, to);
    if (dash > 0) i += dash;
    else if (isBlankMark(s, i) && (isDigitAt(s, i - 1) || isDigitAt(s, i + 1) || isBlankMark(s, i - 1) || isBlankMark(s, i + 1))) i++;
    else if (isDigitAt(s, i) || isSpaceAt(s, i) || isGroupComma(s, i)) i++;
    else if (isPointOrSign(s, i) && (isDigitAt(s, i + 1) || isDigitAt(s, i - 1))) i++;
    else if (unitAt(s, i) > 0 && i > from) i += unitAt(s, i);
    else break;
  }
  return i;
}

/** A token of a value region: digits (with points and signs) between white space or units. */
interface Token {
  text: string;
  start: number;
}

function tokensOf(s: string, from: number, to: number): Token[] {
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
// Section titles

const SECTION_RE =
  /([一二三四五六七八])\s*[、.．，]\s*(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议\s*[、，,]?\s*行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项)/g;

interface Found {
  start: number;
  end: number;
}

interface SectionTitle extends Found {
  ordinal: number;
  title: string;
}

const NUMERALS = "一二三四五六七八";

function sectionTitles(text: string, from: number, to: number): SectionTitle[] {
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
interface RowHit {
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

/**
 * A row read with a vanished blank where that blank leaves one of the row's identities open
 * (its total or a part): its rivals were ruled out by sums that this reading cannot be
 * checked against, and a report whose sums are broken makes the wrong reading the only one
 * left. Nothing downstream can show it failing, so it is flagged.
 */
function unchecked(h: RowHit): boolean {
  const r = h.reading;
  return h.fromBlanks === true && r !== null && h.shape !== null && h.shape.identities.some((x) => [...x.parts, x.total].some((k) => r[k] === null));
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
// The reader

/** Rows of 三 that must be found before the reader claims anything. */
const MIN_REQUEST_ROWS = 8;

/** How many readings a row's search lists before it counts as "too many". */
const MAX_READINGS = 64;

/** How many candidate readings a diagnostic lists. */
const SHOW_CANDIDATES = 5;

/**
 * The layout reader for `get_text()` text. Registered last: it claims only text in which
 * the rows of 三 are found as labels followed by digits and no earlier reader took.
 */
export const readGlued: LayoutReader = (lines, index, out) => {
  try {
    return readGluedUnsafe(lines, index, out);
  } catch {
    return [];
  }
};

function readGluedUnsafe(lines: readonly SourceLine[], index: LineIndex, out: Diagnostic[]): LayoutClaim[] {
  if (lines.length === 0) return [];
  const text = index.text;
  // Work on the longest stretch of contiguous free lines that holds 三's anchor.
  const runs: Array<[number, number]> = [];
  let a = 0;
  for (let i = 1; i <= lines.length; i++) {
    const prev = lines[i - 1]!;
    const next = lines[i];
    const contiguous = next && next.offset <= prev.offset + prev.text.length + 2 && /^[\r\n]*$/.test(text.slice(prev.offset + prev.text.length, next.offset));
    if (!contiguous) {
      runs.push([a, i - 1]);
      a = i;
    }
  }
  const claims: LayoutClaim[] = [];
  for (const [f, l] of runs) {
    const from = lines[f]!.offset;
    const to = lines[l]!.offset + lines[l]!.text.length;
    const chunk = text.slice(from, to);
    if (!chunk.includes("本年新收") && !normalizeLabel(chunk.slice(0, 200000)).includes("本年新收")) continue;
    const claim = readRun(lines, f, l, index, out);
    if (claim) claims.push(claim);
  }
  return claims;
}

function readRun(lines: readonly SourceLine[], f: number, l: number, index: LineIndex, out: Diagnostic[]): LayoutClaim | null {
  const text = index.text;
  const from = lines[f]!.offset;
  const to = lines[l]!.offset + lines[l]!.text.length;
  const t = normalizeWithMap(text, from, to);
  const titles = sectionTitles(text, from, to);
  const title = (n: number) => titles.find((s) => s.ordinal === n);

  // 三: from its title (or the first 本年新收) to 四's title (or the end).
  const s3 = title(3);
  const s4 = title(4);
  const s2 = title(2);
  const n3from = s3 ? normAt(t, s3.end) : Math.max(0, t.norm.indexOf(normalizeLabel("本年新收")) - 40);
  const n3to = s4 && s4.start > (s3?.end ?? 0) ? normAt(t, s4.start) : t.norm.length;
  const local: Diagnostic[] = [];
  const requests = findRequestRows(t, text, n3from, n3to);
  if (requests.length < MIN_REQUEST_ROWS) return null;
  // Rows whose label is glued to its digits: the text has no cell boundaries.
  const glued = (hits: RowHit[]) => hits.some((h) => h.values.end > h.values.start && !isSpaceAt(text, h.values.start));

  // 二: between its title (or the first 第二十条) and 三.
  const n2from = s2 ? normAt(t, s2.end) : t.norm.indexOf(normalizeLabel("第二十条"));
  const proactive = n2from >= 0 && n2from < n3from ? findProactiveRows(t, text, n2from, s3 ? normAt(t, s3.start) : n3from) : [];

  // 四: the first value run after its title (or after 行政复议 following 三's last row).
  const lastRequest = requests[requests.length - 1]!;
  const reviewFrom = s4 ? s4.end : lastRequest.values.end;
  const reviews = findReviewRow(t, text, reviewFrom, s4 !== undefined);

  const separated2 = !glued(proactive);
  const separated3 = !glued(requests);
  // Numbers cut across <span>s show in a separated text as more tokens than cells or as a
  // piece with a leading zero; only then may a cell be joined from several tokens.
  const joins =
    (separated2 || separated3) &&
    textShowsCuts(
      [...proactive, ...requests, ...(reviews ? [reviews] : [])]
        .filter((h) => h.shape)
        .map((h) => ({ tokens: tokensOf(text, h.values.start, h.values.end).map((k) => k.text), slots: h.shape!.slots.length })),
    );
  for (const h of proactive) solveAlone(text, h, separated2, joins && separated2);
  for (const h of requests) solveAlone(text, h, separated3, joins && separated3);
  // Word-pasted pages split numbers across <span>s (`588</span><span>5835`), and get_text(" ")
  // puts a space at every split, while a blank cell prints nothing: `588 5835` may be one
  // number or two. 二 has no identity to tell, so a 二 row read from two or more separated
  // tokens is never trusted (三 and 四 rows are checked by their totals).
  // Unless 三's rows prove this text prints each cell as one whole token.
  const whole =
    separated2 &&
    separated3 &&
    !joins &&
    wholeCellsProven(requests.map((h) => ({ tokens: (h.tokens ?? []).map((k) => k.text), slots: h.shape!.slots.length, filled: h.reading !== null && h.reading.every((p) => p !== null) })));
  if (!whole) {
    for (const h of proactive) {
      if (h.reading && (h.tokens?.length ?? 0) >= 2) {
        h.candidates = [h.reading];
        h.reading = null;
      }
    }
  }
  if (reviews) solveAlone(text, reviews, !isGlued4(text, reviews), joins && !isGlued4(text, reviews));
  const doubted = solveColumns(requests);
  for (const h of [...proactive, ...requests, ...(reviews ? [reviews] : [])]) {
    if (h.reading || !h.shape) continue;
    if (h.values.end === h.values.start) continue;
    const raw = text.slice(h.values.start, h.values.end).trim();
    const shown = h.candidates.slice(0, SHOW_CANDIDATES).map(showReading);
    local.push({
      code: DiagnosticCodes.ambiguousSplit.code,
      severity: DiagnosticCodes.ambiguousSplit.severity,
      message:
        h.candidates.length === 0
          ? `the digits \`${clip(raw)}\` cannot be split into the ${h.shape.slots.length} cells of this row under the template's constraints; its values are left blank (数字无法按模板拆分)`
          : `the digits \`${clip(raw)}\` split into the ${h.shape.slots.length} cells of this row in ${h.candidates.length >= MAX_READINGS ? `${MAX_READINGS} or more` : h.candidates.length} ways, e.g. ${shown.join(" | ")}; its values are left blank (数字拆分有歧义)`,
      path: h.path,
      position: index.position(h.values.start, h.values.end),
      ...(h.candidates.length > 0 ? { candidates: shown } : {}),
    } as Diagnostic);
  }

  doubtFull(requests, text, index, local);
  for (const h of [...requests, ...(reviews ? [reviews] : [])]) {
    if (!unchecked(h) || doubted.includes(h)) continue;
    local.push(
      diagnostic(
        DiagnosticCodes.splitUnconfirmed,
        `the digits \`${clip(text.slice(h.values.start, h.values.end).trim())}\` were read as ${showReading(h.reading!)} with a vanished blank, the reading the sums left; but that blank leaves the row total open, so no identity confirms it (拆分未经勾稽验证)`,
        index.position(h.values.start, h.values.end),
        { path: h.path },
      ),
    );
  }
  for (const h of doubted) {
    local.push(
      diagnostic(
        DiagnosticCodes.splitUnconfirmed,
        `the digits \`${clip(text.slice(h.values.start, h.values.end).trim())}\` were read as ${showReading(h.reading!)} by the row's own total, but the column sums of 三 cannot hold with the rows as read: the report's sums are broken or this row was misread (列合计无法成立，该行拆分未经验证)`,
        index.position(h.values.start, h.values.end),
        { path: h.path },
      ),
    );
  }

  // Digits between a row's values and the next row's label were not read as this row's
  // values (a sign or mark the value run does not know): say so on the row, never drop them.
  for (const hits of [proactive, requests]) {
    for (let i = 0; i + 1 < hits.length; i++) {
      const h = hits[i]!;
      const next = hits[i + 1]!;
      const gapEnd = next.lead?.start ?? next.label.start;
      const gap = text.slice(h.values.end, gapEnd);
      // Digits only: a zero word there is prose (（四）无法提供 when no lead was cut off).
      const k = gap.search(/[0-9０-９]/);
      if (k < 0) continue;
      local.push(
        diagnostic(
          DiagnosticCodes.rowWidthMismatch,
          `text after this row's values was not read as values: \`${clip(gap.trim())}\`; the row may hold more than was read (行后有未读数字)`,
          index.position(h.values.end + k, gapEnd),
          { path: h.path },
        ),
      );
    }
  }

  // A row's values printed before its label (PDF reading order) shift every row: say so on the table.
  for (const [path, nFrom, hits] of [["proactive", n2from, proactive], ["requests", n3from, requests]] as const) {
    const d = nFrom >= 0 ? valuesBeforeFirstRow(text, index, path, t.src[nFrom]!, hits[0]) : null;
    if (d) local.push(d);
  }

  // The claimed text: from the first section title or row to the last value.
  const items: Array<{ start: number; end: number; block: Block }> = [];
  for (const s of titles) items.push({ start: s.start, end: s.end, block: heading(index, s) });
  const t2 = proactive.length > 0 ? proactiveTable(index, t, text, proactive, n2from) : null;
  if (t2) items.push({ start: t2.position.start.offset, end: t2.position.end.offset, block: t2 });
  const t3 = requestTable(index, requests);
  items.push({ start: t3.position.start.offset, end: t3.position.end.offset, block: t3 });
  const t4 = reviews ? reviewTable(index, text, reviews, reviewFrom) : null;
  if (t4) items.push({ start: t4.position.start.offset, end: t4.position.end.offset, block: t4 });
  items.sort((x, y) => x.start - y.start);
  // Drop items overlapping an earlier one (a title inside a table's span).
  const kept: typeof items = [];
  for (const it of items) if (kept.length === 0 || it.start >= kept[kept.length - 1]!.end) kept.push(it);
  const first = kept[0]!.start;
  const last = kept[kept.length - 1]!.end;
  let fl = f;
  while (fl < l && lines[fl]!.offset + lines[fl]!.text.length <= first) fl++;
  let ll = l;
  while (ll > fl && lines[ll]!.offset >= last) ll--;
  const spanStart = lines[fl]!.offset;
  const spanEnd = lines[ll]!.offset + lines[ll]!.text.length;
  const blocks: Block[] = [];
  let at = spanStart;
  for (const it of kept) {
    prose(index, text, at, it.start, blocks);
    blocks.push(it.block);
    at = it.end;
  }
  prose(index, text, at, spanEnd, blocks);
  out.push(...local);
  return { first: fl, last: ll, blocks };
}

/** 四's digits are glued when its value region holds no white space between digits. */
function isGlued4(text: string, h: RowHit): boolean {
  return !/\d[\s\u3000\u00a0]+\d/.test(text.slice(h.values.start, h.values.end));
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
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

function findRequestRows(t: NormText, text: string, from: number, to: number): RowHit[] {
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

function skipSpace(text: string, from: number, to: number): number {
  while (from < to && isSpaceAt(text, from)) from++;
  return from;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpaceAt(text, to - 1)) to--;
  return to;
}

/** The template a sub-table header names (by its column phrases), or null. */
function headerFamily(norm: string): Family | null {
  const score = (f: Family) => TEMPLATE_SIGNALS[f].filter((s) => np(s.phrases).some((p) => norm.includes(p))).length;
  const a = score("2021");
  const b = score("2019");
  return a > b ? "2021" : b > a ? "2019" : null;
}

function findProactiveRows(t: NormText, text: string, from: number, to: number): RowHit[] {
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

function findReviewRow(t: NormText, text: string, from: number, titled: boolean): RowHit | null {
  let i = from;
  const limit = Math.min(text.length, t.src[t.norm.length]!);
  if (!titled) {
    const k = t.norm.indexOf(normalizeLabel("行政复议"), normAt(t, from));
    if (k < 0) return null;
    i = t.src[k]!;
  }
  const anchor = i;
  while (i < limit && !isDigitAt(text, i)) i++;
  if (i >= limit || i - anchor > 400) return null;
  // The header text before the digits must name the groups.
  const head = normalizeLabel(text.slice(anchor, i));
  if (!head.includes("行政复议") || !head.includes("行政诉讼")) return null;
  let s = i;
  while (s > anchor && isSpaceAt(text, s - 1)) s--;
  const end = valueRunEnd(text, s, limit);
  return { path: "reviewsAndLawsuits", label: { start: anchor, end: anchor }, lead: null, values: { start: s, end: trimEnd(text, s, end) }, shape: REVIEW_SHAPE, reading: null, candidates: [] };
}

// ---------------------------------------------------------------------------------------
// Solving

/**
 * Readings of one row from its own digits and identities; fixes the row when exactly one
 * fits. A hyphen glued after a digit is a blank printed as `-` when no cell of the row may
 * be negative; in a row with a signed cell (本年增/减) it may be either, so both readings of
 * the text are tried and the row is fixed only when they agree or one of them cannot be read.
 */
function solveAlone(text: string, h: RowHit, separated: boolean, joins = false): void {
  if (!h.shape) return;
  const tokens = tokensOf(text, h.values.start, h.values.end);
  const cut = tokens.flatMap(splitAtHyphens);
  // No signed cell, or no hyphen inside a token (then `cut` holds the same tokens): one reading.
  if (h.shape.slots.every((x) => !x.negative) || cut.length === tokens.length) {
    solveTokens(h, cut, separated, joins);
    return;
  }
  const signed: RowHit = { ...h };
  const blank: RowHit = { ...h };
  solveTokens(signed, tokens, separated, joins);
  solveTokens(blank, cut, separated, joins);
  const read = (x: RowHit) => x.reading !== null || x.candidates.length > 0;
  const same = signed.reading && blank.reading && showReading(signed.reading) === showReading(blank.reading);
  const pick = same || !read(blank) ? signed : !read(signed) ? blank : null;
  if (pick) {
    Object.assign(h, pick);
    return;
  }
  // Both readings of the hyphen fit: the row is left for a diagnostic listing both.
  Object.assign(h, signed, { reading: null, full: undefined, fullBy: undefined, candidates: [...(signed.reading ? [signed.reading] : signed.candidates), ...(blank.reading ? [blank.reading] : blank.candidates)] });
}

/** {@link solveAlone} on one cut of the row's text into tokens. */
function solveTokens(h: RowHit, tokens: Token[], separated: boolean, joins: boolean): void {
  if (!h.shape) return;
  h.tokens = tokens;
  const toks = tokens.map((k) => k.text);
  if (toks.length === 0) {
    // Nothing printed: every cell of the row is blank.
    h.reading = new Array<null>(h.shape.slots.length).fill(null);
    return;
  }
  // A search that stopped early or reached the cap has not listed every reading.
  const complete = (r: { readings: Reading[]; exhausted: boolean }) => !r.exhausted && r.readings.length < MAX_READINGS;
  if (h.shape.identities.length > 0) {
    // A reading with every cell filled that satisfies the row's identities is what the
    // row printed unless blanks vanished; the blank readings are tried when none is.
    const full = splitRow(toks, h.shape, { blanks: false, separated, joins, maxReadings: MAX_READINGS });
    if (complete(full) && full.readings.length === 1) {
      h.reading = full.readings[0]!;
      h.fullBy = { separated, joins };
      return;
    }
    if (complete(full) && full.readings.length > 1) {
      h.full = full.readings;
      h.candidates = full.readings;
      return;
    }
    if (!complete(full)) {
      h.candidates = full.readings;
      return;
    }
  }
  const any = splitRow(toks, h.shape, { blanks: true, separated, joins, maxReadings: MAX_READINGS });
  if (any.readings.length > 0 && h.shape.identities.length > 0) h.blanksShown = true;
  h.fromBlanks = true;
  if (complete(any) && any.readings.length === 1) h.reading = any.readings[0]!;
  else {
    h.candidates = any.readings;
    // Every reading with blanks is listed: the column identities may still narrow them.
    if (complete(any) && any.readings.length > 1) h.full = any.readings;
  }
}

/**
 * A row read in full although readings with vanished blanks also fit it rests on the
 * preference for no blank. Where another row of the table could only be read with blanks,
 * the text is known to drop them, and a report whose sums are broken can make a wrong full
 * reading fit its total: the row keeps its values with a `split-preferred` warning that
 * lists the rivals, so the number is never trusted silently.
 */
function doubtFull(rows: readonly RowHit[], text: string, index: LineIndex, out: Diagnostic[]): void {
  if (!rows.some((h) => h.blanksShown)) return;
  for (const h of rows) {
    if (!h.fullBy || !h.reading || !h.shape || !h.tokens) continue;
    // Only here, for the few tables that show blanks vanish, are the blank readings searched.
    const any = splitRow(h.tokens.map((k) => k.text), h.shape, { blanks: true, ...h.fullBy, maxReadings: MAX_READINGS });
    if (any.readings.length <= 1) continue;
    const rivals = any.readings.filter((r) => r.some((p) => p === null)).slice(0, SHOW_CANDIDATES).map(showReading);
    out.push(
      diagnostic(
        DiagnosticCodes.splitPreferred,
        `the digits \`${clip(text.slice(h.values.start, h.values.end).trim())}\` were read as ${showReading(h.reading)}, the only reading with every cell filled; readings with a vanished blank fit too${rivals.length > 0 ? ` (e.g. ${rivals.join(" | ")})` : ""}, and this table drops blanks elsewhere (按无空格读取，另有含空格的读法)`,
        index.position(h.values.start, h.values.end),
        { path: h.path },
      ),
    );
  }
}

/** A token cut at its hyphens (`09000-17` → `09000`, `-`, `17`), each hyphen a token of its own. */
function splitAtHyphens(t: Token): Token[] {
  if (!/[-－−]/.test(t.text) || /^[-－−]{1,2}$/.test(t.text)) return [t];
  const out: Token[] = [];
  const re = /[-－−]|[^-－−]+/g;
  for (let m = re.exec(t.text); m; m = re.exec(t.text)) out.push({ text: m[0], start: t.start + m.index });
  return out;
}

/** Column values of a reading (null for a blank). */
const valuesOf = (r: Reading): Array<number | null> => r.map((p) => (p ? p.value : null));

/**
 * The column identities of 三 (（七）总计 = the sum of the result rows; 一 + 二 = （七） + 四,
 * per applicant column) narrow rows that still have several full readings: a reading is
 * kept only when some choice of the other rows' readings satisfies the identity in every
 * column. Work is capped by the product of the candidate counts.
 */
function solveColumns(rows: RowHit[]): RowHit[] {
  const doubted = new Set<RowHit>();
  const by = new Map(rows.map((h) => [h.path.replace(/^requests\./, ""), h]));
  const results = rows.filter((h) => h.path.startsWith("requests.") && isResultRow(h.path.slice("requests.".length)));
  const side = (paths: readonly string[], c: number) => paths.map((p): [RowHit | undefined, number] => [by.get(p), c]);
  const ids: Array<Array<[RowHit | undefined, number]>> = [
    [[by.get(RESULTS_TOTAL_ROW), -1], ...results.map((h): [RowHit, number] => [h, 1])],
    [...side(BALANCE.left, 1), ...side(BALANCE.right, -1)],
    // The two together, without （七）总计: still decides the results when 总计 is unread.
    [...side(BALANCE.left, 1), ...side(BALANCE.right.filter((p) => p !== RESULTS_TOTAL_ROW), -1), ...results.map((h): [RowHit, number] => [h, -1])],
  ];
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const id of ids) {
      if (id.some(([h]) => !h || (!h.reading && !h.full))) continue;
      const terms = id as Array<[RowHit, number]>;
      const pruned = pruneColumns(terms);
      if (pruned === null) {
        markInfeasible(terms, doubted);
        continue;
      }
      if (pruned) changed = true;
      const open = terms.filter(([h]) => !h.reading);
      if (open.length === 0) continue;
      let product = 1;
      for (const [h] of open) product *= h.full!.length;
      if (product > 4096) continue;
      const width = APPLICANT_KEYS.length;
      const fixedSum = new Array<number | null>(width).fill(0);
      for (const [h, c] of terms) {
        if (!h.reading) continue;
        valuesOf(h.reading).forEach((v, k) => {
          fixedSum[k] = v === null || fixedSum[k] === null ? null : fixedSum[k]! + c * v;
        });
      }
      const keep = open.map(() => new Set<number>());
      const pick = new Array<number>(open.length).fill(0);
      for (let n = 0; n < product; n++) {
        let rest = n;
        for (let i = 0; i < open.length; i++) {
          pick[i] = rest % open[i]![0].full!.length;
          rest = Math.floor(rest / open[i]![0].full!.length);
        }
        let ok = true;
        for (let k = 0; ok && k < width; k++) {
          if (fixedSum[k] === null) continue;
          let sum: number | null = fixedSum[k]!;
          // A blank is not a zero: a column with one is not checked (as in checks/), so a
          // reading is never chosen for making a sum hold with its blank counted as 0.
          for (let i = 0; i < open.length && sum !== null; i++) {
            const piece = open[i]![0].full![pick[i]!]![k];
            sum = piece ? sum + open[i]![1] * piece.value : null;
          }
          if (sum !== null && Math.abs(sum) > 1e-6) ok = false;
        }
        if (ok) pick.forEach((p, i) => keep[i]!.add(p));
      }
      if (keep.some((k) => k.size === 0)) {
        markInfeasible(terms, doubted);
        continue;
      }
      open.forEach(([h], i) => {
        const kept = [...keep[i]!].sort((x, y) => x - y).map((k) => h.full![k]!);
        if (kept.length === 0 || kept.length === h.full!.length) return;
        changed = true;
        h.full = kept;
        h.candidates = kept;
        if (kept.length === 1) h.reading = kept[0]!;
      });
    }
    if (!changed) break;
  }
  return [...doubted].filter((h) => h.reading !== null);
}

/**
 * A column identity that no choice of the open rows' readings satisfies: the report's sums
 * are broken, or a row fixed by its own total was misread — and while an open row stays
 * ambiguous, the failing sum never shows as a failing check. The fixed rows are doubted.
 */
function markInfeasible(terms: ReadonlyArray<[RowHit, number]>, doubted: Set<RowHit>): void {
  if (terms.every(([h]) => h.reading)) return; // all fixed: the check itself fails and names them
  for (const [h] of terms) if (h.reading) doubted.add(h);
}

/**
 * Drops the full readings of open rows that no choice of the other rows fits, one column at a
 * time (sound: only impossible readings go); a row left with one reading is fixed. Null when
 * some row has no reading left: the identity cannot hold as the rows were read.
 */
function pruneColumns(terms: Array<[RowHit, number]>): boolean | null {
  const cols: ColumnTerm[] = terms.map(([h, c]) => ({ candidates: h.reading ? [valuesOf(h.reading)] : h.full!.map(valuesOf), coefficient: c }));
  const keep = feasibleByColumns(cols, APPLICANT_KEYS.length);
  if (keep.some((k) => !k.some(Boolean))) return null;
  let changed = false;
  terms.forEach(([h], i) => {
    if (h.reading) return;
    const kept = h.full!.filter((_, j) => keep[i]![j]);
    if (kept.length === 0 || kept.length === h.full!.length) return;
    changed = true;
    h.full = kept;
    h.candidates = kept;
    if (kept.length === 1) h.reading = kept[0]!;
  });
  return changed;
}

// ---------------------------------------------------------------------------------------
// Blocks

function heading(index: LineIndex, s: SectionTitle): Heading {
  const raw = s.title.slice(0, s.title.search(/[、.．，]/) + 1);
  return {
    type: "heading",
    depth: 1,
    marker: { style: "chinese", ordinal: s.ordinal, raw },
    value: s.title.slice(raw.length).trim(),
    position: index.position(s.start, s.end),
  };
}

function prose(index: LineIndex, text: string, from: number, to: number, out: Block[]): void {
  let i = from;
  while (i < to) {
    let e = i;
    while (e < to && text[e] !== "\n" && text[e] !== "\r") e++;
    let s = i;
    while (s < e && isSpaceAt(text, s)) s++;
    const te = trimEnd(text, s, e);
    if (te > s) {
      const value = text.slice(s, te);
      const m = value.length <= 40 && !value.includes("。") ? readMarker(value) : null;
      if (m) {
        const depth = m.style === "chinese" ? 1 : m.style === "paren-chinese" ? 2 : m.style === "arabic" ? 3 : m.style === "paren-arabic" ? 4 : 1;
        const h: Heading = { type: "heading", depth, marker: m, value: value.slice(value.indexOf(m.raw) + m.raw.length).trim(), position: index.position(s, te) };
        out.push(h);
      } else {
        const p: Paragraph = { type: "paragraph", value, position: index.position(s, te) };
        out.push(p);
      }
    }
    i = e + 1;
  }
}

function cell(index: LineIndex, text: string, start: number, end: number): TableCell {
  return { type: "tableCell", value: text.slice(start, end), position: index.position(start, end) };
}

function valueCells(index: LineIndex, text: string, h: RowHit): TableCell[] {
  const n = h.shape!.slots.length;
  const cells: TableCell[] = [];
  let at = h.values.start;
  for (let i = 0; i < n; i++) {
    const p = h.reading?.[i] ?? null;
    if (p) {
      const tok = h.tokens![p.token]!;
      const s = tok.start + p.at;
      if (p.tokenEnd !== undefined) {
        // A number joined from several tokens: the cell spans them all and reads as the digits.
        const last = h.tokens![p.tokenEnd]!;
        const e = last.start + last.text.length;
        cells.push({ type: "tableCell", value: p.text, position: index.position(s, e) });
        at = e;
        continue;
      }
      cells.push(cell(index, text, s, s + p.text.length));
      at = s + p.text.length;
    } else cells.push(cell(index, text, at, at));
  }
  return cells;
}

function rowOf(index: LineIndex, cells: TableCell[]): TableRow {
  const start = cells[0]!.position.start.offset;
  let end = start;
  for (const c of cells) end = Math.max(end, c.position.end.offset);
  return { type: "tableRow", padding: 0, children: cells, position: index.position(start, end) };
}

function tableOf(index: LineIndex, rows: TableRow[]): Table {
  const start = rows[0]!.position.start.offset;
  const end = rows[rows.length - 1]!.position.end.offset;
  return { type: "table", form: "glued", columns: null, children: rows, position: index.position(start, end) };
}

function requestTable(index: LineIndex, hits: RowHit[]): Table {
  const text = index.text;
  const rows = hits.map((h) => {
    const cells: TableCell[] = [];
    if (h.lead) cells.push(cell(index, text, h.lead.start, h.lead.end));
    cells.push(cell(index, text, h.label.start, h.label.end));
    cells.push(...valueCells(index, text, h));
    return rowOf(index, cells);
  });
  return tableOf(index, rows);
}

const CAPTION_RE = /第\s*二\s*十\s*条\s*第\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*项/g;

function proactiveTable(index: LineIndex, t: NormText, text: string, hits: RowHit[], nFrom: number): Table {
  const rows: TableRow[] = [];
  let at = t.src[nFrom]!;
  for (const h of hits) {
    // Caption and header printed before this row.
    CAPTION_RE.lastIndex = at;
    let capEnd = at;
    for (let m = CAPTION_RE.exec(text); m && m.index < h.label.start; m = CAPTION_RE.exec(text)) {
      rows.push(rowOf(index, [cell(index, text, m.index, m.index + m[0].length)]));
      capEnd = m.index + m[0].length;
    }
    const headerAt = text.indexOf("信息内容", capEnd);
    if (headerAt >= 0 && headerAt < h.label.start && h.columns) {
      const header = headerCells(index, text, headerAt, trimEnd(text, headerAt, h.label.start), h.columns);
      if (header) rows.push(rowOf(index, header));
    }
    const cells = [cell(index, text, h.label.start, h.label.end)];
    if (h.shape) cells.push(...valueCells(index, text, h));
    rows.push(rowOf(index, cells));
    at = h.values.end;
  }
  return tableOf(index, rows);
}

/** `信息内容本年制发件数本年废止件数现行有效件数` cut at the columns' labels. */
function headerCells(index: LineIndex, text: string, from: number, to: number, columns: readonly ProactiveColumnDef[]): TableCell[] | null {
  const starts: number[] = [from];
  let cursor = from + "信息内容".length;
  for (const c of columns) {
    const k = text.indexOf(c.label.replace(/（.*$/, ""), cursor);
    if (k < 0 || k >= to) return [cell(index, text, from, from + 4)];
    starts.push(k);
    cursor = k + 1;
  }
  const cells: TableCell[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = skipSpace(text, starts[i]!, to);
    const e = trimEnd(text, s, i + 1 < starts.length ? starts[i + 1]! : to);
    cells.push(cell(index, text, s, e));
  }
  return cells;
}

function reviewTable(index: LineIndex, text: string, h: RowHit, from: number): Table {
  const rows: TableRow[] = [];
  const s = skipSpace(text, h.label.start === h.label.end ? from : h.label.start, h.values.start);
  const e = trimEnd(text, s, h.values.start);
  if (e > s) rows.push(rowOf(index, [cell(index, text, s, e)]));
  rows.push(rowOf(index, valueCells(index, text, h)));
  return tableOf(index, rows);
}
