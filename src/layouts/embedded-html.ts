/**
 * Markdown converters keep a table as raw HTML when its spans cannot be written as a pipe
 * table (pandoc gfm with Word-pasted cells, turndown without its table plugin). The rest of
 * the page is markdown, so the text is read as text; this reader hands each embedded
 * `<table>…</table>` to the HTML front end, which rebuilds its grid with the spans.
 */
import type { Block } from "../ast/types.js";
import { parseHtml } from "../html/index.js";
import type { LayoutClaim, LayoutReader } from "./types.js";

const OPEN = /<table\b/gi;
const TAG = /<(\/?)table\b/gi;

/** Claims the lines of each top-level `<table>` element and reads it as HTML. */
export const readEmbeddedHtml: LayoutReader = (lines, index) => {
  const text = index.text;
  OPEN.lastIndex = 0;
  if (!OPEN.test(text)) return [];
  const claims: LayoutClaim[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!/^[ \t]*<table\b/i.test(lines[i]!.text)) {
      i++;
      continue;
    }
    // Find the matching close tag, nesting counted, within the lines offered.
    let depth = 0;
    let last = -1;
    for (let j = i; j < lines.length && last < 0; j++) {
      TAG.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = TAG.exec(lines[j]!.text))) {
        depth += m[1] ? -1 : 1;
        if (depth === 0) {
          last = j;
          break;
        }
      }
      // Lines offered must be contiguous in the text, or the element was split by a claim.
      if (j + 1 < lines.length && lines[j + 1]!.offset > lines[j]!.offset + lines[j]!.text.length + 2) break;
    }
    if (last < 0) {
      i++;
      continue;
    }
    const start = lines[i]!.offset;
    const end = lines[last]!.offset + lines[last]!.text.length;
    // The HTML front end reads offsets of the string it is given: pad the element to its
    // place so that every position points into the whole text.
    const { tree } = parseHtml(" ".repeat(start) + text.slice(start, end), index);
    const blocks: Block[] = tree.children.filter((b) => b.type === "table");
    if (blocks.length > 0) claims.push({ first: i, last, blocks });
    i = last + 1;
  }
  return claims;
};
