/**
 * Reading order. A glued text gives each row the digits after its label, as a page prints
 * them. PDF text in reading order (pdftotext without -layout, PyMuPDF's blocks) may put a
 * tall row's numbers before its label instead: `… 对外公开总数量 9 1 296 规章 0 2 4 规范性文件 …`.
 * Read label-first, every row then takes its successor's numbers, and each row's own total
 * still adds up, so nothing else would notice. The sign is digits between a table's start
 * (its title, caption and header) and its first row label, where a label-first page prints
 * none: then no row of that table is trusted.
 */
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { firstDigit } from "../text/chars.js";

/** A span of the decoded text. */
interface Span {
  start: number;
  end: number;
}

/**
 * A warning on `path` (the whole table) when digits stand between `from` (where the table's
 * text begins) and its first row — the first row's lead (a group label) or label — or null.
 */
export function valuesBeforeFirstRow(
  text: string,
  index: LineIndex,
  path: string,
  from: number,
  first: { label: Span; lead: Span | null } | undefined,
): Diagnostic | null {
  if (!first) return null;
  const to = first.lead?.start ?? first.label.start;
  if (to <= from) return null;
  // ASCII or full-width digits only: a zero word (无) in a header is prose, not a value.
  const k = firstDigit(text.slice(from, to));
  if (k < 0) return null;
  const at = from + k;
  return diagnostic(
    DiagnosticCodes.valuesBeforeLabel,
    `digits stand before this table's first row label (\`${text.slice(at, Math.min(to, at + 40)).replace(/\s+/g, " ").trim()}\`): the text may print each row's values before its label (PDF reading order), so every row may hold its neighbour's values (首行标签前有数字，行值可能错位)`,
    index.position(at, to),
    { path },
  );
}
