/**
 * Tar and WARC builders for tests: tar through tar-stream's pack (what real tools write),
 * WARC by hand (WARC/1.0 headers around an HTTP response), gzip per record for .warc.gz as
 * crawlers do.
 */
import { writeFileSync } from "node:fs";
import tar from "tar-stream";
import { gzipSync } from "node:zlib";

/** One tar member. */
export interface TarEntrySpec {
  name: string;
  data: string | Buffer;
  type?: "file" | "directory" | "symlink" | "link" | "fifo" | "character-device" | "block-device";
  /** The target of a symlink or hard link (default "elsewhere"). */
  linkname?: string;
}

/** Builds a tar archive in memory. */
export async function buildTar(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  })();
  for (const entry of entries) {
    if (entry.type === "directory") pack.entry({ name: entry.name, type: "directory" });
    else if (entry.type === "symlink" || entry.type === "link") pack.entry({ name: entry.name, type: entry.type, linkname: entry.linkname ?? "elsewhere" });
    else if (entry.type === "fifo" || entry.type === "character-device" || entry.type === "block-device") {
      pack.entry({ name: entry.name, type: entry.type, devmajor: 1, devminor: 3 });
    } else {
      const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
      await new Promise<void>((resolve, reject) => pack.entry({ name: entry.name, size: data.length }, data, (e) => (e ? reject(e) : resolve())));
    }
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Writes a tar (gzip-compressed when `gzip`). */
export async function writeTar(path: string, entries: readonly TarEntrySpec[], gzip = false): Promise<void> {
  const tarBytes = await buildTar(entries);
  writeFileSync(path, gzip ? gzipSync(tarBytes) : tarBytes);
}

/** One WARC record to write. */
export interface WarcRecordSpec {
  type: "warcinfo" | "request" | "response" | "metadata";
  uri?: string;
  id: string;
  /** For responses: the HTTP status line code and headers, and the body. */
  status?: number;
  contentType?: string | null;
  body?: string | Buffer;
  /** Extra HTTP headers, e.g. Content-Encoding. */
  httpHeaders?: Record<string, string>;
}

/** The bytes of one record. */
export function warcRecord(spec: WarcRecordSpec): Buffer {
  let block: Buffer;
  let blockType: string;
  if (spec.type === "response") {
    const body = typeof spec.body === "string" ? Buffer.from(spec.body, "utf8") : (spec.body ?? Buffer.alloc(0));
    const headers = [`HTTP/1.1 ${spec.status ?? 200} ${spec.status === 404 ? "Not Found" : "OK"}`];
    if (spec.contentType !== null) headers.push(`Content-Type: ${spec.contentType ?? "text/html; charset=utf-8"}`);
    for (const [k, v] of Object.entries(spec.httpHeaders ?? {})) headers.push(`${k}: ${v}`);
    headers.push(`Content-Length: ${body.length}`);
    block = Buffer.concat([Buffer.from(`${headers.join("\r\n")}\r\n\r\n`, "latin1"), body]);
    blockType = "application/http; msgtype=response";
  } else if (spec.type === "request") {
    block = Buffer.from(`GET ${new URL(spec.uri ?? "http://example.org/").pathname} HTTP/1.1\r\nHost: example.org\r\n\r\n`, "latin1");
    blockType = "application/http; msgtype=request";
  } else {
    block = Buffer.from("software: zfxxgk-tests\r\nformat: WARC File Format 1.0\r\n", "utf8");
    blockType = "application/warc-fields";
  }
  const lines = ["WARC/1.0", `WARC-Type: ${spec.type}`, `WARC-Record-ID: <urn:uuid:${spec.id}>`, "WARC-Date: 2024-01-02T03:04:05Z"];
  if (spec.uri) lines.push(`WARC-Target-URI: ${spec.uri}`);
  lines.push(`Content-Type: ${blockType}`, `Content-Length: ${block.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "utf8"), block, Buffer.from("\r\n\r\n")]);
}

/** Writes a WARC; with `gzip`, each record is its own gzip member (the .warc.gz convention). */
export function writeWarc(path: string, records: readonly WarcRecordSpec[], gzip = false): void {
  const parts = records.map((r) => (gzip ? gzipSync(warcRecord(r)) : warcRecord(r)));
  writeFileSync(path, Buffer.concat(parts));
}
