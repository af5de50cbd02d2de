/**
 * Human-readable renderings of diagnostics and failing checks. Kept apart from the parser so
 * that the Report stays plain data: the CLI, editors and CI logs all want the same
 * `file:line:col` shape that compilers print, because terminals and editors already know how
 * to jump to it.
 */
import type { Check, Diagnostic, Report } from "../model/types.js";
import { DiagnosticCodes } from "./codes.js";

/**
 * A check that is a finding: one that fails, or could not be evaluated (`incomplete`). A
 * passing check is not a finding and has no diagnostic code, so the type keeps it out.
 */
export type UnsettledCheck = Check & { status: "fail" | "incomplete" };

/** Whether a check is a finding ({@link UnsettledCheck}), narrowing its type. */
export function isUnsettledCheck(check: Check): check is UnsettledCheck {
  return check.status === "fail" || check.status === "incomplete";
}

/**
 * The registered kind a check is shown as: `check-failed` (warning) for a failing check,
 * `check-incomplete` (info) for one with a null operand.
 */
export function checkKind(check: UnsettledCheck): (typeof DiagnosticCodes)["checkFailed" | "checkIncomplete"] {
  return check.status === "fail" ? DiagnosticCodes.checkFailed : DiagnosticCodes.checkIncomplete;
}

/**
 * Options of {@link formatCodeFrame}. Both fields exist so that callers with narrow output
 * (CI logs, a summary) can trade context for space without reimplementing the frame.
 */
export interface CodeFrameOptions {
  /** Lines shown above and below the marked span (default 1). */
  contextLines?: number;
  /**
   * When given, the first line of the frame is {@link formatDiagnosticLine} for this file name,
   * so a frame can replace the plain line in a listing; otherwise it starts at `line:col`.
   */
  file?: string;
  /**
   * Source lines wider than this many terminal cells are cut around the marked span, because
   * Chinese reports often hold whole paragraphs on one line (default 100; 0 = never cut).
   */
  maxWidth?: number;
}

/**
 * One line per diagnostic in the `file:line:col severity code message [path]` shape, because
 * that shape is what editors, `grep` and CI problem matchers already understand. Line breaks
 * inside the message are folded to spaces so that one diagnostic is always one line.
 */
export function formatDiagnosticLine(file: string, d: Diagnostic): string {
  const { line, column } = d.position.start;
  return `${file}:${line}:${column} ${bareDiagnostic(d)}`;
}

/**
 * A failing (or incomplete) accounting identity rendered like a diagnostic, so that `zfxxgk
 * check` output is one homogeneous list. It points at the first operand's provenance (1:1 when
 * there is none) because that is where a reader starts looking. Code and severity are the
 * registered ones of {@link checkKind}: a `fail` is `check-failed`, a `warning` (the source
 * disagrees with itself, but the values were read faithfully); an `incomplete` is
 * `check-incomplete`, an `info`.
 */
export function formatCheckLine(file: string, check: UnsettledCheck, report: Report): string {
  const { line, column } = checkPosition(check, report).start;
  const kind = checkKind(check);
  return `${file}:${line}:${column} ${kind.severity} ${kind.code} ${checkMessage(check)}`;
}

/**
 * The position a check is reported at: its first operand's provenance, else the text start.
 * Exported so that callers that draw code frames for checks point at the same place as
 * {@link formatCheckLine}.
 */
export function checkPosition(check: Check, report: Report): Diagnostic["position"] {
  const first = check.paths[0];
  const entry = first === undefined ? undefined : report.provenance[first];
  if (entry) return { start: entry.start, end: entry.end };
  const origin = { line: 1, column: 1, offset: 0 };
  return { start: origin, end: origin };
}

/**
 * A check seen as a diagnostic (code `check-failed` or `check-incomplete`, see
 * {@link checkKind}), so that code frames and severity filters treat failing checks exactly
 * like the parser's own findings.
 */
export function checkAsDiagnostic(check: UnsettledCheck, report: Report): Diagnostic {
  const kind = checkKind(check);
  const d: Diagnostic = {
    code: kind.code,
    severity: kind.severity,
    message: checkMessage(check),
    position: checkPosition(check, report),
  };
  const first = check.paths[0];
  if (first !== undefined) d.path = first;
  return d;
}

function checkMessage(check: Check): string {
  const suffix = check.status === "fail" ? "" : ` (${check.status})`;
  return `${check.id}: expected ${String(check.expected)}, actual ${String(check.actual)}${suffix}`;
}

function bareDiagnostic(d: Diagnostic): string {
  const message = d.message.replace(/\s*[\r\n]+\s*/g, " ");
  return `${d.severity} ${d.code} ${message}${d.path ? ` [${d.path}]` : ""}`;
}

/**
 * A code frame (as in babel or smol-toml): the diagnostic, then the source lines around it
 * with a caret underline. Columns in the model are UTF-16 based, but a terminal gives CJK
 * characters two cells, so the underline is laid out by display width; otherwise the carets
 * would drift left of the cell they mean on every Chinese line.
 */
export function formatCodeFrame(text: string, d: Diagnostic, options: CodeFrameOptions = {}): string {
  const contextLines = Math.max(0, Math.floor(options.contextLines ?? 1));
  const maxWidth = Math.max(0, Math.floor(options.maxWidth ?? 100));
  const lines = text.split(/\r\n|\r|\n/);
  const lastLine = lines.length;

  const clampLine = (n: number) => Math.min(Math.max(1, Math.floor(n) || 1), lastLine);
  const startLine = clampLine(d.position.start.line);
  let endLine = Math.max(startLine, clampLine(d.position.end.line));
  let endColumn = d.position.end.column;
  // A span that ends at column 1 of the next line really ends with the previous line's break.
  if (endLine > startLine && endColumn <= 1) {
    endLine -= 1;
    endColumn = (lines[endLine - 1] ?? "").length + 1;
  }

  const first = Math.max(1, startLine - contextLines);
  const last = Math.min(lastLine, endLine + contextLines);
  const gutterWidth = String(last).length;

  const head =
    options.file === undefined
      ? `${d.position.start.line}:${d.position.start.column} ${bareDiagnostic(d)}`
      : formatDiagnosticLine(options.file, d);
  const out: string[] = [head];

  for (let n = first; n <= last; n++) {
    const source = lines[n - 1] ?? "";
    const marked = n >= startLine && n <= endLine;
    let from = 0;
    let to = source.length;
    if (marked) {
      if (n === startLine) from = clampIndex(d.position.start.column - 1, source.length);
      if (n === endLine) to = clampIndex(endColumn - 1, source.length);
      if (to < from) to = from;
    }
    const view = cutLine(source, from, to, maxWidth);
    const gutter = String(n).padStart(gutterWidth);
    out.push(`${marked ? ">" : " "} ${gutter} | ${view.text}`.trimEnd());
    if (marked) {
      const pad = markerPad(view.text.slice(0, view.from));
      const carets = "^".repeat(Math.max(1, displayWidth(view.text.slice(view.from, view.to))));
      out.push(`  ${" ".repeat(gutterWidth)} | ${pad}${carets}`);
    }
  }
  return out.join("\n");
}

function clampIndex(i: number, length: number): number {
  return Math.min(Math.max(0, Math.floor(i) || 0), length);
}

/**
 * Cuts a long line to a window around [from, to) and renders control characters visibly,
 * returning the shown text and where the span lies in it.
 */
function cutLine(
  source: string,
  from: number,
  to: number,
  maxWidth: number,
): { text: string; from: number; to: number } {
  let start = 0;
  let end = source.length;
  if (maxWidth > 0 && displayWidth(source) > maxWidth) {
    // Keep a little context before the span, then fill the budget to the right.
    const budget = Math.max(10, maxWidth - 2);
    const lead = Math.min(Math.floor(budget / 4), 20);
    start = from;
    let width = 0;
    while (start > 0 && width < lead) {
      start = previousIndex(source, start);
      width += charWidth(source.codePointAt(start) ?? 0);
    }
    end = start;
    width = 0;
    while (end < source.length) {
      const cp = source.codePointAt(end) ?? 0;
      const w = charWidth(cp);
      if (width + w > budget && end > from) break;
      width += w;
      end += cp > 0xffff ? 2 : 1;
    }
  }
  to = Math.min(to, end);
  const before = start > 0 ? "…" : "";
  const after = end < source.length ? "…" : "";
  const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, controlPicture);
  const shownBefore = before + visible(source.slice(start, from));
  const shownSpan = visible(source.slice(from, to));
  const text = shownBefore + shownSpan + visible(source.slice(to, end)) + after;
  return { text, from: shownBefore.length, to: shownBefore.length + shownSpan.length };
}

function previousIndex(s: string, i: number): number {
  const low = s.charCodeAt(i - 1);
  const high = s.charCodeAt(i - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return i - (pair ? 2 : 1);
}

/** NUL, BEL, ESC… would garble the terminal; show them as their Control Pictures (␀ ␁ ␛). */
function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  return code === 0x7f ? "\u2421" : String.fromCharCode(0x2400 + code);
}

/** Blank space as wide as `prefix` on screen, keeping tabs so that they expand identically. */
function markerPad(prefix: string): string {
  let pad = "";
  for (const ch of prefix) pad += ch === "\t" ? "\t" : " ".repeat(charWidth(ch.codePointAt(0) ?? 0));
  return pad;
}

/**
 * Terminal cells taken by `s`: 2 for East-Asian wide and full-width characters, 0 for
 * combining marks and zero-width characters, 1 otherwise. Exported because tables that mix
 * Chinese labels and numbers need the same measure to line up.
 */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

function charWidth(cp: number): number {
  if (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, Kangxi radicals, CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || // pictographs, emoticons
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B and later
  ) {
    return 2;
  }
  return 1;
}
