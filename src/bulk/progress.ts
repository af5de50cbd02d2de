/**
 * Progress while a run works: a live bar on a terminal (cli-progress), NDJSON events on
 * stderr otherwise (a log file or a cluster scheduler can parse them), nothing with --quiet.
 * Progress is measured in input bytes, the one quantity known up front for every kind of
 * input, so the ETA works for a .tar.gz as well as for a directory.
 */
import cliProgress from "cli-progress";

/** A moment of the run. */
export interface ProgressSnapshot {
  /** Records written by this invocation. */
  records: number;
  ok: number;
  errors: number;
  skipped: number;
  /** Records an interrupted run had written, skipped by --resume. */
  resumed: number;
  /** Input bytes consumed so far, out of `totalBytes`. */
  inputBytes: number;
  totalBytes: number;
  /** Bytes of members read (uncompressed) by this invocation. */
  memberBytes: number;
  elapsedSeconds: number;
}

/** Where progress goes. */
export interface ProgressSink {
  start(info: Record<string, unknown>): void;
  update(snapshot: ProgressSnapshot): void;
  /** A notable event: a failed member, a warning. */
  event(event: Record<string, unknown> & { event: string }): void;
  stop(done: Record<string, unknown>): void;
}

/** Rates derived from a snapshot, shared by the bar, the events and the summary. */
export function rates(s: ProgressSnapshot): { reportsPerSecond: number; megabytesPerSecond: number; etaSeconds: number | null } {
  const t = Math.max(s.elapsedSeconds, 1e-6);
  const done = s.inputBytes / Math.max(1, s.totalBytes);
  const eta = done > 0 && done < 1 ? (s.elapsedSeconds * (1 - done)) / done : done >= 1 ? 0 : null;
  return {
    reportsPerSecond: s.ok / t,
    megabytesPerSecond: s.memberBytes / 1e6 / t,
    etaSeconds: eta === null ? null : Math.round(eta),
  };
}

/** No output at all (--quiet). */
export function quietProgress(): ProgressSink {
  return { start() {}, update() {}, event() {}, stop() {} };
}

/** One JSON object per line on stderr, progress at most every `intervalMs`. */
export function ndjsonProgress(write: (text: string) => void, intervalMs = 1000): ProgressSink {
  let last = -Infinity;
  const emit = (event: Record<string, unknown>) => write(`${JSON.stringify(event)}\n`);
  return {
    start: (info) => emit({ event: "start", ...info }),
    update(s) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      const r = rates(s);
      emit({
        event: "progress",
        records: s.records,
        ok: s.ok,
        errors: s.errors,
        skipped: s.skipped,
        resumed: s.resumed,
        inputBytes: s.inputBytes,
        totalBytes: s.totalBytes,
        elapsedSeconds: Number(s.elapsedSeconds.toFixed(3)),
        reportsPerSecond: Number(r.reportsPerSecond.toFixed(2)),
        megabytesPerSecond: Number(r.megabytesPerSecond.toFixed(3)),
        etaSeconds: r.etaSeconds,
      });
    },
    event: (event) => emit(event),
    stop: (done) => emit({ event: "done", ...done }),
  };
}

/** A minimal stream for cli-progress that writes through the CLI's stderr function. */
interface TtyStream {
  isTTY: true;
  columns: number;
  write(text: string): boolean;
}

/** A live bar on a terminal: percentage of input, reports/s, MB/s, ETA, failures so far. */
export function ttyProgress(write: (text: string) => void, columns = 80): ProgressSink {
  const stream: TtyStream = { isTTY: true, columns, write: (text) => (write(text), true) };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: "{bar} {percentage}% | {records} records | {rps} reports/s | {mbps} MB/s | ETA {eta_formatted} | {errors} failures",
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(info) {
      bar.start(Math.max(1, Number(info.totalBytes) || 1), 0, { records: 0, rps: "0", mbps: "0.00", errors: 0 });
      started = true;
    },
    update(s) {
      if (!started) return;
      const r = rates(s);
      bar.update(s.inputBytes, {
        records: s.records + s.resumed,
        rps: r.reportsPerSecond.toFixed(0),
        mbps: r.megabytesPerSecond.toFixed(2),
        errors: s.errors,
      });
    },
    event() {
      // Failures are counted on the bar; warnings are printed by the run before the bar starts.
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
