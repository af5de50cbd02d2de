/**
 * What the three table readers (二, 三, 四) have in common: the interface the table walk
 * drives them through, and the one way a missing template row is reported.
 */
import type { Position } from "../../ast/types.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import type { NormalizeContext } from "../context.js";
import type { RowView } from "./row-view.js";

/**
 * A reader of one template table. The walk in index.ts hands it the rows the section context
 * assigns to its table, in document order, and asks for the model part once the document is
 * read — so a reader can tell which rows were never seen only at the end. (Headings are passed
 * on too, but 三 and 四 read different things from them, so `heading` is not part of this.)
 */
export interface TableReader<T> {
  /** Reads one row of the table. */
  row(v: RowView): void;
  /** The table's part of the model, or undefined when the table never appeared; reports rows it lacks. */
  result(): T | undefined;
}

/**
 * Reports a template row (or group) that a table never printed: lost data, on its path. Placed
 * at the end of the table's last row when there is one, else at the start of the text.
 *
 * The readers share this reporting, not the loop that finds the missing rows: which rows a
 * table must have differs by table (二 by template family, 三 by the shape of （六）其他处理,
 * 四 by outcome group), and so does the message.
 */
export function reportMissingRow(ctx: NormalizeContext, message: string, lastRow: Position | null, path: string): void {
  ctx.report(DiagnosticCodes.missingRow, message, lastRow ? { start: lastRow.end, end: lastRow.end } : ctx.index.position(0, 0), path);
}
