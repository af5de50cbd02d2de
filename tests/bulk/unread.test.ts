/**
 * Never silent in the panel: a report whose tables could not be read must not pass for a
 * report of zeros. The manifest names it (`tables-unread` / `tables-partial`) and the panel
 * row says `read_status`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, readCsvObjects, removeTempDirs, tempDir } from "./helpers/run.js";

const SEED = readFileSync("corpus/seed/siyang-xzspj-2021.txt", "utf8");

afterAll(removeTempDirs);

describe("bulk: unread and partly read reports", () => {
  it("marks each report read, partial or unread in the manifest and the panel", async () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    writeFileSync(join(inputs, "full.txt"), SEED);
    // Cut inside 三: 二 is read, 三 in part, 四 not at all.
    writeFileSync(join(inputs, "cut.txt"), SEED.slice(0, SEED.indexOf("四、政府信息公开行政复议")));
    // Names itself a report, but its tables are prose no reader can place.
    writeFileSync(join(inputs, "prose.txt"), "示例县财政局2022年度政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息30条，收到申请5件。\n");
    const out = join(dir, "out");
    // full.txt and cut.txt are one agency-year: both rows are wanted here, so keep duplicates.
    const result = await cli(["bulk", "--keep-duplicates", "--out", out, inputs]);
    expect(result.code).toBe(0);
    const manifest = new Map(readCsvObjects(join(out, "manifest.csv")).map((m) => [m.member, m]));
    const panel = new Map(readCsvObjects(join(out, "panel.csv")).map((p) => [p.member, p]));
    expect(panel.get("full.txt")?.read_status).toBe("read");
    expect(manifest.get("full.txt")?.code).toBe("");
    expect(panel.get("cut.txt")?.read_status).toBe("partial");
    expect(manifest.get("cut.txt")?.code).toBe("tables-partial");
    expect(manifest.get("cut.txt")?.reason).toContain("reviewsAndLawsuits");
    expect(panel.get("prose.txt")?.read_status).toBe("unread");
    expect(manifest.get("prose.txt")?.code).toBe("tables-unread");
    expect(Number(panel.get("prose.txt")?.n_errors)).toBeGreaterThanOrEqual(3);
  });
});

describe("CSV cells a spreadsheet would run", () => {
  it("neutralises = + - @ tab CR at the start of text cells, not signed numbers", async () => {
    const { csvField } = await import("../../src/bulk/csv.js");
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("@SUM(1+1).txt")).toBe("'@SUM(1+1).txt");
    expect(csvField("+1+2")).toBe("'+1+2");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("-8")).toBe("-8");
    expect(csvField("+2")).toBe("+2");
    expect(csvField("规章")).toBe("规章");
  });

  it("a member named like a formula reaches panel.csv as text", async () => {
    const dir = tempDir();
    const inputs = join(dir, "in");
    mkdirSync(inputs);
    writeFileSync(join(inputs, "=1+1.txt"), SEED);
    const out = join(dir, "out");
    expect((await cli(["bulk", "--out", out, inputs])).code).toBe(0);
    const raw = readFileSync(join(out, "panel.csv"), "utf8");
    expect(raw).toContain("'=1+1.txt");
  });
});
