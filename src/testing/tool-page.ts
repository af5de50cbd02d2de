/**
 * What every tool layout (tools.ts) shares: display widths and wrapping, the cells of a
 * layout table placed on its grid, the document's blocks in print order, the crawler header
 * and trailer around the body, and the column widths of the grid layouts.
 */
import { eastAsianWidth } from "get-east-asian-width";
import { layoutTables, type LayoutCell, type LayoutTable } from "./layout.js";
import type { ReportModel } from "./model.js";
import type { RenderOptions } from "./options.js";
import { renderLines, reportTitle } from "./render.js";

/**
 * The header a crawler writes before the page text: its own metadata fields, then the
 * page chrome it failed to strip (breadcrumb, font-size and share widgets, a stray `-->`).
 */
export interface CrawlerHeader {
  /** Between field name and value: ASCII `: ` (default, as most crawlers write) or full-width `：`. */
  colon?: ": " | "：";
  /** `full` adds the often empty `文号` and the `栏目` fields that some crawlers write. */
  fields?: "basic" | "full";
  /** Page chrome lines after the fields, and `附件下载` / print widgets after the body (default true). */
  chrome?: boolean;
}

/**
 * The artifacts shared by every tool layout: those of {@link RenderOptions} that change the
 * text of labels and values or the page around the tables. Form switches of the pipe forms
 * and HTML make no sense here; `chrome` is replaced by the crawler {@link header}.
 */
export type ToolBaseOptions = Pick<
  RenderOptions,
  "punctuation" | "br" | "spacedLabels" | "traditional" | "blank" | "zero" | "thousands" | "fullWidthDigits" | "plusSign" | "units" | "nbsp" | "newline" | "title"
> & {
  /** A crawler header block before the body: `true` for the defaults of {@link CrawlerHeader}. */
  header?: boolean | CrawlerHeader;
};

// ---------------------------------------------------------------------------------------
// Widths and wrapping

/**
 * Terminal columns of a string: East Asian Wide and Fullwidth characters take two,
 * ambiguous ones (box drawing, curly quotes) one, as w3m and pandoc count them in a UTF-8
 * terminal. Exported because the aligned and box layouts are only checkable with it.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (/\p{Mn}|\p{Me}|\u200b|\u200d/u.test(ch)) return 0;
  return eastAsianWidth(cp);
}

export type Measure = (s: string) => number;
export const charCount: Measure = (s) => [...s].length;

/**
 * Splits text into lines of at most `width` display columns, breaking between CJK
 * characters but never inside a run of ASCII (a number, `1.`, a date) nor before closing
 * punctuation (`）`, `，`), as text browsers do; a run longer than the width is cut.
 */
export function wrapText(text: string, width: number, measure: Measure = displayWidth): string[] {
  const tokens = text.match(/[\x21-\x7e\u00a0]+| +|[^][）」』】〕》，。、：；！？”’]*/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  let w = 0;
  const flush = () => {
    lines.push(line);
    line = "";
    w = 0;
  };
  for (const token of tokens) {
    const tw = measure(token);
    if (w + tw <= width) {
      line += token;
      w += tw;
      continue;
    }
    if (line !== "") flush();
    if (/^ +$/.test(token)) continue; // a break swallows the spaces at it
    if (tw <= width) {
      line = token;
      w = tw;
      continue;
    }
    // A run wider than the whole line: cut it character by character.
    for (const ch of token) {
      const cw = measure(ch);
      if (w + cw > width && line !== "") flush();
      line += ch;
      w += cw;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------
// The document

/**
 * A cell of a {@link LayoutTable} with its place in the grid: `row` is its `<tr>`,
 * `column` the first grid column it covers once the rowspans from above are counted.
 */
export interface PlacedCell {
  cell: LayoutCell;
  row: number;
  column: number;
}

/**
 * Every cell of a table with its grid column, in document order. The layout lists the
 * cells each `<tr>` prints; where each lands depends on the rowspans above it, which every
 * grid-drawing tool (and every test of one) has to work out the same way.
 */
export function placeCells(table: LayoutTable): PlacedCell[] {
  const taken = table.rows.map(() => new Array<boolean>(table.width).fill(false));
  const out: PlacedCell[] = [];
  table.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < table.width && taken[r]![col]) col++;
      out.push({ cell, row: r, column: col });
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) if (taken[r + dr]) taken[r + dr]![col + dc] = true;
      col += cell.colspan;
    }
  });
  return out;
}

export type Block = { kind: "title" | "prose" | "heading"; text: string } | { kind: "table"; table: LayoutTable; texts: Map<string, string> };

/**
 * The document as blocks with the printed text of every cell. The cell texts come from the
 * cell-lines renderer (one cell per line, `text |`), so label and value artifacts are
 * exactly those of the other forms without a second implementation of them.
 */
export function toolBlocks(model: ReportModel, o: ToolBaseOptions): Block[] {
  const { header: _header, ...base } = o;
  const lines = renderLines(model, "cell-lines", { ...base, newline: "\n", chrome: false, rowSeparator: "none", paddingInline: false });
  const tables = new Map(layoutTables(model).map((t) => [t.part, t]));
  const blocks: Block[] = [];
  for (const line of lines) {
    if (line.kind === "title" || line.kind === "prose" || line.kind === "heading") blocks.push({ kind: line.kind, text: line.text });
    else if (line.kind === "cell" && line.table !== undefined && line.cells?.[0]) {
      let last = blocks[blocks.length - 1];
      if (last?.kind !== "table" || last.table.part !== line.table) {
        last = { kind: "table", table: tables.get(line.table)!, texts: new Map() };
        blocks.push(last);
      }
      const raw = line.text === "|" ? "" : line.text.slice(0, -2);
      // A tool decodes the entity an HTML page writes for a blank cell.
      last.texts.set(line.cells[0].id, raw === "&nbsp;" ? "\u00a0" : raw);
    }
  }
  return blocks;
}

function headerOptions(h: ToolBaseOptions["header"]): Required<CrawlerHeader> | null {
  if (h === undefined || h === false) return null;
  const o = h === true ? {} : h;
  return { colon: o.colon ?? ": ", fields: o.fields ?? "basic", chrome: o.chrome ?? true };
}

/**
 * The lines a crawler writes before the body: `标题: …`, `发布时间: …`, `发布机构: …`,
 * `原文链接: …` (with `文号` and `栏目` for `fields: "full"`), a blank line, then the page
 * chrome it kept. The values are derived from the model, so the header is deterministic and
 * its title, agency and date agree with the body (a reader may take meta from either).
 */
export function crawlerHeaderLines(model: ReportModel, header: CrawlerHeader = {}): string[] {
  const o = headerOptions(header)!;
  const year = (model.meta.year ?? 2021) + 1;
  const field = (name: string, value: string) => `${name}${o.colon}${value}`;
  const lines = [field("标题", reportTitle(model)), field("发布时间", `${year}-01-20 09:30:00`)];
  if (o.fields === "full") lines.push(field("文号", ""));
  lines.push(field("发布机构", model.meta.agency ?? ""));
  if (o.fields === "full") lines.push(field("栏目", "政府信息公开年报"));
  lines.push(field("原文链接", `http://www.example.gov.cn/zwgk/ndbg/${year}01/t${year}0120_${(model.meta.year ?? 0) % 97}.html`));
  if (o.chrome) lines.push("", "当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文", "【字体：大 中 小】", "微信 微博 QQ空间", "-->");
  return lines;
}

/** Chrome a crawler keeps after the body when it keeps the chrome before it. */
const TRAILER = ["附件下载：", "【打印本页】 【关闭窗口】"];

/** Header block + body + trailer, with the chosen line ending. */
export function page(model: ReportModel, o: ToolBaseOptions, body: string): string {
  const h = headerOptions(o.header);
  let text = body;
  if (h !== null) {
    text = `${crawlerHeaderLines(model, h).join("\n")}\n\n${body}`;
    if (h.chrome) text += `\n\n${TRAILER.join("\n")}`;
  }
  return o.newline === "\r\n" ? text.replace(/\r?\n/g, "\r\n") : text;
}

// ---------------------------------------------------------------------------------------
// Column and row sizes shared by the grid layouts

/**
 * Widths per grid column so every cell fits: single-column cells set their column, then
 * spanning cells (narrowest span first) widen the columns they cover evenly when the
 * columns plus the borders between them (`join` each) are too narrow.
 */
export function columnWidths(placed: readonly PlacedCell[], width: number, need: (p: PlacedCell) => number, join: number): number[] {
  const widths = new Array<number>(width).fill(1);
  for (const p of placed) if (p.cell.colspan === 1) widths[p.column] = Math.max(widths[p.column]!, need(p));
  const spanning = placed.filter((p) => p.cell.colspan > 1).sort((a, b) => a.cell.colspan - b.cell.colspan);
  for (const p of spanning) {
    const span = p.cell.colspan;
    let have = join * (span - 1);
    for (let k = 0; k < span; k++) have += widths[p.column + k]!;
    let deficit = need(p) - have;
    for (let k = 0; deficit > 0; k = (k + 1) % span) {
      widths[p.column + span - 1 - k]!++;
      deficit--;
    }
  }
  return widths;
}
