/**
 * A converter that could not lay a table out may print a placeholder instead: pandoc
 * `-t plain` writes `[TABLE]` for a table whose cells hold line breaks when it is too wide
 * for `--columns`. The numbers are not in the text at all, so nothing can read them; this
 * reader claims nothing and says, at the placeholder, which table was dropped and how to get
 * it back, next to the `missing-table` error the normaliser gives.
 */
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { TABLE_TITLES, tableOfTitle, type TableKey } from "../templates/titles.js";
import type { LayoutReader } from "./types.js";

/** The placeholder line pandoc prints for a table it cannot lay out. */
const PLACEHOLDER = /^\s*\[TABLE\]\s*$/;

/** Reports each `[TABLE]` placeholder with the table of the section it stands in. */
export const readOmitted: LayoutReader = (lines, index, out) => {
  let table: TableKey | null = null;
  for (const line of lines) {
    if (PLACEHOLDER.test(line.text)) {
      const at = line.text.indexOf("[");
      const which = table === null ? "a table" : `table ${TABLE_TITLES[table]}`;
      out.push(
        diagnostic(
          DiagnosticCodes.tableOmitted,
          `the converter printed [TABLE] in place of ${which}: its numbers are not in the text (pandoc -t plain does this for a table wider than --columns; convert again with --columns=200, or parse the HTML) (表格被转换工具省略)`,
          index.position(line.offset + at, line.offset + at + 7),
          table === null ? {} : { path: table },
        ),
      );
      continue;
    }
    const t = line.text.trim();
    if (t.length > 0 && t.length <= 40) table = tableOfTitle(t) ?? table;
  }
  return [];
};
