/**
 * The piscina worker: one task in, one rendered record out. Built by tsup as
 * `dist/bulk-worker.js` (see tsup.config.ts) and loaded by path at run time, so it must stay
 * an entry point with a default export and no state between tasks.
 *
 * The record's text goes back as strings: structured-cloning flat strings measured cheaper
 * than encoding them to UTF-8 here and transferring the bytes (which churns external memory
 * and the main thread's GC).
 */
import { processMember } from "./render.js";
import type { MemberTask, RecordResult } from "./types.js";

/** Unpacks, parses and renders one member (see {@link processMember}). */
export default function bulkWorker(task: MemberTask): RecordResult {
  return processMember(task);
}
