/**
 * Damaged and unusual archives through the whole run: a zip cut in half keeps every member
 * wholly before the cut and records the damage; tar entries that are not regular files each
 * get a manifest row; a report the parser lost to an internal error is an error record.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
