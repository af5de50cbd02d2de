/**
 * Offsets → unist points. Tokens carry offsets only; lines and columns are computed here on
 * demand (binary search over line starts), which is cheaper than tracking them per token and
 * treats CRLF, CR and LF alike.
 */
import type { Point, Position } from "../ast/types.js";

/** Line starts of one text, for turning offsets into line/column points. */
export class LineIndex {
  /** Offset at which each line starts; `starts[0] === 0`. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** The point at a 0-based offset (clamped into the text). */
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
  }

  /** The position of `[start, end)`. */
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}
