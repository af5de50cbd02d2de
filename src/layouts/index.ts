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
import { mayHoldTextNodeLines, textNodeLines } from "./glued-lines.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";
import { readAligned } from "./aligned.js";
import { cellStreamLines } from "./aligned-stream.js";
import { brokenPipeLines, readBrokenPipes } from "./broken-pipes.js";
import { readEmbeddedHtml } from "./embedded-html.js";
import { hasStarLine, readEmphasisHeadings } from "./emphasis.js";
import { readSeparated } from "./separated.js";
import { readOmitted } from "./omitted.js";

/** The readers, most specific first: a line claimed by one is not offered to the next. */
const READERS: readonly LayoutReader[] = [readOmitted, readEmphasisHeadings, readEmbeddedHtml, readBoxes, readBrokenPipes, readSeparated, readAligned, readGlued];

/** A kind of grammar table a reader reads better, and the readers it is offered to. */
export interface Reclaim {
  /** Whether the lines of a grammar table are of this kind. */
  test: (lines: readonly SourceLine[], text: string) => boolean;
  /** The readers that may claim them; the other readers never see them. */
  readers: readonly LayoutReader[];
}

/**
 * Grammar tables that a layout reader reads better than the grammar did: an ASCII box
 * (`w3m -no-graph`, links: `+--+`, `|a |b |`) whose pipes the row-lines grammar cut into
 * cells without knowing the spans; html2text's paragraph cells; lynx's cell-per-line
 * streams; `get_text("\n")` text-node lines. Each is offered to its own readers only — a
 * table one reader asked for is no other reader's to take — and it stays in the tree unless
 * one of its readers claims its lines.
 */
const RECLAIMED: readonly Reclaim[] = [
  { test: asciiFrameLines, readers: [readBoxes] },
  // html2text sets its section titles in bold inside what the grammar took for one table.
  { test: brokenPipeLines, readers: [readEmphasisHeadings, readBrokenPipes] },
  { test: cellStreamLines, readers: [readAligned] },
  { test: textNodeLines, readers: [readGlued] },
];

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

/** Cell words that only the three template tables print: 二's header, 三's first row, 四's groups. */
const PART_WORDS: ReadonlyArray<readonly string[]> = [["信息内容", "第二十条", "第二十條"], ["本年新收", "新收政府信息"], ["行政复议", "行政複議", "结果维持", "結果維持"]];

/**
 * Signs of grammar tables a reader reads better (see `RECLAIMED`): an ASCII box border, a
 * markdown hard break (html2text's paragraph cells), a lone tab line (innerText's) — and bold
 * lines (`**…**`, org's `*…*`), which may be section titles the grammar took for prose.
 */
function mayReclaim(text: string): boolean {
  // indexOf, not one regular expression: this runs on every text of a known form.
  return (
    text.includes("**") ||
    text.includes("+--") ||
    text.includes("+==") ||
    text.includes("  \n") ||
    text.includes("  \r") ||
    text.includes("\n\t\n") ||
    text.includes("\n\t\r") ||
    text.includes("信息内容\n\n") ||
    hasStarLine(text) ||
    mayHoldTextNodeLines(text)
  );
}

/**
 * Whether the grammar's own tables already hold all three template tables (二, 三, 四): then
 * the text is one of the known forms and no layout reader has anything to add, so the pass
 * costs nothing on them. One scan over the table cells, stopping when all three are seen.
 */
function gridTablesCoverReport(tree: Root): boolean {
  let seen = 0;
  for (const b of tree.children) {
    if (b.type !== "table") continue;
    for (const row of b.children) {
      // The words stand in a row's leading cells (a label, a header's first cell).
      const lead = row.children.length > 2 ? row.children.slice(0, 2) : row.children;
      for (const c of lead) {
        // Numbers and short cells name no table: most cells stop here, before any pattern.
        if (c.value.length < 4 || c.value.charCodeAt(0) < 0x80) continue;
        for (let k = 0; k < PART_WORDS.length; k++) if ((seen & (1 << k)) === 0 && PART_WORDS[k]!.some((w) => c.value.includes(w))) seen |= 1 << k;
        if (seen === 7) return true;
      }
    }
  }
  return false;
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
  reclaimed: readonly Reclaim[] = RECLAIMED,
): Root {
  if (readers.length === 0 || (gridTablesCoverReport(tree) && !mayReclaim(index.text))) return tree;
  const text = index.text;
  const all = sourceLines(text);
  const inside = (l: SourceLine, s: number, e: number) => l.offset < e && l.offset + l.text.length > s;
  // Lines inside a table the grammar built stay the grammar's, unless a reader reads that
  // kind of table better: then they are that reader's (and only its) to claim.
  const offered = new Map<readonly [number, number], ReadonlySet<LayoutReader>>();
  const tables = tree.children
    .filter((b) => b.type === "table")
    .map((b) => [b.position.start.offset, b.position.end.offset] as const)
    .filter((span) => {
      const [s, e] = span;
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
      const to = new Set(reclaimed.filter((r) => r.test(lines, text)).flatMap((r) => r.readers));
      if (to.size === 0) return true;
      offered.set(span, to);
      return false;
    });
  let free = all.filter((l) => !tables.some(([s, e]) => inside(l, s, e)));
  /** Free lines `read` may see: not those of a table offered to other readers only. */
  const visibleTo = (read: LayoutReader) => {
    const hidden = [...offered].filter(([, to]) => !to.has(read)).map(([span]) => span);
    if (hidden.length === 0) return { lines: free, at: free.map((_, i) => i) };
    const at: number[] = [];
    free.forEach((l, i) => {
      if (!hidden.some(([s, e]) => inside(l, s, e))) at.push(i);
    });
    return { lines: at.map((i) => free[i]!), at };
  };
  const claims: Array<{ start: number; end: number; blocks: Block[] }> = [];
  for (const read of readers) {
    if (free.length === 0) break;
    const view = visibleTo(read);
    if (view.lines.length === 0) continue;
    const found: LayoutClaim[] = read(view.lines, index, out);
    if (found.length === 0) continue;
    const taken = new Set<number>();
    for (const c of found) {
      const first = view.lines[c.first]!;
      const last = view.lines[c.last]!;
      const start = first.offset;
      const end = last.offset + last.text.length;
      // A claim never swallows a table the grammar read and no reader was offered: its lines
      // were not the reader's to see, so its data must stay.
      if (tables.some(([s, e]) => s >= start && e <= end)) continue;
      // Nor one offered to another reader only.
      if ([...offered].some(([[s, e], to]) => !to.has(read) && s < end && e > start)) continue;
      claims.push({ start, end, blocks: c.blocks });
      for (let i = c.first; i <= c.last; i++) taken.add(view.at[i]!);
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
