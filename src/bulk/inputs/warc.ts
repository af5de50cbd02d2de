/**
 * WARC files (plain or gzip, whole-file or per-record) through warcio: only `response`
 * records are members, keyed by WARC-Record-ID so a URI crawled twice stays two records.
 * Non-HTML responses and HTTP errors are skipped with a reason; request, metadata, warcinfo
 * and revisit records are not members at all. Decompression is done by node:zlib ahead of
 * warcio, so the archive-wide ratio guard applies as it does to .tar.gz.
 */
import { WARCParser } from "warcio";
import { type BulkCodeKind, BulkCodes, BulkError } from "../codes.js";
import { formatBytes, readLimited } from "../limits.js";
import type { InputSource } from "./plan.js";
import { openDecompressed } from "./stream.js";
import type { Entry, MemberEntry, ReadContext } from "./types.js";
import { UniqueKeys } from "./unique.js";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Content types that are HTML pages. */
const HTML = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

/** Yields the response records of a WARC; a file that is not a WARC ends with a failure entry. */
export async function* readWarcSource(source: InputSource, ctx: ReadContext): AsyncGenerator<Entry> {
  const archive = source.path;
  const failure = (kind: BulkCodeKind, text: string): Entry => ({
    type: "failure",
    key: archive,
    origin: { kind: "warc", archive, member: null },
    kind,
    message: text,
  });
  let input;
  try {
    input = await openDecompressed(source.fsPath, ctx.limits, (n) => ctx.onRawBytes(n));
  } catch (error) {
    ctx.onRawBytes(source.size);
    yield failure(BulkCodes.inputUnreadable, `cannot open the archive: ${message(error)}`);
    return;
  }
  const keys = new UniqueKeys();
  try {
    const parser = new WARCParser(input.stream);
    for await (const record of parser) {
      if (!record.warcHeaders.statusline.startsWith("WARC/")) {
        yield failure(BulkCodes.archiveCorrupt, `not a WARC record at offset ${parser.offset}: ${JSON.stringify(record.warcHeaders.statusline.slice(0, 40))}`);
        return;
      }
      if (record.warcType !== "response") continue;
      const recordId = record.warcHeader("WARC-Record-ID") ?? undefined;
      const uri = record.warcTargetURI ?? "";
      const http = record.httpHeaders;
      const status = http ? Number(http.statusCode) : NaN;
      const contentType = http?.headers.get("content-type") ?? undefined;
      const origin: MemberEntry["origin"] = { kind: "warc", archive, member: uri };
      if (recordId) origin.warcRecordId = recordId;
      const date = record.warcDate;
      if (date) origin.warcDate = date;
      if (contentType !== undefined) origin.contentType = contentType;
      if (Number.isFinite(status)) origin.httpStatus = status;

      let skip: MemberEntry["skip"];
      if (contentType !== undefined && !HTML.test(contentType)) {
        skip = { kind: BulkCodes.notHtmlResponse, reason: `Content-Type ${contentType} is not HTML` };
      } else if (Number.isFinite(status) && (status < 200 || status > 299)) {
        skip = { kind: BulkCodes.httpErrorStatus, reason: `HTTP status ${status}` };
      }
      const declared = record.warcContentLength;
      const entry: MemberEntry = {
        type: "member",
        key: keys.make(`${archive}::${recordId ?? `@${parser.offset}`}`),
        origin,
        declaredSize: Number.isFinite(declared) ? declared : null,
        named: false,
        concurrent: false,
        async read() {
          const { maxMemberBytes, maxRatio, memberRatioFloor } = ctx.limits;
          if (Number.isFinite(declared) && declared > maxMemberBytes) {
            throw new BulkError(BulkCodes.memberTooLarge, `record declares ${declared} bytes, more than the ${formatBytes(maxMemberBytes)} limit (--max-member-size)`);
          }
          try {
            // Content-Encoding (gzip) and chunking are undone by warcio: guard the ratio too.
            const bytes = await readLimited(record, {
              maxBytes: maxMemberBytes,
              compressedBytes: Number.isFinite(declared) ? declared : undefined,
              maxRatio,
              ratioFloor: memberRatioFloor,
            });
            return { bytes };
          } catch (error) {
            if (error instanceof BulkError) throw error;
            throw new BulkError(BulkCodes.memberCorrupt, `damaged record payload: ${message(error)}`);
          }
        },
      };
      if (skip) entry.skip = skip;
      yield entry;
    }
  } catch (error) {
    if (error instanceof BulkError) yield failure(error.kind, error.message);
    else yield failure(BulkCodes.archiveCorrupt, `damaged WARC file${input.gzip ? " (gzip)" : ""}: ${message(error)}`);
  } finally {
    input.close();
  }
}
