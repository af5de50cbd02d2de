/**
 * Every diagnostic code the library emits, with its severity. Codes are stable public API:
 * users filter on them, so a code is never renamed, only added.
 *
 * Severity policy: `error` means data is missing or cannot be trusted as a whole (no report
 * found, an internal failure); `warning` means a value or row may be wrong or was lost and
 * is named by `path`; `info` means the parser made a documented, safe assumption.
 */
export const DiagnosticCodes = {
  /** The input holds no text at all. */
  emptyInput: { code: "empty-input", severity: "error" },
  /** Neither a report table nor the words 政府信息公开 were found: probably not a report. */
  notAReport: { code: "not-a-report", severity: "error" },
  /** Bytes that are not valid in the detected encoding were replaced by U+FFFD. */
  invalidEncoding: { code: "invalid-encoding", severity: "warning" },
  /** Kangxi radicals (PDF text: `⼆` for 二) were read as the ideographs they stand for, in place. */
  radicalsUnified: { code: "radicals-unified", severity: "info" },
  /** The text contains NUL or other control bytes typical of binary files. */
  binaryContent: { code: "binary-content", severity: "warning" },
  /** A numeric cell holds text that is not a number, a blank or a known placeholder. */
  unparseableCell: { code: "unparseable-cell", severity: "warning" },
  /** A cell holds a placeholder such as `-` or `/`: read as not reported (null). */
  placeholderCell: { code: "placeholder-cell", severity: "info" },
  /** A cell carries a unit (`251000元`) different from its column's unit. */
  unitInCell: { code: "unit-in-cell", severity: "warning" },
  /**
   * A truncated or missing label (or a header the template's column order stands in for) was
   * mapped by its position in the template grid: nothing in the text contradicts the place.
   */
  labelAssumed: { code: "label-assumed", severity: "info" },
  /**
   * A label that is not a truncation of the template's (garbled, reworded or another row's)
   * was placed by its position in the template grid alone: nothing in the label confirms the
   * place, so the value may be in the wrong place. Kept apart from `label-assumed` (info),
   * which is the safe case of the same placement.
   */
  labelGuessed: { code: "label-guessed", severity: "warning" },
  /** A row inside a known table matched no template row; its values are not in the model. */
  unknownRow: { code: "unknown-row", severity: "warning" },
  /**
   * A whole pre-2019 table with no statistics header was deliberately left unread: its numbers
   * are not guessed into the model. Nothing was lost by mistake, so this is not `unknown-row`
   * (a warning about one row of a table that was read).
   */
  legacyTableUnread: { code: "legacy-table-unread", severity: "info" },
  /** A template row was not found in its table: its values are absent. */
  missingRow: { code: "missing-row", severity: "warning" },
  /**
   * A table the report must hold (its template's, or the 2019/2021 tables of a text that names
   * itself an annual report or prints their labels) could not be read: every number of it is
   * missing, so the report cannot stand as a row of data.
   */
  missingTable: { code: "missing-table", severity: "error" },
  /** A converter printed a placeholder (`[TABLE]`) where a table was: its numbers are not in the text. */
  tableOmitted: { code: "table-omitted", severity: "warning" },
  /** A template row appears twice; the first occurrence is kept. */
  duplicateRow: { code: "duplicate-row", severity: "warning" },
  /** A row holds more or fewer values than its template row: its values may be shifted. */
  rowWidthMismatch: { code: "row-width-mismatch", severity: "warning" },
  /** Digits stand before a glued table's first row label: rows may hold their neighbours' values (PDF reading order). */
  valuesBeforeLabel: { code: "values-before-label", severity: "warning" },
  /**
   * A row's cells may be misaligned: a value cell holds label text, or the padding arithmetic
   * failed at or before this row. Every value of the row is suspect.
   */
  rowMisaligned: { code: "row-misaligned", severity: "warning" },
  /**
   * A value may have lost digits: html2text (the C tool) cuts a cell to its column's width in
   * bytes, and this cell holds a multi-byte character (its own &nbsp;) and fills its place.
   */
  valueTruncated: { code: "value-truncated", severity: "warning" },
  /**
   * A cell holds a number and then the replacement characters of a character cut in its
   * bytes (Debian html2text fills a cell's room after its value with such bytes): the number
   * before them is read. ASCII digits are one byte each, so a byte cut cannot touch them, and
   * text after the number shows the cell had room for all of it.
   */
  cellDamaged: { code: "cell-damaged", severity: "info" },
  /**
   * A box-drawn table's frame does not line up (a stroke where no other line has one, a
   * merged area that is not a rectangle): its cells were cut where the strokes stand.
   */
  boxDamaged: { code: "box-damaged", severity: "warning" },
  /** A flattened table gave no padding line, so its rows could not be cut reliably. */
  tableWidthUnknown: { code: "table-width-unknown", severity: "warning" },
  /** A padding run does not add up to the table width: the row boundary is uncertain. */
  paddingMismatch: { code: "padding-mismatch", severity: "warning" },
  /** A table ends in the middle of a row (a cut-off page or a lost line). */
  tableTruncated: { code: "table-truncated", severity: "warning" },
  /**
   * An HTML page nests elements deeper than any real page (hundreds of levels): the tags
   * below the limit were ignored, their text kept, so a crafted page cannot exhaust time or
   * the stack. Numbers inside the flattened part may have lost their table structure.
   */
  htmlNestingFlattened: { code: "html-nesting-flattened", severity: "warning" },
  /**
   * A `rowspan`/`colspan` was cut down: HTML's own limits (colspan ≤ 1000, rowspan ≤ the rows
   * left), or a grid larger than the page could hold, which only a crafted page asks for.
   * The cell keeps its text at its place; cells it would have covered are not filled.
   */
  spanClamped: { code: "span-clamped", severity: "warning" },
  /** The reporting year could not be determined from the text. */
  yearNotFound: { code: "year-not-found", severity: "warning" },
  /** The title, statistics period and opening sentence name different years. */
  yearMismatch: { code: "year-mismatch", severity: "warning" },
  /** The reporting agency could not be determined from the text. */
  agencyNotFound: { code: "agency-not-found", severity: "warning" },
  /**
   * The agency's name fits several administrative divisions (鼓楼区 is in four cities) and
   * nothing in the title or header tells them apart: `meta.division` is null; the message
   * lists the candidates' codes.
   */
  divisionAmbiguous: { code: "division-ambiguous", severity: "info" },
  /** The agency's name names no administrative division (a national body, say): `meta.division` is null. */
  divisionNotFound: { code: "division-not-found", severity: "info" },
  /** No table family decided the template. */
  templateUnknown: { code: "template-unknown", severity: "info" },
  /**
   * The text names itself an annual report, yet no table family decided its template: its
   * tables were not read, which a reader of the data must not miss.
   */
  reportTemplateUnknown: { code: "report-template-unknown", severity: "warning" },
  /** The tables carry signals of two templates. */
  templateMixed: { code: "template-mixed", severity: "warning" },
  /**
   * A row of a space-aligned column dump has fewer values than its columns, and their display
   * positions do not decide which columns they are in: the row's values are left null and the
   * message lists the candidate readings.
   */
  columnUndecided: { code: "column-undecided", severity: "warning" },
  /**
   * A row of a pipe-less table printed fewer values than places (its blank cells left no
   * trace), and exactly one placement of its values satisfies the accounting identities that
   * touch it: the values are placed there, and the message names the places taken as blank.
   */
  blanksPlacedByIdentity: { code: "blanks-placed-by-identity", severity: "info" },
  /**
   * A run of glued digits (`get_text("")`) or a row short of cells splits into the row's
   * values in more than one way that satisfies every constraint the template knows (or in
   * none): its values are null and the message lists the candidate readings.
   */
  ambiguousSplit: { code: "ambiguous-split", severity: "warning" },
  /**
   * Glued digits were read as a row with every cell filled, the one such reading that fits,
   * while readings with a vanished blank cell fit too — and the same table has a row that
   * could only be read with blanks, so this text does drop them. The values are kept (the
   * filled reading is nearly always the printed one) but rest on that preference: a report
   * whose sums are broken can make a wrong filled reading fit. The message lists the rivals.
   */
  splitPreferred: { code: "split-preferred", severity: "warning" },
  /**
   * A glued row fixed by its own total takes part in a column sum of 三 that no reading of
   * the still-ambiguous rows satisfies: the report's sums are broken or the row was misread,
   * and the sum's check cannot fail while those rows stay blank. The values are kept, flagged.
   */
  splitUnconfirmed: { code: "split-unconfirmed", severity: "warning" },
  /**
   * An accounting identity (a `checks` entry) fails: the source disagrees with itself, though
   * its values were read faithfully. Not emitted by the parser (the check itself is the
   * record); `zfxxgk check` and code frames show a failing check as a diagnostic of this code.
   */
  checkFailed: { code: "check-failed", severity: "warning" },
  /**
   * An accounting identity could not be evaluated because an operand is null (status
   * `incomplete`): shown as a diagnostic of this code when a caller lists such checks. Not
   * emitted by the parser, and not printed by `zfxxgk check`, which lists failing checks only.
   */
  checkIncomplete: { code: "check-incomplete", severity: "info" },
  /** An unexpected failure inside the parser; the report holds what was read before it. */
  internalError: { code: "internal-error", severity: "error" },
} as const;

/** One entry of {@link DiagnosticCodes}. */
export type DiagnosticKind = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** A diagnostic code string, e.g. `"unparseable-cell"`. */
export type DiagnosticCode = DiagnosticKind["code"];
