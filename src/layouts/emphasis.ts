/**
 * Markdown converters (pandoc gfm, html2text, turndown) print a page's bold section titles as
 * `**四、政府信息公开行政复议、行政诉讼情况**` (pandoc -t org as `*四、…*`). The line grammar sees a paragraph starting with
 * `**`, so the section heading is lost and the table after it is read under the previous
 * section. This reader gives such a line back its heading, with positions inside the stars.
 */
import type { Block } from "../ast/types.js";
import { lineBlocks } from "../parser/lines.js";
import type { LayoutClaim, LayoutReader } from "./types.js";

/**
 * A whole line in bold or strong emphasis (`**…**`, `__…__`), or in single stars, which
 * pandoc -t org prints for bold (`*二、主动公开政府信息情况*`); white space around allowed.
 * An org heading (`* title`) has a space after its star and is no emphasis.
 */
const EMPHASIS_LINE = /^([ \t]*)(\*\*|__|\*)(?![\s*])(.+?)\2[ \t]*$/;

/** Whether `text` has a line opening with a single star and no space (see {@link EMPHASIS_LINE}). */
export function hasStarLine(text: string): boolean {
  // indexOf, not a regular expression over the whole text: this runs on every text of a known form.
  const opens = (k: number) => {
    const next = text.charCodeAt(k);
    return next !== 0x20 && next !== 0x09 && next !== 0x2a && next !== 0x0a && next !== 0x0d && !Number.isNaN(next);
  };
  if (text.startsWith("*") && opens(1)) return true;
  for (let at = text.indexOf("\n*"); at >= 0; at = text.indexOf("\n*", at + 2)) if (opens(at + 2)) return true;
  return false;
}

/** Claims bold lines whose inner text reads as a numbered heading, and nothing else. */
export const readEmphasisHeadings: LayoutReader = (lines, index) => {
  const claims: LayoutClaim[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Cheap test first: most lines do not start with emphasis.
    const c = line.text.trimStart().charCodeAt(0);
    if (c !== 0x2a && c !== 0x5f) continue;
    const m = EMPHASIS_LINE.exec(line.text);
    if (!m) continue;
    const start = line.offset + m[1]!.length + m[2]!.length;
    const blocks: Block[] = lineBlocks(m[3]!, { start: (k) => start + k, end: (k) => start + k + 1 }, index);
    if (blocks.length > 0 && blocks[0]!.type === "heading") claims.push({ first: i, last: i, blocks });
  }
  return claims;
};
