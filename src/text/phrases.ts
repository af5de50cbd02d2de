/**
 * Matching many short phrases against one text at once: the label readers ask, for every
 * cell, which of dozens of template rows or signals it names, and asking each phrase in
 * turn (`text.includes(p)`) was the largest share of the normaliser's time.
 */
import { normalizeLabel } from "./labels.js";

/**
 * For a list of phrase sets, which sets have a phrase occurring in a text — the answer of
 * `sets.map((phrases) => phrases.some((p) => text.includes(p)))`. Phrases are indexed by
 * their first character, so the text is scanned once, with one lookup per character,
 * instead of once per phrase. Phrases are matched as given (normalise them first).
 */
export class PhraseIndex {
  private readonly byFirst = new Map<number, Array<readonly [set: number, phrase: string]>>();
  /** 1 at the code units some phrase starts with: most characters of a text are passed over on this alone. */
  private readonly starts = new Uint8Array(0x10000);
  /** Sets holding the empty phrase, which every text contains. */
  private readonly always: number[] = [];

  constructor(private readonly sets: ReadonlyArray<readonly string[]>) {
    sets.forEach((phrases, set) => {
      for (const p of phrases) {
        if (p === "") {
          this.always.push(set);
          continue;
        }
        const c = p.charCodeAt(0);
        this.starts[c] = 1;
        let list = this.byFirst.get(c);
        if (list === undefined) this.byFirst.set(c, (list = []));
        list.push([set, p]);
      }
    });
  }

  /** `found[i]` is 1 when a phrase of set i occurs in `s`, else 0. */
  hits(s: string): Uint8Array {
    const found = new Uint8Array(this.sets.length);
    for (const set of this.always) found[set] = 1;
    const starts = this.starts;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (starts[c] === 0) continue;
      const list = this.byFirst.get(c);
      if (list === undefined) continue;
      for (const [set, p] of list) if (found[set] === 0 && s.startsWith(p, i)) found[set] = 1;
    }
    return found;
  }
}

/**
 * Phrase lists in normalised form, computed once per list: phrase tests run for every label
 * against every template row, and normalising the same constant phrases on each call was a
 * measurable share of the normaliser. Keyed by the (constant) list itself.
 */
const NORMALIZED_PHRASES = new WeakMap<readonly string[], readonly string[]>();

/** `phrases` normalised by `normalizeLabel`, once per list. */
export function normalizedPhrases(phrases: readonly string[]): readonly string[] {
  let n = NORMALIZED_PHRASES.get(phrases);
  if (n === undefined) NORMALIZED_PHRASES.set(phrases, (n = phrases.map(normalizeLabel)));
  return n;
}

/** Whether an already normalised text contains one of a template's key phrases. */
export function hasPhrase(normalized: string, phrases: readonly string[]): boolean {
  return normalizedPhrases(phrases).some((p) => normalized.includes(p));
}
