/**
 * File names as bytes → text. Zip files made on Chinese Windows store names in GBK without
 * the UTF-8 flag, and `unzip` on Linux leaves those bytes on disk as they were; both must come
 * out as the Chinese the agency typed, never as mojibake.
 */
import iconv from "iconv-lite";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a name: UTF-8 when `utf8` says so (zip flag bit 11, a UTF-8 extra field) or when
 * the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). Pure ASCII reads the
 * same either way. A GBK name that is also valid UTF-8 is rare enough (it needs every lead
 * byte followed by exactly the right continuation bytes) to accept the ambiguity.
 */
export function decodeName(bytes: Uint8Array, utf8 = false): string {
  if (utf8) return new TextDecoder("utf-8").decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  }
}

/** The zip general-purpose flag bit that says the name is UTF-8 (APPNOTE 4.4.4, bit 11). */
export const ZIP_UTF8_FLAG = 0x800;

/** An Info-ZIP Unicode Path extra field (0x7075): the UTF-8 name a zip tool stored beside a legacy one. */
export interface ZipExtraField {
  id: number;
  data: Buffer;
}

/**
 * The name of a zip entry: the UTF-8 flag, then an Info-ZIP Unicode Path field whose CRC
 * matches the raw name, then {@link decodeName}'s UTF-8-or-GB18030 rule. Backslashes (written
 * by some Windows tools) become slashes.
 */
export function decodeZipName(raw: Buffer, flags: number, extraFields: readonly ZipExtraField[], crc32: (b: Buffer) => number): string {
  let name: string | null = null;
  if ((flags & ZIP_UTF8_FLAG) !== 0) name = decodeName(raw, true);
  else {
    for (const field of extraFields) {
      if (field.id !== 0x7075 || field.data.length < 6 || field.data[0] !== 1) continue;
      if (field.data.readUInt32LE(1) !== crc32(raw)) continue;
      name = decodeName(field.data.subarray(5), true);
      break;
    }
  }
  return (name ?? decodeName(raw)).replace(/\\/g, "/");
}
