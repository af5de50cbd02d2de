/**
 * A minimal zip writer for tests and the benchmark: stored and deflated entries, with or
 * without the UTF-8 name flag, and the knobs to build broken archives (wrong CRC, lying sizes,
 * damaged data). Written from APPNOTE.TXT, not with a zip library, so the reader is tested
 * against archives it did not make itself.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";

/** One entry to write. */
export interface ZipEntrySpec {
  /** A string is written as UTF-8; a Buffer as-is (e.g. GBK bytes). */
  name: string | Buffer;
  data: string | Buffer;
  method?: "store" | "deflate";
  /** Set general-purpose bit 11 (name is UTF-8). Default: true for string names. */
  utf8Flag?: boolean;
  /** Write this uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
  /** Write this CRC-32 instead of the real one. */
  crc?: number;
  /** Flip bytes in the middle of the stored/compressed data after computing the CRC. */
  damage?: boolean;
  /** Extra field bytes for the central directory and local header. */
  extra?: Buffer;
  /** Set general-purpose bit 0 (traditional encryption); the data is not actually encrypted. */
  encrypted?: boolean;
  /** Set general-purpose bit 3: zero CRC and sizes in the local header, a data descriptor after the data (as streaming zippers write). */
  descriptor?: boolean;
}

interface Written {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  extra: Buffer;
}

const DOS_TIME = 0x6000; // 12:00:00
const DOS_DATE = 0x5821; // 2024-01-01

function header(spec: ZipEntrySpec): { name: Buffer; flags: number; method: number; crc: number; body: Buffer; size: number; extra: Buffer } {
  const name = typeof spec.name === "string" ? Buffer.from(spec.name, "utf8") : spec.name;
  const data = typeof spec.data === "string" ? Buffer.from(spec.data, "utf8") : spec.data;
  const utf8 = spec.utf8Flag ?? typeof spec.name === "string";
  const method = spec.method === "store" ? 0 : 8;
  const body = Buffer.from(method === 0 ? data : deflateRawSync(data));
  if (spec.damage && body.length > 4) {
    const mid = body.length >> 1;
    for (let i = mid; i < Math.min(body.length, mid + 8); i++) body[i] = body[i]! ^ 0xa5;
  }
  return {
    name,
    flags: (utf8 ? 0x800 : 0) | (spec.encrypted ? 1 : 0) | (spec.descriptor ? 8 : 0),
    method,
    crc: spec.crc ?? crc32(data),
    body,
    size: spec.declaredSize ?? data.length,
    extra: spec.extra ?? Buffer.alloc(0),
  };
}

/** Streams a zip to a file entry by entry (the benchmark writes tens of thousands). */
export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly written: Written[] = [];

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  private put(buffer: Buffer): void {
    let at = 0;
    while (at < buffer.length) at += writeSync(this.fd, buffer, at, buffer.length - at);
    this.offset += buffer.length;
  }

  /** Bytes written so far: where the next entry's local header starts. */
  get position(): number {
    return this.offset;
  }

  /** Appends one entry (local header + data, and a data descriptor if asked). */
  add(spec: ZipEntrySpec): void {
    const h = header(spec);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(h.flags, 6);
    local.writeUInt16LE(h.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    if (!spec.descriptor) {
      local.writeUInt32LE(h.crc >>> 0, 14);
      local.writeUInt32LE(h.body.length, 18);
      local.writeUInt32LE(h.size, 22);
    }
    local.writeUInt16LE(h.name.length, 26);
    local.writeUInt16LE(h.extra.length, 28);
    const offset = this.offset;
    this.put(Buffer.concat([local, h.name, h.extra, h.body]));
    if (spec.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(h.crc >>> 0, 4);
      descriptor.writeUInt32LE(h.body.length, 8);
      descriptor.writeUInt32LE(h.size, 12);
      this.put(descriptor);
    }
    this.written.push({ name: h.name, flags: h.flags, method: h.method, crc: h.crc, compressed: h.body.length, size: h.size, offset, extra: h.extra });
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    const start = this.offset;
    for (const w of this.written) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(0x0314, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(w.flags, 8);
      central.writeUInt16LE(w.method, 10);
      central.writeUInt16LE(DOS_TIME, 12);
      central.writeUInt16LE(DOS_DATE, 14);
      central.writeUInt32LE(w.crc >>> 0, 16);
      central.writeUInt32LE(w.compressed, 20);
      central.writeUInt32LE(w.size, 24);
      central.writeUInt16LE(w.name.length, 28);
      central.writeUInt16LE(w.extra.length, 30);
      central.writeUInt16LE(0, 32);
      central.writeUInt32LE(0, 38);
      central.writeUInt32LE(w.offset, 42);
      this.put(Buffer.concat([central, w.name, w.extra]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
    closeSync(this.fd);
  }
}

/** Writes a whole zip at once. */
export function writeZip(path: string, entries: readonly ZipEntrySpec[]): void {
  const zip = new ZipWriter(path);
  for (const entry of entries) zip.add(entry);
  zip.close();
}

/** An Info-ZIP Unicode Path extra field (0x7075) carrying `utf8Name` for the raw name bytes. */
export function unicodePathExtra(rawName: Buffer, utf8Name: string): Buffer {
  const name = Buffer.from(utf8Name, "utf8");
  const field = Buffer.alloc(4 + 5 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(rawName) >>> 0, 5);
  name.copy(field, 9);
  return field;
}
