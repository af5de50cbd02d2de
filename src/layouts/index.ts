/**
 * The layout pass: after the line grammar has built the tree, each layout reader in turn may
 * claim runs of lines that the grammar read as prose or headings (a w3m box, a lynx column
 * dump, a glued `get_text()` line) and replace them with the tables they really are. Tables
 * the grammar already found are left alone, so the known forms read exactly as before.
 */
import type { Block, Root } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { asciiFrameLines, readBoxes } from "./box.js";
import { readGlued } from "./glued.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

/** The readers, most specific first: a line claimed by one is not offered to the next. */
const READERS: readonly LayoutReader[] = [readBoxes, readGlued];

/**
 * Grammar tables that a layout reader reads better than the grammar did: an ASCII box
 * (`w3m -no-graph`, links: `+--+`, `|a |b |`) whose pipes the row-lines grammar cut into
 * cells without knowing the spans. Their lines are offered to the readers too; a grammar
 * table stays in the tree unless a reader claims its lines.
 */
const RECLAIMED: ReadonlyArray<(lines: readonly SourceLine[], text: string) => boolean> = [asciiFrameLines];

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
export function applyLayouts(
  tree: Root,
  index: LineIndex,
  out: Diagnostic[],
  readers: readonly LayoutReader[] = READERS,
  reclaimed: ReadonlyArray<(lines: readonly SourceLine[], text: string) => boolean> = RECLAIMED,
): Root {
  if (readers.length === 0) return tree;
  const text = index.text;
  const all = sourceLines(text);
  const inside = (l: SourceLine, s: number, e: number) => l.offset < e && l.offset + l.text.length > s;
  // Lines inside a table the grammar built stay the grammar's, unless a reader reads that kind of table better.
  const tables = tree.children
    .filter((b) => b.type === "table")
    .map((b) => [b.position.start.offset, b.position.end.offset] as const)
    .filter(([s, e]) => {
      if (reclaimed.length === 0) return true;
      // The table's lines by binary search: a text may hold many tables.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid]!.offset + all[mid]!.text.length <= s) lo = mid + 1;
        else hi = mid;
      }
      const lines: SourceLine[] = [];
      for (let i = lo; i < all.length && all[i]!.offset < e; i++) if (inside(all[i]!, s, e)) lines.push(all[i]!);
      return !reclaimed.some((p) => p(lines, text));
    });
  let free = all.filter((l) => !tables.some(([s, e]) => inside(l, s, e)));
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
