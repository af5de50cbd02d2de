/**
 * Tar archives (plain or gzip-compressed) through tar-stream: one pass over the stream,
 * members read in order. Names without a PAX path are raw header bytes, decoded like zip names
 * (UTF-8, else GB18030). Sizes come from the headers, which tar-stream enforces, so an
 * oversized member is refused before it is read and then drained.
 */
import { posix } from "node:path";
import tar from "tar-stream";
import { BulkCodes, BulkError } from "../codes.js";
import { formatBytes, readLimited } from "../limits.js";
import { decodeName } from "../names.js";
import { keyHash, reportId } from "../shard.js";
import type { InputSource } from "./plan.js";
import { openDecompressed } from "./stream.js";
import type { Entry, MemberEntry, ReadContext } from "./types.js";
import { UniqueKeys } from "./unique.js";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A regular member already seen in this archive: what a later link to it repeats. */
interface Regular {
  key: string;
  size: number;
}

/** A member path as links name it: no `./`, no `a/../`, no trailing slash. */
function normalName(name: string): string {
  return posix.normalize(`/${name}`).slice(1).replace(/\/$/, "");
}

const KIND: Record<string, string> = {
  link: "hard link",
  symlink: "symbolic link",
  fifo: "FIFO (named pipe)",
  "character-device": "character device",
  "block-device": "block device",
};

/**
 * The record of a tar entry that is not a regular file. A hard link names its target from the
 * archive root, a symbolic link from its own folder; either one pointing at a regular member
 * seen earlier repeats that member's bytes and is a duplicate, with the id of the record it
 * repeats. Everything else is skipped, with its type and target.
 */
function special(archive: string, key: string, name: string, type: string | null, linkname: string | null, regular: ReadonlyMap<string, Regular>): MemberEntry {
  const kind = type === null ? "entry of an unknown type" : (KIND[type] ?? `${type} entry`);
  let target: Regular | undefined;
  let targetName: string | null = null;
  if (linkname !== null && (type === "link" || type === "symlink")) {
    targetName = type === "link" || linkname.startsWith("/") ? normalName(linkname) : normalName(posix.join(posix.dirname(name), linkname));
    target = regular.get(targetName);
  }
  const entry: MemberEntry = {
    type: "member",
    key,
    origin: { kind: "tar", archive, member: name },
    declaredSize: target ? target.size : null,
    named: true,
    concurrent: false,
    read: () => Promise.reject(new Error("a tar link is never read")),
  };
  if (target) {
    entry.skip = {
      kind: BulkCodes.memberDuplicate,
      reason: `${kind} to '${targetName}', a member read before (report_id ${reportId(keyHash(target.key))}): the same bytes, counted once`,
    };
  } else if (linkname !== null && (type === "link" || type === "symlink")) {
    const where = type === "link" ? "no regular member before it in the archive" : "not a regular member before it in the archive; links are not followed";
    entry.skip = { kind: BulkCodes.memberNotRegular, reason: `${kind} to '${linkname}' (${where})` };
  } else {
    entry.skip = { kind: BulkCodes.memberNotRegular, reason: `${kind}, not a regular file: it holds no report` };
  }
  return entry;
}

/**
 * Yields every entry of a tar but folders: regular files to read, and links, FIFOs and devices
 * as skipped (or duplicate) records; a damaged archive ends with one failure entry.
 */
export async function* readTarSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  const archive = source.path;
  let input;
  try {
    input = await openDecompressed(source.fsPath, ctx.limits, (n) => ctx.onRawBytes(n));
  } catch (error) {
    ctx.onRawBytes(source.size);
    yield {
      type: "failure",
      key: archive,
      origin: { kind: "tar", archive, member: null },
      kind: BulkCodes.inputUnreadable,
      message: `cannot open the archive: ${message(error)}`,
    };
    return;
  }
  // Raw name bytes survive latin1 and are decoded below (tar-stream would force UTF-8).
  const extract = tar.extract({ filenameEncoding: "latin1" } as Parameters<typeof tar.extract>[0]);
  input.stream.on("error", (error) => extract.destroy(error));
  input.stream.pipe(extract);
  const keys = new UniqueKeys();
  const regular = new Map<string, Regular>();
  try {
    for await (const entry of extract) {
      const header = entry.header as tar.Header & { pax?: Record<string, string> | null };
      const name = typeof header.pax?.path === "string" ? header.name : decodeName(Buffer.from(header.name, "latin1"));
      if (header.type === "directory") {
        // Folders hold no bytes; their files are entries of their own.
        for await (const _ of entry) void _;
        continue;
      }
      if (header.type !== "file" && header.type !== "contiguous-file") {
        for await (const _ of entry) void _;
        const linkname =
          header.linkname == null ? null : typeof header.pax?.linkpath === "string" ? header.linkname : decodeName(Buffer.from(header.linkname, "latin1"));
        yield special(archive, keys.make(`${archive}::${name}`), name, header.type ?? null, linkname, regular);
        continue;
      }
      const size = header.size ?? 0;
      let started = false;
      const key = keys.make(`${archive}::${name}`);
      // The first member of a name is what a link to that name means (tar extracts in order).
      if (!regular.has(normalName(name))) regular.set(normalName(name), { key, size });
      yield {
        type: "member",
        key,
        origin: { kind: "tar", archive, member: name },
        declaredSize: size,
        named: true,
        concurrent: false,
        async read() {
          if (size > ctx.limits.maxMemberBytes) {
            throw new BulkError(BulkCodes.memberTooLarge, `member declares ${size} bytes, more than the ${formatBytes(ctx.limits.maxMemberBytes)} limit (--max-member-size)`);
          }
          started = true;
          const bytes = await readLimited(entry as unknown as AsyncIterable<Uint8Array>, {
            maxBytes: ctx.limits.maxMemberBytes,
            maxRatio: ctx.limits.maxRatio,
            ratioFloor: ctx.limits.memberRatioFloor,
          });
          return { bytes };
        },
      };
      // Drain what was not read, so the extractor moves on to the next header.
      if (!started) for await (const _ of entry) void _;
    }
  } catch (error) {
    yield {
      type: "failure",
      key: archive,
      origin: { kind: "tar", archive, member: null },
      kind: error instanceof BulkError ? error.kind : BulkCodes.archiveCorrupt,
      message: error instanceof BulkError ? error.message : `damaged tar archive${input.gzip ? " (gzip)" : ""}: ${message(error)}`,
    };
  } finally {
    input.close();
  }
}
