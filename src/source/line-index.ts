/**
 * Offsets → unist points. Tokens carry offsets only; lines and columns are computed here on
 * demand (binary search over line starts), which is cheaper than tracking them per token and
 * treats CRLF, CR and LF alike.
 */
import type { Point, Position } from "./position.js";

/** Line starts of one text, for turning offsets into line/column points. */
export class LineIndex {
  /** Offset at which each line starts; `starts[0] === 0`. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  /**
   * The line (0-based) of the last lookup. Nodes are built in document order, so most
   * lookups land on that line or the next: both are tried before the binary search.
   */
  private last = 0;

  /** The point at a 0-based offset (clamped into the text). */
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    const n = starts.length;
    let lo = this.last;
    if (starts[lo]! <= o && (lo + 1 === n || starts[lo + 1]! > o)) {
      // same line as the last lookup
    } else if (lo + 1 < n && starts[lo + 1]! <= o && (lo + 2 === n || starts[lo + 2]! > o)) {
      lo++;
    } else {
      lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= o) lo = mid;
        else hi = mid - 1;
      }
    }
    this.last = lo;
    return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
  }

  /** The position of `[start, end)`. */
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

/**
 * Offsets at which the lines of `text` start. A function of its own rather than a loop in the
 * constructor: V8 compiled that loop on-stack (OSR) before the store after it had any type
 * feedback, and the cached OSR code then deoptimised on every report (a deopt loop that made
 * this the hottest function of the profile).
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  // Nearly every input uses LF alone: then `indexOf`, which V8 runs natively over the
  // string, finds the breaks several times faster than a loop over every character.
  if (text.indexOf("\r") < 0) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
