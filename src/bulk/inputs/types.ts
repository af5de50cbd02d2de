/**
 * The contract between input readers and the run loop. A reader walks one input (a file, an
 * archive) and yields entries in a fixed order; the run loop decides, per entry, whether to
 * read it (shard, resume, name checks) and then calls `read()` before asking for the next.
 */
import type { BulkCodeKind } from "../codes.js";
import type { Limits } from "../limits.js";
import type { OriginBase } from "../types.js";
import type { MemberPayload } from "../unpack.js";

export type { OriginBase };

/** A member a reader found and has not read yet. */
export interface MemberEntry {
  type: "member";
  /** Unique, stable record key: what the report id, the shard and the resume cursor derive from. */
  key: string;
  origin: OriginBase;
  /** The size the container states (zip and tar headers, WARC Content-Length), else null. */
  declaredSize: number | null;
  /** Whether the member name is a path that the name checks apply to (not a WARC URI). */
  named: boolean;
  /**
   * Whether `read()` may still be pending while the reader moves on (random-access inputs:
   * files, zip members), so the run can read ahead. Streaming readers (tar, WARC) say false:
   * their `read()` must finish before the next entry is asked for.
   */
  concurrent: boolean;
  /** A reason, decided from headers alone, not to read the member (non-HTML WARC record). */
  skip?: { kind: BulkCodeKind; reason: string };
  /**
   * Reads the member's bytes under the limits, as a fresh Uint8Array (still deflated for a
   * zip member: see unpack.ts); throws a BulkError. Unless `concurrent`, only valid until the
   * reader is asked for its next entry.
   */
  read(): Promise<MemberPayload>;
}

/** Something that failed at the input or archive level and becomes one error record. */
export interface FailureEntry {
  type: "failure";
  key: string;
  origin: OriginBase;
  kind: BulkCodeKind;
  message: string;
}

/** What a reader yields. */
export type Entry = MemberEntry | FailureEntry;

/** What readers get from the run loop. */
export interface ReadContext {
  limits: Limits;
  /** Called with input bytes as they are consumed (for progress and ETA). */
  onRawBytes(n: number): void;
}
