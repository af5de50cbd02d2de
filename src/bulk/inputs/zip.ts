/**
 * Zip archives through yauzl: entries from the central directory, data streamed and inflated
 * one member at a time, never extracted. Sizes and ratios are judged from the central
 * directory before a byte is inflated, then again while inflating (headers can lie), and the
 * CRC-32 is checked after, since yauzl leaves that to the caller.
 */
import { promises as fs } from "node:fs";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import { BulkCodes, BulkError } from "../codes.js";
import { formatBytes, readLimited } from "../limits.js";
import { decodeZipName } from "../names.js";
import { BlockReader } from "./block-reader.js";
import type { InputSource } from "./plan.js";
import type { MemberPayload } from "../unpack.js";
import type { Entry, FailureEntry, ReadContext } from "./types.js";
import { UniqueKeys } from "./unique.js";
import { type ScannedMember, type ScanResult, scanLocalHeaders } from "./zip-scan.js";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Yields every file entry of a zip; a damaged archive yields one `archive-corrupt` failure. */
export async function* readZipSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  const archive = source.path;
  const failure = (error: unknown): FailureEntry => ({
    type: "failure",
    key: archive,
    origin: { kind: "zip", archive, member: null },
    kind: BulkCodes.archiveCorrupt,
    message: `cannot read the zip archive: ${message(error)}`,
  });
  let handle: fs.FileHandle;
  let zip: yauzl.ZipFile;
  try {
    handle = await fs.open(source.fsPath, "r");
  } catch (error) {
    ctx.onRawBytes(source.size);
    yield { ...failure(error), kind: BulkCodes.inputUnreadable, message: `cannot open the archive: ${message(error)}` };
    return;
  }
  try {
    const size = (await handle.stat()).size;
    zip = await yauzl.fromRandomAccessReaderPromise(new BlockReader(handle, size), size, {
      lazyEntries: true,
      decodeStrings: false,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    // No usable central directory (a zip cut short loses it first): find the members by
    // their local headers instead.
    try {
      yield* recover(handle, source, error, new Set(), new UniqueKeys(), ctx);
    } finally {
      await handle.close().catch(() => undefined);
      ctx.onRawBytes(source.size);
    }
    return;
  }

  const keys = new UniqueKeys();
  const listed = new Set<number>();
  let counted = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      listed.add(entry.relativeOffsetOfLocalHeader);
      const name = decodeZipName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields, crc32);
      if (name.endsWith("/")) continue;
      yield {
        type: "member",
        key: keys.make(`${archive}::${name}`),
        origin: { kind: "zip", archive, member: name },
        declaredSize: entry.uncompressedSize,
        named: true,
        concurrent: true,
        read: () => readEntry(zip, entry, ctx),
      };
      const step = Math.min(entry.compressedSize, Math.max(0, source.size - counted));
      counted += step;
      ctx.onRawBytes(step);
    }
  } catch (error) {
    // The directory is damaged part-way: what it listed is read; the rest is looked for.
    yield* recover(handle, source, error, listed, keys, ctx);
  } finally {
    zip.close();
    await handle.close().catch(() => undefined);
    ctx.onRawBytes(Math.max(0, source.size - counted));
  }
}

/**
 * The members of a zip whose central directory could not be read (from `cause` on), found by
 * their local headers, then one `archive-corrupt` failure saying how many were recovered and
 * exactly what was lost. `listed` holds the local-header offsets the directory did give.
 */
async function* recover(
  handle: fs.FileHandle,
  source: InputSource,
  cause: unknown,
  listed: ReadonlySet<number>,
  keys: UniqueKeys,
  ctx: ReadContext,
): AsyncGenerator<Entry> {
  const archive = source.path;
  const failure = (text: string): FailureEntry => ({
    type: "failure",
    key: archive,
    origin: { kind: "zip", archive, member: null },
    kind: BulkCodes.archiveCorrupt,
    message: `cannot read the zip archive: ${message(cause).replace(/\.$/, "")}; ${text}`,
  });
  let scan: ScanResult;
  try {
    scan = await scanLocalHeaders(handle, (await handle.stat()).size);
  } catch (error) {
    yield failure(`reading its member headers failed too: ${message(error)}`);
    return;
  }
  let recovered = 0;
  for (const member of scan.members) {
    if (listed.has(member.offset)) continue;
    const name = decodeZipName(member.nameRaw, member.flags, member.extraFields, crc32);
    if (name.endsWith("/")) continue;
    recovered += 1;
    yield {
      type: "member",
      key: keys.make(`${archive}::${name}`),
      origin: { kind: "zip", archive, member: name },
      declaredSize: member.uncompressedSize,
      named: true,
      // Read straight from the file handle, which the reader closes when it ends.
      concurrent: false,
      read: () => readScanned(handle, member, ctx),
    };
  }
  const what = listed.size > 0 ? `${recovered} member(s) missing from the damaged central directory recovered` : `${recovered} member(s) recovered`;
  const lost =
    scan.damage.length > 0
      ? `lost: ${scan.damage.join("; ")}${scan.reachedDirectory ? "" : ", and any member after that"}`
      : "no member lost (only the central directory is damaged or missing)";
  yield failure(`${what} from their local headers; ${lost}`);
}

/** The checks a member's stated sizes and flags must pass before a byte of it is read. */
function judgeMember(entry: { encrypted: boolean; method: number; uncompressedSize: number; compressedSize: number }, ctx: ReadContext): void {
  const { maxMemberBytes, maxRatio, memberRatioFloor } = ctx.limits;
  if (entry.encrypted) throw new BulkError(BulkCodes.memberUnsupported, "member is encrypted");
  if (entry.method !== 0 && entry.method !== 8) {
    throw new BulkError(BulkCodes.memberUnsupported, `member uses compression method ${entry.method} (only stored and deflate are supported)`);
  }
  if (entry.uncompressedSize > maxMemberBytes) {
    throw new BulkError(BulkCodes.memberTooLarge, `member declares ${entry.uncompressedSize} bytes, more than the ${formatBytes(maxMemberBytes)} limit (--max-member-size)`);
  }
  if (entry.uncompressedSize >= memberRatioFloor && entry.uncompressedSize / Math.max(1, entry.compressedSize) > maxRatio) {
    throw new BulkError(
      BulkCodes.memberRatioExceeded,
      `member declares ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed, more than ${maxRatio}× (--max-ratio): a decompression bomb`,
    );
  }
  // Deflate never grows data by more than a few bytes per 16 KiB block: more is a lying header.
  if (entry.compressedSize > entry.uncompressedSize + (entry.uncompressedSize >> 6) + 1024) {
    throw new BulkError(BulkCodes.memberCorrupt, `member declares ${entry.compressedSize} compressed bytes for ${entry.uncompressedSize} uncompressed`);
  }
}

/** Copies a recovered member's stored bytes out of the file; unpacked and CRC-checked in the worker. */
async function readScanned(handle: fs.FileHandle, member: ScannedMember, ctx: ReadContext): Promise<MemberPayload> {
  judgeMember({ encrypted: (member.flags & 1) !== 0, ...member }, ctx);
  const bytes = new Uint8Array(member.compressedSize);
  let got = 0;
  while (got < bytes.length) {
    const { bytesRead } = await handle.read(bytes, got, bytes.length - got, member.dataStart + got);
    if (bytesRead === 0) throw new BulkError(BulkCodes.memberCorrupt, `damaged member data: the file ends ${bytes.length - got} bytes early`);
    got += bytesRead;
  }
  return { bytes, zip: { method: member.method as 0 | 8, size: member.uncompressedSize, crc32: member.crc32, maxBytes: ctx.limits.maxMemberBytes } };
}

/**
 * Judges a member by its central-directory entry, then copies its compressed bytes out of the
 * archive. Inflating and the CRC check happen in the worker (see unpack.ts).
 */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, ctx: ReadContext): Promise<MemberPayload> {
  const { maxMemberBytes, maxRatio, memberRatioFloor } = ctx.limits;
  judgeMember({ encrypted: entry.isEncrypted(), method: entry.compressionMethod, uncompressedSize: entry.uncompressedSize, compressedSize: entry.compressedSize }, ctx);
  let stream;
  try {
    // The bytes as stored in the archive (still deflated): inflated in the worker.
    stream = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (error) {
    throw new BulkError(BulkCodes.memberCorrupt, `cannot open the member: ${message(error)}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(stream, { maxBytes: entry.compressedSize, maxRatio, ratioFloor: memberRatioFloor }, () => stream.destroy());
  } catch (error) {
    throw new BulkError(BulkCodes.memberCorrupt, `damaged member data: ${message(error)}`);
  }
  return {
    bytes,
    zip: { method: entry.compressionMethod as 0 | 8, size: entry.uncompressedSize, crc32: entry.crc32, maxBytes: maxMemberBytes },
  };
}
