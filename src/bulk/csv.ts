/**
 * CSV as pandas, R, Stata and Excel all read it (RFC 4180 quoting, `\n` line ends, UTF-8 with
 * a byte-order mark so that Excel shows Chinese labels instead of mojibake).
 */

/** The UTF-8 byte-order mark every CSV file starts with: Excel needs it to read UTF-8. */
export const BOM = "\uFEFF";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A cell value as CSV wants it. null and undefined are empty (missing in every reader). */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field: quoted only when it must be (a comma, quote, line break, or leading/trailing
 * white space that readers would trim), so that numeric columns stay plain numbers.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "1" : "0";
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One complete line, newline included, ready to append to a file. */
export function csvLine(values: readonly CsvValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ",";
    line += csvField(values[i]);
  }
  return `${line}\n`;
}

/**
 * Parses CSV text back into rows (BOM stripped). Used by tests and by `--resume` sanity
 * checks; not a general-purpose parser (no other dialects).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
