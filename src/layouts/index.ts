/**
 * The layout pass: after the line grammar has built the tree, each layout reader in turn may
 * claim runs of lines that the grammar read as prose or headings (a w3m box, a lynx column
 * dump, a glued `get_text()` line) and replace them with the tables they really are. Tables
 * the grammar already found are left alone, so the known forms read exactly as before.
 */
import type { Block, Root } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { readGlued } from "./glued.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

/** The readers, most specific first: a line claimed by one is not offered to the next. */
const READERS: readonly LayoutReader[] = [readGlued];

/** Every line of `text` with its offset; a CRLF or lone CR ends a line as LF does. */
export function sourceLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ text: text.slice(start, i), offset: start });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ text: text.slice(start), offset: start });
  return lines;
}

/**
 * Runs the layout readers over the lines outside the tree's tables and splices what they
 * claim into the tree. Returns the tree unchanged when no reader claims anything.
 */
export function applyLayouts(tree: Root, index: LineIndex, out: Diagnostic[], readers: readonly LayoutReader[] = READERS): Root {
  if (readers.length === 0) return tree;
  const text = index.text;
  // Lines inside a table the grammar built stay the grammar's.
  const tables = tree.children.filter((b) => b.type === "table").map((b) => [b.position.start.offset, b.position.end.offset] as const);
  let free = sourceLines(text).filter((l) => !tables.some(([s, e]) => l.offset < e && l.offset + l.text.length > s));
  const claims: Array<{ start: number; end: number; blocks: Block[] }> = [];
  for (const read of readers) {
    if (free.length === 0) break;
    const found: LayoutClaim[] = read(free, index, out);
    if (found.length === 0) continue;
    const taken = new Set<number>();
    for (const c of found) {
      const first = free[c.first]!;
      const last = free[c.last]!;
      claims.push({ start: first.offset, end: last.offset + last.text.length, blocks: c.blocks });
      for (let i = c.first; i <= c.last; i++) taken.add(i);
    }
    free = free.filter((_, i) => !taken.has(i));
  }
  if (claims.length === 0) return tree;
  claims.sort((a, b) => a.start - b.start);
  // Blocks that start inside a claimed run are replaced by the claim's blocks.
  const children: Block[] = [];
  let k = 0;
  for (const b of tree.children) {
    const at = b.position.start.offset;
    while (k < claims.length && claims[k]!.end <= at) children.push(...claims[k++]!.blocks);
    if (claims.some((c) => at >= c.start && at < c.end)) continue;
    children.push(b);
  }
  while (k < claims.length) children.push(...claims[k++]!.blocks);
  return { ...tree, children };
}
