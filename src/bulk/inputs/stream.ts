/**
 * The byte pipeline shared by the streaming readers (tar, WARC): file → counter → (gunzip →
 * ratio guard, when the file starts with the gzip magic) → the reader. Errors of any stage
 * reach the end of the pipe, so a truncated .gz surfaces where the reader iterates.
 */
import { createReadStream, promises as fs } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ByteCounter, type Limits, RatioGuard } from "../limits.js";

/** Whether the file starts with the gzip magic bytes (1f 8b): names lie, bytes do not. */
export async function isGzip(path: string | Buffer): Promise<boolean> {
  const handle = await fs.open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** An open input stream and a way to stop it. */
export interface OpenStream {
  stream: Readable;
  /** Whether the file was gzip-compressed. */
  gzip: boolean;
  close(): void;
}

/**
 * Opens the file as a stream of decompressed bytes, counting raw bytes for progress and
 * guarding the decompression ratio of gzip files.
 */
export async function openDecompressed(
  path: string | Buffer,
  limits: Pick<Limits, "maxRatio" | "archiveRatioFloor">,
  onRawBytes: (n: number) => void,
): Promise<OpenStream> {
  const gzip = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counter = new ByteCounter(onRawBytes);
  const stages: Readable[] = [file, counter];
  let out: Readable = file.pipe(counter);
  if (gzip) {
    const gunzip = createGunzip();
    const guard = new RatioGuard(counter, limits);
    out = out.pipe(gunzip).pipe(guard);
    stages.push(gunzip, guard);
  }
  const last = out;
  for (const stage of stages) {
    if (stage !== last) stage.on("error", (error) => last.destroy(error));
  }
  return {
    stream: last,
    gzip,
    close() {
      for (const stage of stages) stage.destroy();
    },
  };
}
