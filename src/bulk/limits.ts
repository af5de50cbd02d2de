/**
 * The guards between untrusted archives and memory: size and ratio limits that stop a
 * decompression bomb while it streams, member-name sanity checks, and the rules that tell
 * report members from everything else an archive of a website holds.
 */
import { Transform, type TransformCallback } from "node:stream";
import { DEFAULT_MAX_MEMBER_BYTES, formatBytes } from "../io/size.js";
import { BulkCodes, BulkError } from "./codes.js";

export { formatBytes, parseSize } from "../io/size.js";

/** The limits a run enforces; every one is a CLI option or a documented default. */
export interface Limits {
  /** Largest member read into memory, in bytes (`--max-member-size`). */
  maxMemberBytes: number;
  /** Largest uncompressed/compressed ratio (`--max-ratio`), applied past the floors below. */
  maxRatio: number;
  /** A member smaller than this is never a bomb, whatever its ratio (a page of spaces compresses 1000×). */
  memberRatioFloor: number;
  /** Decompressed bytes of a whole .tar.gz/.warc.gz stream before its ratio is judged. */
  archiveRatioFloor: number;
}

/** Defaults: real reports are kilobytes; HTML pages with inline images reach a few megabytes. */
export const DEFAULT_LIMITS: Limits = {
  maxMemberBytes: DEFAULT_MAX_MEMBER_BYTES,
  maxRatio: 200,
  memberRatioFloor: 1024 * 1024,
  archiveRatioFloor: 16 * 1024 * 1024,
};

/** Member names longer than this are not file names but an attack or a bug. */
export const MAX_NAME_LENGTH = 1024;
/** Nesting deeper than this is not a folder tree a person made. */
export const MAX_NAME_DEPTH = 64;

/**
 * Why a member name is absurd, or null when it is fine. Names are never used to write files
 * (members are streamed, not extracted), so this is about refusing input no real report set
 * has: control characters, `..` traversal, thousands of characters or folders.
 */
export function nameProblem(name: string): string | null {
  if (name === "") return "empty member name";
  if (name.length > MAX_NAME_LENGTH) return `member name is ${name.length} characters long (limit ${MAX_NAME_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "member name contains control characters";
  const segments = name.split("/");
  if (segments.length > MAX_NAME_DEPTH) return `member name is ${segments.length} folders deep (limit ${MAX_NAME_DEPTH})`;
  if (segments.includes("..")) return "member name climbs out of the archive with '..'";
  return null;
}

/** Makes a name safe to print in CSV and logs: control characters become `\xNN`, length is capped. */
export function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return escaped.length > MAX_NAME_LENGTH ? `${escaped.slice(0, MAX_NAME_LENGTH)}…` : escaped;
}

/** Extensions of files that are never a text report (documents we cannot parse, media, code, nested archives). */
const NOT_REPORT_EXTENSIONS = new Set(
  (
    "pdf doc docx xls xlsx ppt pptx wps et dps ofd odt ods odp rtf caj " +
    "jpg jpeg png gif bmp webp svg ico tif tiff psd " +
    "mp3 mp4 avi mov wmv flv swf wav ogg webm " +
    "zip rar 7z gz tgz bz2 xz tar jar war arj cab iso warc " +
    "exe dll so dylib bin class pyc " +
    "css js mjs json xml map woff woff2 ttf otf eot"
  ).split(" "),
);

/** Names that operating systems and archivers leave behind. */
const JUNK = /(^|\/)(__MACOSX\/|\._[^/]*$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

/**
 * Why a member is not a report judging by its name alone, or null. Decided before reading,
 * so a 2 GB video in a crawl costs nothing.
 */
export function notAReportByName(name: string): string | null {
  if (JUNK.test(name)) return "operating-system junk file";
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot > 0) {
    const ext = base.slice(dot + 1).toLowerCase();
    if (NOT_REPORT_EXTENSIONS.has(ext)) return `.${ext} file, not a text or HTML report`;
  }
  return null;
}

/**
 * Whether bytes look binary: a NUL in the first 8 KiB. UTF-16 reports would trip this too,
 * but the parser reads UTF-8 (and GB18030) only, so they could not be parsed anyway.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Joins chunks into one fresh (never pooled) Uint8Array, safe to transfer to a worker. */
export function concatFresh(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** What {@link readLimited} checks while it reads. */
export interface ReadLimits {
  maxBytes: number;
  /** The compressed size of the member, when it has its own (zip): enables the ratio check. */
  compressedBytes?: number;
  maxRatio: number;
  ratioFloor: number;
}

/**
 * Reads a member stream into memory, stopping as soon as it grows past the size limit or
 * (for a compressed member) past the ratio limit: a bomb is cut off after at most
 * `maxBytes`, never expanded in full. Throws {@link BulkError}; `abort` releases the source.
 */
export async function readLimited(
  stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: ReadLimits,
  abort?: () => void,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > limits.maxBytes) {
      abort?.();
      throw new BulkError(BulkCodes.memberTooLarge, `member is larger than the ${formatBytes(limits.maxBytes)} limit (--max-member-size)`);
    }
    if (limits.compressedBytes !== undefined && total >= limits.ratioFloor && total / Math.max(1, limits.compressedBytes) > limits.maxRatio) {
      abort?.();
      throw new BulkError(
        BulkCodes.memberRatioExceeded,
        `member expands more than ${limits.maxRatio}× its compressed size of ${limits.compressedBytes} bytes (--max-ratio): a decompression bomb`,
      );
    }
    chunks.push(chunk);
  }
  return concatFresh(chunks, total);
}

/** Counts bytes flowing through; the compressed side of a {@link RatioGuard}. */
export class ByteCounter extends Transform {
  /** Bytes seen so far. */
  bytes = 0;
  constructor(private readonly onBytes?: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes?.(chunk.length);
    done(null, chunk);
  }
}

/**
 * Sits after a gunzip and fails the stream with `archive-ratio-exceeded` once the output
 * passes the floor at more than `maxRatio` times the compressed bytes read: a .tar.gz bomb is
 * stopped after a few megabytes instead of filling the disk's worth of zeros through the CPU.
 */
export class RatioGuard extends Transform {
  private out = 0;
  constructor(
    private readonly compressed: ByteCounter,
    private readonly limits: Pick<Limits, "maxRatio" | "archiveRatioFloor">,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    if (this.out >= this.limits.archiveRatioFloor && this.out / Math.max(1, this.compressed.bytes) > this.limits.maxRatio) {
      done(
        new BulkError(
          BulkCodes.archiveRatioExceeded,
          `compressed stream expands more than ${this.limits.maxRatio}× (${this.out} bytes from ${this.compressed.bytes}; --max-ratio): a decompression bomb`,
        ),
      );
      return;
    }
    done(null, chunk);
  }
}

