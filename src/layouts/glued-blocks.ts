/**
 * The tree built from glued text (glued.ts): headings and paragraphs for the prose between
 * tables, and `glued` tables whose rows are `[label cells…, value cells…]` with every value
 * cell positioned on its digits, so the ordinary table readers and provenance work unchanged.
 */
import type { Block, Heading, Paragraph, Table, TableCell, TableRow } from "../ast/types.js";
import { readMarker } from "../lexer/markers.js";
import type { LineIndex } from "../source/line-index.js";
import type { ProactiveColumnDef } from "../templates/grid.js";
import { isSpaceAt } from "../text/chars.js";
import { skipSpace, trimEnd, type NormText } from "./glued-text.js";
import type { RowHit, SectionTitle } from "./glued-rows.js";

// ---------------------------------------------------------------------------------------
// Blocks

/** A section title found inline as a depth-1 heading, so the section reader sees the same tree as for any other layout. */
export function heading(index: LineIndex, s: SectionTitle): Heading {
  const raw = s.title.slice(0, s.title.search(/[、.．，]/) + 1);
  return {
    type: "heading",
    depth: 1,
    marker: { style: "chinese", ordinal: s.ordinal, raw },
    value: s.title.slice(raw.length).trim(),
    position: index.position(s.start, s.end),
  };
}

/**
 * The text between the claimed tables, one line at a time, as headings (a short line that
 * starts with an outline marker) or paragraphs, appended to `out`: claimed lines must still
 * give the section readers their prose.
 */
export function prose(index: LineIndex, text: string, from: number, to: number, out: Block[]): void {
  let i = from;
  while (i < to) {
    let e = i;
    while (e < to && text[e] !== "\n" && text[e] !== "\r") e++;
    let s = i;
    while (s < e && isSpaceAt(text, s)) s++;
    const te = trimEnd(text, s, e);
    if (te > s) {
      const value = text.slice(s, te);
      const m = value.length <= 40 && !value.includes("。") ? readMarker(value) : null;
      if (m) {
        const depth = m.style === "chinese" ? 1 : m.style === "paren-chinese" ? 2 : m.style === "arabic" ? 3 : m.style === "paren-arabic" ? 4 : 1;
        const h: Heading = { type: "heading", depth, marker: m, value: value.slice(value.indexOf(m.raw) + m.raw.length).trim(), position: index.position(s, te) };
        out.push(h);
      } else {
        const p: Paragraph = { type: "paragraph", value, position: index.position(s, te) };
        out.push(p);
      }
    }
    i = e + 1;
  }
}

function cell(index: LineIndex, text: string, start: number, end: number): TableCell {
  return { type: "tableCell", value: text.slice(start, end), position: index.position(start, end) };
}

function valueCells(index: LineIndex, text: string, h: RowHit): TableCell[] {
  const n = h.shape!.slots.length;
  const cells: TableCell[] = [];
  let at = h.values.start;
  for (let i = 0; i < n; i++) {
    const p = h.reading?.[i] ?? null;
    if (p) {
      const tok = h.tokens![p.token]!;
      const s = tok.start + p.at;
      if (p.tokenEnd !== undefined) {
        // A number joined from several tokens: the cell spans them all and reads as the digits.
        const last = h.tokens![p.tokenEnd]!;
        const e = last.start + last.text.length;
        cells.push({ type: "tableCell", value: p.text, position: index.position(s, e) });
        at = e;
        continue;
      }
      cells.push(cell(index, text, s, s + p.text.length));
      at = s + p.text.length;
    } else cells.push(cell(index, text, at, at));
  }
  return cells;
}

function rowOf(index: LineIndex, cells: TableCell[]): TableRow {
  const start = cells[0]!.position.start.offset;
  let end = start;
  for (const c of cells) end = Math.max(end, c.position.end.offset);
  return { type: "tableRow", padding: 0, children: cells, position: index.position(start, end) };
}

function tableOf(index: LineIndex, rows: TableRow[]): Table {
  const start = rows[0]!.position.start.offset;
  const end = rows[rows.length - 1]!.position.end.offset;
  return { type: "table", form: "glued", columns: null, children: rows, position: index.position(start, end) };
}

/** 三 as a `glued` table: per row its lead, its label and one value cell per template column, so the ordinary table reader takes it. */
export function requestTable(index: LineIndex, hits: RowHit[]): Table {
  const text = index.text;
  const rows = hits.map((h) => {
    const cells: TableCell[] = [];
    if (h.lead) cells.push(cell(index, text, h.lead.start, h.lead.end));
    cells.push(cell(index, text, h.label.start, h.label.end));
    cells.push(...valueCells(index, text, h));
    return rowOf(index, cells);
  });
  return tableOf(index, rows);
}

const CAPTION_RE = /第\s*二\s*十\s*条\s*第\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*项/g;

/**
 * 二 as a `glued` table: the captions (第二十条第（N）项) and sub-table headers printed before
 * each row, then the row, so the ordinary reader splits it into sub-tables as it would a
 * pipe table.
 */
export function proactiveTable(index: LineIndex, t: NormText, text: string, hits: RowHit[], nFrom: number): Table {
  const rows: TableRow[] = [];
  let at = t.src[nFrom]!;
  for (const h of hits) {
    // Caption and header printed before this row.
    CAPTION_RE.lastIndex = at;
    let capEnd = at;
    for (let m = CAPTION_RE.exec(text); m && m.index < h.label.start; m = CAPTION_RE.exec(text)) {
      rows.push(rowOf(index, [cell(index, text, m.index, m.index + m[0].length)]));
      capEnd = m.index + m[0].length;
    }
    const headerAt = text.indexOf("信息内容", capEnd);
    if (headerAt >= 0 && headerAt < h.label.start && h.columns) {
      const header = headerCells(index, text, headerAt, trimEnd(text, headerAt, h.label.start), h.columns);
      if (header) rows.push(rowOf(index, header));
    }
    const cells = [cell(index, text, h.label.start, h.label.end)];
    if (h.shape) cells.push(...valueCells(index, text, h));
    rows.push(rowOf(index, cells));
    at = h.values.end;
  }
  return tableOf(index, rows);
}

/** `信息内容本年制发件数本年废止件数现行有效件数` cut at the columns' labels. */
function headerCells(index: LineIndex, text: string, from: number, to: number, columns: readonly ProactiveColumnDef[]): TableCell[] | null {
  const starts: number[] = [from];
  let cursor = from + "信息内容".length;
  for (const c of columns) {
    const k = text.indexOf(c.label.replace(/（.*$/, ""), cursor);
    if (k < 0 || k >= to) return [cell(index, text, from, from + 4)];
    starts.push(k);
    cursor = k + 1;
  }
  const cells: TableCell[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = skipSpace(text, starts[i]!, to);
    const e = trimEnd(text, s, i + 1 < starts.length ? starts[i + 1]! : to);
    cells.push(cell(index, text, s, e));
  }
  return cells;
}

/** 四 as a `glued` table: its header text as one cell, then the fifteen values as one row (the reviews reader takes that shape). */
export function reviewTable(index: LineIndex, text: string, h: RowHit, from: number): Table {
  const rows: TableRow[] = [];
  const s = skipSpace(text, h.label.start === h.label.end ? from : h.label.start, h.values.start);
  const e = trimEnd(text, s, h.values.start);
  if (e > s) rows.push(rowOf(index, [cell(index, text, s, e)]));
  rows.push(rowOf(index, valueCells(index, text, h)));
  return tableOf(index, rows);
}
