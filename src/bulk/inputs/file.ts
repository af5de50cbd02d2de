/**
 * A report file on disk, given by itself or found by walking a directory: one member.
 */
import { FileTooLargeError, readFileCapped } from "../../io/read-capped.js";
import { BulkCodes, BulkError } from "../codes.js";
import { formatBytes } from "../limits.js";
import type { InputSource } from "./plan.js";
import type { Entry, ReadContext } from "./types.js";

/** Yields the file as one member; its size is checked against the limit before it is read. */
export async function* readFileSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  const origin = source.directory
    ? { kind: "directory" as const, archive: source.directory.path, member: source.directory.member }
    : { kind: "file" as const, archive: source.path, member: null };
  yield {
    type: "member",
    key: source.directory ? `${source.directory.path}::${source.directory.member}` : source.path,
    origin,
    declaredSize: source.size,
    named: source.directory !== undefined,
    concurrent: true,
    async read() {
      if (source.size > ctx.limits.maxMemberBytes) {
        throw new BulkError(BulkCodes.memberTooLarge, `file of ${source.size} bytes is larger than the ${formatBytes(ctx.limits.maxMemberBytes)} limit (--max-member-size)`);
      }
      try {
        return { bytes: await readFileCapped(source.fsPath, ctx.limits.maxMemberBytes) };
      } catch (error) {
        if (error instanceof FileTooLargeError) {
          // Past the stat check: it grew while being read, or it has no size (a FIFO, a device).
          const limit = formatBytes(ctx.limits.maxMemberBytes);
          throw new BulkError(
            BulkCodes.memberTooLarge,
            error.size === null ? `input with no size (a FIFO or device) ran past the ${limit} limit (--max-member-size)` : `file grew past the ${limit} limit while being read`,
          );
        }
        throw new BulkError(BulkCodes.inputUnreadable, `cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
  ctx.onRawBytes(source.size);
}
