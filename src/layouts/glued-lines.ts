/**
 * The `get_text("\n")` layout: BeautifulSoup prints every text node of the page on its own
 * line, so a table's cells stand one per line with nothing between two cells of a row, and
 * blank cells print nothing at all. The line grammar reads such a run as a pipe-less table by
 * position, which puts a value in the wrong column whenever a blank vanished. These tables
 * are offered to the glued reader instead, which places the values by the template's
 * identities and leaves a row blank, with a diagnostic, when more than one placement fits.
 */
import type { SourceLine } from "./types.js";

/** A line that is one bare number (ASCII or full-width digits, a point, a sign). */
const NUMBER_LINE = /^\s*[-－−]?[0-9０-９][0-9０-９.．]*\s*$/; // `\s` holds U+3000 and NBSP (text/chars.ts isSpaceAt)

/** A line of no-break or ideographic spaces only. */
const NBSP_LINE = /^[\u00a0\u3000 ]+$/;

/** How many pairs of adjacent number lines make a text-node-per-line table. */
const MIN_ADJACENT = 3;

/** Pairs of adjacent number lines in `lines`, stopping at `enough`. */
function adjacentNumbers(lines: readonly string[], enough: number): number {
  let adjacent = 0;
  let prevNumber = false;
  for (let i = 0; i < lines.length && adjacent < enough; i++) {
    const l = lines[i]!;
    // A line of only no-break spaces is a text node of its own (`&nbsp;` padding a cell): it
    // sits between two numbers without separating them as a blank line would.
    if (l !== "" && NBSP_LINE.test(l)) continue;
    const number = NUMBER_LINE.test(l);
    if (number && prevNumber) adjacent++;
    prevNumber = number;
  }
  return adjacent;
}

let lastText: string | null = null;
let lastDump = false;

/** Whether the whole text is a text-node-per-line dump (cached: asked once per grammar table). */
function textIsDump(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastDump = mayHoldTextNodeLines(text) && adjacentNumbers(text.split(/\r?\n|\r/), MIN_ADJACENT) >= MIN_ADJACENT;
  }
  return lastDump;
}

/**
 * Whether a grammar table's lines are a `get_text("\n")` dump: the text prints numbers on
 * lines of their own that follow one another directly (a Markdown converter puts a blank line
 * between blocks, so its one-cell-per-line tables never do), and the table's lines are single
 * text nodes — no tab, pipe or column gap that another reader owns. A small sub-table of 二
 * (`行政许可` and one number) shows no adjacent numbers itself; the text around it does.
 */
export function textNodeLines(lines: readonly SourceLine[], text: string): boolean {
  for (const l of lines) if (l.text.includes("\t") || l.text.includes("|") || /\S {2,}\S/.test(l.text)) return false;
  return textIsDump(text);
}

/** A cheap sign in the whole text that some table may be a text-node-per-line dump. */
export function mayHoldTextNodeLines(text: string): boolean {
  return /\n[ \u00a0]*[0-9０-９][0-9０-９.．]*[ \u00a0]*\r?\n(?:[ \u00a0\u3000]+\r?\n)?[ \u00a0]*[0-9０-９][0-9０-９.．]*[ \u00a0]*\r?\n/.test(text);
}
