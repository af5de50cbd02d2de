/**
 * An output file written by appending, with synchronous writes: after `flush()` returns, the
 * bytes are in the kernel and survive a kill -9, which is what makes a checkpoint's recorded
 * size trustworthy. Strings are batched so that a record costs one array push, not a syscall.
 */
import { closeSync, fdatasync, fdatasyncSync, openSync, statSync, truncateSync, writeSync } from "node:fs";

/** Bytes buffered before they are written out. */
const FLUSH_AT = 1 << 20;

/** One append-only output file. */
export class AppendFile {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private written: number;

  /**
   * Opens `path`: fresh (truncated, then `header` written) or, with `resumeAt`, cut back to
   * the size a checkpoint recorded and appended to from there.
   */
  constructor(
    readonly path: string,
    options: { header?: string; resumeAt?: number },
  ) {
    if (options.resumeAt !== undefined) {
      const size = statSync(path).size;
      if (size < options.resumeAt) throw new Error(`${path} is shorter (${size} bytes) than the last checkpoint (${options.resumeAt} bytes)`);
      truncateSync(path, options.resumeAt);
      this.fd = openSync(path, "a");
      this.written = options.resumeAt;
    } else {
      this.fd = openSync(path, "w");
      this.written = 0;
      if (options.header) this.write(options.header);
    }
  }

  /** Queues text; written out once enough is buffered or on flush. */
  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  /** Writes out everything queued. */
  flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(""), "utf8");
    this.parts = [];
    this.pending = 0;
    let at = 0;
    while (at < buffer.length) at += writeSync(this.fd, buffer, at, buffer.length - at);
    this.written += buffer.length;
  }

  /** Flushes and asks the disk to keep it (power loss, not just a killed process). */
  sync(): void {
    this.flush();
    fdatasyncSync(this.fd);
  }

  /**
   * Flushes, then asks the disk to keep it on libuv's thread pool, so that the main thread
   * goes on handing members to the workers meanwhile (a synchronous fdatasync of every file
   * at each checkpoint stalled them: 0.65 s of a 15 s run on a busy disk). Resolves to the
   * size that is then durable; the file must stay open until it settles.
   */
  syncInBackground(): Promise<number> {
    this.flush();
    const size = this.written;
    return new Promise((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve(size))));
  }

  /** Bytes in the file once everything queued is flushed. */
  get size(): number {
    this.flush();
    return this.written;
  }

  /** Flushes and closes. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
