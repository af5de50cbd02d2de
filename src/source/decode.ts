/**
 * Bytes → text, once, up front. The decoded text is what every position and provenance
 * offset refers to.
 *
 * Order: a BOM decides; then bytes that are valid UTF-8 are UTF-8 (scrapers re-encode
 * pages to UTF-8 but keep the page's old `<meta charset=gb2312>`, while GBK bytes almost
 * never form valid UTF-8 by accident); then an HTML `<meta charset>` / `http-equiv`
 * declaration; then a choice between "UTF-8 with a few damaged bytes" and GB18030 (a
 * superset of GBK and GB2312 — what Chinese Windows tools write without any declaration):
 * UTF-8 when the damage is rare, and otherwise whichever reading gives more of the common
 * characters of written Chinese (GB18030 turns damaged UTF-8 into rare-character mojibake,
 * and UTF-8 turns GBK into replacement characters).
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
 * Decodes bytes exactly as `parseReport` does. `forced` (an encoding option) skips
 * detection. Invalid sequences become U+FFFD and are listed in `replaced`; nothing is
 * thrown. Exported because every position of a report parsed from bytes is an offset into
 * this text: code frames (`formatCodeFrame`) and provenance excerpts of GBK input need it.
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
  const asUtf8 = () => {
    const text = lenient.decode(bytes);
    return { text, encoding: "utf-8", how: name ? "declared" : "detected", replaced: replacements(text) } as const;
  };
  if (invalid <= Math.max(2, valid * 0.02)) return asUtf8();
  const gb = withIconv(bytes, "gb18030", "detected");
  // Scattered damage (a byte lost here and there) can leave more than 2 % of the sequences
  // broken; when most multi-byte sequences are still whole, ask which reading is Chinese.
  if (valid > invalid) {
    const utf = asUtf8();
    if (commonShare(utf.text) >= commonShare(gb.text)) return utf;
  }
  return gb;
}

/**
 * The most frequent characters of written Chinese (and of these reports): a correct decoding
 * is mostly made of them, a wrong one almost never.
 */
const COMMON = new Set(
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严申请告息况",
);

/** The share of the first 20,000 characters of `text` that are common Chinese characters. */
function commonShare(text: string): number {
  const end = Math.min(text.length, 20_000);
  let common = 0;
  for (let i = 0; i < end; i++) if (COMMON.has(text[i]!)) common++;
  return end === 0 ? 0 : common / end;
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
