/**
 * What a run found, counted as records are written: the numbers a researcher reads first to
 * decide what to trust. The running state is plain JSON so that it is saved with every
 * checkpoint and a resumed run ends with the same summary as an uninterrupted one.
 */
import type { RecordResult } from "./types.js";

/** Error records kept verbatim in the summary; the rest are in manifest.csv. */
export const MAX_LISTED_FAILURES = 50;
/** How many audit pages summary.json lists by name (all are in the folder). */
export const MAX_LISTED_AUDITS = 1000;
/** Entries in each "most frequent" list. */
export const TOP = 20;

/** One error record as the summary lists it. */
export interface FailureListing {
  id: string;
  code: string;
  archive: string;
  member: string | null;
  reason: string;
}

/** The running counts; plain JSON (saved in the resume state). */
export interface SummaryState {
  records: { ok: number; error: number; skipped: number };
  /** Bytes of the members that became reports. */
  reportBytes: number;
  byTemplate: Record<string, number>;
  byForm: Record<string, number>;
  byEncoding: Record<string, number>;
  byKind: Record<string, number>;
  errorsByCode: Record<string, number>;
  skippedByCode: Record<string, number>;
  /** Diagnostic code → severity, total occurrences, reports with at least one. */
  diagnostics: Record<string, { severity: string; count: number; reports: number }>;
  checks: { pass: number; fail: number; incomplete: number; reportsFailing: number };
  /** Check id → reports in which it fails. */
  failingChecks: Record<string, number>;
  failures: FailureListing[];
  /** `--audit`: pages written, and the first of them (report, member, page). */
  audits?: { count: number; first: Array<{ id: string; archive: string; member: string | null; page: string }> };
}

/** A fresh, all-zero state. */
export function emptySummary(): SummaryState {
  return {
    records: { ok: 0, error: 0, skipped: 0 },
    reportBytes: 0,
    byTemplate: {},
    byForm: {},
    byEncoding: {},
    byKind: {},
    errorsByCode: {},
    skippedByCode: {},
    diagnostics: {},
    checks: { pass: 0, fail: 0, incomplete: 0, reportsFailing: 0 },
    failingChecks: {},
    failures: [],
  };
}

const bump = (map: Record<string, number>, key: string, by = 1) => {
  map[key] = (map[key] ?? 0) + by;
};

/** Counts one written record. */
export function addRecord(state: SummaryState, record: RecordResult): void {
  state.records[record.status] += 1;
  if (record.status === "skipped") {
    bump(state.skippedByCode, record.code ?? "unknown");
    return;
  }
  if (record.status === "error") {
    bump(state.errorsByCode, record.code ?? "unknown");
    if (state.failures.length < MAX_LISTED_FAILURES) {
      state.failures.push({
        id: record.id,
        code: record.code ?? "unknown",
        archive: record.origin.archive,
        member: record.origin.member,
        reason: record.reason ?? "",
      });
    }
    return;
  }
  if (record.audit) {
    const audits = (state.audits ??= { count: 0, first: [] });
    audits.count += 1;
    if (audits.first.length < MAX_LISTED_AUDITS) audits.first.push({ id: record.id, archive: record.origin.archive, member: record.origin.member, page: record.audit });
  }
  const stats = record.stats;
  if (!stats) return;
  state.reportBytes += record.origin.bytes ?? 0;
  bump(state.byTemplate, stats.template);
  bump(state.byForm, stats.form);
  bump(state.byEncoding, stats.encoding);
  bump(state.byKind, record.origin.kind);
  for (const [code, [severity, count]] of Object.entries(stats.diagnostics)) {
    const entry = (state.diagnostics[code] ??= { severity, count: 0, reports: 0 });
    entry.count += count;
    entry.reports += 1;
  }
  state.checks.pass += stats.checks.pass;
  state.checks.fail += stats.checks.fail;
  state.checks.incomplete += stats.checks.incomplete;
  if (stats.failingChecks.length > 0) state.checks.reportsFailing += 1;
  for (const id of new Set(stats.failingChecks)) bump(state.failingChecks, id);
}

/** Facts about the run itself (they vary between runs; everything else is deterministic). */
export interface RunFacts {
  elapsedSeconds: number;
  jobs: number;
  /** Records written by this invocation (not counting those a resume skipped). */
  recordsThisRun: number;
  /** Records already written by the interrupted run that `--resume` continued. */
  resumedRecords: number;
  reportsPerSecond: number;
  megabytesPerSecond: number;
  peakRssBytes: number;
}

/** `summary.json`. */
export interface SummaryJson {
  zfxxgk: string;
  complete: boolean;
  inputs: string[];
  shard: string;
  formats: string[];
  outputs: string[];
  records: SummaryState["records"] & { total: number };
  reportBytes: number;
  byTemplate: Record<string, number>;
  byForm: Record<string, number>;
  byEncoding: Record<string, number>;
  byKind: Record<string, number>;
  failures: { byCode: Record<string, number>; first: FailureListing[] };
  skipped: { byCode: Record<string, number> };
  diagnostics: Array<{ code: string; severity: string; count: number; reports: number }>;
  checks: SummaryState["checks"];
  failingIdentities: Array<{ identity: string; reports: number }>;
  failingChecks: Array<{ id: string; reports: number }>;
  warnings: string[];
  run: RunFacts;
  /** Duplicate groups found in the panel (same bytes, or same agency key and year). */
  duplicates?: { groups: number; rowsDropped: number; kept: "one per group" | "all" };
  /** `--audit DIR`: the folder, how many pages, and the first pages with their reports. */
  audit?: { dir: string; pages: number; first: Array<{ id: string; archive: string; member: string | null; page: string }> };
  /** Cross-year links by status (links.csv). */
  links?: { pass: number; fail: number; incomplete: number };
}

const sorted = (map: Record<string, number>) =>
  Object.fromEntries(Object.entries(map).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));

/** The identity a check id instantiates: `requests.balance.naturalPerson` → `requests.balance`. */
export function identityOf(checkId: string): string {
  const parts = checkId.split(".");
  return parts.slice(0, 2).join(".");
}

/** Builds `summary.json` from the counts and the run's facts. */
export function finalSummary(
  state: SummaryState,
  facts: { zfxxgk: string; complete: boolean; inputs: string[]; shard: string; formats: string[]; outputs: string[]; warnings: string[]; run: RunFacts; auditDir?: string },
): SummaryJson {
  const identities: Record<string, number> = {};
  for (const [id, reports] of Object.entries(state.failingChecks)) bump(identities, identityOf(id), reports);
  return {
    zfxxgk: facts.zfxxgk,
    complete: facts.complete,
    inputs: facts.inputs,
    shard: facts.shard,
    formats: facts.formats,
    outputs: facts.outputs,
    records: { total: state.records.ok + state.records.error + state.records.skipped, ...state.records },
    reportBytes: state.reportBytes,
    byTemplate: sorted(state.byTemplate),
    byForm: sorted(state.byForm),
    byEncoding: sorted(state.byEncoding),
    byKind: sorted(state.byKind),
    failures: { byCode: sorted(state.errorsByCode), first: state.failures },
    skipped: { byCode: sorted(state.skippedByCode) },
    diagnostics: Object.entries(state.diagnostics)
      .map(([code, d]) => ({ code, ...d }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
      .slice(0, TOP),
    checks: state.checks,
    failingIdentities: Object.entries(sorted(identities)).map(([identity, reports]) => ({ identity, reports })),
    failingChecks: Object.entries(sorted(state.failingChecks))
      .slice(0, TOP)
      .map(([id, reports]) => ({ id, reports })),
    ...(facts.auditDir !== undefined ? { audit: { dir: facts.auditDir, pages: state.audits?.count ?? 0, first: state.audits?.first ?? [] } } : {}),
    warnings: facts.warnings,
    run: facts.run,
  };
}

function counts(map: Record<string, number>, limit = 8): string {
  const entries = Object.entries(map);
  if (entries.length === 0) return "-";
  const shown = entries.slice(0, limit).map(([k, v]) => `${k} ${v}`);
  return entries.length > limit ? `${shown.join(", ")}, … (${entries.length - limit} more)` : shown.join(", ");
}

/** The human-readable summary printed at the end of a run. */
export function formatSummary(summary: SummaryJson, outDir: string): string {
  const r = summary.records;
  const run = summary.run;
  const lines = [
    `zfxxgk bulk: ${r.total} records → ${outDir}${summary.complete ? "" : " (interrupted: rerun with --resume)"}`,
    `  records      ${r.ok} reports, ${r.error} errors, ${r.skipped} skipped` +
      (run.resumedRecords > 0 ? ` (${run.resumedRecords} from the interrupted run)` : ""),
    `  speed        ${run.reportsPerSecond.toFixed(1)} reports/s, ${run.megabytesPerSecond.toFixed(2)} MB/s, ` +
      `${run.elapsedSeconds.toFixed(1)} s with ${run.jobs === 0 ? "no workers" : `${run.jobs} worker${run.jobs === 1 ? "" : "s"}`}`,
    `  templates    ${counts(summary.byTemplate)}`,
    `  forms        ${counts(summary.byForm)}`,
    `  encodings    ${counts(summary.byEncoding)}`,
    `  failures     ${counts(summary.failures.byCode)}`,
    `  skipped      ${counts(summary.skipped.byCode)}`,
    `  diagnostics  ${summary.diagnostics.length === 0 ? "-" : summary.diagnostics.slice(0, 6).map((d) => `${d.code} ${d.count}`).join(", ")}`,
    `  checks       ${summary.checks.pass} pass, ${summary.checks.fail} fail, ${summary.checks.incomplete} incomplete; ` +
      `${summary.checks.reportsFailing} reports with a failing identity`,
  ];
  if (summary.failingIdentities.length > 0) {
    lines.push(`  identities   ${summary.failingIdentities.slice(0, 6).map((i) => `${i.identity} ${i.reports}`).join(", ")}`);
  }
  for (const f of summary.failures.first.slice(0, 5)) {
    lines.push(`  ! ${f.code} ${f.archive}${f.member === null ? "" : ` :: ${f.member}`}: ${f.reason}`);
  }
  for (const w of summary.warnings) lines.push(`  warning: ${w}`);
  lines.push(`  outputs      ${summary.outputs.join(" ")}`);
  return `${lines.join("\n")}\n`;
}
