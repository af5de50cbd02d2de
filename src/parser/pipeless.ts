/**
 * Tables with no pipes at all: some scrapers print every cell as its own paragraph. A run of
 * short lines holding enough bare values is read back as a table.
 */
import type { Block, Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { REQUEST_GROUP_WORDS, SECTION_WORDS } from "../templates/titles.js";
import { isValueText } from "../text/value.js";
import { cellNode } from "./cells.js";
import { PROACTIVE_ROWS } from "../templates/grid.js";
import { normalizeLabel } from "../text/labels.js";

/** Longest line taken for a cell of a pipe-less table. */
const MAX_CELL = 80;

/**
 * A line that is a whole row printed in columns (`规章      6      5      0`: pdftotext -layout,
 * text browsers) is no cell of a pipe-less table: taken as one cell its numbers are lost.
 * Such lines are left to the aligned-columns reader.
 */
const ALIGNED_ROW = /[^\s\d]\s{2,}[-+－]?[0-9０-９]/;

/** A line holding a table tag: html2text's bypass_tables keeps tables as HTML, read by the embedded-HTML reader. */
const TABLE_TAG = /^\s*<\/?(?:table|tbody|thead|tr|td|th)\b/i;

function cellKind(value: string): "label" | "value" {
  return isValueText(value) ? "value" : "label";
}

/**
 * Some scrapers print every cell as its own paragraph, with no pipes at all. A run of short
 * lines holding several bare numbers is such a table. Rows are cut by labels: a label line
 * starts a row, numbers join it; blank cells show as extra blank lines.
 */
export function pipelessTables(blocks: Block[], index: LineIndex): Block[] {
  const text = index.text;
  const out: Block[] = [];
  let run: Block[] = [];
  const cellLike = (b: Block) => {
    if (b.type === "table") return false;
    if (b.type === "heading" && b.depth === 1 && SECTION_WORDS.test(b.value) && !REQUEST_GROUP_WORDS.test(b.value)) return false;
    const raw = text.slice(b.position.start.offset, b.position.end.offset);
    return raw.length <= MAX_CELL && !/[。；;]$/.test(raw.trim()) && !raw.includes("\n") && !ALIGNED_ROW.test(raw.trim()) && !TABLE_TAG.test(raw);
  };
  const flush = () => {
    const numeric = run.filter((b) => cellKind(text.slice(b.position.start.offset, b.position.end.offset).trim()) === "value").length;
    if (numeric >= 4 && numeric * 5 >= run.length) out.push(streamTable(run, index));
    else out.push(...run);
    run = [];
  };
  for (const b of blocks) {
    if (cellLike(b)) {
      const prev = run[run.length - 1];
      // A heading split into heading + run-on prose shares one source line: keep both out.
      if (prev && prev.position.end.offset > b.position.start.offset) {
        run.push(b);
        continue;
      }
      run.push(b);
    } else {
      flush();
      out.push(b);
    }
  }
  flush();
  return out;
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * The line breaks that separate two cells. Scrapers that print each cell on its own line use
 * one; converters that print each cell as a paragraph (turndown, a browser's copy) use two,
 * and there a single break stands inside one cell: a header or label wrapped at a `<br>` or a
 * hard break (`上一年␠␠↵项目数量`). The paragraph layout is told by most gaps being two.
 */
function cellSeparator(gaps: readonly number[]): { sep: number; stacked: boolean } {
  let ones = 0;
  let twos = 0;
  for (const g of gaps) {
    if (g === 1) ones++;
    else if (g === 2) twos++;
  }
  if (ones > 0 && twos > ones) return { sep: 2, stacked: true };
  return { sep: Math.max(1, Math.min(...gaps.filter((g) => g > 0), 2)), stacked: false };
}

/**
 * The line breaks between rows, when the table has its own: `get_text("\n")` prints a row's
 * cells one a line and leaves two empty lines between rows, which counted as cell gaps would
 * add two blank cells to the end of every row (and, in a row short of values, fill its
 * places with blanks that are only the row's end). It is the gap most labels follow, when
 * wider than the cell separator; null when the rows have none of their own.
 */
function rowSeparator(run: readonly Block[], gaps: readonly number[], sep: number, text: string): number | null {
  const counts = new Map<number, number>();
  let labels = 0;
  for (let i = 1; i < run.length; i++) {
    const b = run[i]!;
    if (cellKind(text.slice(b.position.start.offset, b.position.end.offset).trim()) !== "label") continue;
    labels++;
    counts.set(gaps[i - 1]!, (counts.get(gaps[i - 1]!) ?? 0) + 1);
  }
  let best: number | null = null;
  let most = 0;
  for (const [g, n] of counts) if (n > most) [best, most] = [g, n];
  return best !== null && best > sep && most * 2 >= labels ? best : null;
}

/** Phrases of 二's row labels: a label-only row that holds one is a data row whose values all vanished. */
const ROW_PHRASES = PROACTIVE_ROWS.flatMap((r) => r.phrases);

/** Whether a label paragraph can be a column header of 二: short, and no row label, caption or numbered title. */
function isHeaderCell(value: string): boolean {
  const t = normalizeLabel(value);
  return t.length <= 12 && !ROW_PHRASES.some((p) => t.includes(p)) && !/^(信息内容|第二十|[一二三四五六七八九十]+[、.])/.test(t);
}

function streamTable(run: Block[], index: LineIndex): Table {
  const text = index.text;
  const gaps: number[] = [];
  for (let i = 1; i < run.length; i++) {
    gaps.push(countBreaks(text.slice(run[i - 1]!.position.end.offset, run[i]!.position.start.offset)));
  }
  const { sep, stacked } = cellSeparator(gaps);
  const rowGap = rowSeparator(run, gaps, sep, text);
  const rows: TableRow[] = [];
  let cells: TableCell[] = [];
  const close = () => {
    if (cells.length === 0) return;
    const first = cells[0]!.position.start.offset;
    const last = cells[cells.length - 1]!.position.end.offset;
    rows.push({ type: "tableRow", padding: 0, children: cells, position: index.position(first, last) });
    cells = [];
  };
  run.forEach((b, i) => {
    const raw = text.slice(b.position.start.offset, b.position.end.offset);
    const cell = cellNode(stacked ? raw.replace(/^\*\*|\*\*$/g, "") : raw, b.position.start.offset + (stacked && raw.startsWith("**") ? 2 : 0), index);
    const kind = cellKind(cell.value);
    // A wrapped label: the line continues the cell before it (no blank line between them).
    const prev = cells[cells.length - 1];
    if (stacked && i > 0 && gaps[i - 1] === 1 && prev && prev.value !== "" && kind === "label" && cellKind(prev.value) === "label") {
      cells[cells.length - 1] = { ...prev, value: prev.value + cell.value, position: index.position(prev.position.start.offset, cell.position.end.offset) };
      return;
    }
    const gap = i > 0 ? gaps[i - 1]! : 0;
    // Before a row's label, the rows' own separator is no blank cell of the row above.
    const blanks = i === 0 ? 0 : rowGap !== null && kind === "label" && gap >= rowGap ? Math.floor((gap - rowGap) / sep) : Math.floor((gap - sep) / sep);
    for (let k = 0; k < blanks; k++) {
      const at = b.position.start.offset;
      cells.push({ type: "tableCell", value: "", position: index.position(at, at) });
    }
    if (kind === "label") close();
    cells.push(cell);
  });
  close();
  return {
    type: "table",
    form: "plain",
    columns: Math.max(...rows.map((r) => r.children.length)),
    children: joinHeaderRows(rows, index),
    position: index.position(run[0]!.position.start.offset, run[run.length - 1]!.position.end.offset),
  };
}

/**
 * In a pipe-less table every header cell is a line or paragraph of its own, so each became
 * a row of one cell; a sub-table of 二 reads its columns from one header row (信息内容 |
 * 本年新制作数量 | …). The label-only rows after 信息内容, up to the first row label or
 * caption, are joined into that row.
 */
function joinHeaderRows(rows: TableRow[], index: LineIndex): TableRow[] {
  const out: TableRow[] = [];
  const labelOnly = (r: TableRow) => r.children.every((c) => c.value === "" || cellKind(c.value) === "label");
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!labelOnly(r) || !/^信息内容/.test(r.children[0]!.value.replace(/\s/g, ""))) {
      out.push(r);
      continue;
    }
    const cells = [...r.children];
    // A header cell is a label that names no row of 二 and opens nothing (a caption, a title).
    while (i + 1 < rows.length && labelOnly(rows[i + 1]!) && rows[i + 1]!.children.length === 1 && isHeaderCell(rows[i + 1]!.children[0]!.value)) {
      cells.push(...rows[++i]!.children);
    }
    out.push({ ...r, children: cells, position: index.position(cells[0]!.position.start.offset, cells[cells.length - 1]!.position.end.offset) });
  }
  return out;
}
