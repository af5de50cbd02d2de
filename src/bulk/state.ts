/**
 * The resume state: after each checkpoint, a small JSON file records how far the outputs are
 * complete (the last record written, each file's size) and the summary counts so far. It is
 * replaced atomically (write, fsync, rename), so after any crash it describes a consistent
 * prefix of the outputs; `--resume` cuts every file back to it and carries on.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { SummaryState } from "./summary.js";

/** The state file's name inside the output directory. */
export const STATE_FILE = ".zfxxgk-bulk-state.json";

/** What a checkpoint records. */
export interface BulkState {
  format: 1;
  /** Hash of everything that decides the outputs (inputs, shard, formats, limits, version). */
  fingerprint: string;
  /** seq of the last record written; -1 before the first. */
  lastSeq: number;
  /** Records written so far. */
  written: number;
  /** Output file name → its size at the checkpoint. */
  files: Record<string, number>;
  /** Whether reports.sqlite is being written (false when better-sqlite3 could not load). */
  sqlite: boolean;
  summary: SummaryState;
  /** The run finished: outputs are complete and summary.json is written. */
  complete: boolean;
}

/** A stable hash of a JSON-able description of the run. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** Reads the state, or null when there is none (a fresh directory, or a run that never checkpointed). */
export function readState(dir: string): BulkState | null {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return null;
  const state = JSON.parse(readFileSync(path, "utf8")) as BulkState;
  if (state.format !== 1) throw new Error(`${path} has an unknown format`);
  return state;
}

/** Replaces the state atomically. */
export function writeState(dir: string, state: BulkState): void {
  const path = join(dir, STATE_FILE);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    const data = Buffer.from(JSON.stringify(state));
    let at = 0;
    while (at < data.length) at += writeSync(fd, data, at, data.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * Writes the state next to its file, durably, off the main thread; {@link commitStateFile}
 * then puts it in place. Split in two so that the caller can decide, synchronously, whether a
 * newer state has been saved meanwhile (then this one is dropped, never renamed over it).
 */
export async function prepareStateFile(dir: string, state: BulkState, tag: string): Promise<string> {
  const tmp = join(dir, `${STATE_FILE}.${tag}.tmp`);
  const file = await open(tmp, "w");
  try {
    await file.writeFile(JSON.stringify(state));
    await file.sync();
  } finally {
    await file.close();
  }
  return tmp;
}

/** Puts a state written by {@link prepareStateFile} in place (atomically), or drops it. */
export function commitStateFile(dir: string, tmp: string, keep: boolean): void {
  if (keep) renameSync(tmp, join(dir, STATE_FILE));
  else rmSync(tmp, { force: true });
}

/** Removes the state (a fresh run starts by forgetting the old one). */
export function clearState(dir: string): void {
  rmSync(join(dir, STATE_FILE), { force: true });
  rmSync(join(dir, `${STATE_FILE}.tmp`), { force: true });
}
