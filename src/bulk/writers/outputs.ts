/**
 * The output directory of a run: every file, the SQLite database and the resume state,
 * written in record order and checkpointed together. After a checkpoint, the files hold
 * exactly the records up to `lastSeq`; whatever was appended after it (a crash mid-line
 * included) is cut off when the run resumes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOM, csvLine, parseCsv } from "../csv.js";
import { DUPLICATES_HEADER, LINKS_HEADER, panelPass } from "../panel-pass.js";
import { CODEBOOK_HEADER, codebookRows, PANEL_HEADER } from "../panel.js";
import { CELLS_HEADER, CHECKS_HEADER, DIAGNOSTICS_HEADER, MANIFEST_HEADER } from "../render.js";
import { type BulkState, clearState, commitStateFile, prepareStateFile, readState, writeState } from "../state.js";
import { addRecord, emptySummary, type SummaryJson, type SummaryState } from "../summary.js";
import type { Format, RecordResult } from "../types.js";
import { AppendFile } from "./append-file.js";
import { type SqliteConstructor, SqliteSink } from "./sqlite.js";

/** The streamed files, by the key of `RecordResult.text`. */
export const STREAM_FILES = {
  reports: "reports.jsonl",
  panel: "panel.csv",
  cells: "cells.csv",
  checks: "checks.csv",
  diagnostics: "diagnostics.csv",
  manifest: "manifest.csv",
} as const;

/** Written once at the end. */
export const CODEBOOK_FILE = "codebook.csv";
/** The run summary, written at the end. */
export const SUMMARY_FILE = "summary.json";
/** The SQLite database. */
export const SQLITE_FILE = "reports.sqlite";
/** Every member of each duplicate group, the kept one marked (written with the panel). */
export const DUPLICATES_FILE = "duplicates.csv";
/** Consecutive years of one agency, the cross-year identity per applicant column. */
export const LINKS_FILE = "links.csv";

type StreamKey = keyof typeof STREAM_FILES;

const HEADERS: Record<StreamKey, string> = {
  reports: "",
  panel: BOM + csvLine(PANEL_HEADER),
  cells: BOM + csvLine(CELLS_HEADER),
  checks: BOM + csvLine(CHECKS_HEADER),
  diagnostics: BOM + csvLine(DIAGNOSTICS_HEADER),
  manifest: BOM + csvLine(MANIFEST_HEADER),
};

/** The outputs cannot be resumed (another run's outputs, or files damaged since the checkpoint). */
export class ResumeError extends Error {
  override name = "ResumeError";
}

/** How to open the outputs. */
export interface OpenOutputs {
  dir: string;
  formats: readonly Format[];
  fingerprint: string;
  /** Continue from the state in `dir` if there is one. */
  resume: boolean;
  /** `--keep-duplicates`: panel.csv keeps every row of a duplicate group. */
  keepDuplicates?: boolean;
  /** Loads better-sqlite3 (a seam for tests); a rejection means "no SQLite, with a warning". */
  loadSqlite: () => Promise<SqliteConstructor>;
}

/**
 * Why reports.sqlite is skipped, and the fix that works: a native module built for another
 * Node version (`NODE_MODULE_VERSION` in the message) is repaired by `npm rebuild
 * better-sqlite3`; a missing one by installing the optional dependencies. The first line of
 * a long loader message is kept whole, only the stack is dropped.
 */
export function sqliteWarning(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n").find((l) => l.trim() !== "") ?? message;
  const versions = /NODE_MODULE_VERSION (\d+)[\s\S]*?NODE_MODULE_VERSION (\d+)/.exec(message);
  const fix = versions
    ? `it was built for another Node.js (module version ${versions[1]}, this one needs ${versions[2]}): run \`npm rebuild better-sqlite3\``
    : "install zfxxgk with its optional dependencies (`npm install` without `--omit=optional`), or run `npm rebuild better-sqlite3` after switching Node.js versions";
  return `reports.sqlite skipped: better-sqlite3 could not be loaded (${first.trim()}) and this Node has no node:sqlite (22.13+ has); ${fix}`;
}

/** The open outputs of a run. */
export class Outputs {
  /** Warnings to show the user (e.g. SQLite unavailable). */
  readonly warnings: string[] = [];
  /** The summary counts, including what a resumed run had already written. */
  summary: SummaryState;
  /** seq of the last record written. */
  lastSeq: number;
  /** Records written, in total. */
  written: number;
  /** Records written before this invocation (by the run it resumes). */
  readonly resumed: number;
  private readonly files = new Map<StreamKey, AppendFile>();
  private sqlite: SqliteSink | null = null;
  private sqliteEnabled: boolean;
  /** The checkpoint in the background, while its disk work is in flight. */
  private background: Promise<void> | null = null;
  /** Checkpoints started, and the newest whose state is in place. */
  private generation = 0;
  private savedGeneration = 0;
  /** A background checkpoint's disk error, thrown at the next chance. */
  private failure: unknown = undefined;

  private constructor(
    private readonly options: OpenOutputs,
    state: BulkState | null,
  ) {
    this.summary = state?.summary ?? emptySummary();
    this.lastSeq = state?.lastSeq ?? -1;
    this.written = state?.written ?? 0;
    this.resumed = this.written;
    this.sqliteEnabled = state ? state.sqlite : options.formats.includes("sqlite");
  }

  /**
   * Opens the directory. Returns the finished state instead when `--resume` finds the run
   * already complete; throws {@link ResumeError} when the directory holds another run.
   */
  static async open(options: OpenOutputs): Promise<Outputs | { complete: BulkState }> {
    const { dir, formats } = options;
    mkdirSync(dir, { recursive: true });
    let state: BulkState | null = null;
    if (options.resume) {
      try {
        state = readState(dir);
      } catch (error) {
        throw new ResumeError(`cannot read the resume state in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (state && state.fingerprint !== options.fingerprint) {
        throw new ResumeError(
          `${dir} holds the outputs of a run with other inputs, options or zfxxgk version, or the input files changed since; ` +
            "run with --force instead of --resume to start over, or choose another --out",
        );
      }
      if (state?.complete) return { complete: state };
    } else {
      clearState(dir);
    }

    const outputs = new Outputs(options, state);
    for (const key of Object.keys(STREAM_FILES) as StreamKey[]) {
      if (key !== "manifest" && !formats.includes(key)) continue;
      const path = join(dir, STREAM_FILES[key]);
      try {
        const resumeAt = state?.files[STREAM_FILES[key]];
        if (state && resumeAt === undefined) throw new Error(`${path} is not in the resume state`);
        outputs.files.set(key, new AppendFile(path, state ? { resumeAt: resumeAt! } : { header: HEADERS[key] }));
      } catch (error) {
        if (state) throw new ResumeError(`cannot resume: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    }
    if (outputs.sqliteEnabled) {
      const path = join(dir, SQLITE_FILE);
      if (state && !existsSync(path)) throw new ResumeError(`cannot resume: ${path} is missing`);
      try {
        const Database = await options.loadSqlite();
        outputs.sqlite = SqliteSink.open(Database, path, state ? state.lastSeq : null);
      } catch (error) {
        if (state) throw new ResumeError(`cannot resume: ${path}: ${error instanceof Error ? error.message : String(error)}`);
        outputs.sqliteEnabled = false;
        outputs.warnings.push(sqliteWarning(error));
      }
    }
    outputs.checkpoint();
    return outputs;
  }

  /** Whether reports.sqlite is being written. */
  get hasSqlite(): boolean {
    return this.sqliteEnabled;
  }

  /** Appends one record everywhere and counts it. Records must arrive in seq order. */
  write(record: RecordResult): void {
    this.rethrow();
    for (const [key, file] of this.files) {
      const text = record.text[key];
      if (text) file.write(text);
    }
    if (this.sqlite && record.sql) this.sqlite.write(record.sql);
    addRecord(this.summary, record);
    this.lastSeq = record.seq;
    this.written += 1;
  }

  /** Writes out buffered text without checkpointing (what a crash would leave behind). */
  flushOnly(): void {
    for (const file of this.files.values()) file.flush();
  }

  /** Makes everything written so far durable and records it as the resume point. */
  checkpoint(): Record<string, number> {
    this.rethrow();
    this.sqlite?.commit();
    const files: Record<string, number> = {};
    for (const [key, file] of this.files) {
      file.sync();
      files[STREAM_FILES[key]] = file.size;
    }
    this.saveState(files, false);
    return files;
  }

  /**
   * {@link checkpoint} with the waiting for the disk off the main thread: the records so far
   * are the resume point once their files' fdatasyncs and the state's write have settled,
   * while later records are appended meanwhile (past the sizes recorded, so a crash before
   * the rename only means resuming from the checkpoint before). At most one is in flight; a
   * call while one is returns false and does nothing. A disk error is thrown by the next
   * write, checkpoint or {@link settle}.
   */
  checkpointInBackground(): boolean {
    this.rethrow();
    if (this.background) return false;
    this.sqlite?.commit();
    const generation = ++this.generation;
    const state = this.state({}, false);
    const syncs = [...this.files].map(([key, file]) => file.syncInBackground().then((size) => [STREAM_FILES[key], size] as const));
    this.background = Promise.all(syncs)
      .then((sizes) => prepareStateFile(this.options.dir, { ...state, files: Object.fromEntries(sizes) }, String(generation)))
      // Decided and renamed in one synchronous step, so a newer (synchronous) checkpoint
      // saved meanwhile is never replaced by this older one.
      .then((tmp) => {
        commitStateFile(this.options.dir, tmp, generation > this.savedGeneration);
        this.savedGeneration = Math.max(this.savedGeneration, generation);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.background = null;
      });
    return true;
  }

  /** Waits for a checkpoint in the background to settle, and throws its error if it failed. */
  async settle(): Promise<void> {
    while (this.background) await this.background;
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private state(files: Record<string, number>, complete: boolean): BulkState {
    // A copy of the counts: the state of a background checkpoint is written after later
    // records have been counted.
    return {
      format: 1,
      fingerprint: this.options.fingerprint,
      lastSeq: this.lastSeq,
      written: this.written,
      files,
      sqlite: this.sqliteEnabled,
      summary: structuredClone(this.summary),
      complete,
    };
  }

  private saveState(files: Record<string, number>, complete: boolean): void {
    writeState(this.options.dir, this.state(files, complete));
    this.savedGeneration = ++this.generation;
  }

  /** The files this run produces, in a fixed order (for the summary). */
  outputNames(): string[] {
    const names: string[] = [];
    const formats = this.options.formats;
    if (formats.includes("reports")) names.push(STREAM_FILES.reports);
    if (formats.includes("panel")) names.push(STREAM_FILES.panel);
    if (formats.includes("codebook")) names.push(CODEBOOK_FILE);
    if (formats.includes("panel")) names.push(DUPLICATES_FILE, LINKS_FILE);
    for (const key of ["cells", "checks", "diagnostics"] as const) if (formats.includes(key)) names.push(STREAM_FILES[key]);
    if (this.sqliteEnabled) names.push(SQLITE_FILE);
    names.push(STREAM_FILES.manifest, SUMMARY_FILE);
    return names;
  }

  /** Ends an interrupted run: checkpoint and close, leaving the state for `--resume`. */
  interrupt(summary: SummaryJson): void {
    this.checkpoint();
    for (const file of this.files.values()) file.close();
    this.sqlite?.close();
    writeFileSync(join(this.options.dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  }

  /**
   * Duplicates and cross-year links over the finished panel.csv (see panel-pass.ts): writes
   * duplicates.csv and links.csv and, unless `--keep-duplicates`, rewrites panel.csv with one
   * row per duplicate group. The rewrite goes through a temporary file and a rename, last
   * before the state is marked complete: a run cut off here is not silently half-deduplicated.
   */
  private panelPass(): ReturnType<typeof panelPass> | null {
    if (!this.options.formats.includes("panel")) return null;
    const dir = this.options.dir;
    const path = join(dir, STREAM_FILES.panel);
    const text = readFileSync(path, "utf8");
    const [header, ...rows] = parseCsv(text.startsWith(BOM) ? text.slice(BOM.length) : text);
    const pass = panelPass(header ?? [], rows);
    writeFileSync(join(dir, DUPLICATES_FILE), BOM + csvLine(DUPLICATES_HEADER) + pass.duplicates.map(csvLine).join(""));
    writeFileSync(join(dir, LINKS_FILE), BOM + csvLine(LINKS_HEADER) + pass.links.map(csvLine).join(""));
    if (pass.dropped.size > 0 && !this.options.keepDuplicates) {
      const id = (header ?? []).indexOf("report_id");
      const kept = rows.filter((r) => !pass.dropped.has(r[id]!));
      writeFileSync(`${path}.tmp`, BOM + csvLine(header!) + kept.map(csvLine).join(""));
      renameSync(`${path}.tmp`, path);
    }
    if (this.options.keepDuplicates) pass.dropped.clear();
    return pass;
  }

  /** Ends a complete run: codebook, indexes, summary.json, then the state marked complete. */
  finish(summary: (outputs: string[]) => SummaryJson): SummaryJson {
    const files = this.checkpoint();
    const dir = this.options.dir;
    const codebook = codebookRows();
    if (this.options.formats.includes("codebook")) {
      writeFileSync(join(dir, CODEBOOK_FILE), BOM + csvLine(CODEBOOK_HEADER) + codebook.map(csvLine).join(""));
    }
    for (const file of this.files.values()) file.close();
    const pass = this.panelPass();
    this.sqlite?.finish(codebook, pass);
    this.sqlite = null;
    const json = summary(this.outputNames());
    if (pass) {
      json.duplicates = { groups: new Set(pass.duplicates.map((r) => r[0])).size, rowsDropped: this.options.keepDuplicates ? 0 : pass.dropped.size, kept: this.options.keepDuplicates ? "all" : "one per group" };
      json.links = pass.linkCounts;
    }
    writeFileSync(join(dir, SUMMARY_FILE), `${JSON.stringify(json, null, 2)}\n`);
    this.saveState(files, true);
    return json;
  }
}
