/**
 * Reading a whole file into memory without trusting it to be small: the size is judged from
 * stat before a byte is read, and reading stops one byte past the limit anyway, since a FIFO
 * or a device (`/dev/zero`) has no size to stat and a file may grow while it is read. Shared
 * by the file commands and `bulk`, which must guard `--max-member-size` the same way.
 */
import { open } from "node:fs/promises";

/** The file is larger than the limit; `size` is its stat size, or null when it has none. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(
    readonly size: number | null,
    readonly maxBytes: number,
  ) {
    super(`${size === null ? "input" : `file of ${size} bytes`} is larger than the limit of ${maxBytes} bytes`);
  }
}

/** Reads `path` whole, as a plain Uint8Array view, or throws {@link FileTooLargeError}. */
export async function readFileCapped(path: string | Buffer, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLargeError(stat.size, maxBytes);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, maxBytes + 1 - length)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw new FileTooLargeError(stat.isFile() ? Math.max(length, stat.size) : null, maxBytes);
    }
    const buffer = Buffer.concat(chunks, length);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } finally {
    await handle.close();
  }
}
