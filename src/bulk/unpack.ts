/**
 * The last step of reading a zip member, done where the member is parsed (in a worker) so
 * that inflating and checksumming run on all cores instead of the main thread: the main
 * thread only copies the compressed bytes out of the archive.
 *
 * Inflation is capped at one byte more than the size the header declares (and never more
 * than the size limit), so a member that lies about its size is stopped right there.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { BulkCodes, BulkError } from "./codes.js";
import { formatBytes } from "./limits.js";

/** How a member's bytes are packed, when they are not plain. */
export interface ZipPacking {
  /** 0: stored, 8: deflate. */
  method: 0 | 8;
  /** Uncompressed size the central directory declares. */
  size: number;
  crc32: number;
  /** The size limit (`--max-member-size`). */
  maxBytes: number;
}

/** What a reader hands over for one member: its bytes, and how they are packed if they are. */
export interface MemberPayload {
  bytes: Uint8Array;
  zip?: ZipPacking;
}

/** Plain bytes of a payload: inflated and verified. Throws a BulkError. */
export function unpack(payload: MemberPayload): Uint8Array {
  const { zip } = payload;
  if (!zip) return payload.bytes;
  let bytes: Uint8Array;
  if (zip.method === 0) bytes = payload.bytes;
  else {
    const cap = Math.min(zip.maxBytes, zip.size) + 1;
    try {
      const out = inflateRawSync(payload.bytes, { maxOutputLength: cap });
      bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === "ERR_BUFFER_TOO_LARGE") {
        if (zip.size >= zip.maxBytes) {
          throw new BulkError(BulkCodes.memberTooLarge, `member inflates past the ${formatBytes(zip.maxBytes)} limit (--max-member-size)`);
        }
        throw new BulkError(BulkCodes.memberCorrupt, `damaged member data: it inflates to more than the ${zip.size} bytes its header declares`);
      }
      throw new BulkError(BulkCodes.memberCorrupt, `damaged member data: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (bytes.byteLength !== zip.size) {
    throw new BulkError(BulkCodes.memberCorrupt, `damaged member data: ${bytes.byteLength} bytes where the header declares ${zip.size}`);
  }
  if (crc32(bytes) !== zip.crc32) throw new BulkError(BulkCodes.memberCorrupt, "damaged member data: CRC-32 mismatch");
  return bytes;
}
