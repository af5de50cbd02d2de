/**
 * One member → every output row it contributes. Runs in the worker threads (and inline with
 * `--jobs 0`), so the expensive part — parsing, JSON and CSV serialisation — is spread over
 * the cores and the main thread only appends finished strings in order.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditPage } from "../audit/page.js";
import { decode } from "../source/decode.js";
import type { Report } from "../model/types.js";
import { parseReport } from "../parse-report.js";
import { type BulkCodeKind, BulkCodes, BulkError } from "./codes.js";
import { type CsvValue, csvLine } from "./csv.js";
import { looksBinary } from "./limits.js";
import { COLUMN_BY_PATH, panelValues, readStatus, valueAt } from "./panel.js";
import type { Format, MemberTask, Origin, RecordResult, RecordStatus, ReportStats } from "./types.js";
import { unpack } from "./unpack.js";

/** Columns of `cells.csv`: one row per numeric value, with the text it was read from. */
export const CELLS_HEADER = ["report_id", "path", "variable", "value", "raw", "line", "column"] as const;
/** Columns of `checks.csv`: one row per accounting identity instance. */
export const CHECKS_HEADER = ["report_id", "check_id", "status", "expected", "actual", "paths"] as const;
/**
 * Columns of `diagnostics.csv`: the parser's diagnostics (`source` = `report`) and the bulk
 * errors of members that produced no report (`source` = `bulk`, no position).
 */
export const DIAGNOSTICS_HEADER = ["report_id", "source", "code", "severity", "path", "line", "column", "message", "raw"] as const;
/** Columns of `manifest.csv`: every record of the run, with its status and origin. */
export const MANIFEST_HEADER = [
  "seq",
  "report_id",
  "status",
  "code",
  "reason",
  "kind",
  "archive",
  "member",
  "bytes",
  "sha256",
  "warc_record_id",
  "warc_date",
  "content_type",
  "http_status",
] as const;

/** Codes of parser diagnostics that mean "this text is not a report": such members are skipped. */
const NOT_A_REPORT = new Set(["not-a-report", "empty-input"]);

/**
 * Unpacks (zip members), parses and renders one member. Never throws: damaged data becomes a
 * `member-corrupt` record, a parser crash a `parse-crashed` record, and text that is not a
 * report a skipped record.
 */
export function processMember(task: MemberTask): RecordResult {
  let bytes: Uint8Array;
  try {
    bytes = unpack(task);
  } catch (error) {
    const kind = error instanceof BulkError ? error.kind : BulkCodes.memberCorrupt;
    const origin: Origin = { ...task.origin, bytes: task.zip?.size ?? task.bytes.byteLength, sha256: null };
    return renderOutcome(task, origin, kind, error instanceof Error ? error.message : String(error));
  }
  const origin: Origin = {
    ...task.origin,
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  if (bytes.byteLength === 0) return renderOutcome(task, origin, BulkCodes.notAReportMember, "empty file");
  if (looksBinary(bytes)) return renderOutcome(task, origin, BulkCodes.notAReportMember, "binary content (NUL bytes), not a text report");
  let report: Report;
  try {
    report = parseReport(bytes);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return renderOutcome(task, origin, BulkCodes.parseCrashed, `parseReport threw: ${text} (a bug in zfxxgk)`);
  }
  // A report the parser lost to an internal failure is an error record, never an `ok` row.
  const crash = report.diagnostics.find((d) => d.code === "internal-error");
  if (crash) return renderOutcome(task, origin, BulkCodes.parseCrashed, `${crash.code}: ${crash.message} (a bug in zfxxgk)`);
  const reject = report.diagnostics.find((d) => NOT_A_REPORT.has(d.code));
  if (reject) return renderOutcome(task, origin, BulkCodes.notAReportMember, `${reject.code}: ${reject.message}`);
  const result = renderReport(task, origin, report);
  if (task.auditDir !== undefined && needsAudit(report)) result.audit = writeAudit(task.auditDir, task.id, bytes, report, origin);
  return result;
}

/** Reports worth a look: an error diagnostic or a failing identity. */
function needsAudit(report: Report): boolean {
  return report.diagnostics.some((d) => d.severity === "error") || report.checks.some((c) => c.status === "fail");
}

/**
 * Writes the report's audit page as `<report_id>.audit.html` in `dir` (in the worker, so the
 * main thread only appends strings) and returns that name.
 */
function writeAudit(dir: string, id: string, bytes: Uint8Array, report: Report, origin: Origin): string {
  const name = `${id}.audit.html`;
  const member = origin.member ? `${origin.archive} → ${origin.member}` : origin.archive;
  writeFileSync(join(dir, name), auditPage({ report, text: decode(bytes).text, name: member }));
  return name;
}

function has(formats: readonly Format[], format: Format): boolean {
  return formats.includes(format);
}

function manifestValues(seq: number, id: string, status: RecordStatus, code: string | null, reason: string | null, origin: Origin): CsvValue[] {
  return [
    seq,
    id,
    status,
    code,
    reason,
    origin.kind,
    origin.archive,
    origin.member,
    origin.bytes,
    origin.sha256,
    origin.warcRecordId,
    origin.warcDate,
    origin.contentType,
    origin.httpStatus,
  ];
}

/**
 * The record of a member that produced no report: an error (with one `bulk` diagnostics row)
 * or a skip (manifest only). Used by the workers and by the run loop for failures found
 * before parsing (bombs, damaged archives).
 */
export function renderOutcome(
  task: Pick<MemberTask, "seq" | "id" | "formats">,
  origin: Origin,
  kind: BulkCodeKind,
  reason: string,
): RecordResult {
  const { seq, id, formats } = task;
  const manifest = manifestValues(seq, id, kind.status, kind.code, reason, origin);
  const result: RecordResult = {
    seq,
    id,
    status: kind.status,
    code: kind.code,
    reason,
    origin,
    text: { manifest: csvLine(manifest) },
  };
  const sqlite = has(formats, "sqlite");
  if (sqlite) result.sql = { manifest };
  if (kind.status === "error" && has(formats, "diagnostics")) {
    const row: CsvValue[] = [id, "bulk", kind.code, "error", null, null, null, reason, null];
    result.text.diagnostics = csvLine(row);
    if (result.sql) result.sql.diagnostics = [row];
  }
  return result;
}

/** The record of a parsed report: every output it appears in. */
export function renderReport(task: Pick<MemberTask, "seq" | "id" | "formats" | "full">, origin: Origin, report: Report): RecordResult {
  const { seq, id, formats } = task;
  const sqlite = has(formats, "sqlite");
  // A report whose tables were not read stays a report (its meta and diagnostics are data),
  // but the manifest says so in its code and reason columns.
  const read = readStatus(report);
  const kind = read.status === "unread" ? BulkCodes.tablesUnread : read.status === "partial" ? BulkCodes.tablesPartial : null;
  const reason = kind ? `template tables not read${read.missing.length > 0 ? `: ${read.missing.join(", ")}` : ""}` : null;
  const manifest = manifestValues(seq, id, "ok", kind?.code ?? null, reason, origin);
  const result: RecordResult = { seq, id, status: "ok", code: kind?.code ?? null, reason, origin, text: { manifest: csvLine(manifest) } };
  const sql: NonNullable<RecordResult["sql"]> = { manifest };

  if (has(formats, "reports")) result.text.reports = `${JSON.stringify({ id, origin, report })}\n`;

  if (has(formats, "panel") || sqlite) {
    const values = panelValues({ id, origin, report });
    if (has(formats, "panel")) result.text.panel = csvLine(values);
    if (sqlite) sql.panel = values;
  }

  // The cells table of reports.sqlite follows cells.csv: ~200 rows a report, opt-in.
  if (has(formats, "cells")) {
    const rows: CsvValue[][] = [];
    for (const [path, where] of Object.entries(report.provenance)) {
      const value = valueAt(report, path.split("."));
      rows.push([id, path, COLUMN_BY_PATH.get(path) ?? null, typeof value === "number" ? value : null, where.raw, where.start.line, where.start.column]);
    }
    result.text.cells = rows.map(csvLine).join("");
    if (sqlite) sql.cells = rows;
  }

  if (has(formats, "checks") || sqlite) {
    // The description is the same for every instance of an id (describeCheck). By default only
    // the findings (fail, incomplete) get a row: a passing identity's sums are the panel's own
    // numbers, the panel counts the passes, and those rows with their operand paths were two
    // thirds of what a run wrote. --full writes every instance with its paths.
    const full = task.full === true;
    const rows: CsvValue[][] = [];
    for (const c of report.checks) {
      if (full || c.status !== "pass") rows.push([id, c.id, c.status, c.expected, c.actual, full ? c.paths.join(";") : null]);
    }
    if (has(formats, "checks")) result.text.checks = rows.map(csvLine).join("");
    if (sqlite) sql.checks = rows;
  }

  if (has(formats, "diagnostics") || sqlite) {
    const rows: CsvValue[][] = report.diagnostics.map((d) => [
      id,
      "report",
      d.code,
      d.severity,
      d.path,
      d.position.start.line,
      d.position.start.column,
      d.message,
      d.raw,
    ]);
    if (has(formats, "diagnostics")) result.text.diagnostics = rows.map(csvLine).join("");
    if (sqlite) sql.diagnostics = rows;
  }

  if (sqlite) result.sql = sql;
  result.stats = reportStats(report);
  return result;
}

/** The facts about one report that the run summary counts. */
export function reportStats(report: Report): ReportStats {
  const diagnostics: ReportStats["diagnostics"] = {};
  for (const d of report.diagnostics) {
    const entry = diagnostics[d.code];
    if (entry) entry[1] += 1;
    else diagnostics[d.code] = [d.severity, 1];
  }
  const checks = { pass: 0, fail: 0, incomplete: 0 };
  const failingChecks: string[] = [];
  for (const c of report.checks) {
    checks[c.status] += 1;
    if (c.status === "fail") failingChecks.push(c.id);
  }
  return { template: report.template, form: report.source.form, encoding: report.source.encoding, diagnostics, checks, failingChecks };
}
