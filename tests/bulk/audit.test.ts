/**
 * Issue 15: `zfxxgk bulk --audit DIR` writes one audit page per report with an error
 * diagnostic or a failing check — and none for a clean report — and summary.json links them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brokenReport } from "../audit/support.js";
import { cli, readCsvObjects, removeTempDirs, tempDir } from "./helpers/run.js";

afterAll(removeTempDirs);

describe("bulk --audit", () => {
  it("pages for the flagged reports only, listed in summary.json", async () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    writeFileSync(join(inputs, "seed.txt"), readFileSync("corpus/seed/siyang-xzspj-2021.txt"));
    writeFileSync(join(inputs, "broken.txt"), brokenReport().text);
    const audit = join(dir, "audit");
    const result = await cli(["bulk", "--jobs", "0", "--quiet", "--out", join(dir, "out"), "--audit", audit, inputs]);
    expect(result.code, result.stderr).toBe(0);
    const panel = readCsvObjects(join(dir, "out", "panel.csv"));
    const broken = panel.find((r) => r.member === "broken.txt")!;
    const seed = panel.find((r) => r.member === "seed.txt")!;
    expect(readdirSync(audit)).toEqual([`${broken.report_id}.audit.html`]);
    expect(existsSync(join(audit, `${seed.report_id}.audit.html`))).toBe(false);
    const summary = JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8"));
    expect(summary.audit).toMatchObject({ dir: audit, pages: 1, first: [{ id: broken.report_id, member: "broken.txt", page: `${broken.report_id}.audit.html` }] });
    expect(readFileSync(join(audit, `${broken.report_id}.audit.html`), "utf8")).toContain("requests.rowTotal.newReceived");
  });
});
