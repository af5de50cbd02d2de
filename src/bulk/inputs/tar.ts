/**
 * Tar archives (plain or gzip-compressed) through tar-stream: one pass over the stream,
 * members read in order. Names without a PAX path are raw header bytes, decoded like zip names
 * (UTF-8, else GB18030). Sizes come from the headers, which tar-stream enforces, so an
 * oversized member is refused before it is read and then drained.
 */
import tar from "tar-stream";
import { BulkCodes, BulkError } from "../codes.js";
import { formatBytes, readLimited } from "../limits.js";
import { decodeName } from "../names.js";
import type { InputSource } from "./plan.js";
import { openDecompressed } from "./stream.js";
import type { Entry, ReadContext } from "./types.js";
import { UniqueKeys } from "./unique.js";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Yields every regular file of a tar; a damaged archive ends with one failure entry. */
export async function* readTarSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  const archive = source.path;
  let input;
  try {
    input = await openDecompressed(source.fsPath, ctx.limits, (n) => ctx.onRawBytes(n));
  } catch (error) {
    ctx.onRawBytes(source.size);
    yield {
      type: "failure",
      key: archive,
      origin: { kind: "tar", archive, member: null },
      kind: BulkCodes.inputUnreadable,
      message: `cannot open the archive: ${message(error)}`,
    };
    return;
  }
  // Raw name bytes survive latin1 and are decoded below (tar-stream would force UTF-8).
  const extract = tar.extract({ filenameEncoding: "latin1" } as Parameters<typeof tar.extract>[0]);
  input.stream.on("error", (error) => extract.destroy(error));
  input.stream.pipe(extract);
  const keys = new UniqueKeys();
  try {
    for await (const entry of extract) {
      const header = entry.header as tar.Header & { pax?: Record<string, string> | null };
      if (header.type !== "file" && header.type !== "contiguous-file") {
        for await (const _ of entry) void _;
        continue;
      }
      const name = typeof header.pax?.path === "string" ? header.name : decodeName(Buffer.from(header.name, "latin1"));
      const size = header.size ?? 0;
      let started = false;
      yield {
        type: "member",
        key: keys.make(`${archive}::${name}`),
        origin: { kind: "tar", archive, member: name },
        declaredSize: size,
        named: true,
        concurrent: false,
        async read() {
          if (size > ctx.limits.maxMemberBytes) {
            throw new BulkError(BulkCodes.memberTooLarge, `member declares ${size} bytes, more than the ${formatBytes(ctx.limits.maxMemberBytes)} limit (--max-member-size)`);
          }
          started = true;
          const bytes = await readLimited(entry as unknown as AsyncIterable<Uint8Array>, {
            maxBytes: ctx.limits.maxMemberBytes,
            maxRatio: ctx.limits.maxRatio,
            ratioFloor: ctx.limits.memberRatioFloor,
          });
          return { bytes };
        },
      };
      // Drain what was not read, so the extractor moves on to the next header.
      if (!started) for await (const _ of entry) void _;
    }
  } catch (error) {
    yield {
      type: "failure",
      key: archive,
      origin: { kind: "tar", archive, member: null },
      kind: error instanceof BulkError ? error.kind : BulkCodes.archiveCorrupt,
      message: error instanceof BulkError ? error.message : `damaged tar archive${input.gzip ? " (gzip)" : ""}: ${message(error)}`,
    };
  } finally {
    input.close();
  }
}
