/**
 * One entry point over the readers: a planned source in, its entries out, in order.
 */
import { BulkCodes } from "../codes.js";
import { readFileSource } from "./file.js";
import type { InputSource } from "./plan.js";
import { readTarSource } from "./tar.js";
import type { Entry, ReadContext } from "./types.js";
import { readWarcSource } from "./warc.js";
import { readZipSource } from "./zip.js";

export type { Entry, FailureEntry, MemberEntry, OriginBase, ReadContext } from "./types.js";
export { InputError, type InputSource, type Plan, planInputs } from "./plan.js";

/** The entries of one source, whatever its kind; an unreadable source is one failure entry. */
export async function* readSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  switch (source.kind) {
    case "file":
      yield* readFileSource(source, ctx);
      return;
    case "zip":
      yield* readZipSource(source, ctx);
      return;
    case "tar":
      yield* readTarSource(source, ctx);
      return;
    case "warc":
      yield* readWarcSource(source, ctx);
      return;
    case "special":
      yield {
        type: "member",
        key: source.directory ? `${source.directory.path}::${source.directory.member}` : source.path,
        origin: source.directory
          ? { kind: "directory", archive: source.directory.path, member: source.directory.member }
          : { kind: "file", archive: source.path, member: null },
        declaredSize: null,
        named: source.directory !== undefined,
        concurrent: true,
        skip: { kind: BulkCodes.memberNotRegular, reason: `${source.error ?? "special file"}, not a regular file: it holds no report` },
        read: () => Promise.reject(new Error("a special file is never read")),
      };
      return;
    case "unreadable":
      yield {
        type: "failure",
        key: source.path,
        origin: source.directory
          ? { kind: "directory", archive: source.directory.path, member: source.directory.member }
          : { kind: "file", archive: source.path, member: null },
        kind: BulkCodes.inputUnreadable,
        message: `cannot read ${source.path}: ${source.error ?? "unknown error"}`,
      };
      return;
  }
}
