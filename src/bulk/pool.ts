/**
 * Where members are parsed: a piscina pool of worker threads (`--jobs N`), or the main
 * thread itself (`--jobs 0`, for debugging and for in-process tests that have no built
 * worker file). Both resolve every task to a record: a dead worker or a timeout is an error
 * record, never a rejected run.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BulkCodes } from "./codes.js";
import { processMember, renderOutcome } from "./render.js";
import type { MemberTask, Origin, RecordResult } from "./types.js";

/** Runs tasks somewhere and always resolves with a record. */
export interface Executor {
  run(task: MemberTask): Promise<RecordResult>;
  close(): Promise<void>;
  /** Threads parsing in parallel (0 for inline). */
  readonly threads: number;
}

/** Parses on the calling thread, synchronously. */
export function inlineExecutor(): Executor {
  return {
    threads: 0,
    run: (task) => Promise.resolve(processMember(task)),
    close: () => Promise.resolve(),
  };
}

/**
 * The built worker file: `bulk-worker.js` beside this module once bundled into `dist/`, or
 * `dist/bulk-worker.js` of the repository when this module runs from `src/` (tests, tsx).
 */
export function resolveWorkerFile(from: string = import.meta.url): string | null {
  for (const candidate of ["./bulk-worker.js", "../../dist/bulk-worker.js"]) {
    const path = fileURLToPath(new URL(candidate, from));
    if (existsSync(path)) return path;
  }
  return null;
}

function fallbackOrigin(task: MemberTask): Origin {
  return { ...task.origin, bytes: task.zip?.size ?? task.bytes.byteLength, sha256: null };
}

/**
 * A pool of `jobs` worker threads. `timeoutMs` bounds the parse of one member; a task over it
 * has its worker terminated by piscina, which starts a fresh one. Tasks wait in this queue,
 * not piscina's, and are handed over only when a worker is free: the timeout then never
 * counts time spent waiting behind a slow member, and a terminated or dead worker takes no
 * other member down with it.
 */
export async function workerExecutor(jobs: number, timeoutMs: number, filename: string): Promise<Executor> {
  const { Piscina } = await import("piscina");
  const pool = new Piscina({ filename, minThreads: jobs, maxThreads: jobs, idleTimeout: 30_000, niceIncrement: 5 });
  const waiting: Array<() => void> = [];
  let active = 0;
  const acquire = (): Promise<void> => {
    if (active < jobs) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    threads: jobs,
    async run(task) {
      await acquire();
      try {
        return await runNow(task);
      } finally {
        release();
      }
    },
    close: () => pool.destroy(),
  };

  async function runNow(task: MemberTask): Promise<RecordResult> {
    const { bytes } = task;
    const owned = bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength;
    // Computed before the bytes are transferred (detached) to the worker.
    const origin = fallbackOrigin(task);
    try {
      return (await pool.run(task, {
        transferList: owned ? [bytes.buffer as ArrayBuffer] : [],
        signal: AbortSignal.timeout(timeoutMs),
      })) as RecordResult;
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (name === "AbortError" || name === "TimeoutError") {
        return renderOutcome(task, origin, BulkCodes.memberTimeout, `parsing took longer than ${timeoutMs / 1000} s (--timeout); the worker was stopped`);
      }
      const text = error instanceof Error ? error.message : String(error);
      return renderOutcome(task, origin, BulkCodes.workerCrashed, `the worker thread failed: ${text}`);
    }
  }
}
