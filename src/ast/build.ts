/**
 * Line blocks (Chevrotain tokens) → the unist-style AST. This is the only module besides
 * the lexer and parser that sees Chevrotain's types; everything downstream reads our nodes.
 *
 * The interesting part is cutting flattened tables into rows. In the cell-per-line form a
 * `<tr>` prints each visible `<td>` as `text |` and then one line of `W − n` pipes, where W
 * is the table's column count and n the cells the row printed (cells hidden under a rowspan
 * print nothing). So a padding line ends a row, a row of W cells ends itself, and W comes
 * from the first padding line. A blank cell prints as a bare `|` — the same line as a
 * one-pipe padding run — and the arithmetic of W decides between the two.
 */
import type { IToken } from "chevrotain";
import type { Block, Heading, HeadingMarker, MarkerStyle, Paragraph, Root, Table, TableCell, TableForm, TableRow } from "./types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineBlock } from "../parser/parser.js";
import type { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { chineseNumeral } from "../normalize/text.js";

/** Builds the root node from the parser's blocks. Diagnostics are appended to `out`. */
export function buildTree(blocks: LineBlock[], index: LineIndex, out: Diagnostic[]): Root {
  const children: Block[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case "table": {
        const table = buildTable(block.lines, index, out);
        if (table) children.push(table);
        break;
      }
      case "heading":
        children.push(...buildHeading(block.token, index));
        break;
      case "paragraph": {
        const p = buildParagraph(block.token.image, block.token.startOffset, index);
        if (p) children.push(p);
        break;
      }
      case "break":
        break;
    }
  }
  return { type: "root", children, position: index.position(0, index.text.length) };
}

// ---------------------------------------------------------------------------------------
// Prose and headings

/** Offsets of `text` once surrounding white space (any Unicode space, as `trim`) is cut. */
function trimmed(text: string, offset: number): { value: string; start: number; end: number } {
  const value = text.trim();
  if (value === "") return { value, start: offset, end: offset };
  const lead = text.length - text.trimStart().length;
  return { value, start: offset + lead, end: offset + lead + value.length };
}

function buildParagraph(image: string, offset: number, index: LineIndex): Paragraph | null {
  const t = trimmed(image, offset);
  if (t.value === "") return null;
  return { type: "paragraph", value: t.value, position: index.position(t.start, t.end) };
}

const CN = "一二三四五六七八九十〇零";
/** Marker patterns, tried in order; group 1 is the numeral. */
const MARKERS: Array<{ re: RegExp; style: (numeral: string) => MarkerStyle }> = [
  {
    re: new RegExp(`^[(（][ \\t]*([${CN}]{1,3}|[0-9０-９]{1,2})[ \\t]*[)）]`),
    style: (n) => (/[0-9０-９]/.test(n) ? "paren-arabic" : "paren-chinese"),
  },
  { re: new RegExp(`^第([${CN}]{1,3})[、,，.．:：]`), style: () => "ordinal" },
  { re: new RegExp(`^([${CN}]{1,3}|[—－-])[ \\t\\u3000]*[、.．,，]`), style: () => "chinese" },
  { re: new RegExp(`^([${CN}]{1,2})[ \\t\\u3000]+`), style: () => "chinese" },
  { re: /^([0-9０-９]{1,2})[ \t]*[.、．]/, style: () => "arabic" },
];

const DEPTH: Record<MarkerStyle, number> = {
  chinese: 1,
  ordinal: 1,
  "paren-chinese": 2,
  arabic: 3,
  "paren-arabic": 4,
  markdown: 1,
};

/** A title longer than this with no early full stop is a numbered paragraph, not a heading. */
const MAX_TITLE = 40;
/** A title sharing its line with prose is shorter still, and has no comma. */
const MAX_RUN_ON_TITLE = 25;

/** Reads the numbering at the start of `text`, if any. */
export function readMarker(text: string): HeadingMarker | null {
  for (const { re, style } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const numeral = m[1]!;
    const ordinal = /^[—－-]$/.test(numeral) ? 1 : chineseNumeral(numeral);
    if (ordinal === null) continue;
    return { style: style(numeral), ordinal, raw: m[0].trimEnd() };
  }
  return null;
}

/**
 * Maps the characters of a line's text to offsets in the source: where character i starts,
 * and where it ends (exclusive). For text input it is a plain shift; for HTML the line is
 * assembled from text nodes and entities (`&nbsp;` is one character spanning six), so the
 * mapping is per character (see source/html.ts).
 */
export interface OffsetMap {
  start(i: number): number;
  end(i: number): number;
}

/**
 * A heading line becomes a heading, a heading plus the prose that shares its line
 * (`（一）主动公开情况。依托…`), or — when the "title" runs on as a sentence
 * (`1.把建立健全权力清单作为…`) — a paragraph.
 */
function buildHeading(token: IToken, index: LineIndex): Block[] {
  const base = token.startOffset;
  return lineBlocks(token.image, { start: (i) => base + i, end: (i) => base + i + 1 }, index);
}

/**
 * Classifies one line of text (a heading token's image, or the text of an HTML block
 * element) into heading and/or paragraph nodes. Lines without a marker are paragraphs.
 */
export function lineBlocks(image: string, at: OffsetMap, index: LineIndex): Block[] {
  const lead = image.length - image.trimStart().length;
  const md = /^(#{1,6})[ \t]+/.exec(image.slice(lead));
  const hashes = md ? md[1]!.length : 0;
  const bodyStart = lead + (md ? md[0].length : 0);
  const body = image.slice(bodyStart);
  const marker = readMarker(body);
  const span = (from: number, to: number) => index.position(at.start(from), to > from ? at.end(to - 1) : at.start(from));
  if (!marker && !md) {
    const value = image.trim();
    if (value === "") return [];
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  const titleFrom = bodyStart + (marker ? marker.raw.length : 0);
  const restRaw = image.slice(titleFrom);
  const titleLead = restRaw.length - restRaw.trimStart().length;
  const title = restRaw.trim();
  const tStart = titleFrom + titleLead;

  const headingMarker: HeadingMarker = marker ?? { style: "markdown", ordinal: 0, raw: md ? md[1]! : "" };
  const depth = marker ? DEPTH[marker.style] : Math.max(1, hashes);
  // `（一）主动公开情况。依托…`: a short title closed by 。 or ： with the text run on.
  const stop = title.search(/[。：:]/);

  if (stop >= 0 && stop <= MAX_RUN_ON_TITLE && !/[,，;；]/.test(title.slice(0, stop))) {
    const heading: Heading = {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title.slice(0, stop), marker),
      position: span(lead, tStart + stop),
    };
    const tail = title.slice(stop + 1);
    const tailLead = tail.length - tail.trimStart().length;
    const tailValue = tail.trim();
    if (tailValue === "") return [heading];
    const from = tStart + stop + 1 + tailLead;
    return [heading, { type: "paragraph", value: tailValue, position: span(from, from + tailValue.length) }];
  }
  if (title.length > MAX_TITLE && marker && !md) {
    const value = image.trim();
    return [{ type: "paragraph", value, position: span(lead, lead + value.length) }];
  }
  return [
    {
      type: "heading",
      depth,
      marker: headingMarker,
      value: spacedTitle(title, marker),
      position: span(lead, title === "" ? titleFrom : tStart + title.length),
    },
  ];
}

/** `一 概 述` prints its title spaced out; join CJK characters that only spaces separate. */
function spacedTitle(title: string, marker: HeadingMarker | null): string {
  if (!marker || marker.style !== "chinese") return title;
  return title.replace(/(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])/g, "");
}

// ---------------------------------------------------------------------------------------
// Tables

const PIPE = 124;

function countPipes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === PIPE) n++;
  return n;
}

function cellNode(text: string, offset: number, index: LineIndex): TableCell {
  const t = trimmed(text, offset);
  return { type: "tableCell", value: t.value, position: index.position(t.start, t.end) };
}

/** Splits a row line `a | b | c |` (or markdown `| a | b |`) into cells with positions. */
function splitRowLine(image: string, offset: number, index: LineIndex): TableCell[] {
  const cells: TableCell[] = [];
  let start = 0;
  const leading = /^[ \t]*\|/.exec(image);
  if (leading) start = leading[0].length;
  for (let i = start; i < image.length; i++) {
    if (image.charCodeAt(i) === PIPE) {
      cells.push(cellNode(image.slice(start, i), offset + start, index));
      start = i + 1;
    }
  }
  const tail = image.slice(start);
  if (tail.trim() !== "") cells.push(cellNode(tail, offset + start, index));
  return cells;
}

const MD_DELIMITER = /^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?$/;

/**
 * Cuts a run of table lines into rows. Returns null for a run that holds no cell at all
 * (a stray pipe run, e.g. a flattened metadata box).
 */
function buildTable(lines: IToken[], index: LineIndex, out: Diagnostic[]): Table | null {
  const rows: TableRow[] = [];
  let width: number | null = null;
  let cells: TableCell[] = [];
  let rowStart = -1;
  let rowLines = 0;
  let cellLines = 0;
  let markdown = false;

  const close = (endOffset: number, padding: number) => {
    if (cells.length === 0) return;
    rows.push({ type: "tableRow", padding, children: cells, position: index.position(rowStart, endOffset) });
    cells = [];
    rowStart = -1;
  };

  for (const tok of lines) {
    const name = tok.tokenType.name;
    const start = tok.startOffset;
    const end = start + tok.image.length;
    if (name === "CellLine") {
      cellLines++;
      if (rowStart < 0) rowStart = start;
      const bar = tok.image.lastIndexOf("|");
      cells.push(cellNode(tok.image.slice(0, bar), start, index));
      if (width !== null && cells.length === width) close(end, 0);
    } else if (name === "PaddingRun") {
      const k = countPipes(tok.image);
      if (cells.length === 0) continue; // a pipe run between rows: separator or stray padding
      if (width === null) {
        width = cells.length + k;
        close(end, k);
      } else if (k === 1 && cells.length + 1 < width) {
        const at = start + tok.image.indexOf("|");
        cells.push({ type: "tableCell", value: "", position: index.position(at, at) });
      } else if (k === 1 && cells.length + 1 === width) {
        const at = start + tok.image.indexOf("|");
        cells.push({ type: "tableCell", value: "", ambiguous: true, position: index.position(at, at) });
        close(end, 0);
      } else {
        if (cells.length + k !== width) {
          out.push(
            diagnostic(
              DiagnosticCodes.paddingMismatch,
              `padding of ${k} after ${cells.length} cells does not fill the table width ${width}; the row boundary is uncertain (填充竖线与表格列数不符)`,
              index.position(start, end),
            ),
          );
        }
        close(end, k);
      }
    } else {
      // A whole row on one line ends any row being collected from cell lines.
      rowLines++;
      close(start, 0);
      if (MD_DELIMITER.test(tok.image)) {
        markdown = true;
        continue;
      }
      rowStart = start;
      cells = splitRowLine(tok.image, start, index);
      close(end, 0);
    }
  }
  const last = lines[lines.length - 1]!;
  close(last.startOffset + last.image.length, 0);
  if (rows.length === 0) return null;

  const form: TableForm = markdown ? "markdown" : rowLines > cellLines ? "row-lines" : "cell-lines";
  if (form === "cell-lines" && width === null && rows.length === 1 && rows[0]!.children.length > 1) {
    out.push(
      diagnostic(
        DiagnosticCodes.tableWidthUnknown,
        "a flattened table has no padding line, so its rows cannot be told apart (表格缺少填充行，无法分行)",
        rows[0]!.position,
      ),
    );
  }
  const columns = form === "cell-lines" ? width : Math.max(...rows.map((r) => r.children.length));
  const first = lines[0]!;
  return {
    type: "table",
    form,
    columns,
    children: rows,
    position: index.position(first.startOffset, last.startOffset + last.image.length),
  };
}
