/**
 * A small but complete bulk input set, built in a temp dir: a directory tree (with a GBK file
 * name on disk), a zip (GBK member name without the UTF-8 flag, a damaged member, a zip bomb,
 * an absurd name, a PDF), a .tar.gz, a plain .tar, a .warc.gz with a non-HTML record and an
 * HTTP error, and an archive that is not one. Each member's expected fate is listed, so tests
 * check outputs against what was put in, not against what the code produced.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { writeTar, writeWarc } from "./archives.js";
import { seedVariant } from "./corpus.js";
import { writeZip } from "./zip.js";

/** What one member is expected to become. */
export interface ExpectedRecord {
  archive: string;
  member: string | null;
  status: "ok" | "error" | "skipped";
  code?: string;
  /** The member's bytes, for ok records (parseReport of these is the expected report). */
  bytes?: Buffer;
}

/** The inputs to pass to `bulk` and the expected records in output order. */
export interface Fixtures {
  inputs: string[];
  expected: ExpectedRecord[];
}

const text = (i: number) => Buffer.from(seedVariant(i), "utf8");

/** Builds the fixture set under `dir`; `scale` adds that many extra reports to the directory. */
export async function buildFixtures(dir: string, scale = 0): Promise<Fixtures> {
  const expected: ExpectedRecord[] = [];
  const inputs: string[] = [];

  // 1. A directory tree.
  const tree = join(dir, "tree");
  mkdirSync(join(tree, "2021"), { recursive: true });
  mkdirSync(join(tree, "misc"), { recursive: true });
  writeFileSync(join(tree, "2021", "a.txt"), text(1));
  writeFileSync(Buffer.concat([Buffer.from(join(tree, "2021") + "/"), iconv.encode("城口县年报.txt", "gbk")]), text(2));
  writeFileSync(join(tree, "misc", "empty.txt"), "");
  writeFileSync(join(tree, "misc", "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  writeFileSync(join(tree, "misc", "notes.txt"), "这只是一份会议记录，与年度报告无关。\n");
  const extra: ExpectedRecord[] = [];
  for (let i = 0; i < scale; i++) {
    const name = `r${String(i).padStart(5, "0")}.txt`;
    writeFileSync(join(tree, "misc", name), text(100 + i));
    extra.push({ archive: tree, member: `misc/${name}`, status: "ok", bytes: text(100 + i) });
  }
  inputs.push(tree);
  expected.push(
    // Byte order of the GBK name (0xB3…) sorts after "a.txt".
    { archive: tree, member: "2021/a.txt", status: "ok", bytes: text(1) },
    { archive: tree, member: "2021/城口县年报.txt", status: "ok", bytes: text(2) },
    { archive: tree, member: "misc/empty.txt", status: "skipped", code: "not-a-report-member" },
    { archive: tree, member: "misc/logo.png", status: "skipped", code: "not-a-report-member" },
    { archive: tree, member: "misc/notes.txt", status: "skipped", code: "not-a-report-member" },
    ...extra,
  );

  // 2. A zip made "on Chinese Windows", with trouble in it.
  const zip = join(dir, "年报.zip");
  writeZip(zip, [
    { name: iconv.encode("泗阳县/2021年度报告.txt", "gbk"), data: text(3), utf8Flag: false },
    { name: "stored.html", data: text(4), method: "store" },
    { name: "damaged.txt", data: text(5), damage: true },
    { name: "bomb.txt", data: Buffer.alloc(8 * 1024 * 1024) },
    { name: "../escape.txt", data: text(6) },
    { name: "scan.pdf", data: "%PDF-1.4 not really" },
    { name: "ok-after.txt", data: text(7) },
  ]);
  inputs.push(zip);
  expected.push(
    { archive: zip, member: "泗阳县/2021年度报告.txt", status: "ok", bytes: text(3) },
    { archive: zip, member: "stored.html", status: "ok", bytes: text(4) },
    { archive: zip, member: "damaged.txt", status: "error", code: "member-corrupt" },
    { archive: zip, member: "bomb.txt", status: "error", code: "member-ratio-exceeded" },
    { archive: zip, member: "../escape.txt", status: "error", code: "member-name-invalid" },
    { archive: zip, member: "scan.pdf", status: "skipped", code: "not-a-report-member" },
    { archive: zip, member: "ok-after.txt", status: "ok", bytes: text(7) },
  );

  // 3. Tars.
  const tgz = join(dir, "dump.tar.gz");
  await writeTar(tgz, [
    { name: "dump/", data: "", type: "directory" },
    { name: "dump/b.txt", data: text(8) },
    { name: "dump/c.txt", data: text(9) },
  ], true);
  const plainTar = join(dir, "one.tar");
  await writeTar(plainTar, [{ name: "d.txt", data: text(10) }]);
  inputs.push(tgz, plainTar);
  expected.push(
    { archive: tgz, member: "dump/b.txt", status: "ok", bytes: text(8) },
    { archive: tgz, member: "dump/c.txt", status: "ok", bytes: text(9) },
    { archive: plainTar, member: "d.txt", status: "ok", bytes: text(10) },
  );

  // 4. A crawl.
  const warc = join(dir, "crawl.warc.gz");
  writeWarc(
    warc,
    [
      { type: "warcinfo", id: "00000000-0000-4000-8000-000000000000" },
      { type: "request", id: "00000000-0000-4000-8000-000000000001", uri: "http://gov.example/2022/report.html" },
      { type: "response", id: "00000000-0000-4000-8000-000000000002", uri: "http://gov.example/2022/report.html", body: text(11) },
      { type: "response", id: "00000000-0000-4000-8000-000000000003", uri: "http://gov.example/banner.jpg", contentType: "image/jpeg", body: Buffer.from([0xff, 0xd8, 0xff, 0]) },
      { type: "response", id: "00000000-0000-4000-8000-000000000004", uri: "http://gov.example/old.html", status: 404, body: "<html>404</html>" },
    ],
    true,
  );
  inputs.push(warc);
  expected.push(
    { archive: warc, member: "http://gov.example/2022/report.html", status: "ok", bytes: text(11) },
    { archive: warc, member: "http://gov.example/banner.jpg", status: "skipped", code: "not-html-response" },
    { archive: warc, member: "http://gov.example/old.html", status: "skipped", code: "http-error-status" },
  );

  // 5. Not an archive at all.
  const broken = join(dir, "broken.zip");
  writeFileSync(broken, "PK but not really a zip");
  inputs.push(broken);
  expected.push({ archive: broken, member: null, status: "error", code: "archive-corrupt" });

  return { inputs, expected };
}
