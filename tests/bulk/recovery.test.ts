/**
 * Damaged and unusual archives through the whole run: a zip cut in half keeps every member
 * wholly before the cut and records the damage; tar entries that are not regular files each
 * get a manifest row; a report the parser lost to an internal error is an error record.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeTar } from "./helpers/archives.js";
import { seedVariant } from "./helpers/corpus.js";
import { cli, readCsvObjects, removeTempDirs, tempDir } from "./helpers/run.js";
import { ZipWriter } from "./helpers/zip.js";

afterAll(removeTempDirs);

describe("a zip cut in half", () => {
  it("keeps the members wholly before the cut and records the damage as an error record", async () => {
    const dir = tempDir();
    const path = join(dir, "年报.zip");
    const zip = new ZipWriter(path);
    const ends: number[] = [];
    const n = 120;
    for (let i = 0; i < n; i++) {
      zip.add({ name: `reports/r${String(i).padStart(4, "0")}.txt`, data: seedVariant(i), descriptor: i % 5 === 2 });
      ends.push(zip.position);
    }
    zip.close();
    const bytes = readFileSync(path);
    const cut = bytes.length >> 1;
    writeFileSync(path, bytes.subarray(0, cut));
    const whole = ends.filter((end) => end <= cut).length;
    expect(whole).toBeGreaterThan(n / 2 - 5);

    const out = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", out, path]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest).toHaveLength(whole + 1);
    expect(manifest.slice(0, whole).map((m) => [m.member, m.status])).toEqual(
      Array.from({ length: whole }, (_, i) => [`reports/r${String(i).padStart(4, "0")}.txt`, "ok"]),
    );
    const damage = manifest.at(-1)!;
    expect(damage).toMatchObject({ status: "error", code: "archive-corrupt", member: "" });
    expect(damage.reason).toMatch(new RegExp(`${whole} member\\(s\\) recovered from their local headers; lost: `));
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.records).toMatchObject({ total: whole + 1, ok: whole, error: 1 });
    expect(summary.failures.byCode).toEqual({ "archive-corrupt": 1 });
    expect(readCsvObjects(join(out, "panel.csv"))).toHaveLength(whole);
  });
});

describe("tar entries that are not regular files", () => {
  it("each gets a manifest row with a reason; a hard link to a report is a duplicate record of it", async () => {
    const dir = tempDir();
    const path = join(dir, "dump.tar.gz");
    await writeTar(
      path,
      [
        { name: "dump/", data: "", type: "directory" },
        { name: "dump/report.txt", data: seedVariant(7) },
        { name: "dump/copy.txt", data: "", type: "link", linkname: "dump/report.txt" },
        { name: "dump/latest.txt", data: "", type: "symlink", linkname: "report.txt" },
        { name: "dump/gone.txt", data: "", type: "symlink", linkname: "/etc/passwd" },
        { name: "dump/pipe", data: "", type: "fifo" },
        { name: "dump/tty", data: "", type: "character-device" },
        { name: "dump/disk", data: "", type: "block-device" },
        { name: "dump/bad\u0007name", data: "", type: "symlink", linkname: "report.txt" },
      ],
      true,
    );
    const out = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", out, path]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest.map((m) => [m.member, m.status, m.code])).toEqual([
      ["dump/report.txt", "ok", ""],
      ["dump/copy.txt", "skipped", "member-duplicate"],
      ["dump/latest.txt", "skipped", "member-duplicate"],
      ["dump/gone.txt", "skipped", "member-not-regular"],
      ["dump/pipe", "skipped", "member-not-regular"],
      ["dump/tty", "skipped", "member-not-regular"],
      ["dump/disk", "skipped", "member-not-regular"],
      // A name no report has is refused as such, whatever the entry.
      ["dump/bad\\x07name", "error", "member-name-invalid"],
    ]);
    const id = manifest[0]!.report_id;
    expect(manifest[1]!.reason).toBe(`hard link to 'dump/report.txt', a member read before (report_id ${id}): the same bytes, counted once`);
    expect(manifest[1]!.bytes).toBe(manifest[0]!.bytes);
    expect(manifest[3]!.reason).toBe("symbolic link to '/etc/passwd' (not a regular member before it in the archive; links are not followed)");
    expect(manifest[4]!.reason).toBe("FIFO (named pipe), not a regular file: it holds no report");
    expect(manifest[5]!.reason).toMatch(/^character device/);
    expect(manifest[6]!.reason).toMatch(/^block device/);
    expect(readCsvObjects(join(out, "panel.csv"))).toHaveLength(1);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.records).toMatchObject({ total: 8, ok: 1, skipped: 6, error: 1 });
    expect(summary.skipped.byCode).toEqual({ "member-duplicate": 2, "member-not-regular": 4 });
  });
});

describe("files that are not regular files", () => {
  it("a FIFO in a folder is listed (member-not-regular), never opened; a device given by name is read only up to the limit", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), seedVariant(3));
    // Opening a FIFO with no writer would block the run forever.
    execFileSync("mkfifo", [join(dir, "b.pipe")]);
    writeFileSync(join(dir, "c.txt"), seedVariant(4));
    const out = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "--max-member-size", "64k", "-o", out, dir, "/dev/zero"]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest.map((m) => [m.member || m.archive, m.status, m.code, m.reason])).toEqual([
      ["a.txt", "ok", "", ""],
      ["b.pipe", "skipped", "member-not-regular", "FIFO (named pipe), not a regular file: it holds no report"],
      ["c.txt", "ok", "", ""],
      ["/dev/zero", "error", "member-too-large", "input with no size (a FIFO or device) ran past the 64 KiB limit (--max-member-size)"],
    ]);
  });
});
