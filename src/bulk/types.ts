/**
 * The data that flows through a bulk run: where a record came from, the task a worker gets,
 * and the rendered result it sends back. Plain, structured-clonable objects only, because
 * tasks and results cross the worker-thread boundary.
 */
import type { ZipPacking } from "./unpack.js";

/** What kind of input a record came from. */
export type OriginKind = "file" | "directory" | "zip" | "tar" | "warc";

/**
 * Where a record came from: enough to find the bytes again and to prove they are the same.
 * Written into every `reports.jsonl` line and every `manifest.csv` row.
 */
export interface Origin {
  kind: OriginKind;
  /**
   * The file or directory on disk that holds the record, as given (normalised): the archive,
   * the directory walked, or the report file itself.
   */
  archive: string;
  /**
   * The member name inside the archive (zip, tar), the path relative to the directory, or the
   * WARC-Target-URI; null for a report file given by itself.
   */
  member: string | null;
  /** WARC-Record-ID of a WARC record. */
  warcRecordId?: string;
  /** WARC-Date of a WARC record. */
  warcDate?: string;
  /** The HTTP Content-Type of a WARC response (its charset is the best hint of the encoding). */
  contentType?: string;
  /** The HTTP status of a WARC response. */
  httpStatus?: number;
  /** Bytes of the member as read (uncompressed); the declared size, or null, when it was not read. */
  bytes: number | null;
  /** SHA-256 of the member's bytes; null when they were not read. */
  sha256: string | null;
}

/** An origin before the member is read: bytes and digest come later. */
export type OriginBase = Omit<Origin, "bytes" | "sha256">;

/** The output formats `--format` can choose; `manifest.csv` and `summary.json` are always written. */
export type Format = "reports" | "panel" | "codebook" | "cells" | "checks" | "diagnostics" | "sqlite";

/** Every format, in the order the files are listed in help and summaries. */
export const FORMATS: readonly Format[] = ["reports", "panel", "codebook", "cells", "checks", "diagnostics", "sqlite"];

/**
 * The formats written without `--format` or `--full`: a few kB per report. reports.jsonl
 * (the whole Report, ~40 kB) and cells.csv (a row per number, ~20 kB) are opt-in, since on
 * a large archive they were nine tenths of what a run wrote.
 */
export const DEFAULT_FORMATS: readonly Format[] = ["panel", "codebook", "checks", "diagnostics", "sqlite"];

/** What a worker needs to turn one member's bytes into rendered output rows. */
export interface MemberTask {
  /** Set when `bytes` are still packed (a zip member): inflated and verified by the worker. */
  zip?: ZipPacking;
  /** Global enumeration number of the record (the resume cursor). */
  seq: number;
  /** The report id: 16 hex digits of SHA-256 of the record key. */
  id: string;
  origin: OriginBase;
  bytes: Uint8Array;
  /** Which outputs to render; the rest is not computed. */
  formats: readonly Format[];
  /** `--full`: checks rows carry their operand paths (else that field is empty). */
  full?: boolean;
  /** `--audit DIR`: where the worker writes the audit page of a report with an error or a failing check. */
  auditDir?: string;
}

/** A record's fate. */
export type RecordStatus = "ok" | "error" | "skipped";

/** Per-report facts the summary counts; only for `ok` records. */
export interface ReportStats {
  template: string;
  form: string;
  encoding: string;
  /** Diagnostic code → [severity, count] within this report. */
  diagnostics: Record<string, [string, number]>;
  checks: { pass: number; fail: number; incomplete: number };
  /** Ids of the failing checks (accounting identities). */
  failingChecks: string[];
}

/** Rows for `reports.sqlite`, one array per row, in the table's column order. */
export interface SqlRows {
  panel?: unknown[];
  cells?: unknown[][];
  checks?: unknown[][];
  diagnostics?: unknown[][];
  manifest: unknown[];
}

/**
 * One record, fully rendered: the text to append to each output file and the rows for
 * SQLite. Rendering happens in the worker so the main thread only appends strings in order.
 */
export interface RecordResult {
  seq: number;
  id: string;
  status: RecordStatus;
  /** A bulk code for error and skipped records (or the parser's reason), else null. */
  code: string | null;
  /** A human-readable reason for error and skipped records, else null. */
  reason: string | null;
  origin: Origin;
  /** Text per output file (complete lines with their newline); absent when not rendered. */
  text: {
    reports?: string;
    panel?: string;
    cells?: string;
    checks?: string;
    diagnostics?: string;
    manifest: string;
  };
  sql?: SqlRows;
  stats?: ReportStats;
  /** The audit page written for this report (`--audit`), relative to the audit folder. */
  audit?: string;
}
