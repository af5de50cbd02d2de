/**
 * Tool layouts: a model → the text that a real text-extraction tool prints for the
 * report's HTML page (`render(model, "html")`). Scrapers and researchers rarely save the
 * page itself; they save what w3m, lynx, pandoc, BeautifulSoup's `get_text()` or a
 * browser's `innerText` made of it, and each of those flattens the tables differently.
 * These renderers print the same document as `render.ts` (same title, prose, headings and
 * the tables of `layoutTables`, with the same label and value artifacts of
 * {@link RenderOptions}) in those tools' shapes, so a pipeline can be fuzzed with them.
 *
 * They imitate the structure, not the bytes: column widths, wrap points and whitespace
 * between blocks follow simple documented rules instead of each tool's heuristics (the
 * tests say where the real tools differ). Every renderer is a pure function of
 * (model, options). What they all share — widths and wrapping, grid placement, the blocks of
 * the document, the crawler header — is tool-page.ts; this file holds the four layouts.
 */
import * as fc from "fast-check";
import { renderOptionsArbitrary, type ArtifactName } from "./arbitraries.js";
import type { LayoutTable } from "./layout.js";
import type { ReportModel } from "./model.js";
import { charCount, charWidth, columnWidths, displayWidth, page, placeCells, toolBlocks, wrapText, type CrawlerHeader, type Measure, type PlacedCell, type ToolBaseOptions } from "./tool-page.js";

export { crawlerHeaderLines, displayWidth, placeCells, type CrawlerHeader, type PlacedCell, type ToolBaseOptions } from "./tool-page.js";

/** The tool layouts: box drawing (w3m), aligned columns (lynx, pandoc plain), glued text (`get_text`), tabs (`innerText`). */
export type ToolLayout = "box" | "aligned" | "glued" | "tabs";

/** w3m's dump: tables drawn with box characters, prose wrapped at the terminal width. */
export interface BoxOptions extends ToolBaseOptions {
  /**
   * Display width at which a label wraps inside its box (default 40). A label wraps at its
   * box's final width, which is at least this much unless the label is shorter, so a
   * spanning label uses its whole box as w3m does.
   */
  wrap?: number;
  /** Display width at which prose and headings wrap, as w3m's `-cols` (default 120); `null` never wraps. */
  cols?: number | null;
}

/** lynx's and pandoc `-t plain`'s tables: no separators, each cell starts at its column's position. */
export interface AlignedOptions extends ToolBaseOptions {
  /** Each non-blank cell on a line of its own, indented to its column's position; blank cells dropped. */
  cellPerLine?: boolean;
  /** Spaces before every table line (pandoc 2, lynx 3; default 0). */
  indent?: number;
  /** Spaces before every prose, heading and title line (lynx 3; default 0). */
  proseIndent?: number;
  /** Spaces between columns (default 1). */
  gap?: number;
  /** pandoc's dashed rule lines above and below each table (`---- ------`). */
  rules?: boolean;
  /**
   * `display` (default, pandoc): widths in terminal columns, CJK = 2. `chars`: widths in
   * characters, as lynx measures them, so columns of CJK text do not line up on screen.
   */
  measure?: "display" | "chars";
}

/** BeautifulSoup `get_text(separator)` / cheerio `.text()` of the page body. */
export interface GluedOptions extends ToolBaseOptions {
  /** What `get_text` puts between text nodes (default `""`). */
  separator?: "" | " " | "\n" | "\t";
  /**
   * `formatted` (default): the page source has a line break between blocks and rows, and
   * those whitespace nodes survive; `minified`: none, so the whole body is one line.
   */
  source?: "formatted" | "minified";
}

/** A browser's `innerText` (copy-paste): tabs between cells, a line per row, blank lines between blocks. */
export type TabsOptions = ToolBaseOptions;

/** Options of any tool layout; each renderer reads the fields of its own layout. */
export type ToolOptions = BoxOptions & AlignedOptions & GluedOptions & TabsOptions;

// ---------------------------------------------------------------------------------------
// box (w3m)

const U = 1;
const D = 2;
const L = 4;
const R = 8;
const BOX: Record<number, string> = {
  [U]: "│", [D]: "│", [U | D]: "│", [L]: "─", [R]: "─", [L | R]: "─",
  [D | R]: "┌", [D | L]: "┐", [U | R]: "└", [U | L]: "┘",
  [U | D | R]: "├", [U | D | L]: "┤", [L | R | D]: "┬", [L | R | U]: "┴", [U | D | L | R]: "┼",
};

/**
 * One table drawn as w3m draws it: a border around every cell, so a rule segment is absent
 * under a rowspan and a colspan has no inner `│`; labels wrap inside their box; a cell that
 * spans rows prints its text centred over them (on the middle line when it fits on one),
 * other cells at the top of their row; every line has the same display width.
 */
function boxTable(table: LayoutTable, texts: ReadonlyMap<string, string>, wrap: number): string[] {
  const placed = placeCells(table);
  const raw = (p: PlacedCell) => (texts.get(p.cell.id) ?? "").replace(/\u00a0/g, " ").split("\n");
  const natural = (p: PlacedCell) => Math.max(0, ...raw(p).map(displayWidth));
  const need = (p: PlacedCell) => (p.cell.role === "value" ? natural(p) : Math.min(natural(p), wrap));
  const widths = columnWidths(placed, table.width, need, 1);
  const X = [0];
  for (const w of widths) X.push(X[X.length - 1]! + w + 1);
  const inner = (p: PlacedCell) => X[p.column + p.cell.colspan]! - X[p.column]! - 1;
  const lines = new Map(placed.map((p) => [p, p.cell.role === "value" ? raw(p) : raw(p).flatMap((t) => wrapText(t, inner(p)))]));

  const heights = new Array<number>(table.rows.length).fill(1);
  for (const p of placed) if (p.cell.rowspan === 1) heights[p.row] = Math.max(heights[p.row]!, lines.get(p)!.length);
  for (const p of [...placed].filter((q) => q.cell.rowspan > 1).sort((a, b) => a.cell.rowspan - b.cell.rowspan)) {
    let have = p.cell.rowspan - 1;
    for (let k = 0; k < p.cell.rowspan; k++) have += heights[p.row + k]!;
    const deficit = lines.get(p)!.length - have;
    if (deficit > 0) heights[p.row + p.cell.rowspan - 1]! += deficit;
  }
  const Y = [0];
  for (const h of heights) Y.push(Y[Y.length - 1]! + h + 1);

  const cols = X[X.length - 1]! + 1;
  const rows = Y[Y.length - 1]! + 1;
  const mask = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const canvas = Array.from({ length: rows }, () => new Array<string>(cols).fill(" "));
  for (const p of placed) {
    const x0 = X[p.column]!;
    const x1 = X[p.column + p.cell.colspan]!;
    const y0 = Y[p.row]!;
    const y1 = Y[p.row + p.cell.rowspan]!;
    for (const y of [y0, y1]) for (let x = x0; x <= x1; x++) mask[y]![x]! |= (x < x1 ? R : 0) | (x > x0 ? L : 0);
    for (const x of [x0, x1]) for (let y = y0; y <= y1; y++) mask[y]![x]! |= (y < y1 ? D : 0) | (y > y0 ? U : 0);
    const text = lines.get(p)!;
    const offset = p.cell.rowspan > 1 ? Math.floor((y1 - y0 - 1 - text.length) / 2) : 0;
    text.forEach((t, i) => {
      const row = canvas[y0 + 1 + offset + i]!;
      let x = x0 + 1;
      for (const ch of t) {
        const w = charWidth(ch);
        if (w === 0) {
          row[x - 1] += ch;
          continue;
        }
        row[x] = ch;
        if (w === 2) row[x + 1] = "";
        x += w;
      }
    });
  }
  return canvas.map((row, y) => row.map((ch, x) => (mask[y]![x]! ? BOX[mask[y]![x]!]! : ch)).join(""));
}

/**
 * w3m's `-dump` of the page: blocks separated by a blank line, prose wrapped at `cols`,
 * tables in box drawing (see {@link BoxOptions}). What a scraper gets from
 * `w3m -dump -T text/html`, and from elinks/links with box drawing on.
 */
export function renderBox(model: ReportModel, options: BoxOptions = {}): string {
  const wrap = Math.max(2, options.wrap ?? 40);
  const cols = options.cols === undefined ? 120 : options.cols;
  const out: string[] = [];
  for (const b of toolBlocks(model, options)) {
    if (b.kind === "table") out.push(boxTable(b.table, b.texts, wrap).join("\n"));
    else out.push(cols === null ? b.text : wrapText(b.text, Math.max(2, cols)).join("\n"));
  }
  return page(model, options, out.join("\n\n"));
}

// ---------------------------------------------------------------------------------------
// aligned (lynx, pandoc plain)

/** Joins pieces placed at columns (in `measure` units) into a line, padding with spaces. */
function placeLine(pieces: ReadonlyArray<readonly [number, string]>, measure: Measure): string {
  let line = "";
  let w = 0;
  for (const [x, t] of [...pieces].sort((a, b) => a[0] - b[0])) {
    if (x > w) {
      line += " ".repeat(x - w);
      w = x;
    }
    line += t;
    w += measure(t);
  }
  return line.trimEnd();
}

/**
 * One table as lynx or pandoc prints it: each cell starts at its column's position (a
 * rowspan's text on its first row only), columns as wide as their widest cell, `gap`
 * spaces between them. With `cellPerLine` each cell gets a line of its own at that
 * indentation and blank cells disappear, which is what some dumps of wide tables do.
 */
function alignedTable(table: LayoutTable, texts: ReadonlyMap<string, string>, o: AlignedOptions): string[] {
  const measure = o.measure === "chars" ? charCount : displayWidth;
  const gap = Math.max(1, o.gap ?? 1);
  const indent = Math.max(0, o.indent ?? 0);
  const placed = placeCells(table);
  const text = (p: PlacedCell) => (texts.get(p.cell.id) ?? "").replace(/\u00a0/g, " ").split("\n").map((t) => t.trim());
  const widths = columnWidths(placed, table.width, (p) => Math.max(0, ...text(p).map(measure)), gap);
  const S = [indent];
  for (const w of widths) S.push(S[S.length - 1]! + w + gap);
  const out: string[] = [];
  const rule = " ".repeat(indent) + widths.map((w) => "-".repeat(w)).join(" ".repeat(gap));
  if (o.rules) out.push(rule);
  table.rows.forEach((_, r) => {
    const cells = placed.filter((p) => p.row === r);
    if (o.cellPerLine) {
      for (const p of cells) for (const t of text(p)) if (t !== "") out.push(" ".repeat(S[p.column]!) + t);
      return;
    }
    const height = Math.max(1, ...cells.map((p) => text(p).length));
    for (let i = 0; i < height; i++) {
      const line = placeLine(cells.flatMap((p) => (text(p)[i] ? [[S[p.column]!, text(p)[i]!] as const] : [])), measure);
      out.push(line);
    }
  });
  if (o.rules) out.push(rule);
  return out;
}

/**
 * A text browser's or pandoc's plain dump: blocks separated by blank lines, tables as
 * columns of text with no separators (see {@link AlignedOptions}); a reader has only the
 * display positions to place values in columns.
 */
export function renderAligned(model: ReportModel, options: AlignedOptions = {}): string {
  const pad = " ".repeat(Math.max(0, options.proseIndent ?? 0));
  const out: string[] = [];
  for (const b of toolBlocks(model, options)) {
    if (b.kind === "table") out.push(alignedTable(b.table, b.texts, options).join("\n"));
    else out.push(pad + b.text);
  }
  return page(model, options, out.join("\n\n"));
}

// ---------------------------------------------------------------------------------------
// glued (get_text)

/**
 * BeautifulSoup's `body.get_text(separator)` of the page: every text node in document
 * order joined by the separator. Blank cells have no text node and vanish; a `<br>` splits
 * a cell into two nodes; with `formatted` source the line breaks between blocks and rows
 * are text nodes too (three between a table's last row and the next block, for
 * `</tbody>`, `</table>` and the block's own line), so `""` still breaks rows while a
 * minified page is one line of glued labels and digits.
 */
export function renderGlued(model: ReportModel, options: GluedOptions = {}): string {
  const sep = options.separator ?? "";
  const formatted = (options.source ?? "formatted") === "formatted";
  const nodes: string[] = [];
  // A source line that has no text (a tag alone) still leaves its line break.
  const line = (...texts: string[]) => {
    if (formatted && nodes.length > 0) nodes.push("\n");
    for (const t of texts) if (t !== "") nodes.push(t);
  };
  for (const b of toolBlocks(model, options)) {
    if (b.kind !== "table") {
      line(b.text);
      continue;
    }
    line(); // <table>
    line(); // <tbody>
    for (const row of b.table.rows) line(...row.flatMap((c) => (b.texts.get(c.id) ?? "").split("\n")));
    line(); // </tbody>
    line(); // </table>
  }
  return page(model, options, nodes.join(sep));
}

// ---------------------------------------------------------------------------------------
// tabs (innerText)

/**
 * A browser's `innerText` of the page, what copy-paste from a report page gives: a blank
 * line between blocks (paragraph margins), each `<tr>` a line with its cells joined by
 * tabs; a spanned cell prints once, in its first row, and a blank cell is an empty
 * field between two tabs.
 */
export function renderTabs(model: ReportModel, options: TabsOptions = {}): string {
  const out: string[] = [];
  for (const b of toolBlocks(model, options)) {
    if (b.kind === "table") out.push(b.table.rows.map((row) => row.map((c) => b.texts.get(c.id) ?? "").join("\t")).join("\n"));
    else out.push(b.text);
  }
  return page(model, options, out.join("\n\n"));
}

/** Renders in the named tool layout; the dispatcher for properties that range over layouts. */
export function renderTool(model: ReportModel, layout: ToolLayout, options: ToolOptions = {}): string {
  switch (layout) {
    case "box":
      return renderBox(model, options);
    case "aligned":
      return renderAligned(model, options);
    case "glued":
      return renderGlued(model, options);
    case "tabs":
      return renderTabs(model, options);
  }
}

// ---------------------------------------------------------------------------------------
// Options arbitraries

/** The {@link RenderOptions} artifacts every tool layout accepts. */
const TOOL_ARTIFACTS: readonly ArtifactName[] = [
  "punctuation", "br", "spacedLabels", "traditional", "blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp", "newline", "title",
];

const headerArbitrary: fc.Arbitrary<boolean | CrawlerHeader> = fc.oneof(
  fc.boolean(),
  fc.record({ colon: fc.constantFrom<": " | "：">(": ", "："), fields: fc.constantFrom<"basic" | "full">("basic", "full"), chrome: fc.boolean() }, { requiredKeys: [] }),
);

const LAYOUT_FIELDS: Record<ToolLayout, Record<string, fc.Arbitrary<unknown>>> = {
  box: { wrap: fc.constantFrom(8, 12, 20, 40, 80), cols: fc.constantFrom<number | null>(60, 80, 120, null) },
  aligned: {
    cellPerLine: fc.boolean(),
    indent: fc.constantFrom(0, 2, 3),
    proseIndent: fc.constantFrom(0, 3),
    gap: fc.constantFrom(1, 2, 3),
    rules: fc.boolean(),
    measure: fc.constantFrom("display", "chars"),
  },
  glued: { separator: fc.constantFrom("", " ", "\n"), source: fc.constantFrom("formatted", "minified") },
  tabs: {},
};

/**
 * Options for a tool layout, every field optional: the label and value artifacts of
 * {@link renderOptionsArbitrary}, the crawler header, and the layout's own switches, so a
 * property can range over what that tool and the page could have done.
 */
export function toolOptionsArbitrary(layout: ToolLayout): fc.Arbitrary<ToolOptions> {
  return fc
    .tuple(renderOptionsArbitrary("cell-lines", TOOL_ARTIFACTS), fc.record({ header: headerArbitrary, ...LAYOUT_FIELDS[layout] }, { requiredKeys: [] }))
    .map(([base, own]) => ({ ...base, ...own }) as ToolOptions);
}
