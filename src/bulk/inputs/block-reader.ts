/**
 * A yauzl RandomAccessReader that serves every read from 1 MiB blocks of the file, kept in a
 * small LRU cache. yauzl reads a zip as thousands of tiny reads (46-byte directory entries,
 * 30-byte local headers, a few kilobytes of data each), and through its default reader each
 * is a round trip to libuv's thread pool: that latency, not CPU, bounded a run over a zip of
 * small reports. Zips are laid out sequentially, so almost every read is a cache hit.
 */
import type { FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import yauzl from "yauzl";

/** Bytes per block. */
const BLOCK = 1 << 20;
/** Blocks kept: enough for the central directory and the data being read, a few MiB in all. */
const MAX_BLOCKS = 8;

/** The cached reader over an open file of `size` bytes. */
export class BlockReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {
    super();
  }

  private block(index: number): Promise<Buffer> {
    const cached = this.blocks.get(index);
    if (cached) {
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const start = index * BLOCK;
    const length = Math.max(0, Math.min(BLOCK, this.size - start));
    const loading = (async () => {
      const buffer = Buffer.allocUnsafeSlow(length);
      let at = 0;
      while (at < length) {
        const { bytesRead } = await this.handle.read(buffer, at, length - at, start + at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return buffer.subarray(0, at);
    })();
    this.blocks.set(index, loading);
    // A failed read is not cached: the next attempt reads again.
    loading.catch(() => this.blocks.delete(index));
    if (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
    return loading;
  }

  /** The bytes [start, end) as a stream of block slices. */
  override _readStreamForRange(start: number, end: number): Readable {
    const self = this;
    async function* slices() {
      for (let index = Math.floor(start / BLOCK); index * BLOCK < end; index++) {
        const block = await self.block(index);
        const from = Math.max(0, start - index * BLOCK);
        const to = Math.min(block.length, end - index * BLOCK);
        if (to <= from) throw new Error(`unexpected end of file at byte ${index * BLOCK + block.length}`);
        yield block.subarray(from, to);
      }
    }
    return Readable.from(slices(), { objectMode: false });
  }

  /** Nothing to release: the caller owns the file handle. */
  override close(callback: (error: Error | null) => void): void {
    callback(null);
  }
}
