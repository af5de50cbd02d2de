/**
 * Process-wide memos of what the readers derive from a label's text alone.
 *
 * The labels of report tables are the template's own few hundred strings, printed again in
 * every report of a year, so in a bulk run nearly every label has been read before: its
 * normal form, the template rows and signals it names, its marker. Deriving those is a large
 * share of the normaliser's cost per cell, and none of it depends on the report.
 */

/** Texts longer than this are computed afresh every time: every label of the templates is shorter. */
const MAX_KEY = 64;

/**
 * A memo of a pure function of a short string. Bounded twice over, so that it can live for a
 * whole bulk run: once `limit` distinct keys are held it starts afresh, and each key is
 * stored as a copy — a cell's text is a slice of its document, and V8 keeps the whole
 * document alive for as long as a slice of it is (so are the values, computed from the copy).
 */
export class TextMemo<T> {
  private readonly map = new Map<string, T>();

  constructor(
    private readonly compute: (text: string) => T,
    private readonly limit = 4096,
  ) {}

  /** `compute(text)`, computed once while `text` stays among the memo's keys. */
  get(text: string): T {
    if (text.length > MAX_KEY) return this.compute(text);
    const known = this.map.get(text);
    if (known !== undefined) return known;
    // `join` builds a flat string of its own: no reference to the document's text remains.
    const key = text.split("").join("");
    const value = this.compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
