/**
 * GBK bytes, as most county-level government sites still serve their pages. Encoded as
 * GB18030 (a superset of GBK and GB2312, so every character of a rendered report has a code,
 * including the curly quotes and 〔〕) with iconv-lite, which the library already depends on.
 */
import iconv from "iconv-lite";

/**
 * Encodes text as GB18030/GBK bytes, so a property can feed `parseReport` what a scraper
 * that saved the raw response would hand it. Never throws; characters outside GBK get
 * their four-byte GB18030 codes.
 */
export function encodeGbk(text: string): Uint8Array {
  const buffer = iconv.encode(text, "gb18030");
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
