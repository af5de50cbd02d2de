/**
 * Bytes → text, once, up front. The decoded text is what every position and provenance
 * offset refers to.
 *
 * Order: a BOM decides; then bytes that are valid UTF-8 are UTF-8 (scrapers re-encode
 * pages to UTF-8 but keep the page's old `<meta charset=gb2312>`, while GBK bytes almost
 * never form valid UTF-8 by accident); then an HTML `<meta charset>` / `http-equiv`
 * declaration; then a choice between "UTF-8 with a few damaged bytes" and GB18030 (a
 * superset of GBK and GB2312 — what Chinese Windows tools write without any declaration),
 * whichever needs fewer replacement characters.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/** The decoded text and what the decoder noticed. */
export interface Decoded {
  text: string;
  /** `utf-8`, `gb18030`, `utf-16le`, `big5`, … (iconv-lite names, lower case). */
  encoding: string;
  /** How the encoding was chosen: `bom`, `valid-utf-8`, `declared`, `detected`, `option`. */
  how: "bom" | "valid-utf-8" | "declared" | "detected" | "option";
  /** Offsets in `text` of the U+FFFD characters that stand for undecodable bytes. */
  replaced: number[];
}

/**
 * Validity is asked of `isUtf8` (simdutf: microseconds for a report) and the text is then
 * decoded by the non-fatal decoder, which on valid input gives the same string as a fatal
 * one. This replaces decoding with a fatal decoder and catching its exception: no thrown
 * error on invalid input, and no second, fatal decode of BOM-led input.
 */
const lenient = new TextDecoder("utf-8", { fatal: false });

/** At most this many replacement offsets are listed. */
const MAX_LISTED = 1000;
/** How far into the bytes an HTML charset declaration is looked for (as browsers do). */
const PRESCAN_BYTES = 4096;

/** Names pages declare, mapped to the decoder that reads them correctly. */
const ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  gb18030: "gb18030",
  "gb_2312-80": "gb18030",
  cp936: "gb18030",
  "windows-936": "gb18030",
  "utf-8": "utf-8",
  utf8: "utf-8",
  big5: "big5",
  "big5-hkscs": "big5",
};

/** Normalises an encoding name to an iconv-lite name, or null when unsupported. */
export function encodingName(name: string): string | null {
  const n = name.trim().toLowerCase();
  const alias = ALIASES[n];
  if (alias) return alias;
  return iconv.encodingExists(n) ? n : null;
}

function replacements(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("\uFFFD"); i >= 0 && out.length < MAX_LISTED; i = text.indexOf("\uFFFD", i + 1)) out.push(i);
  return out;
}

function withIconv(bytes: Uint8Array, encoding: string, how: Decoded["how"]): Decoded {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
  return { text, encoding, how, replaced: replacements(text) };
}

/** The charset an HTML document declares in its first bytes, if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString("latin1");
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([A-Za-z0-9_\-:.]+)/i.exec(head);
  return m ? m[1]! : null;
}

/**
 * Decodes bytes. `forced` (an encoding option) skips detection. Invalid sequences become
 * U+FFFD and are listed in `replaced`; nothing is thrown.
 */
export function decode(bytes: Uint8Array, forced?: string): Decoded {
  if (forced) {
    const name = encodingName(forced);
    if (name === "utf-8") return utf8(bytes, "option");
    if (name) return withIconv(bytes, name, "option");
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes, "bom");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return withIconv(bytes, "utf-16le", "bom");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return withIconv(bytes, "utf-16be", "bom");
  if (isUtf8(bytes)) return { text: lenient.decode(bytes), encoding: "utf-8", how: "valid-utf-8", replaced: [] };
  const declared = declaredCharset(bytes);
  const name = declared ? encodingName(declared) : null;
  if (name && name !== "utf-8") return withIconv(bytes, name, "declared");

  // Damaged UTF-8 has a few bad sequences among many good ones; GBK text has almost no
  // valid multi-byte UTF-8 sequences at all. Replacement counts alone cannot tell, since
  // GB18030 decodes nearly any byte sequence to *something*.
  const { valid, invalid } = utf8Shape(bytes);
  if (invalid <= Math.max(2, valid * 0.02)) {
    const text = lenient.decode(bytes);
    return { text, encoding: "utf-8", how: name ? "declared" : "detected", replaced: replacements(text) };
  }
  return withIconv(bytes, "gb18030", "detected");
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that start none. */
function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    let ok = len > 0 && b < 0xf5 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function utf8(bytes: Uint8Array, how: Decoded["how"]): Decoded {
  const text = lenient.decode(bytes); // strips a UTF-8 BOM
  const replaced = isUtf8(bytes) ? [] : replacements(text);
  return { text, encoding: "utf-8", how, replaced };
}
