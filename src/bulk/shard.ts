/**
 * Record keys → report ids and shards. Both come from SHA-256 of the key, so they are the
 * same on every machine and for every scheduling: `--shard k/n` on n machines covers each
 * record exactly once, and a record keeps its id whichever shard wrote it.
 */
import { createHash } from "node:crypto";

/** The k-th (1-based) of n shards. */
export interface Shard {
  index: number;
  count: number;
}

/** `3/8` → { index: 3, count: 8 }; null unless 1 ≤ k ≤ n. */
export function parseShard(text: string): Shard | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return null;
  return { index, count };
}

/** SHA-256 of a record key, hex. */
export function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The report id: the first 16 hex digits of the key hash (64 bits: no collision in any real corpus). */
export function reportId(hash: string): string {
  return hash.slice(0, 16);
}

/** Whether the record with this key hash belongs to the shard (48 bits of the hash, mod n). */
export function inShard(hash: string, shard: Shard | null): boolean {
  if (shard === null || shard.count === 1) return true;
  return Number.parseInt(hash.slice(0, 12), 16) % shard.count === shard.index - 1;
}
