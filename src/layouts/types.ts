/**
 * The contract between the pipeline and the layout readers: each reader recognises one way
 * a text-extraction tool prints a report table (box drawing, aligned columns, tabs, glued
 * `get_text()` runs) and turns the lines it claims into ordinary AST blocks, so that the
 * normaliser reads every layout through the same table readers.
 */
import type { Block } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";

/** One physical line of the decoded text, without its line break. */
export interface SourceLine {
  /** The line's text exactly as in the source (no trimming, no normalisation). */
  text: string;
  /** 0-based UTF-16 offset of the line's first character in the decoded text. */
  offset: number;
}

/**
 * A run of lines a reader recognised, and the blocks that stand for them in the tree.
 * `first` and `last` index the reader's `lines` argument (inclusive). Every position in
 * `blocks` points into the decoded text, so provenance slices still give the raw cell.
 */
export interface LayoutClaim {
  first: number;
  last: number;
  blocks: Block[];
}

/**
 * A layout reader. It gets the lines that no earlier reader claimed, in document order
 * (consecutive entries may be far apart in the text when something between them was
 * claimed), and returns the runs it recognises, in order and without overlap. It never
 * throws on input; what it had to assume goes into `out` as diagnostics.
 */
export type LayoutReader = (lines: readonly SourceLine[], index: LineIndex, out: Diagnostic[]) => LayoutClaim[];
