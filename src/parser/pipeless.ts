/**
 * Tables with no pipes at all: some scrapers print every cell as its own paragraph. A run of
 * short lines holding enough bare values is read back as a table.
 */
import type { Block, Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { REQUEST_GROUP_WORDS, SECTION_WORDS } from "../templates/titles.js";
import { isValueText } from "../text/value.js";
import { cellNode } from "./cells.js";

/** Longest line taken for a cell of a pipe-less table. */
const MAX_CELL = 80;

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
    return raw.length <= MAX_CELL && !/[。；;]$/.test(raw.trim()) && !raw.includes("\n");
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

function streamTable(run: Block[], index: LineIndex): Table {
  const text = index.text;
  const gaps: number[] = [];
  for (let i = 1; i < run.length; i++) {
    gaps.push(countBreaks(text.slice(run[i - 1]!.position.end.offset, run[i]!.position.start.offset)));
  }
  const sep = Math.max(1, Math.min(...gaps.filter((g) => g > 0), 2));
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
    const blanks = i > 0 ? Math.floor((gaps[i - 1]! - sep) / sep) : 0;
    for (let k = 0; k < blanks; k++) {
      const at = b.position.start.offset;
      cells.push({ type: "tableCell", value: "", position: index.position(at, at) });
    }
    const raw = text.slice(b.position.start.offset, b.position.end.offset);
    const cell = cellNode(raw, b.position.start.offset, index);
    if (cellKind(cell.value) === "label") close();
    cells.push(cell);
  });
  close();
  return {
    type: "table",
    form: "plain",
    columns: Math.max(...rows.map((r) => r.children.length)),
    children: rows,
    position: index.position(run[0]!.position.start.offset, run[run.length - 1]!.position.end.offset),
  };
}
