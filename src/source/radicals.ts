/**
 * Text taken out of a PDF (pdfminer, pdfplumber and other extractors on reports typeset with
 * common Chinese fonts) often spells characters with the Kangxi radicals block: `⼆、主动公开`,
 * `⾏政许可`, `第⼗条` look right but are U+2F06, U+2F8F, U+2F17, not 二 行 十, so no label,
 * heading marker or numeral matches. Unicode maps each Kangxi radical to its unified
 * ideograph (NFKC), one UTF-16 unit to one, so the text can be mended in place: same length,
 * same offsets, and every position still points into the input.
 *
 * Only that block is mapped: its NFKC targets are exact. Most of the CJK Radicals Supplement
 * (U+2E80–U+2EF3, `⻓` `⻔`) has no such mapping, and a hand-made table of look-alikes would
 * be a guess; those stay as printed.
 */

/** The Kangxi radicals block: every one has an NFKC mapping to a single BMP ideograph. */
const KANGXI = /[\u2F00-\u2FD5]/g;
const HAS_KANGXI = /[\u2F00-\u2FD5]/;

/** What {@link unifyRadicals} changed: the new text, and where the first radical stood. */
export interface UnifiedRadicals {
  text: string;
  /** How many radicals were replaced (0: `text` is the input itself). */
  count: number;
  /** Offset of the first one replaced, for the diagnostic; -1 when none. */
  first: number;
}

/** `text` with each Kangxi radical replaced by its unified ideograph, in place (see the module comment). */
export function unifyRadicals(text: string): UnifiedRadicals {
  const first = text.search(HAS_KANGXI);
  if (first < 0) return { text, count: 0, first };
  let count = 0;
  const out = text.replace(KANGXI, (c) => {
    count++;
    return c.normalize("NFKC");
  });
  return { text: out, count, first };
}
