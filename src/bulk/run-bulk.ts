/**
 * `zfxxgk bulk`: inputs → records → outputs.
 *
 *   plan (walk, classify) ─▶ read members in order ─▶ worker pool (parse + render)
 *        ─▶ reorder by ticket ─▶ append to every output ─▶ checkpoint every few seconds
 *
 * Members are read one at a time on the main thread, in a fixed order; parsing runs in
 * parallel; results are written in read order whatever the scheduling, so the outputs are
 * byte-identical for any `--jobs`. A bounded window of tasks in flight keeps memory flat.
 *
 * Why one file: the stages above are one function (`runLocked`) over one run's state — the
 * plan, the window of tickets in flight, the open outputs and the checkpoint — reading top to
 * bottom in the order of the diagram; the rest is its preflight (input and out-dir checks).
 * Split, every stage would take that state as parameters, and the order that makes the
 * outputs byte-identical for any `--jobs` would no longer be visible in one place.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describeReadError } from "../io/read-errors.js";
import { BulkCodes, BulkError } from "./codes.js";
import { type Entry, InputError, planInputs, readSource } from "./inputs/index.js";
import { DEFAULT_LIMITS, type Limits, nameProblem, notAReportByName, printableName } from "./limits.js";
import { isLockEntry, LockedError, lockOutDir, type OutLock } from "./lock.js";
import { type Executor, inlineExecutor, resolveWorkerFile, workerExecutor } from "./pool.js";
import { ndjsonProgress, type ProgressSink, type ProgressSnapshot, quietProgress, rates, ttyProgress } from "./progress.js";
import { renderOutcome } from "./render.js";
import { inShard, keyHash, reportId, type Shard } from "./shard.js";
import { fingerprint, STATE_FILE } from "./state.js";
import { finalSummary, formatSummary, type SummaryJson } from "./summary.js";
import { DEFAULT_FORMATS, FORMATS, type Format, type Origin, type RecordResult } from "./types.js";
import { Outputs, ResumeError, SUMMARY_FILE } from "./writers/outputs.js";
import { loadSqlite, type SqliteConstructor } from "./writers/sqlite.js";

/** Everything the command line decides. */
export interface BulkOptions {
  /** Directories, archives, report files, or `-` for a list of paths on stdin. */
  inputs: string[];
  out: string;
  formats: Format[];
  /** `--full`: checks rows carry their operand paths. */
  full?: boolean;
  /** Worker threads; 0 parses on the main thread. */
  jobs: number;
  resume: boolean;
  /** Write into a non-empty `--out` that holds no resumable run of these inputs. */
  force: boolean;
  /** Keep every row of a duplicate group in panel.csv (`--keep-duplicates`). */
  keepDuplicates?: boolean;
  /** `--audit DIR` (absolute): audit pages of reports with an error or a failing check. */
  auditDir?: string;
  shard: Shard | null;
  limits: Limits;
  /** Longest a member may take to parse, in worker mode. */
  timeoutMs: number;
  quiet: boolean;
}

/** The world a run talks to: streams, and seams for tests. */
export interface BulkEnv {
  stdin: AsyncIterable<Uint8Array | string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: a live bar instead of NDJSON events. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Aborted on Ctrl-C: the run stops reading, writes what is in flight, checkpoints, exits 130. */
  signal?: AbortSignal;
  version: string;
  /** Loads better-sqlite3 (tests make it fail to check the warning). */
  loadSqlite?: () => Promise<SqliteConstructor>;
  /** The built worker file; defaults to {@link resolveWorkerFile}. */
  workerFile?: string | null;
  /** Minimum time between NDJSON progress events. */
  progressIntervalMs?: number;
}

/** How a run ended. */
export interface BulkOutcome {
  /** 0: complete; 130: interrupted and checkpointed. */
  exitCode: 0 | 130;
  summary: SummaryJson;
}

/** A problem with the command line or the output directory: exit 2, nothing processed. */
export class BulkUsageError extends Error {
  override name = "BulkUsageError";
}

/** Checkpoint at least this often… */
const CHECKPOINT_MS = 2000;
/** …and at least every this many records. */
const CHECKPOINT_RECORDS = 5000;

/** The default options, for callers (tests, the bench) that set only a few. */
export function defaultBulkOptions(inputs: string[], out: string): BulkOptions {
  return {
    inputs,
    out,
    formats: [...DEFAULT_FORMATS],
    jobs: 0,
    resume: false,
    force: false,
    shard: null,
    limits: { ...DEFAULT_LIMITS },
    timeoutMs: 120_000,
    quiet: true,
  };
}

async function readText(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Runs a bulk job to completion (or interruption). Throws {@link BulkUsageError} for usage
 * problems, including an `--out` that another run holds or that holds something else.
 */
export async function runBulk(options: BulkOptions, env: BulkEnv): Promise<BulkOutcome> {
  const started = performance.now();
  checkInputsExist(options);
  const created = prepareOutDir(options.out);
  let lock: OutLock;
  try {
    lock = await lockOutDir(options.out);
  } catch (error) {
    if (error instanceof LockedError) throw new BulkUsageError(error.message);
    throw new BulkUsageError(`cannot lock --out ${options.out}: ${describeReadError(error)}`);
  }
  try {
    return await runLocked(options, env, started, lock);
  } catch (error) {
    // A run refused before writing leaves no trace: the folder it made goes too (if empty).
    if (error instanceof BulkUsageError && created) {
      await lock.release();
      try {
        rmdirSync(options.out);
      } catch {
        // Not empty after all (another run's files): leave it.
      }
    }
    throw error;
  } finally {
    await lock.release();
  }
}

/**
 * The inputs named on the command line must exist before `--out` is created and locked, so
 * that a typo leaves nothing behind; planInputs checks them again, with stdin's list.
 */
function checkInputsExist(options: BulkOptions): void {
  const out = statSync(options.out, { throwIfNoEntry: false });
  for (const input of options.inputs) {
    if (input === "-") continue;
    let stat;
    try {
      stat = statSync(input);
    } catch (error) {
      throw new BulkUsageError(`cannot read ${input}: ${describeReadError(error)}`);
    }
    if (out && stat.isDirectory() && stat.dev === out.dev && stat.ino === out.ino) {
      throw new BulkUsageError(`the input folder ${input} is the --out folder; write the outputs somewhere else`);
    }
  }
}

/**
 * `--out` must be a folder or not exist yet; true when it was created here. A file is refused
 * before anything else, because an `EEXIST` from deep inside the writers reads as a bug.
 */
function prepareOutDir(out: string): boolean {
  const stat = statSync(out, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new BulkUsageError(`--out ${out} exists and is not a folder; give a new or existing folder`);
  if (stat) return false;
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new BulkUsageError(`cannot create --out ${out}: ${describeReadError(error)}`);
  }
  return true;
}

/**
 * Refuses to write into a folder that holds something a run would overwrite, unless it is
 * the run `--resume` continues (Outputs.open then checks it is the same run) or `--force`.
 */
function checkOutDirContents(options: BulkOptions): void {
  if (options.force) return;
  const names = readdirSync(options.out).filter((name) => !isLockEntry(name)).sort();
  if (names.length === 0) return;
  const earlierRun = names.includes(STATE_FILE);
  if (options.resume && earlierRun) return;
  const shown = names.slice(0, 3).join(", ") + (names.length > 3 ? `, … (${names.length} entries)` : "");
  if (earlierRun) {
    throw new BulkUsageError(
      `--out ${options.out} holds the outputs of an earlier run; add --resume to continue it (same inputs and options), ` +
        "--force to start over and overwrite them, or choose another --out",
    );
  }
  throw new BulkUsageError(
    `--out ${options.out} is not empty (${shown}) and holds no zfxxgk bulk run; choose a new or empty folder, ` +
      "or add --force to write into it anyway (files with the outputs' names are overwritten)",
  );
}

async function runLocked(options: BulkOptions, env: BulkEnv, started: number, lock: OutLock): Promise<BulkOutcome> {
  let stdinText: Promise<string> | undefined;
  let plan;
  try {
    plan = await planInputs(options.inputs, () => (stdinText ??= readText(env.stdin)), { exclude: options.out });
  } catch (error) {
    if (error instanceof InputError) throw new BulkUsageError(error.message);
    throw error;
  }
  checkOutDirContents(options);

  const formats = FORMATS.filter((f) => options.formats.includes(f));
  const shardText = options.shard ? `${options.shard.index}/${options.shard.count}` : "1/1";
  // Everything that decides the outputs, down to each file's size: --resume continues by
  // record number, which is only sound when the inputs enumerate exactly as before.
  const print = fingerprint({
    zfxxgk: env.version,
    inputs: plan.inputs,
    sources: fingerprint(plan.sources.map((s) => [s.kind, s.path, s.size])),
    shard: shardText,
    formats,
    full: options.full === true,
    limits: options.limits,
    keepDuplicates: options.keepDuplicates === true,
    audit: options.auditDir ?? null,
  });

  let opened;
  try {
    opened = await Outputs.open({
      dir: options.out,
      formats,
      fingerprint: print,
      resume: options.resume,
      keepDuplicates: options.keepDuplicates === true,
      loadSqlite: env.loadSqlite ?? loadSqlite,
    });
  } catch (error) {
    if (error instanceof ResumeError) throw new BulkUsageError(error.message);
    throw error;
  }
  if (!(opened instanceof Outputs)) {
    const summary = JSON.parse(readFileSync(join(options.out, SUMMARY_FILE), "utf8")) as SummaryJson;
    if (!options.quiet) env.stdout(`zfxxgk bulk: ${options.out} is already complete; nothing to resume\n${formatSummary(summary, options.out)}`);
    return { exitCode: 0, summary };
  }
  const outputs = opened;
  const resumeAfter = outputs.lastSeq;
  // Rows for a database that could not be opened are not worth rendering.
  if (options.auditDir !== undefined) mkdirSync(options.auditDir, { recursive: true });
  const taskFormats = outputs.hasSqlite ? formats : formats.filter((f) => f !== "sqlite");
  const warnings = [...outputs.warnings];

  const ndjson = !options.quiet && env.stderrIsTTY !== true;
  const progress: ProgressSink = options.quiet
    ? quietProgress()
    : env.stderrIsTTY
      ? ttyProgress(env.stderr, env.stderrColumns)
      : ndjsonProgress(env.stderr, env.progressIntervalMs);
  const warn = (message: string) => {
    warnings.push(message);
    if (ndjson) progress.event({ event: "warning", message });
    else env.stderr(`zfxxgk: warning: ${message}\n`);
  };
  for (const w of outputs.warnings) {
    if (ndjson) progress.event({ event: "warning", message: w });
    else env.stderr(`zfxxgk: warning: ${w}\n`);
  }

  let executor: Executor;
  if (options.jobs === 0) executor = inlineExecutor();
  else {
    const file = env.workerFile === undefined ? resolveWorkerFile() : env.workerFile;
    if (file === null) {
      warn("the worker file bulk-worker.js was not found (run `npm run build`); parsing on the main thread");
      executor = inlineExecutor();
    } else executor = await workerExecutor(options.jobs, options.timeoutMs, file);
  }

  // --- the ordered writer ----------------------------------------------------------------
  const killAfter = Number(process.env.ZFXXGK_BULK_TEST_KILL_AFTER ?? "");
  const counts = { records: 0, ok: 0, errors: 0, skipped: 0, inputBytes: 0, memberBytes: 0 };
  const pending = new Map<number, RecordResult>();
  let nextTicket = 0;
  let writtenTicket = 0;
  let wake: (() => void) | null = null;
  let lastCheckpoint = performance.now();
  let sinceCheckpoint = 0;

  const snapshot = (): ProgressSnapshot => ({
    records: counts.records,
    ok: counts.ok,
    errors: counts.errors,
    skipped: counts.skipped,
    resumed: outputs.resumed,
    inputBytes: counts.inputBytes,
    totalBytes: plan.totalBytes,
    memberBytes: counts.memberBytes,
    elapsedSeconds: (performance.now() - started) / 1000,
  });

  const complete = (ticket: number, record: RecordResult) => {
    pending.set(ticket, record);
    while (pending.has(writtenTicket)) {
      const next = pending.get(writtenTicket)!;
      pending.delete(writtenTicket);
      writtenTicket += 1;
      outputs.write(next);
      counts.records += 1;
      if (next.status === "ok") counts.ok += 1;
      else if (next.status === "error") {
        counts.errors += 1;
        progress.event({
          event: "failure",
          id: next.id,
          code: next.code,
          archive: next.origin.archive,
          member: next.origin.member,
          message: next.reason,
        });
      } else counts.skipped += 1;
      sinceCheckpoint += 1;
      if (counts.records === killAfter) {
        // Test hook (ZFXXGK_BULK_TEST_KILL_AFTER=N): die like `kill -9` after N records, with
        // text flushed past the last checkpoint, which was forced halfway.
        outputs.flushOnly();
        process.kill(process.pid, "SIGKILL");
      }
      const now = performance.now();
      const forced = counts.records === Math.floor(killAfter / 2);
      if (forced) outputs.checkpoint();
      // A timed checkpoint waits for the disk in the background: the workers keep getting
      // members meanwhile. One still in flight is let be; the next record tries again.
      if (forced || ((sinceCheckpoint >= CHECKPOINT_RECORDS || now - lastCheckpoint >= CHECKPOINT_MS) && outputs.checkpointInBackground())) {
        lastCheckpoint = now;
        sinceCheckpoint = 0;
      }
    }
    progress.update(snapshot());
    const w = wake;
    wake = null;
    w?.();
  };

  // Room for read-ahead and for results waiting on a slow predecessor: ~10 kB each (~250 kB
  // with --full).
  const window = Math.max(32, executor.threads * 16);
  const inFlight = new Set<Promise<void>>();
  // A failure of the run itself (a disk error while writing): stop reading and rethrow it.
  const fatal: unknown[] = [];
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    work.then(
      () => inFlight.delete(work),
      (error: unknown) => {
        inFlight.delete(work);
        fatal.push(error);
        const w = wake;
        wake = null;
        w?.();
      },
    );
  };
  const aborted = () => env.signal?.aborted === true;

  progress.start({
    zfxxgk: env.version,
    inputs: plan.inputs.length,
    sources: plan.sources.length,
    totalBytes: plan.totalBytes,
    jobs: executor.threads,
    shard: shardText,
    out: options.out,
    resumedRecords: outputs.resumed,
  });

  let seq = -1;
  const ctx = { limits: options.limits, onRawBytes: (n: number) => (counts.inputBytes += n) };
  try {
    outer: for (const source of plan.sources) {
      for await (const entry of readSource(source, ctx)) {
        seq += 1;
        if (lock.compromised) throw lostLock(options.out, lock.compromised);
        const hash = keyHash(entry.key);
        if (!inShard(hash, options.shard)) continue;
        if (seq <= resumeAfter) continue;
        while (nextTicket - writtenTicket >= window && fatal.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        if (fatal.length > 0) throw fatal[0];
        if (aborted()) break outer;
        const ticket = nextTicket++;
        const task = { seq, id: reportId(hash), formats: taskFormats, full: options.full === true, ...(options.auditDir !== undefined ? { auditDir: options.auditDir } : {}) };
        const immediate = judge(entry, task);
        if (immediate) {
          complete(ticket, immediate);
          continue;
        }
        const member = entry as Extract<Entry, { type: "member" }>;
        const reading = member.read();
        const work = reading.then(
          (payload) => {
            counts.memberBytes += payload.zip?.size ?? payload.bytes.byteLength;
            const job = { ...task, origin: member.origin, bytes: payload.bytes, ...(payload.zip ? { zip: payload.zip } : {}) };
            return executor.run(job).then((record) => complete(ticket, record));
          },
          (error: unknown) => {
            const kind = error instanceof BulkError ? error.kind : BulkCodes.memberCorrupt;
            const text = error instanceof Error ? error.message : String(error);
            complete(ticket, renderOutcome(task, { ...member.origin, bytes: member.declaredSize, sha256: null }, kind, text));
          },
        );
        track(work);
        // A streaming reader's member must be read before the reader moves on; a random-access
        // one is read ahead while the next entries are enumerated.
        if (!member.concurrent) await reading.catch(() => undefined);
      }
    }
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    if (fatal.length > 0) throw fatal[0];
  } finally {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await executor.close();
  }

  await outputs.settle();
  if (lock.compromised) throw lostLock(options.out, lock.compromised);
  const elapsed = (performance.now() - started) / 1000;
  const r = rates({ ...snapshot(), elapsedSeconds: elapsed });
  const run = {
    elapsedSeconds: Number(elapsed.toFixed(3)),
    jobs: executor.threads,
    recordsThisRun: counts.records,
    resumedRecords: outputs.resumed,
    reportsPerSecond: Number(r.reportsPerSecond.toFixed(2)),
    megabytesPerSecond: Number(r.megabytesPerSecond.toFixed(3)),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  const build = (complete: boolean, names: string[]) =>
    finalSummary(outputs.summary, {
      zfxxgk: env.version,
      complete,
      inputs: plan.inputs,
      shard: shardText,
      formats,
      outputs: names,
      warnings,
      run,
      ...(options.auditDir !== undefined ? { auditDir: options.auditDir } : {}),
    });

  if (aborted()) {
    const summary = build(false, outputs.outputNames());
    outputs.interrupt(summary);
    progress.stop({ complete: false, records: counts.records, elapsedSeconds: run.elapsedSeconds });
    env.stderr(`zfxxgk: interrupted after ${outputs.written} records; rerun the same command with --resume to continue\n`);
    return { exitCode: 130, summary };
  }
  const summary = outputs.finish((names) => build(true, names));
  progress.stop({
    complete: true,
    records: summary.records,
    elapsedSeconds: run.elapsedSeconds,
    reportsPerSecond: run.reportsPerSecond,
    megabytesPerSecond: run.megabytesPerSecond,
  });
  if (!options.quiet) env.stdout(formatSummary(summary, options.out));
  return { exitCode: 0, summary };
}

/**
 * The record of an entry that is settled without reading it: an archive failure, a skip the
 * reader decided (non-HTML), an absurd name, or a name that is clearly not a report.
 * null when the member must be read.
 */
function judge(entry: Entry, task: { seq: number; id: string; formats: readonly Format[] }): RecordResult | null {
  if (entry.type === "failure") {
    return renderOutcome(task, { ...entry.origin, bytes: null, sha256: null }, entry.kind, entry.message);
  }
  const origin: Origin = { ...entry.origin, bytes: entry.declaredSize, sha256: null };
  const name = entry.named ? entry.origin.member : entry.origin.kind === "file" ? entry.origin.archive : null;
  // An absurd name is refused before anything else, so it never reaches the manifest as is
  // (a tar link the reader already decided to skip has a name too).
  if (name !== null && entry.named) {
    const problem = nameProblem(name);
    if (problem) return renderOutcome(task, { ...origin, member: printableName(name) }, BulkCodes.memberNameInvalid, problem);
  }
  if (entry.skip) return renderOutcome(task, origin, entry.skip.kind, entry.skip.reason);
  if (name === null) return null;
  const notReport = notAReportByName(name);
  if (notReport) return renderOutcome(task, origin, BulkCodes.notAReportMember, notReport);
  return null;
}

/** The lock was lost mid-run: whatever is in `--out` may mix two runs and must not pass for complete. */
function lostLock(out: string, cause: Error): BulkUsageError {
  return new BulkUsageError(
    `lost the lock on --out ${out} (${cause.message}); another run may have written there, so the outputs are incomplete: ` +
      "rerun with --resume once no other run uses the folder",
  );
}
