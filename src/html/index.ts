/**
 * HTML pages → the same AST as flattened text, with positions into the HTML source.
 *
 * htmlparser2's streaming `Parser` drives the walk directly: no DOM is built (building one
 * with cheerio cost twice the tokenising it rests on). Block elements become lines, which are
 * classified exactly like text lines (headings by their marker, else prose); `<table>`s become
 * table nodes built from the real grid, with rowspan and colspan expanded, so each cell knows
 * its grid column. cheerio is no longer used here; the callbacks, the text merging and the
 * start/end offsets are those domhandler would have built its tree from, so the output is the
 * one the tree walk gave.
 *
 * Text is assembled per character with the source offset of every character: Word-pasted
 * markup splits words and numbers across `<span>`s (`20</span><span>23` is 2023) and
 * entities are longer than what they stand for, so a cell's position runs from the first
 * to the last source character of its text.
 *
 * Two answers need look-ahead, each kept as small as it can be (see {@link Stream}): whether
 * a table is a leaf (only the innermost open table's events are kept), and which element is
 * the content root (every open element records how far the walk's output had got).
 *
 * Why one file: it is one pass over one page. The line buffer (text with a source offset per
 * character), the chrome and content-root tests and the table-grid builder all serve the
 * `Stream`, share its frame type and are used nowhere else; apart, each would be a module
 * exporting its internals to a single caller.
 */
import { Parser } from "htmlparser2";
import type { Block, Root, Table, TableCell, TableRow } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import { lineBlocks, type OffsetMap } from "../parser/lines.js";
import type { LineIndex } from "../source/line-index.js";
import { HAN } from "../text/chars.js";
import { REPORT_TITLE } from "../templates/titles.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_DEPTH, flattenDeepNesting } from "./depth.js";

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

  /**
   * Appends a text node — a run of consecutive text events, merged as domhandler merges them —
   * aligning its decoded `data` with its source markup `html[start..end]` (inclusive).
   */
  append(data: string, start: number, end: number, html: string): void {
    if (data === "") return;
    const s0 = start;
    const raw = html.slice(s0, end + 1);
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
    while (d < data.length) this.push(data[d++]!, s0, end + 1);
  }

  /** Code units in the line so far (0: nothing pending, a fresh line). */
  get size(): number {
    return this.length;
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

/**
 * One open element, as the parser reported it. Frames live on the open-element stack while
 * the element is open; the content-root choice keeps the ancestor chains of its marks, and
 * what the walk had emitted when the element opened and closed (`Stream.contentRoot`).
 */
interface Frame {
  /** Position of the element's open tag among all open tags of the page: the same in every pass. */
  ord: number;
  name: string;
  attribs: Record<string, string>;
  /** Source offsets of the element, as domhandler would give them (`end` inclusive; set when it closes). */
  start: number;
  end: number;
  /** The walk reached the element and descends into it (not chrome, not inside chrome or a leaf table). */
  live: boolean;
  /** A SKIP element opened inside the walked region: its text is no element's text. */
  skip: boolean;
  /** Blocks emitted and code units pending in the line just after the element opened, and just after it closed. */
  openBlocks: number;
  openLine: number;
  closeBlocks: number;
  closeLine: number;
  /** Text of a visited `<p>`/`<h1-6>` so far (for the title test); null once too long to be a title. */
  text: string | null | undefined;
  /** The content-root search (the old `visit`) reached this element. */
  visited: boolean;
}

/** An event inside a table that may turn out to be a leaf table, kept until it closes. */
type TableEvent =
  | { kind: 0; frame: Frame } // open
  | { kind: 1; frame: Frame } // close
  | { kind: 2; data: string; start: number; end: number } // text
  | { kind: 3; start: number }; // comment or processing instruction: a child without text

/** Is the element site chrome: a SKIP tag, a chrome class or id word, or hidden? */
function isChrome(f: Frame): boolean {
  if (SKIP.has(f.name)) return true;
  const a = f.attribs;
  const words = `${a.class ?? ""} ${a.id ?? ""}`;
  if (words.trim() !== "" && CHROME.test(words)) return true;
  return /display\s*:\s*none/i.test(a.style ?? "");
}

const HEADING_OR_P = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6"]);

/**
 * One streaming pass over the page: htmlparser2's callbacks drive the walk directly, with no
 * tree. The walk starts at element `rootOrd` (or the document, -1) and emits blocks in
 * document order; in the same pass the content-root search runs from the first `<body>`.
 *
 * Two things need look-ahead. Whether a `<table>` is a leaf (holds no other table) is known
 * only when it closes, so the innermost open table's events are kept and either built into
 * a table node when it closes or, the moment a nested table opens, replayed through the
 * walk as the block elements they then are. And the content root (the lowest common ancestor
 * of the report's tables and title) is known only at the end: every frame records what the
 * walk had emitted when it opened and closed, so the root's blocks are a slice of this pass's
 * output; when they would not be (a clamped span spent grid budget outside the root, an
 * inline root that shares a line with text outside it, a root hidden from this walk) the
 * page is walked again from the root ({@link parseHtml}).
 */
class Stream {
  readonly blocks: Block[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly line = new LineBuffer();
  /** The buffer each table cell's text is collected in, one cell at a time. */
  private readonly cellLine = new LineBuffer();
  /**
   * Grid cells (span areas) every table of the page may still fill: proportional to the page,
   * so `rowspan="65534" colspan="1000"` on a 12 KB page cannot ask for gigabytes.
   */
  private gridBudget: number;

  /** Open elements, outermost first. */
  private readonly stack: Frame[] = [];
  private ords = 0;
  /** The walk is inside its root. */
  private active: boolean;
  /** The chrome element the walk is hidden under, if any. */
  private hider: Frame | null = null;
  /** SKIP elements open under `hider`: text under them is no element's text. */
  private skips = 0;
  /** Open `<p>`/`<h*>` collecting their text for the title test. */
  private readonly titles: Frame[] = [];

  /** The first `<body>` of the page (the old `findBody`), where the content-root search starts. */
  firstBody: Frame | null = null;
  /** The search is inside the first `<body>`. */
  private visiting = false;
  /** Ancestor chains (outermost first, the mark last) of the report's tables and title. */
  readonly marks: Frame[][] = [];
  reportTables = 0;

  /** The table whose events are kept until it is known to be a leaf, and its events. */
  private table: Frame | null = null;
  private events: TableEvent[] = [];

  /** Text events not yet delivered: domhandler merges consecutive ones into one node. */
  private textData = "";
  private textStart = -1;
  private textEnd = -1;

  constructor(
    private readonly html: string,
    private readonly index: LineIndex,
    /** The element the walk starts at, by `Frame.ord`; -1 for the whole document. */
    readonly rootOrd: number,
    /** Whether to run the content-root search. */
    private readonly search: boolean,
  ) {
    this.gridBudget = GRID_CELLS_PER_CHAR * html.length + GRID_CELLS_MIN;
    this.active = rootOrd === -1;
  }

  /** Parses `source` (the page with deep nesting blanked, same offsets as `html`). */
  run(source: string): this {
    const parser: Parser = new Parser(
      {
        onopentag: (name, attribs) => {
          this.deliverText();
          const f: Frame = {
            ord: this.ords++, name, attribs, start: parser.startIndex, end: parser.endIndex,
            live: false, skip: false, openBlocks: 0, openLine: 0, closeBlocks: 0, closeLine: 0, text: undefined, visited: false,
          };
          this.stack.push(f);
          if (name === "body" && this.firstBody === null) this.firstBody = f;
          this.open(f);
        },
        onclosetag: () => {
          this.deliverText();
          // A tag cut off by the end of the page is closed without having been opened: like
          // domhandler, each close ends the innermost open element, and the last one the document.
          const f = this.stack[this.stack.length - 1];
          if (!f) return;
          f.end = parser.endIndex;
          this.close(f);
          this.stack.pop();
        },
        ontext: (data) => {
          if (this.textStart < 0) {
            this.textStart = parser.startIndex;
            this.textData = data;
          } else {
            this.textData += data;
          }
          this.textEnd = parser.endIndex;
        },
        oncomment: () => {
          this.deliverText();
          this.node(parser.startIndex);
        },
        onprocessinginstruction: () => {
          this.deliverText();
          this.node(parser.startIndex);
        },
        onend: () => this.deliverText(),
      },
      { xmlMode: false, decodeEntities: true },
    );
    parser.end(source);
    this.flush();
    return this;
  }

  private deliverText(): void {
    if (this.textStart < 0) return;
    const data = this.textData;
    const start = this.textStart;
    this.textStart = -1;
    this.textData = "";
    this.text(data, start, this.textEnd);
  }

  private flush(): void {
    if (this.line.text.trim() !== "") this.blocks.push(...lineBlocks(this.line.text, this.line.map(), this.index));
    this.line.clear();
  }

  private open(f: Frame): void {
    if (this.table) {
      if (f.name !== "table") {
        this.events.push({ kind: 0, frame: f });
        return;
      }
      this.replayTable();
    }
    if (!this.active) {
      if (f.ord !== this.rootOrd) return;
      this.active = true;
    }
    if (this.hider) {
      if (SKIP.has(f.name)) {
        f.skip = true;
        this.skips++;
      }
      return;
    }
    if (isChrome(f)) {
      this.hider = f;
      if (SKIP.has(f.name)) {
        f.skip = true;
        this.skips++;
      }
      return;
    }
    f.live = true;
    if (this.search && f === this.firstBody) this.visiting = true;
    f.visited = this.visiting;
    const name = f.name;
    if (name === "br") this.flush();
    else if (BLOCK.has(name)) this.flush();
    f.openBlocks = this.blocks.length;
    f.openLine = this.line.size;
    if (name === "table") {
      this.table = f;
      this.events = [];
      return;
    }
    if (f.visited && HEADING_OR_P.has(name)) {
      f.text = "";
      this.titles.push(f);
    }
  }

  private text(data: string, start: number, end: number): void {
    if (this.table) {
      this.events.push({ kind: 2, data, start, end });
      return;
    }
    if (!this.active) return;
    if (!this.hider) this.line.append(data, start, end, this.html);
    if (this.titles.length > 0 && this.skips === 0) this.titleText(data);
  }

  /** Text for every open title candidate (the old `textOf`: all text but a SKIP element's). */
  private titleText(data: string): void {
    for (const f of this.titles) {
      if (f.text === null || f.text === undefined) continue;
      const t = f.text + data;
      // Trimming only grows as text is added: past 80 characters it can never be a title.
      f.text = t.length >= 80 && t.trim().length >= 80 ? null : t;
    }
  }

  private node(start: number): void {
    if (this.table) this.events.push({ kind: 3, start });
  }

  private close(f: Frame): void {
    if (this.table) {
      if (f !== this.table) {
        this.events.push({ kind: 1, frame: f });
        return;
      }
      this.leafTable(f);
    }
    if (!this.active) return;
    if (f.skip) this.skips--;
    if (this.hider) {
      if (this.hider === f) this.hider = null;
    } else {
      if (BLOCK.has(f.name)) this.flush();
      f.closeBlocks = this.blocks.length;
      f.closeLine = this.line.size;
      if (f.text !== undefined) {
        this.titles.pop();
        const t = f.text?.trim();
        if (t !== undefined && t.length < 80 && REPORT_TITLE.test(t)) this.marks.push([...this.stack]);
      }
    }
    if (f === this.firstBody) this.visiting = false;
    if (f.ord === this.rootOrd) this.active = false;
  }

  /** A nested table opened: the kept table is walked as block elements after all. */
  private replayTable(): void {
    const events = this.events;
    this.table = null;
    this.events = [];
    for (const e of events) {
      if (e.kind === 0) this.open(e.frame);
      else if (e.kind === 1) this.close(e.frame);
      else if (e.kind === 2) this.text(e.data, e.start, e.end);
    }
  }

  /** The kept table closed with no table inside: it becomes a table node, and may be a mark. */
  private leafTable(el: Frame): void {
    const events = this.events;
    this.table = null;
    this.events = [];
    // Rows are the table's `<tr>`s and those of its thead/tbody/tfoot, not those of tables or
    // cells inside it; cells are the rows' own `<td>`/`<th>`; a cell's text is all the text in it
    // but a SKIP element's, and so is the table's.
    const trs: { start: number; end: number; cells: { td: Frame; cell: TableCell }[] }[] = [];
    const path: { frame: Frame; rows: boolean; row: boolean; cell: boolean }[] = [];
    let rowContext = true;
    let row: (typeof trs)[number] | null = null;
    let cell: Frame | null = null;
    let firstChild = -1;
    let skips = 0;
    let text = "";
    const buf = this.cellLine;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (cell && firstChild < 0 && !(e.kind === 1 && e.frame === cell)) firstChild = e.kind === 2 || e.kind === 3 ? e.start : e.frame.start;
      if (e.kind === 0) {
        const name = e.frame.name;
        const top = path[path.length - 1];
        const parentRows = top ? top.rows : rowContext;
        const isRow = parentRows && name === "tr";
        const isCell = !!top && top.row && (name === "td" || name === "th");
        path.push({ frame: e.frame, rows: parentRows && (name === "thead" || name === "tbody" || name === "tfoot"), row: isRow, cell: isCell });
        if (SKIP.has(name)) skips++;
        if (isRow) trs.push((row = { start: e.frame.start, end: 0, cells: [] }));
        if (isCell) {
          cell = e.frame;
          firstChild = -1;
          buf.clear();
        }
      } else if (e.kind === 1) {
        const p = path.pop()!;
        if (SKIP.has(p.frame.name)) skips--;
        if (p.cell) {
          row!.cells.push({ td: p.frame, cell: this.cell(p.frame, firstChild) });
          cell = null;
        } else if (p.row) {
          row!.end = p.frame.end;
          row = null;
        }
      } else if (e.kind === 2 && skips === 0) {
        text += e.data;
        if (cell) buf.append(e.data, e.start, e.end, this.html);
      }
    }
    if (el.visited && REPORT_TABLE.test(text)) {
      this.marks.push([...this.stack]);
      if (!/索\s*引\s*[号號]/.test(text)) this.reportTables++;
    }
    if (this.titles.length > 0) this.titleText(text);
    const table = this.grid(el, trs);
    if (table) this.blocks.push(table);
  }

  /** Builds a table node from the grid: spans expanded, each cell placed at its column. */
  private grid(el: Frame, trs: { start: number; end: number; cells: { td: Frame; cell: TableCell }[] }[]): Table | null {
    const taken: boolean[][] = [];
    const rows: TableRow[] = [];
    let width = 0;
    trs.forEach((tr, r) => {
      const cells: TableCell[] = [];
      let col = 0;
      for (const { td, cell } of tr.cells) {
        taken[r] ??= [];
        while (taken[r]![col]) col++;
        let colspan = span(td.attribs.colspan);
        let rowspan = Math.min(span(td.attribs.rowspan), trs.length - r);
        if (colspan * rowspan > this.gridBudget) {
          this.clamped(td, colspan, rowspan);
          colspan = rowspan = 1;
        }
        this.gridBudget -= colspan * rowspan;
        for (let dr = 0; dr < rowspan; dr++) {
          const row = (taken[r + dr] ??= []);
          for (let dc = 0; dc < colspan; dc++) row[col + dc] = true;
        }
        cell.column = col;
        if (colspan > 1) cell.colspan = colspan;
        if (rowspan > 1) cell.rowspan = rowspan;
        cells.push(cell);
        col += colspan;
        width = Math.max(width, col);
      }
      if (cells.length === 0) return;
      rows.push({ type: "tableRow", padding: 0, children: cells, position: this.index.position(tr.start, tr.end + 1) });
    });
    if (rows.length === 0) return null;
    return { type: "table", form: "html", columns: width, children: rows, position: this.index.position(el.start, el.end + 1) };
  }

  /** Records one `span-clamped` diagnostic per page (the first cell cut): one is enough to say it. */
  private clamped(td: Frame, colspan: number, rowspan: number): void {
    if (this.diagnostics.some((d) => d.code === DiagnosticCodes.spanClamped.code)) return;
    this.diagnostics.push(
      diagnostic(
        DiagnosticCodes.spanClamped,
        `a cell spanning ${rowspan} rows × ${colspan} columns asks for more grid than the page can hold; read as one cell, and so is every later one that does (合并单元格跨度过大，按单个单元格读取)`,
        this.index.position(td.start, td.end + 1),
      ),
    );
  }

  /** A cell from its text in `cellLine`: `<br>` and inner blocks joining the halves. */
  private cell(td: Frame, firstChild: number): TableCell {
    const buf = this.cellLine;
    const text = buf.text;
    const value = text.trim();
    if (value === "") {
      const at = firstChild >= 0 ? firstChild : td.end;
      return { type: "tableCell", value: "", position: this.index.position(at, at) };
    }
    const lead = text.length - text.trimStart().length;
    const last = lead + value.length - 1;
    return { type: "tableCell", value: joinBrokenHeader(value), position: this.index.position(buf.starts[lead]!, buf.ends[last]!) };
  }

  /** The element holding the report: the lowest common ancestor of its tables and title (the first `<body>` else). */
  contentRoot(): Frame | null {
    const body = this.firstBody;
    if (this.reportTables === 0 || this.marks.length === 0) return body;
    let common = this.marks[0]!;
    let n = common.length;
    for (const m of this.marks) {
      let i = 0;
      while (i < n && i < m.length && common[i] === m[i]) i++;
      n = i;
    }
    const lca = n > 0 ? common[n - 1]! : undefined;
    return lca && lca.name !== "table" ? lca : body;
  }

  /**
   * The blocks a walk starting at `root` emits, when this pass's output holds them as a
   * slice: the walk reached `root` unhidden, no span was clamped (the grid budget spent outside
   * `root` would have changed what is clamped inside it), and `root` starts and ends a line —
   * a block element, or an inline one with no text pending on either side. Else null.
   */
  sliceOf(root: Frame): Block[] | null {
    if (!root.live || this.diagnostics.length > 0) return null;
    if (!BLOCK.has(root.name) && (root.openLine !== 0 || root.closeLine !== 0)) return null;
    return this.blocks.slice(root.openBlocks, root.closeBlocks);
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
  const { blocks, diagnostics } = walkContent(html, shallow.html, index);
  if (shallow.blanked > 0) {
    diagnostics.unshift(
      diagnostic(
        DiagnosticCodes.htmlNestingFlattened,
        `elements nest deeper than ${MAX_DEPTH} levels: ${shallow.blanked} tags below that depth were ignored and their text kept (HTML 嵌套层级过深，已展平)`,
        index.position(shallow.first, shallow.first + 1),
      ),
    );
  }
  return { tree: { type: "root", children: blocks, position: index.position(0, html.length) }, diagnostics };
}

/**
 * The blocks of the page's content root. One pass walks the whole document and searches
 * for the root; nearly always the root's blocks are a slice of that walk. A page whose first
 * `<body>` the walk could not reach (inside chrome or a table) is searched again from it, and
 * a root whose blocks are not a slice is walked again on its own ({@link Stream.sliceOf}).
 */
function walkContent(html: string, source: string, index: LineIndex): { blocks: Block[]; diagnostics: Diagnostic[] } {
  let pass = new Stream(html, index, -1, true).run(source);
  const body = pass.firstBody;
  if (!body) return pass;
  if (!body.live) pass = new Stream(html, index, body.ord, true).run(source);
  const root = pass.contentRoot()!;
  if (root.ord === pass.rootOrd) return pass;
  const slice = pass.sliceOf(root);
  if (slice) return { blocks: slice, diagnostics: [] };
  return new Stream(html, index, root.ord, false).run(source);
}
