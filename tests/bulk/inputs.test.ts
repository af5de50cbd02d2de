/**
 * The input readers on archives built here, byte by byte: what members they yield, in which
 * order, under which names, and which failures they report — without the rest of the run
 * (zip members are unpacked with the same function the workers use).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { BulkError } from "../../src/bulk/codes.js";
import { planInputs, readSource } from "../../src/bulk/inputs/index.js";
import { DEFAULT_LIMITS, type Limits } from "../../src/bulk/limits.js";
import { unpack } from "../../src/bulk/unpack.js";
import { buildTar, writeTar, writeWarc } from "./helpers/archives.js";
import { removeTempDirs, tempDir } from "./helpers/run.js";
import { unicodePathExtra, writeZip, ZipWriter } from "./helpers/zip.js";

afterAll(removeTempDirs);

interface Seen {
  type: string;
  key: string;
  member: string | null;
  archive: string;
  code?: string;
  text?: string;
  message?: string;
  skip?: string;
  origin: Record<string, unknown>;
}

/** Plans the inputs and reads every member, recording what each gave. */
async function collect(inputs: string[], limits: Limits = DEFAULT_LIMITS, stdin = ""): Promise<{ seen: Seen[]; rawBytes: number; totalBytes: number }> {
  const plan = await planInputs(inputs, () => Promise.resolve(stdin));
  const seen: Seen[] = [];
  let rawBytes = 0;
  for (const source of plan.sources) {
    for await (const entry of readSource(source, { limits, onRawBytes: (n) => (rawBytes += n) })) {
      const item: Seen = { type: entry.type, key: entry.key, member: entry.origin.member, archive: entry.origin.archive, origin: { ...entry.origin } };
      if (entry.type === "failure") {
        item.code = entry.kind.code;
        item.message = entry.message;
      }
      else if (entry.skip) item.skip = entry.skip.kind.code;
      else {
        try {
          // A zip member comes still deflated: unpack as the worker would.
          item.text = Buffer.from(unpack(await entry.read())).toString("utf8");
        } catch (error) {
          item.code = error instanceof BulkError ? error.kind.code : `unexpected: ${String(error)}`;
        }
      }
      seen.push(item);
    }
  }
  return { seen, rawBytes, totalBytes: plan.totalBytes };
}

describe("zip", () => {
  it("reads stored and deflated members, decodes GBK names without the flag and UTF-8 with it", async () => {
    const dir = tempDir();
    const gbkName = "泗阳县2021年报告.txt";
    const raw = iconv.encode("旧名?.txt", "gbk");
    writeZip(join(dir, "a.zip"), [
      { name: "stored.txt", data: "存储的内容", method: "store" },
      { name: "目录/", data: "", method: "store" },
      { name: iconv.encode(gbkName, "gbk"), data: "GBK 名字", utf8Flag: false },
      { name: "目录/utf8.html", data: "<p>UTF-8 名字</p>" },
      { name: raw, data: "extra field", utf8Flag: false, extra: unicodePathExtra(raw, "统一码名.txt") },
      { name: "stored.txt", data: "second copy", method: "store" },
    ]);
    const { seen, rawBytes, totalBytes } = await collect([join(dir, "a.zip")]);
    expect(seen.map((s) => [s.member, s.text])).toEqual([
      ["stored.txt", "存储的内容"],
      [gbkName, "GBK 名字"],
      ["目录/utf8.html", "<p>UTF-8 名字</p>"],
      ["统一码名.txt", "extra field"],
      ["stored.txt", "second copy"],
    ]);
    expect(new Set(seen.map((s) => s.key)).size).toBe(5);
    expect(seen[4]!.key.endsWith("stored.txt#2")).toBe(true);
    expect(rawBytes).toBe(totalBytes);
  });

  it("turns damaged data, bombs, lying headers and unsupported methods into coded errors", async () => {
    const dir = tempDir();
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    writeZip(join(dir, "bad.zip"), [
      { name: "ok.txt", data: "fine" },
      { name: "damaged.txt", data: "政府信息公开".repeat(500), damage: true },
      { name: "badcrc.txt", data: "checksum", method: "store", crc: 1234 },
      { name: "bomb.txt", data: zeros },
      { name: "liar.txt", data: zeros, declaredSize: 1000 },
      { name: "secret.txt", data: "encrypted", encrypted: true },
      { name: "after.txt", data: "still read" },
    ]);
    const { seen } = await collect([join(dir, "bad.zip")]);
    expect(seen.map((s) => [s.member, s.code ?? s.text])).toEqual([
      ["ok.txt", "fine"],
      ["damaged.txt", "member-corrupt"],
      ["badcrc.txt", "member-corrupt"],
      ["bomb.txt", "member-ratio-exceeded"],
      ["liar.txt", "member-corrupt"],
      ["secret.txt", "member-unsupported"],
      ["after.txt", "still read"],
    ]);
  });

  it("refuses a member over the size limit before inflating it", async () => {
    const dir = tempDir();
    writeZip(join(dir, "big.zip"), [{ name: "big.txt", data: "x".repeat(5000) }]);
    const { seen } = await collect([join(dir, "big.zip")], { ...DEFAULT_LIMITS, maxMemberBytes: 1000 });
    expect(seen.map((s) => s.code)).toEqual(["member-too-large"]);
  });

  it("recovers the members of a zip cut short from their local headers and says what was lost", async () => {
    const dir = tempDir();
    const path = join(dir, "cut.zip");
    const zip = new ZipWriter(path);
    const ends: number[] = [];
    for (let i = 0; i < 40; i++) {
      zip.add({ name: `m${i}.txt`, data: `member ${i} `.repeat(20 + i), method: i % 3 === 0 ? "store" : "deflate", descriptor: i % 4 === 1 });
      ends.push(zip.position);
    }
    zip.close();
    const bytes = readFileSync(path);
    const cut = bytes.length >> 1;
    writeFileSync(path, bytes.subarray(0, cut));
    const whole = ends.filter((end) => end <= cut).length;
    expect(whole).toBeGreaterThan(10);
    const { seen, rawBytes, totalBytes } = await collect([path]);
    expect(seen.slice(0, -1).map((s) => [s.member, s.text])).toEqual(
      Array.from({ length: whole }, (_, i) => [`m${i}.txt`, `member ${i} `.repeat(20 + i)]),
    );
    const damage = seen.at(-1)!;
    expect(damage).toMatchObject({ type: "failure", code: "archive-corrupt", member: null });
    const at = ends[whole - 1];
    expect(damage.message).toMatch(
      new RegExp(`^cannot read the zip archive: End of central directory record signature not found.*; ${whole} member\\(s\\) recovered from their local headers; ` +
        `lost: (the member 'm${whole}.txt' at byte ${at} is cut off|the file ends inside a member header at byte ${at}), and any member after that$`),
    );
    expect(rawBytes).toBe(totalBytes);

    // Cut inside a member's data this time: that member is named in what was lost.
    writeFileSync(path, bytes.subarray(0, ends[5]! + 40));
    const again = await collect([path]);
    expect(again.seen.slice(0, -1).map((s) => s.member)).toEqual(["m0.txt", "m1.txt", "m2.txt", "m3.txt", "m4.txt", "m5.txt"]);
    expect(again.seen.at(-1)!.message).toMatch(new RegExp(`lost: the member 'm6.txt' at byte ${ends[5]} is cut off: 4 of its \\d+ bytes are in the file, and any member after that$`));
  });

  it("recovers the members a damaged central directory no longer lists", async () => {
    const dir = tempDir();
    const path = join(dir, "cd.zip");
    const zip = new ZipWriter(path);
    for (let i = 0; i < 10; i++) zip.add({ name: `m${i}.txt`, data: `member ${i}` });
    const directory = zip.position;
    zip.close();
    const bytes = readFileSync(path);
    // Break the 7th directory entry's signature: yauzl lists six, then fails.
    let at = directory;
    for (let i = 0; i < 6; i++) at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30);
    bytes.writeUInt32LE(0xdeadbeef, at);
    writeFileSync(path, bytes);
    const { seen } = await collect([path]);
    expect(seen.slice(0, -1).map((s) => [s.member, s.text])).toEqual(Array.from({ length: 10 }, (_, i) => [`m${i}.txt`, `member ${i}`]));
    expect(seen.at(-1)).toMatchObject({ type: "failure", code: "archive-corrupt" });
    expect(seen.at(-1)!.message).toMatch(/4 member\(s\) missing from the damaged central directory recovered from their local headers; no member lost/);
  });

  it("reports a file that is not a zip as one archive-corrupt failure", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "fake.zip"), "this is not a zip file at all");
    const { seen } = await collect([join(dir, "fake.zip")]);
    expect(seen).toMatchObject([{ type: "failure", code: "archive-corrupt", member: null }]);
  });
});

describe("tar", () => {
  it("reads plain and gzip tars in order, skipping directories and links", async () => {
    const dir = tempDir();
    const entries = [
      { name: "年报/", data: "", type: "directory" as const },
      { name: "年报/甲.txt", data: "甲" },
      { name: "年报/link", data: "", type: "symlink" as const },
      { name: "乙.html", data: "<p>乙</p>" },
    ];
    await writeTar(join(dir, "a.tar"), entries);
    await writeTar(join(dir, "b.tgz"), entries, true);
    const { seen, rawBytes, totalBytes } = await collect([join(dir, "a.tar"), join(dir, "b.tgz")]);
    expect(seen.map((s) => [s.origin.kind, s.member, s.text ?? s.skip])).toEqual([
      ["tar", "年报/甲.txt", "甲"],
      ["tar", "年报/link", "member-not-regular"],
      ["tar", "乙.html", "<p>乙</p>"],
      ["tar", "年报/甲.txt", "甲"],
      ["tar", "年报/link", "member-not-regular"],
      ["tar", "乙.html", "<p>乙</p>"],
    ]);
    expect(rawBytes).toBe(totalBytes);
  });

  it("lists every entry that is not a regular file, with a reason; a link to a member read before is a duplicate", async () => {
    const dir = tempDir();
    await writeTar(join(dir, "odd.tar"), [
      { name: "a/report.txt", data: "the report" },
      { name: "a/hard", data: "", type: "link", linkname: "a/report.txt" },
      { name: "a/soft", data: "", type: "symlink", linkname: "./report.txt" },
      { name: "a/dangling", data: "", type: "symlink", linkname: "../nowhere.txt" },
      { name: "a/early", data: "", type: "link", linkname: "b/later.txt" },
      { name: "a/pipe", data: "", type: "fifo" },
      { name: "dev/null", data: "", type: "character-device" },
      { name: "dev/sda", data: "", type: "block-device" },
      { name: "b/later.txt", data: "later" },
    ]);
    const { seen } = await collect([join(dir, "odd.tar")]);
    const reasons = seen.map((s) => [s.member, s.text ?? s.skip]);
    expect(reasons).toEqual([
      ["a/report.txt", "the report"],
      ["a/hard", "member-duplicate"],
      ["a/soft", "member-duplicate"],
      ["a/dangling", "member-not-regular"],
      ["a/early", "member-not-regular"],
      ["a/pipe", "member-not-regular"],
      ["dev/null", "member-not-regular"],
      ["dev/sda", "member-not-regular"],
      ["b/later.txt", "later"],
    ]);
  });

  it("reads what precedes a truncation, then reports the archive as corrupt", async () => {
    const dir = tempDir();
    const tarBytes = await buildTar([
      { name: "first.txt", data: "first" },
      { name: "second.txt", data: randomBytes(100_000) },
    ]);
    const gz = gzipSync(tarBytes);
    expect(gz.length).toBeGreaterThan(50_000);
    writeFileSync(join(dir, "cut.tar.gz"), gz.subarray(0, gz.length >> 1));
    const { seen } = await collect([join(dir, "cut.tar.gz")]);
    expect(seen[0]).toMatchObject({ member: "first.txt", text: "first" });
    expect(seen.at(-1)).toMatchObject({ type: "failure", code: "archive-corrupt" });
  });

  it("stops a .tar.gz bomb by its compression ratio", async () => {
    const dir = tempDir();
    await writeTar(join(dir, "bomb.tgz"), [{ name: "zeros.txt", data: Buffer.alloc(24 * 1024 * 1024) }], true);
    const { seen } = await collect([join(dir, "bomb.tgz")]);
    expect(seen.map((s) => s.code)).toContain("archive-ratio-exceeded");
    expect(seen.every((s) => s.text === undefined)).toBe(true);
  });

  it("refuses an oversized member by its header and goes on with the next", async () => {
    const dir = tempDir();
    await writeTar(join(dir, "big.tar"), [
      { name: "big.txt", data: "y".repeat(5000) },
      { name: "small.txt", data: "small" },
    ]);
    const { seen } = await collect([join(dir, "big.tar")], { ...DEFAULT_LIMITS, maxMemberBytes: 1000 });
    expect(seen.map((s) => [s.member, s.code ?? s.text])).toEqual([
      ["big.txt", "member-too-large"],
      ["small.txt", "small"],
    ]);
  });
});

describe("warc", () => {
  const records = [
    { type: "warcinfo" as const, id: "00000000-0000-0000-0000-000000000000" },
    { type: "request" as const, id: "11111111-1111-1111-1111-111111111111", uri: "http://gov.example/a.html" },
    { type: "response" as const, id: "22222222-2222-2222-2222-222222222222", uri: "http://gov.example/a.html", body: "<html><body>报告甲</body></html>" },
    { type: "response" as const, id: "33333333-3333-3333-3333-333333333333", uri: "http://gov.example/logo.png", contentType: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) },
    { type: "response" as const, id: "44444444-4444-4444-4444-444444444444", uri: "http://gov.example/gone.html", status: 404, body: "<html>not found</html>" },
    {
      type: "response" as const,
      id: "55555555-5555-5555-5555-555555555555",
      uri: "http://gov.example/gz.html",
      body: gzipSync(Buffer.from("<html>压缩的报告</html>")),
      httpHeaders: { "Content-Encoding": "gzip" },
    },
    { type: "metadata" as const, id: "66666666-6666-6666-6666-666666666666", uri: "http://gov.example/a.html" },
  ];

  for (const gzip of [false, true]) {
    it(`yields response records only, skips non-HTML and HTTP errors (${gzip ? ".warc.gz" : ".warc"})`, async () => {
      const dir = tempDir();
      const path = join(dir, gzip ? "crawl.warc.gz" : "crawl.warc");
      writeWarc(path, records, gzip);
      const { seen, rawBytes, totalBytes } = await collect([path]);
      expect(seen.map((s) => [s.member, s.skip ?? s.code ?? s.text])).toEqual([
        ["http://gov.example/a.html", "<html><body>报告甲</body></html>"],
        ["http://gov.example/logo.png", "not-html-response"],
        ["http://gov.example/gone.html", "http-error-status"],
        ["http://gov.example/gz.html", "<html>压缩的报告</html>"],
      ]);
      expect(seen[0]!.origin).toMatchObject({
        kind: "warc",
        warcRecordId: "<urn:uuid:22222222-2222-2222-2222-222222222222>",
        warcDate: "2024-01-02T03:04:05Z",
        contentType: "text/html; charset=utf-8",
        httpStatus: 200,
      });
      expect(seen[0]!.key).toBe(`${path}::<urn:uuid:22222222-2222-2222-2222-222222222222>`);
      expect(rawBytes).toBe(totalBytes);
    });
  }

  it("reports a file that is not a WARC as corrupt", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "junk.warc"), "HTTP/1.1 200 OK\r\n\r\nnot a warc\r\n");
    const { seen } = await collect([join(dir, "junk.warc")]);
    expect(seen).toMatchObject([{ type: "failure", code: "archive-corrupt" }]);
  });
});

describe("directories and lists", () => {
  it("walks directories depth-first in byte order, decodes GBK file names, expands archives", async () => {
    const dir = tempDir();
    const root = join(dir, "reports");
    mkdirSync(join(root, "b"), { recursive: true });
    mkdirSync(join(root, "a"), { recursive: true });
    writeFileSync(join(root, "z.txt"), "z");
    writeFileSync(join(root, "b", "2.txt"), "b2");
    writeFileSync(join(root, "a", "1.txt"), "a1");
    writeFileSync(Buffer.concat([Buffer.from(`${root}/a/`), iconv.encode("年报.txt", "gbk")]), "gbk");
    writeZip(join(root, "b", "inner.zip"), [{ name: "m.txt", data: "zip member" }]);
    const { seen } = await collect([root]);
    expect(seen.map((s) => [s.origin.kind, s.archive, s.member, s.text])).toEqual([
      ["directory", root, "a/1.txt", "a1"],
      ["directory", root, "a/年报.txt", "gbk"],
      ["directory", root, "b/2.txt", "b2"],
      ["zip", `${root}/b/inner.zip`, "m.txt", "zip member"],
      ["directory", root, "z.txt", "z"],
    ]);
  });

  it("expands a list of paths from stdin; a missing listed path is one failure, a missing argument a usage error", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "one.txt"), "one");
    writeFileSync(join(dir, "two.txt"), "two");
    const list = `${join(dir, "one.txt")}\n${join(dir, "missing.txt")}\n${join(dir, "two.txt")}\n`;
    const { seen } = await collect(["-"], DEFAULT_LIMITS, list);
    expect(seen.map((s) => [s.origin.kind, s.code ?? s.text])).toEqual([
      ["file", "one"],
      ["file", "input-unreadable"],
      ["file", "two"],
    ]);
    await expect(collect([join(dir, "nope.zip")])).rejects.toThrow(/cannot read .*nope\.zip: no such file or directory/);
  });
});
