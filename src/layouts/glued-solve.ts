/**
 * Solving the rows of glued text (glued.ts): each row's digits are split into its cells by
 * its own shape and identities (solveAlone), the rows of 三 that still have several readings
 * are narrowed by the column identities of formats.md § D (solveColumns), and readings that
 * rest on a preference rather than a proof are flagged (doubtFull, unchecked). A row is fixed
 * only when one reading is left; otherwise it keeps its candidates for the reader's diagnostic.
 */
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { APPLICANT_KEYS, BALANCE, RESULTS_TOTAL_ROW, isResultRow } from "../templates/identities.js";
import { showReading, splitRow, type Reading } from "./split.js";
import { feasibleByColumns, type ColumnTerm } from "./glued-columns.js";
import { clip, tokensOf, type Token } from "./glued-text.js";
import type { RowHit } from "./glued-rows.js";

// ---------------------------------------------------------------------------------------
// Solving

/** How many readings a row's search lists before it counts as "too many". */
export const MAX_READINGS = 64;

/** How many candidate readings a diagnostic lists. */
export const SHOW_CANDIDATES = 5;

/**
 * A row read with a vanished blank where that blank leaves one of the row's identities open
 * (its total or a part): its rivals were ruled out by sums that this reading cannot be
 * checked against, and a report whose sums are broken makes the wrong reading the only one
 * left. Nothing downstream can show it failing, so it is flagged.
 */
export function unchecked(h: RowHit): boolean {
  const r = h.reading;
  return h.fromBlanks === true && r !== null && h.shape !== null && h.shape.identities.some((x) => [...x.parts, x.total].some((k) => r[k] === null));
}

/**
 * Readings of one row from its own digits and identities; fixes the row when exactly one
 * fits. A hyphen glued after a digit is a blank printed as `-` when no cell of the row may
 * be negative; in a row with a signed cell (本年增/减) it may be either, so both readings of
 * the text are tried and the row is fixed only when they agree or one of them cannot be read.
 */
export function solveAlone(text: string, h: RowHit, separated: boolean, joins = false): void {
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
  solveTokens(signed, tokens.flatMap(splitTrailingHyphen), separated, joins);
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
 * preference for no blank. That preference is a proof only while the text shows no blank
 * vanishing and the table's sums hold: where another row of the table could only be read
 * with blanks, the text is known to drop them; where a column sum of 三 fails with every row
 * fixed (`broken`), the report's sums are broken, and a broken total can make a wrong full
 * reading fit — its misread cell may sit in a column whose own sum still holds, so the failing
 * check does not name it. Either way the row keeps its values with a `split-preferred` warning
 * that lists the rivals, so the number is never trusted silently.
 */
export function doubtFull(rows: readonly RowHit[], text: string, index: LineIndex, out: Diagnostic[], broken: ReadonlySet<RowHit> = new Set()): void {
  const drops = rows.some((h) => h.blanksShown);
  if (!drops && broken.size === 0) return;
  for (const h of rows) {
    if (!h.fullBy || !h.reading || !h.shape || !h.tokens || !(drops || broken.has(h))) continue;
    // Only here, for the few tables that show blanks vanish or sums fail, are the blank readings searched.
    const any = splitRow(h.tokens.map((k) => k.text), h.shape, { blanks: true, ...h.fullBy, maxReadings: MAX_READINGS });
    if (any.readings.length <= 1) continue;
    const rivals = any.readings.filter((r) => r.some((p) => p === null)).slice(0, SHOW_CANDIDATES).map(showReading);
    const why = drops ? "this table drops blanks elsewhere (按无空格读取，另有含空格的读法)" : "the column sums of 三 fail with the rows as read, so the row total that ruled them out may be broken too (列合计不成立，按无空格读取未经验证)";
    out.push(
      diagnostic(
        DiagnosticCodes.splitPreferred,
        `the digits \`${clip(text.slice(h.values.start, h.values.end).trim())}\` were read as ${showReading(h.reading)}, the only reading with every cell filled; readings with a vanished blank fit too${rivals.length > 0 ? ` (e.g. ${rivals.join(" | ")})` : ""}, and ${why}`,
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

/**
 * A hyphen after a number's last digit is a blank printed after a glued cell, never a minus
 * sign (which stands before its digits): `-1-` is the signed cell `-1`, then a blank.
 */
function splitTrailingHyphen(t: Token): Token[] {
  const m = /^(.*[0-9０-９])([-－−]{1,2})$/.exec(t.text);
  return m ? [{ text: m[1]!, start: t.start }, { text: m[2]!, start: t.start + m[1]!.length }] : [t];
}

/** Column values of a reading (null for a blank). */
const valuesOf = (r: Reading): Array<number | null> => r.map((p) => (p ? p.value : null));

/**
 * The column identities of 三 (（七）总计 = the sum of the result rows; 一 + 二 = （七） + 四,
 * per applicant column) narrow rows that still have several full readings: a reading is
 * kept only when some choice of the other rows' readings satisfies the identity in every
 * column. Work is capped by the product of the candidate counts. Returns the fixed rows
 * doubted by a sum no open reading satisfies, and the rows of sums that fail with every row
 * fixed (for {@link doubtFull}).
 */
export function solveColumns(rows: RowHit[]): { doubted: RowHit[]; broken: Set<RowHit> } {
  const doubted = new Set<RowHit>();
  const broken = new Set<RowHit>();
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
        markInfeasible(terms, doubted, broken);
        continue;
      }
      if (pruned) changed = true;
      const open = terms.filter(([h]) => !h.reading);
      const width = APPLICANT_KEYS.length;
      const fixedSum = new Array<number | null>(width).fill(0);
      for (const [h, c] of terms) {
        if (!h.reading) continue;
        valuesOf(h.reading).forEach((v, k) => {
          fixedSum[k] = v === null || fixedSum[k] === null ? null : fixedSum[k]! + c * v;
        });
      }
      if (open.length === 0) {
        if (fixedSum.some((x) => x !== null && Math.abs(x) > 1e-6)) markInfeasible(terms, doubted, broken);
        continue;
      }
      let product = 1;
      for (const [h] of open) product *= h.full!.length;
      if (product > 4096) continue;
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
        markInfeasible(terms, doubted, broken);
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
  return { doubted: [...doubted].filter((h) => h.reading !== null), broken };
}

/**
 * A column identity that no choice of the open rows' readings satisfies: the report's sums
 * are broken, or a row fixed by its own total was misread — and while an open row stays
 * ambiguous, the failing sum never shows as a failing check. The fixed rows are doubted.
 * With every row fixed the check itself fails, but only in the columns whose sums break:
 * the rows go to `broken` for {@link doubtFull}.
 */
function markInfeasible(terms: ReadonlyArray<[RowHit, number]>, doubted: Set<RowHit>, broken: Set<RowHit>): void {
  const all = terms.every(([h]) => h.reading);
  for (const [h] of terms) if (h.reading) (all ? broken : doubted).add(h);
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
