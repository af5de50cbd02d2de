/**
 * Recovery of a zip whose central directory is missing or damaged (a download cut off, a
 * disk that filled up while zipping): the members are found again by walking their local
 * headers from the start of the file, as `zip -FF` does. Every member wholly before the
 * damage is recovered; its CRC-32 is still checked when it is unpacked, so a false header
 * yields a `member-corrupt` record, never wrong text.
 */
import type { FileHandle } from "node:fs/promises";
import { crc32 as zlibCrc32 } from "node:zlib";
import { decodeZipName, type ZipExtraField } from "../names.js";

/** A member found by its local header. */
export interface ScannedMember {
  /** Offset of the local header (the key yauzl's entries also carry). */
  offset: number;
  nameRaw: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the member's stored (compressed) bytes. */
  dataStart: number;
  extraFields: ZipExtraField[];
}

/** What a scan found: the members in file order, and where and how it had to stop or skip. */
export interface ScanResult {
  members: ScannedMember[];
  /** What was lost, worded for the manifest; empty when the scan reached the central directory or a clean end. */
  damage: string[];
  /** Whether the scan reached a central-directory header (the damage is then inside the directory). */
  reachedDirectory: boolean;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const DESCRIPTOR = 0x08074b50;

/** Reads [at, at + length) of the file, shorter at its end; a 1 MiB window keeps it to a few reads. */
class Window {
  private start = 0;
  private bytes = Buffer.alloc(0);

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(at: number, length: number): Promise<Buffer> {
    if (at >= this.start && at + length <= this.start + this.bytes.length) return this.bytes.subarray(at - this.start, at - this.start + length);
    const want = Math.min(Math.max(length, 1 << 20), Math.max(0, this.size - at));
    const buffer = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(buffer, got, want - got, at + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.start = at;
    this.bytes = buffer.subarray(0, got);
    return this.bytes.subarray(0, Math.min(length, got));
  }

  /** The offset of the next `signature` at or after `from`, or -1. */
  async find(signature: number, from: number): Promise<number> {
    const needle = Buffer.alloc(4);
    needle.writeUInt32LE(signature);
    const step = 1 << 20;
    for (let at = from; at < this.size; at += step - 3) {
      const chunk = await this.read(at, step);
      const i = chunk.indexOf(needle);
      if (i >= 0) return at + i;
      if (chunk.length < step) break;
    }
    return -1;
  }
}

function parseExtra(extra: Buffer): ZipExtraField[] {
  const fields: ZipExtraField[] = [];
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) break;
    fields.push({ id, data: extra.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return fields;
}

/**
 * Walks the local headers of the zip from byte 0. Stops at the central directory, at the end
 * of the file, or at a member cut off by the end of the file; bytes that are not a header
 * (damage between members) are skipped up to the next local header, and said so.
 */
export async function scanLocalHeaders(handle: FileHandle, size: number): Promise<ScanResult> {
  const file = new Window(handle, size);
  const members: ScannedMember[] = [];
  const damage: string[] = [];
  let at = 0;
  while (at + 4 <= size) {
    const signature = (await file.read(at, 4)).readUInt32LE(0);
    if (signature === CENTRAL || signature === END || signature === END64) return { members, damage, reachedDirectory: true };
    if (signature !== LOCAL) {
      const next = await file.find(LOCAL, at + 1);
      if (next < 0) {
        damage.push(`no member header in the ${size - at} bytes from byte ${at} to the end`);
        return { members, damage, reachedDirectory: false };
      }
      damage.push(`${next - at} unreadable bytes skipped at byte ${at}`);
      at = next;
      continue;
    }
    const head = await file.read(at, 30);
    if (head.length < 30) {
      damage.push(`the file ends inside a member header at byte ${at}`);
      break;
    }
    const flags = head.readUInt16LE(6);
    const method = head.readUInt16LE(8);
    let crc32 = head.readUInt32LE(14);
    let compressedSize = head.readUInt32LE(18);
    let uncompressedSize = head.readUInt32LE(22);
    const nameLength = head.readUInt16LE(26);
    const extraLength = head.readUInt16LE(28);
    const variable = await file.read(at + 30, nameLength + extraLength);
    if (variable.length < nameLength + extraLength) {
      damage.push(`the file ends inside a member header at byte ${at}`);
      break;
    }
    const nameRaw = Buffer.from(variable.subarray(0, nameLength));
    const extraFields = parseExtra(Buffer.from(variable.subarray(nameLength)));
    const zip64 = extraFields.find((f) => f.id === 0x0001);
    if (zip64) {
      // The local header's Zip64 field holds both sizes, uncompressed first, when either overflowed.
      let z = 0;
      if (uncompressedSize === 0xffffffff && zip64.data.length >= z + 8) {
        uncompressedSize = Number(zip64.data.readBigUInt64LE(z));
        z += 8;
      }
      if (compressedSize === 0xffffffff && zip64.data.length >= z + 8) compressedSize = Number(zip64.data.readBigUInt64LE(z));
    }
    const dataStart = at + 30 + nameLength + extraLength;
    const label = `'${decodeZipName(nameRaw, flags, extraFields, zlibCrc32).slice(0, 200)}' at byte ${at}`;
    let next: number;
    if ((flags & 0x8) !== 0) {
      // Sizes follow the data, in a data descriptor: the first descriptor signature whose
      // compressed size matches its distance from the data is the one.
      let found = -1;
      for (let p = await file.find(DESCRIPTOR, dataStart); p >= 0; p = await file.find(DESCRIPTOR, p + 1)) {
        const d = await file.read(p, 24);
        if (d.length >= 16 && d.readUInt32LE(8) === p - dataStart) {
          crc32 = d.readUInt32LE(4);
          compressedSize = d.readUInt32LE(8);
          uncompressedSize = d.readUInt32LE(12);
          found = p + 16;
          break;
        }
        if (d.length >= 24 && Number(d.readBigUInt64LE(8)) === p - dataStart) {
          crc32 = d.readUInt32LE(4);
          compressedSize = Number(d.readBigUInt64LE(8));
          uncompressedSize = Number(d.readBigUInt64LE(16));
          found = p + 24;
          break;
        }
      }
      if (found < 0) {
        damage.push(`the member ${label} is cut off (its data descriptor is missing)`);
        break;
      }
      next = found;
    } else {
      next = dataStart + compressedSize;
      if (next > size) {
        damage.push(`the member ${label} is cut off: ${size - dataStart} of its ${compressedSize} bytes are in the file`);
        break;
      }
    }
    members.push({ offset: at, nameRaw, flags, method, crc32, compressedSize, uncompressedSize, dataStart, extraFields });
    at = next;
  }
  if (damage.length === 0 && at < size) damage.push(`the file ends inside a member header at byte ${at}`);
  return { members, damage, reachedDirectory: false };
}
