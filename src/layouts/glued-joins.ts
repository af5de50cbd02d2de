/**
 * Evidence that a separated `get_text(" ")` / `get_text("\n")` text prints some numbers in
 * several tokens. Word-pasted pages cut a cell's text into `<span>` runs, and those tools put a
 * separator at every run boundary, so `598` may print as `5 98`. Joining tokens is allowed only
 * when the text proves such cuts exist; otherwise every token is one cell, as printed, and a
 * reading that joins two of them would be a guess.
 */

/** Whether a token list of a row shows a cut number. */
function rowShowsCuts(tokens: readonly string[], slots: number): boolean {
  // More numbers than the row has cells: some of them are pieces of one cell.
  if (tokens.length > slots) return true;
  // A piece after the cut may start with 0 (`26 050`); no whole number other than 0 does.
  return tokens.some((t) => /^[0０][0-9０-９]/.test(t) || /^[.．]/.test(t));
}

/**
 * Whether any row of a text (its value tokens and its cell count) shows a cut number: then
 * every row of the text may hold joined tokens, since the same page printed them all.
 */
export function textShowsCuts(rows: ReadonlyArray<{ tokens: readonly string[]; slots: number }>): boolean {
  return rows.some((r) => rowShowsCuts(r.tokens, r.slots));
}
