/**
 * Reading the files named on the command line. Everything is read as bytes: encoding
 * detection belongs to parseReport, and the CLI must not decode twice in two different ways.
 */
import { FileTooLargeError, readFileCapped } from "../io/read-capped.js";
import { DEFAULT_MAX_MEMBER_BYTES, formatBytes } from "../io/size.js";

/**
 * Reads a whole file of at most `maxBytes`; injectable so tests can fake the file system.
 * Throws {@link TooLargeError} past the limit.
 */
export type FileReader = (path: string, maxBytes?: number) => Promise<Uint8Array>;

/** An input over `--max-member-size`: refused before it fills memory, like bulk refuses a member. */
export class TooLargeError extends Error {
  override name = "TooLargeError";
}

/** The message for an input over the limit, worded as bulk words it. */
export function tooLarge(size: number | null, maxBytes: number): TooLargeError {
  const what = size === null ? "input" : `file of ${size} bytes`;
  return new TooLargeError(`${what} is larger than the ${formatBytes(maxBytes)} limit (--max-member-size)`);
}

/**
 * The default {@link FileReader}: the size is judged from stat before a byte is read, and
 * reading stops at the limit anyway (a FIFO or /dev/zero has no size to stat). A plain
 * Uint8Array view, so parseReport never sees a Buffer.
 */
export const readFileBytes: FileReader = async (path, maxBytes = DEFAULT_MAX_MEMBER_BYTES) => {
  try {
    return await readFileCapped(path, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) throw tooLarge(error.size, maxBytes);
    throw error;
  }
};

/** Drains a stream (process.stdin or a test's Readable) into one byte array of at most `maxBytes`. */
export async function readAll(stream: AsyncIterable<Uint8Array | string>, maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const encoder = new TextEncoder();
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.byteLength;
    if (length > maxBytes) throw tooLarge(null, maxBytes);
  }
  const all = new Uint8Array(length);
  let at = 0;
  for (const bytes of chunks) {
    all.set(bytes, at);
    at += bytes.byteLength;
  }
  return all;
}

/**
 * Best-effort decode of the bytes as parseReport decoded them, for code frames only: the
 * Report records the encoding but not the text, and positions point into the decoded text.
 */
export function decodeLikeReport(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
