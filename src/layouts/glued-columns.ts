/**
 * Column identities over candidate readings, checked one column at a time. A table such as 三
 * holds many rows whose glued digits each allow a few readings, and its identities
 * (（七）总计 = Σ results, 一 + 二 = （七） + 四) tie every row's reading together. Trying every
 * combination is out of reach with twenty rows, but one column's sums are cheap: a reading is
 * impossible when, in some column, no choice of the other rows' readings makes that column's
 * identity hold. Dropping only impossible readings keeps the pruning sound (it never picks
 * one reading over another that still fits), so it may run before any exact search.
 */

/** One term of an identity `Σ coefficient · row = 0`: the row's candidate value vectors. */
export interface ColumnTerm {
  /** Each candidate reading of the row as one value per column (null: a blank, which fits any sum). */
  candidates: ReadonlyArray<ReadonlyArray<number | null>>;
  coefficient: number;
}

/** Largest set of partial sums tracked per column; past it the column prunes nothing. */
const MAX_SUMS = 4096;

/** The sums reachable by choosing one candidate per term, or null when the set grows too large. */
function reachable(terms: readonly ColumnTerm[], column: number): Array<Set<number> | null> {
  // sets[i]: sums of terms 0..i-1.
  const sets: Array<Set<number> | null> = [new Set([0])];
  for (const t of terms) {
    const prev = sets[sets.length - 1]!;
    if (prev === null) {
      sets.push(null);
      continue;
    }
    const next = new Set<number>();
    const values = new Set(t.candidates.filter((c) => c[column] !== null && c[column] !== undefined).map((c) => t.coefficient * c[column]!));
    for (const a of prev) for (const v of values) next.add(round(a + v));
    sets.push(next.size > MAX_SUMS ? null : next);
  }
  return sets;
}

/** Sums in the tables are integers or short decimals: round away floating noise. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Which candidates of each term can satisfy the identity in every one of `width` columns,
 * given some choice for the other terms (each column checked on its own). Returns a keep-mask
 * per term; a term whose mask is all false means no reading fits (then nothing is pruned).
 */
export function feasibleByColumns(terms: readonly ColumnTerm[], width: number): boolean[][] {
  const keep = terms.map((t) => t.candidates.map(() => true));
  for (let k = 0; k < width; k++) {
    // A blank cell is not 0: a choice that leaves one blank in this column satisfies it
    // whatever the others hold, so a column where another term may be blank prunes nothing.
    const blankable = terms.map((t) => t.candidates.some((c) => c[k] === null || c[k] === undefined));
    const blankCount = blankable.filter(Boolean).length;
    const prefix = reachable(terms, k);
    const suffix = reachable([...terms].reverse(), k).reverse();
    terms.forEach((t, i) => {
      const before = prefix[i];
      const after = suffix[i + 1];
      if (!before || !after) return;
      if (blankCount - (blankable[i] ? 1 : 0) > 0) return;
      t.candidates.forEach((c, j) => {
        if (!keep[i]![j]) return;
        if (c[k] === null || c[k] === undefined) return;
        const v = t.coefficient * c[k]!;
        let ok = false;
        for (const a of before) {
          if (after.has(round(-(a + v)))) {
            ok = true;
            break;
          }
        }
        if (!ok) keep[i]![j] = false;
      });
    });
  }
  // An identity no reading satisfies says the candidates are incomplete: prune nothing.
  if (keep.some((m) => m.length > 0 && m.every((x) => !x))) return terms.map((t) => t.candidates.map(() => true));
  return keep;
}
