/**
 * Rows whose cells are separated by one character, one `<tr>` per line: a browser's
 * copy-paste and `innerText` (a tab between cells) and markdown converters that print pipe
 * tables without outer pipes (html2text: `规章| 0| 0| 9  `). The line grammar takes a pipe
 * line only when it ends in `|`, and tabs mean nothing to it, so these tables were prose.
 *
 * Like an HTML row, a line prints each cell once: a spanned cell stands in the first row it
 * covers and is absent from the rows below, and an empty field is a blank cell. That is
 * exactly what the normaliser's HTML-row reading expects (labels, then the values), so the
 * table keeps that shape; no column is invented for a cell the line does not print.
 */
import type { Table, TableCell, TableRow } from "../ast/types.js";
import type { LineIndex } from "../source/line-index.js";
import { isBlankLineSpace } from "../text/chars.js";
import type { LayoutClaim, LayoutReader, SourceLine } from "./types.js";

/** The two separators and the table form each gives. */
const SEPARATORS = [
  { char: "\t", form: "tabs" },
  { char: "|", form: "pipes" },
] as const;

type Separator = (typeof SEPARATORS)[number];

/** A markdown delimiter row without outer pipes (`---|---`): no cells, dropped. */
const DELIMITER = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;

/** A one-cell line that may stand inside or just before a table: a caption, not a sentence. */
const CAPTION = /^[^。；;，,|\t]{1,40}$/;

/** Whether `line` holds `sep` between two non-blank characters: a row of two or more cells. */
function isRow(text: string, sep: Separator): boolean {
  const i = text.indexOf(sep.char);
  if (i < 0) return false;
  // A pipe line ending in `|` is the grammar's (row lines, markdown); it never reaches here
  // unless the grammar left it, and then it is not this layout either.
  if (sep.char === "|" && /\|[ \t]*$/.test(text)) return false;
  return text.slice(0, i).trim() !== "" || text.slice(i + 1).trim() !== "";
}

/**
 * Splits a line into trimmed cells positioned on their text (zero-width when blank); with no
 * separator, the whole line is one cell (a caption row).
 */
function cells(line: SourceLine, sep: Separator | null, index: LineIndex): TableCell[] {
  const out: TableCell[] = [];
  const text = line.text;
  let from = 0;
  // A leading or trailing separator in markdown closes the row; in tabs it is a blank cell.
  const pipes = sep?.char === "|";
  let end = text.length;
  if (pipes) {
    while (end > 0 && isBlankLineSpace(text.charCodeAt(end - 1))) end--;
    const lead = text.search(/\S/);
    if (lead >= 0 && text[lead] === "|") from = lead + 1;
  }
  for (;;) {
    const at = sep === null ? -1 : text.indexOf(sep.char, from);
    const to = at < 0 || at > end ? end : at;
    let s = from;
    let e = to;
    while (s < e && isBlankLineSpace(text.charCodeAt(s))) s++;
    while (e > s && isBlankLineSpace(text.charCodeAt(e - 1))) e--;
    out.push({ type: "tableCell", value: text.slice(s, e), position: index.position(line.offset + s, line.offset + (e > s ? e : s)) });
    if (at < 0 || at >= end) break;
    from = at + 1;
  }
  return out;
}

/**
 * Every row line starts and ends with a tab: `get_text("\t")` (BeautifulSoup), which puts the
 * separator around every text node, the white space between tags included. A browser's
 * `innerText` starts a row with a tab only when its first cell is blank and ends it with one
 * only when its last is, which no table does in almost every row.
 */
function tabWrapped(lines: readonly SourceLine[], first: number, last: number, sep: Separator): boolean {
  if (sep.char !== "\t") return false;
  let rows = 0;
  for (let j = first; j <= last; j++) {
    const t = lines[j]!.text;
    if (!isRow(t, sep)) continue;
    // The page's first text (a title before any tag's line break) starts the run unwrapped.
    if (!/^[ ]*\t/.test(t) || !/\t[ ]*$/.test(t)) {
      if (rows > 0 || j === last) return false;
      continue;
    }
    rows++;
  }
  return rows >= 2;
}

/** Claims runs of separated rows (with the captions between and just before them). */
export const readSeparated: LayoutReader = (lines, index) => {
  const claims: LayoutClaim[] = [];
  const adjacent = (a: SourceLine, b: SourceLine) => b.offset <= a.offset + a.text.length + 2;
  let i = 0;
  while (i < lines.length) {
    const sep = SEPARATORS.find((s) => isRow(lines[i]!.text, s));
    if (sep === undefined) {
      i++;
      continue;
    }
    // A caption line right before the first row belongs to the table (第二十条第（一）项).
    let first = i;
    if (i > 0 && adjacent(lines[i - 1]!, lines[i]!) && CAPTION.test(lines[i - 1]!.text.trim()) && !claims.some((c) => c.last >= i - 1)) first = i - 1;
    let last = i;
    let rowCount = 1;
    for (let j = i + 1; j < lines.length && adjacent(lines[j - 1]!, lines[j]!); j++) {
      const t = lines[j]!.text;
      if (t.trim() === "") break;
      if (isRow(t, sep) || (sep.char === "|" && DELIMITER.test(t))) {
        last = j;
        rowCount++;
        continue;
      }
      // A caption inside the table only when a row follows it.
      if (CAPTION.test(t.trim()) && j + 1 < lines.length && adjacent(lines[j]!, lines[j + 1]!) && isRow(lines[j + 1]!.text, sep)) continue;
      break;
    }
    if (rowCount < 2) {
      i++;
      continue;
    }
    // get_text("\t") is get_text(" ") with tabs: text nodes, not cells (Word's spans cut a
    // number into two, and a blank cell prints nothing). The glued reader reads those.
    if (tabWrapped(lines, first, last, sep)) {
      i = last + 1;
      continue;
    }
    const rows: TableRow[] = [];
    for (let j = first; j <= last; j++) {
      const line = lines[j]!;
      if (line.text.trim() === "" || (sep.char === "|" && DELIMITER.test(line.text))) continue;
      const children = isRow(line.text, sep) ? cells(line, sep, index) : cells(line, null, index);
      rows.push({ type: "tableRow", padding: 0, children, position: index.position(line.offset, line.offset + line.text.length) });
    }
    const end = lines[last]!;
    const table: Table = { type: "table", form: sep.form, columns: null, children: rows, position: index.position(lines[first]!.offset, end.offset + end.text.length) };
    claims.push({ first, last, blocks: [table] });
    i = last + 1;
  }
  return claims;
};
