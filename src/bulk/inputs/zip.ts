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
    await handle.close();
    ctx.onRawBytes(source.size);
    yield failure(error);
    return;
  }

  const keys = new UniqueKeys();
  let counted = 0;
  try {
    for await (const entry of zip.eachEntry()) {
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
    yield failure(error);
  } finally {
    zip.close();
    await handle.close().catch(() => undefined);
    ctx.onRawBytes(Math.max(0, source.size - counted));
  }
}

/**
 * Judges a member by its central-directory entry, then copies its compressed bytes out of the
 * archive. Inflating and the CRC check happen in the worker (see unpack.ts).
 */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, ctx: ReadContext): Promise<MemberPayload> {
  const { maxMemberBytes, maxRatio, memberRatioFloor } = ctx.limits;
  if (entry.isEncrypted()) throw new BulkError(BulkCodes.memberUnsupported, "member is encrypted");
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new BulkError(BulkCodes.memberUnsupported, `member uses compression method ${entry.compressionMethod} (only stored and deflate are supported)`);
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
    zip: { method: entry.compressionMethod, size: entry.uncompressedSize, crc32: entry.crc32, maxBytes: maxMemberBytes },
  };
}
