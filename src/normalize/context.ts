/**
 * State shared by the normaliser's handlers: the text (for positions), the diagnostics
 * and provenance being collected, and the one place a cell becomes a model value — so
 * every number in the model gets its provenance and its diagnostics the same way.
 */
import type { Position, TableCell } from "../ast/types.js";
import type { Diagnostic, ProvenanceEntry, Severity } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes, type DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { parseCellValue } from "../text/value.js";

/** Units that mean "a count" and may stand in any count column without comment. */
const COUNT_UNITS = new Set(["件", "条", "个", "项", "人次", "次", "家", "宗", "份"]);

/** Collects what the normaliser finds. */
export class NormalizeContext {
  readonly diagnostics: Diagnostic[];
  readonly provenance: Record<string, ProvenanceEntry> = {};

  constructor(
    readonly text: string,
    readonly index: LineIndex,
    diagnostics: Diagnostic[],
  ) {
    this.diagnostics = diagnostics;
  }

  /** Records a diagnostic. */
  report(kind: { code: DiagnosticCode; severity: Severity }, message: string, position: Position, path?: string, raw?: string): void {
    const extra: { path?: string; raw?: string } = {};
    if (path !== undefined) extra.path = path;
    if (raw !== undefined) extra.raw = raw;
    this.diagnostics.push(diagnostic(kind, message, position, extra));
  }

  /**
   * Reads one cell as the value at `path`. `unit` is the column's unit (null for counts).
   * A missing cell (the row was short) gives null with no provenance: the caller has
   * already flagged the row.
   */
  value(cell: TableCell | null, path: string, unit: string | null = null): number | null {
    if (!cell) return null;
    const { start, end } = cell.position;
    // The raw text is the source slice itself, so the provenance contract holds for HTML too.
    this.provenance[path] = { start, end, raw: this.text.slice(start.offset, end.offset) };
    let v = parseCellValue(cell.value);
    const damaged = v.kind === "unparseable" ? DAMAGED_NUMBER.exec(cell.value) : null;
    if (damaged) {
      v = parseCellValue(damaged[1]!);
      this.report(
        DiagnosticCodes.cellDamaged,
        `cell \`${clip(cell.value)}\` holds ${damaged[1]} and then the bytes of a character a converter cut (U+FFFD); the number before them is read (单元格数字后有乱码，按数字读取)`,
        cell.position,
        path,
        cell.value,
      );
    }
    if (this.text.charCodeAt(start.offset - 1) === NBSP && mayBeCut(this.text, start.offset, end.offset)) {
      this.report(
        DiagnosticCodes.valueTruncated,
        `cell \`${clip(cell.value)}\` fills its place in a table cut to a byte width (html2text), so its number may have lost digits (数值可能被截断)`,
        cell.position,
        path,
        cell.value,
      );
    }
    switch (v.kind) {
      case "placeholder":
        this.report(
          DiagnosticCodes.placeholderCell,
          `placeholder \`${cell.value}\` read as not reported (占位符视为未填报)`,
          cell.position,
          path,
          cell.value,
        );
        break;
      case "unparseable":
        this.report(
          DiagnosticCodes.unparseableCell,
          `cell text \`${clip(cell.value)}\` is not a number (无法识别的数值)`,
          cell.position,
          path,
          cell.value,
        );
        break;
      default:
        break;
    }
    if (v.unit !== null && v.unit !== unit && !(unit === null && COUNT_UNITS.has(v.unit))) {
      this.report(
        DiagnosticCodes.unitInCell,
        `cell carries the unit ${v.unit}${unit ? ` but the column is in ${unit}` : ""}; the number is kept as written (单元格带单位 ${v.unit})`,
        cell.position,
        path,
        v.unit,
      );
    }
    return v.value;
  }
}

/**
 * `${parent}.${key}` for the fixed vocabulary of model paths (template rows and columns),
 * built once per process and then shared. Every number read stores its path as a provenance
 * key, and V8 hashes and internalises a freshly built key string on every such store, while
 * a shared one is hashed once: this made provenance the costliest line of the normaliser.
 * Only for bounded vocabularies — never for keys that grow with the input (row indices).
 */
const CHILD_PATHS = new Map<string, Map<string, string>>();

export function childPath(parent: string, key: string): string {
  let children = CHILD_PATHS.get(parent);
  if (children === undefined) CHILD_PATHS.set(parent, (children = new Map()));
  let path = children.get(key);
  if (path === undefined) children.set(key, (path = `${parent}.${key}`));
  return path;
}

/** A whole number, then replacement characters (and fill) only: a number with a cut character's bytes after it. */
const DAMAGED_NUMBER = /^([0-9]+)\uFFFD[\uFFFD_ ]*$/;

const NBSP = 0xa0;
const PIPE = 0x7c;

/**
 * Whether the cell at `start`..`end` may have been cut: html2text (the C tool) measures a
 * column in characters and cuts it in bytes, so a cell holding its own `&nbsp;` loses its
 * last bytes — `| 4999|` printed for 49999. Such a cell fills its place, pipe to pipe, with
 * only no-break spaces before its digits, on a line whose other cells show html2text's
 * underscore fill. A cell with fill left over was not cut; plain ASCII cells never are.
 */
function mayBeCut(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && text.charCodeAt(a - 1) === NBSP) a--;
  if (text.charCodeAt(a - 1) !== PIPE || text.charCodeAt(end) !== PIPE) return false;
  const from = text.lastIndexOf("\n", a) + 1;
  const to = text.indexOf("\n", end);
  const line = text.slice(from, to < 0 ? text.length : to);
  return line.includes("_|") || line.includes("|_");
}

/** Shortens long cell text for messages. */
export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
