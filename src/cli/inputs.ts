/**
 * Reading the files named on the command line. Everything is read as bytes: encoding
 * detection belongs to parseReport, and the CLI must not decode twice in two different ways.
 */
import { readFile } from "node:fs/promises";

/** Reads a whole file; injectable so tests can fake the file system. */
export type FileReader = (path: string) => Promise<Uint8Array>;

/** The default {@link FileReader}: a plain Uint8Array view, so parseReport never sees a Buffer. */
export const readFileBytes: FileReader = async (path) => {
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

/** Drains a stream (process.stdin or a test's Readable) into one byte array. */
export async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const encoder = new TextEncoder();
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.byteLength;
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
