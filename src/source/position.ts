/**
 * Places in the decoded text, unist-style. The first stage after decoding defines them because
 * everything later — the line index, diagnostics, every syntax-tree node — points into the text.
 */

/** A place in the decoded text: 1-based line and column, 0-based UTF-16 offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A span of the decoded text; `end` is exclusive, as in unist. */
export interface Position {
  start: Point;
  end: Point;
}
