/**
 * The `get_text()` / `textContent` layout: BeautifulSoup `get_text("")`, cheerio `.text()` and
 * the DOM's `textContent` print a report page with no cell boundaries at all (`规章000行政规范性文件693665`,
 * often the whole body on one line); `get_text(" ")` and `get_text("\n")` separate cells but drop
 * blank ones. Nothing in the text marks a column, so the rows are read against the template:
 * its row labels are found in order (after label normalisation, with a map back to source
 * offsets), the text between one label and the next is the row's values, and a glued run is
 * split by `splitRow` (split.ts) using the row's cell count, the no-leading-zero rule, the columns
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
 *
 * This module is the entry (the run of lines, the diagnostics, the claim); the work is in
 * glued-text.ts (normalised text with a source map, value characters and tokens),
 * glued-rows.ts (section titles and the rows of 二, 三 and 四 found in the text),
 * glued-solve.ts (splitting each row, then the column identities of 三) and glued-blocks.ts
 * (the headings, paragraphs and tables handed back).
 */
import type { Block } from "../ast/types.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { firstDigit, isDigitCode, isHanCode, isSpaceAt } from "../text/chars.js";
import { normalizeLabel } from "../text/labels.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";
import { valuesBeforeFirstRow } from "./glued-order.js";
import { showReading } from "./split.js";
import { textShowsCuts, wholeCellsProven } from "./glued-joins.js";
import { clip, isDigitAt, normAt, normalizeWithMap, tokensOf, trimEnd } from "./glued-text.js";
import { findProactiveRows, findRequestRows, findReviewRow, sectionTitles, type RowHit } from "./glued-rows.js";
import { placeByIndent } from "./glued-indent.js";
import { doubtFull, MAX_READINGS, SHOW_CANDIDATES, solveAlone, solveColumns, unchecked } from "./glued-solve.js";
import { heading, proactiveTable, prose, requestTable, reviewTable } from "./glued-blocks.js";

// ---------------------------------------------------------------------------------------
// The reader

/** Rows of 三 that must be found before the reader claims anything. */
const MIN_REQUEST_ROWS = 8;

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

/** {@link readGlued} without its guard: each contiguous run of free lines that holds 三's anchor is read on its own. */
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

/**
 * One run of lines read as a glued report: the rows of 二, 三 and 四 found and solved, the
 * diagnostics for what could not be read for certain, and the claim (headings, prose and
 * tables) from the first title or row to the last value. Null when 三 is not there.
 */
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
  // A cell-per-line dump indented by column places a row's values by their positions.
  if (requests.length > 0) placeByIndent(text, requests, s3 ? s3.end : requests[0]!.label.start, requests[requests.length - 1]!.values.end, requests[0]!.label.start);
  if (reviews) placeByIndent(text, [reviews], reviews.label.start, reviews.values.end, reviews.values.start);
  const { doubted, broken } = solveColumns(requests);
  // A row whose value region is empty reads as all blank — unless values stand between its
  // label and the next row's: then they are there in a shape the value run did not take, and
  // reading them blank would be silent. The row is left unread and flagged. A zero word counts
  // only standing apart from other Han text (`--无`, not the 无 of （四）无法提供).
  const valueAt = (k: number) => isDigitCode(text.charCodeAt(k)) || (isDigitAt(text, k) && !isHanCode(text.charCodeAt(k - 1)) && !isHanCode(text.charCodeAt(k + 1)));
  for (const list of [proactive, requests]) {
    list.forEach((h, i) => {
      const next = list[i + 1];
      // The row's tokens, as solveAlone cut them: none means an empty region.
      if (!next || !h.shape || (h.tokens?.length ?? 0) > 0) return;
      const bound = trimEnd(text, h.values.start, (next.lead ?? next.label).start);
      for (let k = h.values.start; k < bound; k++) {
        if (!valueAt(k)) continue;
        Object.assign(h, { reading: null, candidates: [], values: { start: h.values.start, end: bound }, tokens: tokensOf(text, h.values.start, bound) });
        return;
      }
    });
  }
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
          : `the digits \`${clip(raw)}\` split into the ${h.shape.slots.length} cells of this row in ${h.candidates.length >= MAX_READINGS ? `${MAX_READINGS} or more ways` : h.candidates.length === 1 ? "one way only as far as the search went (this text may hide where cells end)" : `${h.candidates.length} ways`}, e.g. ${shown.join(" | ")}; its values are left blank (数字拆分有歧义)`,
      path: h.path,
      position: index.position(h.values.start, h.values.end),
      ...(h.candidates.length > 0 ? { candidates: shown } : {}),
    } as Diagnostic);
  }

  doubtFull(requests, text, index, local, broken);
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
    let unread = false;
    for (let i = 0; i + 1 < hits.length; i++) {
      const h = hits[i]!;
      const next = hits[i + 1]!;
      const gapEnd = next.lead?.start ?? next.label.start;
      const gap = text.slice(h.values.end, gapEnd);
      // Digits only: a zero word there is prose (（四）无法提供 when no lead was cut off).
      const k = firstDigit(gap);
      if (k < 0) continue;
      unread = true;
      local.push(
        diagnostic(
          DiagnosticCodes.rowWidthMismatch,
          `text after this row's values was not read as values: \`${clip(gap.trim())}\`; the row may hold more than was read (行后有未读数字)`,
          index.position(h.values.end + k, gapEnd),
          { path: h.path },
        ),
      );
    }
    // A row that prints no value reads as all blank; but where the table has digits no row
    // read (PDF reading order puts a sub-table's values after the next one's caption), they
    // may be its own: say so on the row.
    if (!unread) continue;
    for (const h of hits) {
      if (!h.shape || (h.tokens?.length ?? 0) > 0) continue;
      local.push(
        diagnostic(
          DiagnosticCodes.rowWidthMismatch,
          `this row prints no value, and digits of this table stand where no row read them: they may be this row's (本行无数值，表中另有未读数字)`,
          index.position(h.label.start, h.label.end),
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
  return !/\d\s+\d/.test(text.slice(h.values.start, h.values.end)); // `\s` holds U+3000 and NBSP (text/chars.ts isSpaceAt)
}
