/**
 * Bytes → text, once, up front. Only UTF-8 (with or without BOM) for now; the decoded
 * text is what every position and provenance offset refers to.
 */

/** The decoded text and what the decoder noticed. */
export interface Decoded {
  text: string;
  encoding: string;
  /** Offsets in `text` of the U+FFFD characters that stand for undecodable bytes. */
  replaced: number[];
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8", { fatal: false });

/** At most this many replacement offsets are listed; the rest are counted by the first. */
const MAX_LISTED = 1000;

/** Decodes bytes; invalid sequences become U+FFFD and are listed, never thrown. */
export function decode(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes), encoding: "utf-8", replaced: [] };
  } catch {
    const text = lenient.decode(bytes);
    const replaced: number[] = [];
    for (let i = text.indexOf("\uFFFD"); i >= 0 && replaced.length < MAX_LISTED; i = text.indexOf("\uFFFD", i + 1)) {
      replaced.push(i);
    }
    return { text, encoding: "utf-8", replaced };
  }
}
