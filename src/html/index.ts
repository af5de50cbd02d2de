/**
 * HTML pages → the same AST as flattened text, with positions into the HTML source.
 *
 * cheerio parses with its htmlparser2 backend (several times faster than parse5, and it
 * gives every node its source offsets); the tree is then walked once. Block elements
 * become lines, which are classified exactly like text lines (headings by their marker,
 * else prose); `<table>`s become table nodes built from the real grid, with rowspan and
 * colspan expanded, so each cell knows its grid column.
 *
 * Text is assembled per character with the source offset of every character: Word-pasted
 * markup splits words and numbers across `<span>`s (`20</span><span>23` is 2023) and
 * entities are longer than what they stand for, so a cell's position runs from the first
 * to the last source character of its text.
 *
 * Why one file: it is one walk over one tree. The line buffer (text with a source offset per
 * character), the chrome and content-root tests and the table-grid builder all serve the
 * `Walker`, share its node type and are used nowhere else; apart, each would be a module
 * exporting its internals to a single caller.
 */
// cheerio/slim: the htmlparser2-only entry. The main entry also imports parse5 and undici
// (for fetching URLs), which this module never uses: ~0.1 s of every CLI start. The tree is
// the same, since htmlparser2 is the backend used here either way.
import { load } from "cheerio/slim";
import type { Block, Root, Table, TableCell, TableRow } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import { lineBlocks, type OffsetMap } from "../parser/lines.js";
import type { LineIndex } from "../source/line-index.js";
import { HAN } from "../text/chars.js";
import { REPORT_TITLE } from "../templates/titles.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_DEPTH, flattenDeepNesting } from "./depth.js";

/** The parts of a domhandler node this module reads. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
  startIndex: number | null;
  endIndex: number | null;
}

/** Tags whose content is never report text. */
const SKIP = new Set([
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head",
  "nav", "footer", "aside", "form", "button", "select", "input", "textarea", "map", "audio", "video",
]);

/** Class or id words of site chrome: navigation, share bars, breadcrumbs, footers. */
const CHROME = /(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|share|bdshare|sidebar|banner|search|copyright|topbar|toolbar|fontsize|zoom|print|weixin|qrcode|erweima|skip|dibu|daohang|weizhi)(?:$|[\s_-])/i;

/** Elements that end a line of text. */
const BLOCK = new Set([
  "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main",
  "menu", "ol", "p", "pre", "section", "summary", "ul", "caption", "title", "tr", "td", "th", "tbody", "thead",
  "tfoot", "table",
]);

/** Labels that mark a table as part of the report (or its header block). */
const REPORT_TABLE = /本年新收|新收政府信息|第二十条|第二十條|行政复议|行政複議|申请人情况|申請人情況|索\s*引\s*号|索\s*引\s*號|统计指标|指标名称|统计数/;
/** A line that names the report: its title. */

/** A markdown table's delimiter row (`|---|---|`, `---|---`). */
const MARKDOWN_DELIMITER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|/m;

/**
 * Is this text HTML rather than flattened text? Flattened text never starts with a tag — but
 * a markdown converter (pandoc gfm) keeps the page's wrapping `<div>` around pipe tables,
 * and raw `<table>`s where spans do not fit a pipe table: a text that opens with a tag, has
 * no document tags, and holds a markdown table is markdown (its raw tables are read as HTML
 * by the layout pass). Nor is a text whose only tags are such a wrapper ({@link tagDense}).
 */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  if (!(head.startsWith("<") && /<(?:!doctype\s+html|html|head|body|div|p|table|meta|title|span)\b/i.test(head))) return false;
  if (/<(?:!doctype|html|head|body)\b/i.test(head)) return true;
  if (MARKDOWN_DELIMITER.test(text)) return false;
  return tagDense(text);
}

const TAG = /<\/?[a-zA-Z][^<>]*>/g;

/**
 * More than a wrapper's two tags, and at least one per ten lines: a page or a fragment of
 * one. A converter that keeps only the page's wrapping `<div>` around its own markup (pandoc textile: `|规章|0|7|0|` rows
 * between `<div class="article">` and `</div>`) is that markup, not HTML.
 */
function tagDense(text: string): boolean {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  TAG.lastIndex = 0;
  let tags = 0;
  while ((tags <= 2 || tags * 10 < lines) && TAG.exec(text)) tags++;
  return tags > 2 && tags * 10 >= lines;
}

/**
 * Characters of one line with the source span of each. Runs of HTML white space collapse
 * to one space, as a browser renders them.
 *
 * The characters are collected as code units in a growing buffer and the line's string is
 * built once, when it is read: appending one character at a time to a string made a new
 * string per character of the page, most of the HTML path's garbage. (Slicing the text
 * nodes instead would be cheaper still, but a slice keeps the whole page alive for as long
 * as any value read from the line is kept.)
 */
class LineBuffer {
  private units = new Uint16Array(256);
  private length = 0;
  private cached: string | null = "";
  starts: number[] = [];
  ends: number[] = [];

  /** The line's text. */
  get text(): string {
    if (this.cached === null) this.cached = fromUnits(this.units, this.length);
    return this.cached;
  }

  /** Appends one code unit with its source span. */
  private unit(c: number, start: number, end: number): void {
    if (this.length === this.units.length) {
      const grown = new Uint16Array(this.units.length * 2);
      grown.set(this.units);
      this.units = grown;
    }
    this.units[this.length++] = c;
    this.cached = null;
    this.starts.push(start);
    this.ends.push(end);
  }

  push(ch: string, start: number, end: number): void {
    if (ch.length === 1 && isHtmlSpace(ch.charCodeAt(0))) {
      // Collapsed: nothing at the start of a line or after a space, else one space.
      if (this.length === 0 || this.units[this.length - 1] === 0x20) return;
      this.unit(0x20, start, end);
      return;
    }
    for (let k = 0; k < ch.length; k++) this.unit(ch.charCodeAt(k), start, end);
  }

  /** `push` of each character of `data`, which starts at source offset `s0` and maps 1:1. */
  private pushPlain(data: string, s0: number): void {
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (isHtmlSpace(c)) {
        if (this.length === 0 || this.units[this.length - 1] === 0x20) continue;
        this.unit(0x20, s0 + i, s0 + i + 1);
      } else {
        this.unit(c, s0 + i, s0 + i + 1);
      }
    }
  }

  /** Appends a text node, aligning its decoded data with its source markup. */
  append(node: DomNode, html: string): void {
    const data = node.data ?? "";
    if (data === "" || node.startIndex === null || node.endIndex === null) return;
    const s0 = node.startIndex;
    const raw = html.slice(s0, node.endIndex + 1);
    if (raw === data) {
      this.pushPlain(data, s0);
      return;
    }
    let r = 0;
    let d = 0;
    const entity = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/y;
    while (d < data.length && r < raw.length) {
      if (raw[r] === "&") {
        entity.lastIndex = r;
        const m = entity.exec(raw);
        if (m && !data.startsWith(m[0], d)) {
          const n = m[0].startsWith("&#") ? String.fromCodePoint(entityCode(m[0])).length : 1;
          for (let k = 0; k < n && d < data.length; k++) this.push(data[d++]!, s0 + r, s0 + r + m[0].length);
          r += m[0].length;
          continue;
        }
      }
      if (raw[r] !== data[d]) break;
      this.push(data[d++]!, s0 + r, s0 + r + 1);
      r++;
    }
    // Alignment lost (an entity decoding to several characters): the rest maps to the node.
    while (d < data.length) this.push(data[d++]!, s0, node.endIndex + 1);
  }

  map(): OffsetMap {
    const starts = this.starts;
    const ends = this.ends;
    return { start: (i) => starts[i]!, end: (i) => ends[i]! };
  }

  clear(): void {
    this.length = 0;
    this.cached = "";
    this.starts = [];
    this.ends = [];
  }
}

/** At most this many arguments are passed to `String.fromCharCode` at once (they go on the stack). */
const CHUNK = 8192;

/** The string of the first `length` code units of `units`. */
function fromUnits(units: Uint16Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let out = "";
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, units.subarray(i, Math.min(i + CHUNK, length)) as unknown as number[]);
  }
  return out;
}

/** The characters a run of which a browser collapses to one space (space, LF, tab, CR, FF). */
function isHtmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

function entityCode(e: string): number {
  const body = e.replace(/^&#/, "").replace(/;$/, "");
  const n = body[0] === "x" || body[0] === "X" ? parseInt(body.slice(1), 16) : parseInt(body, 10);
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? n : 0xfffd;
}

const isElement = (n: DomNode) => n.type === "tag" || n.type === "script" || n.type === "style";

function isChrome(n: DomNode): boolean {
  if (SKIP.has(n.name ?? "")) return true;
  const a = n.attribs;
  if (!a) return false;
  const words = `${a.class ?? ""} ${a.id ?? ""}`;
  if (words.trim() !== "" && CHROME.test(words)) return true;
  return /display\s*:\s*none/i.test(a.style ?? "");
}

function textOf(n: DomNode): string {
  if (n.type === "text") return n.data ?? "";
  if (!n.children || (isElement(n) && SKIP.has(n.name ?? ""))) return "";
  let s = "";
  for (const c of n.children) s += textOf(c);
  return s;
}

/**
 * Answers of {@link hasNestedTable} by table element: both the content search and the walk
 * ask it of every table, and each answer is a scan of the table's whole subtree.
 */
const nestedTables = new WeakMap<DomNode, boolean>();

function hasNestedTable(n: DomNode): boolean {
  let known = nestedTables.get(n);
  if (known === undefined) nestedTables.set(n, (known = containsTable(n)));
  return known;
}

function containsTable(n: DomNode): boolean {
  for (const c of n.children ?? []) {
    if (c.name === "table" || containsTable(c)) return true;
  }
  return false;
}

/** The element holding the report: the lowest common ancestor of its tables and title. */
function contentRoot(body: DomNode): DomNode {
  const marks: DomNode[] = [];
  let reportTables = 0;
  const visit = (n: DomNode) => {
    if (!isElement(n) || isChrome(n)) return;
    if (n.name === "table" && !hasNestedTable(n)) {
      const t = textOf(n);
      if (REPORT_TABLE.test(t)) {
        marks.push(n);
        if (!/索\s*引\s*[号號]/.test(t)) reportTables++;
      }
      return;
    }
    if (/^h[1-6]$/.test(n.name ?? "") || n.name === "p") {
      const t = textOf(n).trim();
      if (t.length < 80 && REPORT_TITLE.test(t)) marks.push(n);
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(body);
  if (reportTables === 0 || marks.length === 0) return body;
  const chain = (n: DomNode) => {
    const out: DomNode[] = [];
    for (let p: DomNode | null | undefined = n; p; p = p.parent) out.unshift(p);
    return out;
  };
  let common = chain(marks[0]!);
  for (const m of marks.slice(1)) {
    const c = chain(m);
    let i = 0;
    while (i < common.length && i < c.length && common[i] === c[i]) i++;
    common = common.slice(0, i);
  }
  const lca = common[common.length - 1];
  return lca && lca.name !== "table" ? lca : body;
}

/** Walks the content, emitting blocks in document order. */
class Walker {
  readonly blocks: Block[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private line = new LineBuffer();
  /**
   * Grid cells (span areas) every table of the page may still fill: proportional to the page,
   * so `rowspan="65534" colspan="1000"` on a 12 KB page cannot ask for gigabytes.
   */
  private gridBudget: number;
  /** The buffer each table cell's text is collected in, one cell at a time. */
  private readonly cellLine = new LineBuffer();

  constructor(
    private readonly html: string,
    private readonly index: LineIndex,
  ) {
    this.gridBudget = GRID_CELLS_PER_CHAR * html.length + GRID_CELLS_MIN;
  }

  flush(): void {
    if (this.line.text.trim() !== "") this.blocks.push(...lineBlocks(this.line.text, this.line.map(), this.index));
    this.line.clear();
  }

  walk(n: DomNode): void {
    if (n.type === "text") {
      this.line.append(n, this.html);
      return;
    }
    if (n.type === "root") {
      for (const c of n.children ?? []) this.walk(c);
      return;
    }
    if (!isElement(n) || isChrome(n)) return;
    const name = n.name ?? "";
    if (name === "br") {
      this.flush();
      return;
    }
    if (name === "table" && !hasNestedTable(n)) {
      this.flush();
      const table = this.table(n);
      if (table) this.blocks.push(table);
      return;
    }
    const block = BLOCK.has(name);
    if (block) this.flush();
    for (const c of n.children ?? []) this.walk(c);
    if (block) this.flush();
  }

  /** The rows of a table element, not those of tables nested in it. */
  private rows(table: DomNode): DomNode[] {
    const out: DomNode[] = [];
    const visit = (n: DomNode) => {
      for (const c of n.children ?? []) {
        if (c.name === "tr") out.push(c);
        else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") visit(c);
      }
    };
    visit(table);
    return out;
  }

  /** Builds a table node from the grid: spans expanded, each cell placed at its column. */
  table(el: DomNode): Table | null {
    const taken: boolean[][] = [];
    const rows: TableRow[] = [];
    let width = 0;
    const trs = this.rows(el);
    trs.forEach((tr, r) => {
      const cells: TableCell[] = [];
      let col = 0;
      for (const td of tr.children ?? []) {
        if (td.name !== "td" && td.name !== "th") continue;
        taken[r] ??= [];
        while (taken[r]![col]) col++;
        let colspan = span(td.attribs?.colspan);
        let rowspan = Math.min(span(td.attribs?.rowspan), trs.length - r);
        if (colspan * rowspan > this.gridBudget) {
          this.clamped(td, colspan, rowspan);
          colspan = rowspan = 1;
        }
        this.gridBudget -= colspan * rowspan;
        for (let dr = 0; dr < rowspan; dr++) {
          const row = (taken[r + dr] ??= []);
          for (let dc = 0; dc < colspan; dc++) row[col + dc] = true;
        }
        const cell = this.cell(td);
        cell.column = col;
        if (colspan > 1) cell.colspan = colspan;
        if (rowspan > 1) cell.rowspan = rowspan;
        cells.push(cell);
        col += colspan;
        width = Math.max(width, col);
      }
      if (cells.length === 0) return;
      const start = tr.startIndex ?? cells[0]!.position.start.offset;
      const end = (tr.endIndex ?? cells[cells.length - 1]!.position.end.offset - 1) + 1;
      rows.push({ type: "tableRow", padding: 0, children: cells, position: this.index.position(start, end) });
    });
    if (rows.length === 0) return null;
    return {
      type: "table",
      form: "html",
      columns: width,
      children: rows,
      position: this.index.position(el.startIndex ?? 0, (el.endIndex ?? 0) + 1),
    };
  }

  /** Records one `span-clamped` diagnostic per page (the first cell cut): one is enough to say it. */
  private clamped(td: DomNode, colspan: number, rowspan: number): void {
    if (this.diagnostics.some((d) => d.code === DiagnosticCodes.spanClamped.code)) return;
    const at = td.startIndex ?? 0;
    this.diagnostics.push(
      diagnostic(
        DiagnosticCodes.spanClamped,
        `a cell spanning ${rowspan} rows × ${colspan} columns asks for more grid than the page can hold; read as one cell, and so is every later one that does (合并单元格跨度过大，按单个单元格读取)`,
        this.index.position(at, (td.endIndex ?? at) + 1),
      ),
    );
  }

  /** A cell's text: all its text nodes joined, `<br>` and inner blocks joining the halves. */
  private cell(td: DomNode): TableCell {
    const buf = this.cellLine;
    buf.clear();
    const visit = (n: DomNode) => {
      if (n.type === "text") buf.append(n, this.html);
      else if (isElement(n) && !SKIP.has(n.name ?? "")) for (const c of n.children ?? []) visit(c);
    };
    visit(td);
    const text = buf.text;
    const value = text.trim();
    if (value === "") {
      const at = td.children?.[0]?.startIndex ?? (td.endIndex ?? 0);
      return { type: "tableCell", value: "", position: this.index.position(at, at) };
    }
    const lead = text.length - text.trimStart().length;
    const last = lead + value.length - 1;
    return {
      type: "tableCell",
      value: joinBrokenHeader(value),
      position: this.index.position(buf.starts[lead]!, buf.ends[last]!),
    };
  }
}

/**
 * `商业<br>企业` or `<p>商业</p><p>企业</p>` arrive as `商业 企业`: a space between two CJK
 * characters inside one cell is an artefact of the markup, not of the text.
 */
const SPACED_HAN = new RegExp(`(?<=[${HAN}])\\s+(?=[${HAN}])`, "g");

function joinBrokenHeader(value: string): string {
  return value.replace(SPACED_HAN, "");
}

/** Grid cells a page may fill per character of its source, and at least (see `Walker.gridBudget`). */
const GRID_CELLS_PER_CHAR = 1;
const GRID_CELLS_MIN = 65_536;

/** A span attribute's value as HTML reads it: a positive integer, at most 1000 (HTML's colspan limit). */
function span(v: string | undefined): number {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** Parses an HTML page into the report AST. Positions are offsets into `html`. */
export function parseHtml(html: string, index: LineIndex): { tree: Root; diagnostics: Diagnostic[] } {
  const shallow = flattenDeepNesting(html);
  const $ = load(shallow.html, { xml: { xmlMode: false, withStartIndices: true, withEndIndices: true, decodeEntities: true } } as never);
  const root = $.root()[0] as unknown as DomNode;
  const body = findBody(root) ?? root;
  const walker = new Walker(html, index);
  const content = contentRoot(body);
  walker.walk(content);
  walker.flush();
  const diagnostics = walker.diagnostics;
  if (shallow.blanked > 0) {
    diagnostics.unshift(
      diagnostic(
        DiagnosticCodes.htmlNestingFlattened,
        `elements nest deeper than ${MAX_DEPTH} levels: ${shallow.blanked} tags below that depth were ignored and their text kept (HTML 嵌套层级过深，已展平)`,
        index.position(shallow.first, shallow.first + 1),
      ),
    );
  }
  return { tree: { type: "root", children: walker.blocks, position: index.position(0, html.length) }, diagnostics };
}

function findBody(n: DomNode): DomNode | null {
  if (n.name === "body") return n;
  for (const c of n.children ?? []) {
    if (!isElement(c) && c.type !== "root") continue;
    const b = findBody(c);
    if (b) return b;
  }
  return null;
}
