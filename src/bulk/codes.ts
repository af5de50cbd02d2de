/**
 * The codes of bulk-level outcomes: why a member became an error record or was skipped.
 * They sit beside the parser's diagnostic codes (src/diagnostics/codes.ts) in
 * `diagnostics.csv` and `manifest.csv`, so they follow the same rule: stable kebab-case
 * strings that users filter on, never renamed, only added.
 */

/**
 * Every bulk-level code with the status it gives a record. `error` records are members that
 * should have been reports but could not be read or parsed; `skipped` records are members
 * that are not reports at all (an image in a WARC, a PDF in a zip) and are only listed in
 * `manifest.csv`.
 */
export const BulkCodes = {
  /** An input on stdin's list (or found while walking) cannot be opened or read. */
  inputUnreadable: { code: "input-unreadable", status: "error" },
  /**
   * A report whose template tables could none of them be read (`missing-table` errors, or a
   * text that names itself a report with no template found): its panel row is all blanks and
   * says `read_status=unread`, so it never passes for a report of zeros.
   */
  tablesUnread: { code: "tables-unread", status: "ok" },
  /** A report of which some required tables could not be read (`read_status=partial`). */
  tablesPartial: { code: "tables-partial", status: "ok" },
  /** The archive itself is damaged (no central directory, bad tar header, truncated gzip). */
  archiveCorrupt: { code: "archive-corrupt", status: "error" },
  /** A compressed stream (tar.gz, warc.gz) expands past the ratio limit: a decompression bomb. */
  archiveRatioExceeded: { code: "archive-ratio-exceeded", status: "error" },
  /** A member is larger than `--max-member-size` (declared or actually read). */
  memberTooLarge: { code: "member-too-large", status: "error" },
  /** A member expands more than `--max-ratio` times its compressed size: a zip bomb. */
  memberRatioExceeded: { code: "member-ratio-exceeded", status: "error" },
  /** A member's compressed data is damaged (inflate error, CRC mismatch, size mismatch). */
  memberCorrupt: { code: "member-corrupt", status: "error" },
  /** A member is encrypted or uses a compression method that cannot be read. */
  memberUnsupported: { code: "member-unsupported", status: "error" },
  /** A member name that no real report has: control characters, `..`, absurd length or depth. */
  memberNameInvalid: { code: "member-name-invalid", status: "error" },
  /** parseReport threw, which its contract forbids: a bug in zfxxgk, kept as data. */
  parseCrashed: { code: "parse-crashed", status: "error" },
  /** The worker thread died (out of memory, native crash) while parsing the member. */
  workerCrashed: { code: "worker-crashed", status: "error" },
  /** Parsing the member took longer than `--timeout`; its worker was stopped. */
  memberTimeout: { code: "member-timeout", status: "error" },
  /**
   * A tar entry that is not a regular file: a symbolic link (never followed), a hard link to
   * nothing before it in the archive, a FIFO, a device, or an unknown type. Listed in the
   * manifest with its type and target, since the manifest lists every member seen.
   */
  memberNotRegular: { code: "member-not-regular", status: "skipped" },
  /**
   * A tar hard link (or symbolic link) to a member earlier in the same archive: the same bytes
   * as that record, so it is listed, with the record it repeats, and not counted twice.
   */
  memberDuplicate: { code: "member-duplicate", status: "skipped" },
  /** The member is not a report: a binary or non-text file, an empty file, junk, or text the parser rejects. */
  notAReportMember: { code: "not-a-report-member", status: "skipped" },
  /** A WARC response whose Content-Type is not HTML. */
  notHtmlResponse: { code: "not-html-response", status: "skipped" },
  /** A WARC response with a non-2xx HTTP status: an error page, not a report. */
  httpErrorStatus: { code: "http-error-status", status: "skipped" },
} as const;

/** One entry of {@link BulkCodes}. */
export type BulkCodeKind = (typeof BulkCodes)[keyof typeof BulkCodes];

/** A bulk-level code string, e.g. `"member-corrupt"`. */
export type BulkCode = BulkCodeKind["code"];

/**
 * A failure with a bulk code, thrown by input readers and guards and turned into an error
 * (or skipped) record by the run loop. A class so that `instanceof` tells our own, coded
 * failures from unexpected ones, which become `member-corrupt` or `archive-corrupt`.
 */
export class BulkError extends Error {
  override name = "BulkError";
  constructor(
    readonly kind: BulkCodeKind,
    message: string,
  ) {
    super(message);
  }
}
