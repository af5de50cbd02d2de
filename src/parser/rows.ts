/**
 * Cutting flattened tables into rows. In the cell-per-line form a `<tr>` prints each visible
 * `<td>` as `text |` and then one line of `W − n` pipes, where W is the table's column count
 * and n the cells the row printed (cells hidden under a rowspan print nothing). So a padding
 * line ends a row, a row of W cells ends itself, and W comes from the first padding line. A
 * blank cell prints as a bare `|` — the same line as a one-pipe padding run — and the
 * arithmetic of W decides between the two.
 */
import type { IToken } from "chevrotain";
import type { Table, TableCell, TableForm, TableRow } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { CellLine, PaddingRun, RowLine } from "../lexer/tokens.js";
import { isValueText } from "../text/value.js";
import { cellNodeRange, countPipes, lastPipe, splitRowLine, trimmed, trimmedRange } from "./cells.js";

const MD_DELIMITER = /^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?$/;

/**
 * One line of a flattened table, normalised: a cell (`text |`, or a header cell broken over
 * two lines), a run of pipes, or a whole row.
 */
type TableLine =
  | { kind: "cell"; cell: TableCell; start: number; end: number }
  | { kind: "pipes"; count: number; start: number; end: number }
  | { kind: "rowEnd"; start: number; end: number }
  | { kind: "row"; token: IToken }
  | { kind: "row"; token: null; cells: TableCell[]; start: number; end: number };

/**
 * A table block as the parser grouped it, plus lines glued back from two: a header cell
 * (`split`), or a whole row (`split` with `row`) that a `<br>` in one of its cells broke.
 */
export type TableSource = Array<IToken | { split: IToken[]; row?: true }>;

/**
 * The cells of a row line broken inside cells (`信息内容 | 上一年` / `项目数量 | 本年增/` /
 * `减 |`): each part's cells in turn, the last cell of one part glued to the first of the next.
 */
function splitRowCells(parts: readonly IToken[], index: LineIndex, leadingPipeOpens: boolean): TableCell[] {
  const cells: TableCell[] = [];
  // Whether the part before ended inside a cell (text after its last pipe), to be continued.
  let open = false;
  parts.forEach((part, i) => {
    const rest = splitRowLine(part.image, part.startOffset, index, i === 0 && leadingPipeOpens);
    if (open && rest.length > 0) {
      const a = cells.pop()!;
      const b = rest.shift()!;
      cells.push({ type: "tableCell", value: a.value + b.value, position: { start: a.position.start, end: b.position.end } });
    }
    cells.push(...rest);
    open = !part.image.trimEnd().endsWith("|");
  });
  return cells;
}

/**
 * The pipes printed after a cell on its own line: one more pipe marks the row's end
 * (` | |`), more are its padding (` | |||`), none is a plain cell line.
 */
function pushInlinePadding(out: TableLine[], extra: number, start: number, end: number): void {
  if (extra === 1) out.push({ kind: "rowEnd", start, end });
  else if (extra > 1) out.push({ kind: "pipes", count: extra, start, end });
}

/** A row line that is one cell and then only pipes (`制作数量 | ||`): a cell line with its padding on the line. */
export const CELL_WITH_PADDING = /^[^|]+\|[ \t|]*$/;

function tableLines(source: TableSource, index: LineIndex, cellMajority: boolean, leadingPipeOpens: boolean): TableLine[] {
  const out: TableLine[] = [];
  for (const item of source) {
    if ("split" in item && item.row) {
      const head = item.split[0]!;
      const tail = item.split[item.split.length - 1]!;
      const cells = splitRowCells(item.split, index, leadingPipeOpens);
      out.push({ kind: "row", token: null, cells, start: head.startOffset, end: tail.startOffset + tail.image.length });
      continue;
    }
    if ("split" in item) {
      // `本年新` / `制作数量 |`: a header cell the scraper broke over two lines.
      const head = item.split[0]!;
      const tail = item.split[1]!;
      // The tail may carry the row's end mark or padding on its line (`制作数量 | ||`).
      const bar = tail.image.indexOf("|");
      const h = trimmed(head.image, head.startOffset);
      const t = trimmedRange(tail.image, 0, bar, tail.startOffset);
      const cell: TableCell = { type: "tableCell", value: h.value + t.value, position: index.position(h.start, t.end) };
      const cellEnd = tail.startOffset + bar + 1;
      const end = tail.startOffset + tail.image.length;
      out.push({ kind: "cell", cell, start: head.startOffset, end: cellEnd });
      pushInlinePadding(out, countPipes(tail.image) - 1, cellEnd, end);
      continue;
    }
    const tok = item;
    const start = tok.startOffset;
    const end = start + tok.image.length;
    const type = tok.tokenType;
    if (type === CellLine) {
      const bar = lastPipe(tok.image);
      out.push({ kind: "cell", cell: cellNodeRange(tok.image, 0, bar, start, index), start, end });
    } else if (type === PaddingRun) {
      out.push({ kind: "pipes", count: countPipes(tok.image), start, end });
    } else if (cellMajority && !/^[ \t]*\|/.test(tok.image)) {
      // `text | |` or `text | |||` inside a cell-per-line table: the last cell of a row with
      // its end mark or padding printed on the same line.
      const cells = splitRowLine(tok.image, start, index);
      if (cells.length > 0 && cells.slice(1).every((c) => c.value === "")) {
        const first = cells[0]!;
        const firstBar = tok.image.indexOf("|");
        out.push({ kind: "cell", cell: first, start, end: start + firstBar + 1 });
        pushInlinePadding(out, countPipes(tok.image) - 1, start + firstBar + 1, end);
        continue;
      }
      out.push({ kind: "row", token: tok });
    } else {
      out.push({ kind: "row", token: tok });
    }
  }
  return out;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How the pipe runs of a flattened table are to be read. */
interface PipeStyle {
  /** True when pipe runs are row separators, not padding. */
  separators: boolean;
  /** The table width, when the padding arithmetic determines it. */
  width: number | null;
}

/**
 * Decides how a table's pipe runs are meant.
 *
 * Under the padding rule every row fills the width W: n cells + k pipes = W, and a full row
 * prints no padding. So between two runs of k ≥ 2 pipes, the text cells, the one-pipe lines
 * (each a blank cell or a one-pipe padding: either way one column) and the closing run add
 * up to a multiple of W, and W is the greatest common divisor of those sums — even when the
 * first rows are full and print no padding. When the sums share no divisor larger than the
 * runs themselves, the runs cannot be padding: some scrapers print a fixed separator instead
 * (`||` after every row, or a lone `|` before every row).
 */
function pipeStyle(lines: TableLine[]): PipeStyle {
  const counts = new Set<number>();
  const cellsBetween = new Set<number>();
  let g = 0;
  let maxK = 0;
  let runs = 0;
  let n = 0;
  let sum = 0;
  let seenCell = false;
  for (const l of lines) {
    if (l.kind === "cell") {
      n++;
      sum++;
      seenCell = true;
    } else if (l.kind === "rowEnd") {
      // `本年增/减 | |`: the row's last cell and one pipe of padding on its line — one
      // column, like a one-pipe line (it also closes the row, whatever the width).
      sum++;
    } else if (l.kind === "pipes" && seenCell) {
      counts.add(l.count);
      if (n > 0) cellsBetween.add(n);
      n = 0;
      runs++;
      if (l.count >= 2) {
        g = gcd(sum + l.count, g);
        maxK = Math.max(maxK, l.count);
        sum = 0;
      } else {
        sum++;
      }
    }
  }
  if (g >= 2 && g > maxK) return { separators: false, width: g };
  // A bare `|` is also how a blank cell prints, so one-pipe separators are believed only
  // when the table opens with one (the "lone `|` before every row" style).
  const leading = lines[0]?.kind === "pipes";
  const separators = runs >= 3 && counts.size === 1 && cellsBetween.size > 1 && (!counts.has(1) || leading);
  return { separators, width: null };
}

/**
 * Whether the one-pipe line at `at`, where no row is open, is a blank first cell rather than
 * a stray pipe: of the two readings, only the first lets the columns that follow (up to the
 * next padding run of two or more, or the end of the table) fill whole rows of `width`.
 * Each cell and each later one-pipe line counts one column, as in {@link pipeStyle} (a
 * blank cell, or the one pipe that pads a row one short). When both or neither fit, it is not.
 * Only before a value: a row that opens with a label (the first column of 二 and 三) has no
 * blank cell in front of it, and a lone `|` there is a separator style (`|` before each row).
 */
function blankOpensRow(lines: TableLine[], at: number, width: number): boolean {
  const first = lines[at + 1];
  const valueFollows = first !== undefined && (first.kind === "cell" ? isValueText(first.cell.value) : first.kind === "pipes" && first.count === 1);
  if (!valueFollows) return false;
  let n = 0;
  let i = at + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === "cell" || (l.kind === "pipes" && l.count === 1)) n++;
    else break;
  }
  const next = lines[i];
  let k: number;
  if (next === undefined) k = 0;
  else if (next.kind === "pipes" && next.count >= 2) k = next.count;
  else return false;
  // Does a run of `cells` cells closed by `k` pipes fill whole rows?
  const fills = (cells: number) => (cells % width === 0 ? k === 0 : (cells % width) + k === width);
  return fills(n + 1) && !fills(n);
}

/**
 * Cuts a run of table lines into rows. Returns null for a run that holds no cell at all
 * (a stray pipe run, e.g. a flattened metadata box).
 */
export function buildTable(source: TableSource, index: LineIndex, out: Diagnostic[]): Table | null {
  let cellCount = 0;
  let rowCount = 0;
  // Row lines that open with a pipe (`| a | b |`, markdown) and those that do not (`a | b |`).
  let piped = 0;
  for (const item of source) {
    const first = "split" in item ? item.split[0]! : item;
    if ("split" in item ? !item.row : item.tokenType === CellLine) cellCount++;
    else if ("split" in item || item.tokenType === RowLine) {
      rowCount++;
      if (/^[ \t]*\|/.test(first.image) && !MD_DELIMITER.test(first.image)) piped++;
    }
  }
  // A table is markdown-style when most of its rows open with a pipe; in the others a
  // leading pipe closes a blank first cell.
  const leadingPipeOpens = piped * 2 >= rowCount;
  const lines = tableLines(source, index, cellCount >= rowCount, leadingPipeOpens);
  const style = pipeStyle(lines);
  const separators = style.separators;
  const rows: TableRow[] = [];
  let width: number | null = style.width;
  let cells: TableCell[] = [];
  let rowStart = -1;
  let markdown = false;

  let uncertain = false;
  const close = (endOffset: number, padding: number) => {
    if (cells.length === 0) return;
    const row: TableRow = { type: "tableRow", padding, children: cells, position: index.position(rowStart, endOffset) };
    if (uncertain) row.uncertain = true;
    rows.push(row);
    cells = [];
    rowStart = -1;
  };

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.kind === "cell") {
      if (rowStart < 0) rowStart = line.start;
      cells.push(line.cell);
      if (width !== null && cells.length === width && !separators) close(line.end, 0);
    } else if (line.kind === "rowEnd") {
      close(line.end, 0);
    } else if (line.kind === "pipes") {
      const k = line.count;
      const { start, end } = line;
      if (cells.length === 0) {
        // A bare `|` opening a row is a blank first cell when the padding arithmetic says so
        // and says nothing else: the cells after it fill their rows only with it counted.
        if (!separators && width !== null && k === 1 && blankOpensRow(lines, li, width)) {
          rowStart = start;
          cells.push({ type: "tableCell", value: "", position: index.position(start, start) });
          continue;
        }
        // A pipe run between rows. Under the padding rule a row that filled the width ends
        // itself and prints none, so a run here means the row before took a cell that was
        // not its own (a duplicated or lost line): that row and the rest are suspect.
        if (!separators && width !== null && rows.length > 0) {
          uncertain = true;
          rows[rows.length - 1]!.uncertain = true;
          out.push(
            diagnostic(
              DiagnosticCodes.paddingMismatch,
              `a pipe run where no row is open: the row before may hold a cell that is not its own (多余的填充竖线)`,
              index.position(start, end),
            ),
          );
        }
        continue;
      }
      if (separators) {
        close(end, k);
      } else if (width === null) {
        width = cells.length + k;
        close(end, k);
      } else if (k === 1 && cells.length + 1 < width) {
        cells.push({ type: "tableCell", value: "", position: index.position(start, start) });
      } else if (k === 1 && cells.length + 1 === width) {
        cells.push({ type: "tableCell", value: "", ambiguous: true, position: index.position(start, start) });
        close(end, 0);
      } else {
        if (cells.length + k !== width) {
          uncertain = true;
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
      const tok = line.token;
      const start = tok === null ? line.start : tok.startOffset;
      close(start, 0);
      if (tok !== null && MD_DELIMITER.test(tok.image)) {
        markdown = true;
        continue;
      }
      rowStart = start;
      cells = tok === null ? line.cells : splitRowLine(tok.image, start, index, leadingPipeOpens);
      close(tok === null ? line.end : start + tok.image.length, 0);
    }
  }
  const last = source[source.length - 1]!;
  const lastToken = "split" in last ? last.split[last.split.length - 1]! : last;
  close(lastToken.startOffset + lastToken.image.length, 0);
  if (rows.length === 0) return null;

  const form: TableForm = markdown ? "markdown" : rowCount > cellCount ? "row-lines" : "cell-lines";
  if (form === "cell-lines" && width === null && !separators && rows.length === 1 && rows[0]!.children.length > 1) {
    out.push(
      diagnostic(
        DiagnosticCodes.tableWidthUnknown,
        "a flattened table has no padding line, so its rows cannot be told apart (表格缺少填充行，无法分行)",
        rows[0]!.position,
      ),
    );
  }
  // A width learnt from padding; else, when rows were cut by separators or row-end marks,
  // the widest row; a cell-line table cut by neither has no known width.
  const cutByMarks = separators || lines.some((l) => l.kind === "rowEnd");
  const columns =
    form === "cell-lines" && !cutByMarks ? width : (width ?? Math.max(...rows.map((r) => r.children.length)));
  const first = source[0]!;
  const firstToken = "split" in first ? first.split[0]! : first;
  return {
    type: "table",
    form,
    columns,
    children: rows,
    position: index.position(firstToken.startOffset, lastToken.startOffset + lastToken.image.length),
  };
}
