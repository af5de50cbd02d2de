/**
 * The display grid of a box-drawn table (box.ts): each line's characters placed on display
 * columns, with what each column holds (space, text, a horizontal or a vertical stroke), the
 * reading (terminal, CJK terminal, links) whose strokes line up best, and the text between
 * two boundaries. box.ts rebuilds the table's rows and cells from this geometry.
 */
import { eastAsianWidth } from "get-east-asian-width";
import { hasBracketedSpans, stripBracketedSpans } from "../source/markup.js";
import type { SourceLine } from "./types.js";

/** What one display column of a line holds. */
export const enum Kind {
  Space,
  Text,
  /** A horizontal stroke: `─ ━ ═` or ASCII `-` `=`. */
  Horizontal,
  /** A vertical stroke or a junction: `│ ┼ ┬ ├ ┌` or ASCII `|` `+`. */
  Vertical,
}

/** A character of a line placed on the display grid. */
interface Glyph {
  /** First display column (0-based). */
  col: number;
  width: number;
  /** UTF-16 index in the line. */
  at: number;
  /** UTF-16 length. */
  length: number;
  kind: Kind;
}

/** How characters are counted into columns. */
type Measure = (codePoint: number) => number;

const isBoxChar = (cp: number): boolean => cp >= 0x2500 && cp <= 0x257f;
const UNICODE_HORIZONTAL = new Set([..."─━═┄┅┈┉╌╍╴╶╸╺"].map((c) => c.codePointAt(0)!));
const UNICODE_NEITHER = new Set([..."╱╲╳"].map((c) => c.codePointAt(0)!));

function kindOf(cp: number, ascii: boolean): Kind {
  if (cp === 0x20 || cp === 0x09 || cp === 0x3000 || cp === 0xa0) return Kind.Space;
  if (isBoxChar(cp)) {
    if (UNICODE_HORIZONTAL.has(cp)) return Kind.Horizontal;
    if (UNICODE_NEITHER.has(cp)) return Kind.Text;
    return Kind.Vertical;
  }
  if (ascii) {
    if (cp === 0x7c || cp === 0x2b) return Kind.Vertical; // | +
    if (cp === 0x2d || cp === 0x3d) return Kind.Horizontal; // - =
  }
  return Kind.Text;
}

/** Frames and ASCII are one column wide whatever their East Asian Width class says. */
const narrowFrame = (w: Measure): Measure => (cp) => (cp < 0x7f || isBoxChar(cp) ? 1 : w(cp));

/** The readings tried, in order of preference: terminals, CJK terminals, links. */
const MEASURES: readonly Measure[] = [
  narrowFrame((cp) => eastAsianWidth(cp)),
  narrowFrame((cp) => eastAsianWidth(cp, { ambiguousAsWide: true })),
  () => 1,
];

function glyphs(text: string, measure: Measure, ascii: boolean): Glyph[] {
  const out: Glyph[] = [];
  let col = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const length = cp > 0xffff ? 2 : 1;
    // Tabs are not expected inside frames; count one column so nothing is lost.
    const width = cp < 0x20 ? 1 : cp >= 0x300 && cp <= 0x36f ? 0 : measure(cp);
    out.push({ col, width, at: i, length, kind: kindOf(cp, ascii) });
    col += width;
    i += length;
  }
  return out;
}

const isEdge = (cp: number, ascii: boolean) => (ascii ? cp === 0x7c || cp === 0x2b : isBoxChar(cp) && !UNICODE_HORIZONTAL.has(cp));

/** A line is part of a frame when its text starts and ends with a stroke or a corner. */
export function frameLine(text: string, ascii: boolean): boolean {
  const t = text.trim();
  return t.length >= 2 && isEdge(t.codePointAt(0)!, ascii) && isEdge(t.codePointAt(t.length - 1)!, ascii);
}

/**
 * A line that opens with a stroke continues a box even when its end was lost (a cut line,
 * a trailing stroke eaten by a scraper): it is read as far as it goes and the box is
 * flagged, rather than left for the grammar to read without its columns.
 */
export function openedLine(text: string, ascii: boolean): boolean {
  const t = text.trimStart();
  return t.length >= 2 && isEdge(t.codePointAt(0)!, ascii);
}

/** An ASCII frame needs a `+--` border line; a lone `|---|` rule is markdown, not a box. */
export const ASCII_BORDER = /^\s*\+[-=]+\+/;

/**
 * True for lines that are all ASCII frame lines (`|…|`, `+--+`): a table the row-lines
 * grammar made of an ASCII box, which this reader rebuilds with its spans.
 */
export function asciiFrameLines(lines: readonly SourceLine[], text: string): boolean {
  return lines.length > 0 && mayHoldBox(text).ascii && lines.every((l) => frameLine(l.text, true));
}

let lastText: string | null = null;
let lastAnswer = { unicode: false, ascii: false };

/**
 * Whether `text` can hold a box at all: a frame character, or an ASCII `+--` border line.
 * One scan of the text, remembered for the last text, so that inputs without boxes (most
 * of them) pay almost nothing for this reader.
 */
export function mayHoldBox(text: string): { unicode: boolean; ascii: boolean } {
  if (text !== lastText) {
    lastText = text;
    lastAnswer = { unicode: /[\u2500-\u257f]/.test(text), ascii: /^[ \t]*\+[-=]{2,}/m.test(text) };
  }
  return lastAnswer;
}

/** One physical line of a box, measured. */
export interface BoxLine {
  line: SourceLine;
  glyphs: Glyph[];
  /** Display column → glyph index, for every column a glyph covers. */
  byCol: Int32Array;
}

function measureLine(line: SourceLine, measure: Measure, ascii: boolean): BoxLine {
  const g = glyphs(line.text, measure, ascii);
  const width = g.length === 0 ? 0 : g[g.length - 1]!.col + g[g.length - 1]!.width;
  const byCol = new Int32Array(width).fill(-1);
  g.forEach((x, i) => {
    for (let c = x.col; c < x.col + x.width; c++) byCol[c] = i;
  });
  return { line, glyphs: g, byCol };
}

/** The kind at display column `c` (space beyond the end; text under the right half of a wide glyph). */
export function kindAt(l: BoxLine, c: number): Kind {
  if (c >= l.byCol.length) return Kind.Space;
  const i = l.byCol[c]!;
  if (i < 0) return Kind.Space;
  const g = l.glyphs[i]!;
  return g.col === c ? g.kind : g.kind === Kind.Vertical ? Kind.Text : g.kind;
}

/**
 * Columns where strokes stand, with how many lines put one there. A reading whose strokes
 * line up gives few distinct columns, each used by many lines.
 */
export function strokeColumns(lines: readonly BoxLine[]): Map<number, number> {
  const at = new Map<number, number>();
  for (const l of lines) for (const g of l.glyphs) if (g.kind === Kind.Vertical) at.set(g.col, (at.get(g.col) ?? 0) + 1);
  return at;
}

/**
 * Lines with a stroke where no other line has one: lines that line up with nothing. Counted
 * in lines, not columns, so that one damaged line cannot make a wrong reading (which
 * misplaces every line with CJK text) look better than the right one.
 */
function strayLines(lines: readonly BoxLine[], cols: Map<number, number> = strokeColumns(lines)): number {
  let n = 0;
  for (const l of lines) if (l.glyphs.some((g) => g.kind === Kind.Vertical && (cols.get(g.col) ?? 0) < 2)) n++;
  return n;
}

/**
 * Measures the box with each reading; per line, a line whose strokes stand where no other
 * line has one is re-measured with the other readings (one cell with `“”` shifts only its
 * own line).
 */
export function measureBox(src: readonly SourceLine[], ascii: boolean): { lines: BoxLine[]; stray: number } {
  let best: { lines: BoxLine[]; stray: number } | null = null;
  for (const m of MEASURES) {
    const lines = src.map((l) => measureLine(l, m, ascii));
    const stray = strayLines(lines);
    if (best === null || stray < best.stray) best = { lines, stray };
    if (stray === 0) break;
  }
  const lines = best!.lines;
  if (best!.stray > 0) {
    const cols = strokeColumns(lines);
    lines.forEach((l, i) => {
      const fits = (x: BoxLine) => x.glyphs.every((g) => g.kind !== Kind.Vertical || (cols.get(g.col) ?? 0) - (x === l ? 1 : 0) >= 1);
      if (fits(l)) return;
      for (const m of MEASURES) {
        const alt = measureLine(l.line, m, ascii);
        if (alt.glyphs.every((g) => g.kind !== Kind.Vertical || (cols.get(g.col) ?? 0) >= 1)) {
          lines[i] = alt;
          break;
        }
      }
    });
    best = { lines, stray: strayLines(lines) };
  }
  return best!;
}

/** What a line holds between two boundaries. */
export const enum Segment {
  Empty,
  Text,
  Rule,
}

export function segment(l: BoxLine, from: number, to: number, stray = false): Segment {
  let rule = 0;
  let text = false;
  for (let c = from; c < to; c++) {
    const k = kindAt(l, c);
    // A line out of line has its junctions where no boundary is: they are part of its rule.
    if (k === Kind.Horizontal || (stray && k === Kind.Vertical)) rule++;
    else if (k !== Kind.Space) text = true;
  }
  if (text) return Segment.Text;
  // A rule runs the whole width of its column (a lone `-` in a wide cell is a placeholder).
  if (rule > 0 && rule === to - from) return Segment.Rule;
  return rule > 0 ? Segment.Text : Segment.Empty;
}

/** The text of a line between two display columns, with its UTF-16 span in the line, trimmed. */
export function slice(l: BoxLine, from: number, to: number): { start: number; end: number } | null {
  let start = -1;
  let end = -1;
  for (const g of l.glyphs) {
    if (g.col < from || g.col + g.width > to) continue;
    // A stroke inside a cell is a line out of line (already reported), not text.
    if (g.kind === Kind.Space || g.kind === Kind.Vertical) continue;
    if (start < 0) start = g.at;
    end = g.at + g.length;
  }
  return start < 0 ? null : { start, end };
}

const WORDISH = /[\x21-\x7e]/;

/**
 * Pieces of a wrapped cell: CJK joins directly, Latin words and numbers got a space the wrap
 * ate. `pandoc -t markdown` keeps Word's spans as `[20]{lang="EN-US"}[23]{…}` and wraps them
 * anywhere, attributes included: such a cell is joined as printed and read without the markup.
 */
export function join(pieces: readonly string[]): string {
  const direct = pieces.join("");
  if (hasBracketedSpans(direct)) {
    const plain = stripBracketedSpans(direct);
    if (plain !== direct) return plain;
  }
  // A number too long for its narrow column is cut anywhere (pandoc -t rst: `1` / `69959`):
  // a cell holds one value, so digits on every line are the digits of one number.
  if (pieces.length > 1 && pieces.every((p) => DIGITS.test(p))) return direct;
  let out = "";
  for (const p of pieces) {
    if (out !== "" && WORDISH.test(out[out.length - 1]!) && WORDISH.test(p[0]!)) out += " ";
    out += p;
  }
  return out;
}

/** A piece that is digits only. */
const DIGITS = /^[0-9０-９]+$/;
