/**
 * A report the parser lost to an internal failure must be an error record, never an `ok` row
 * of blanks: parseReport catches its own crash and returns a report carrying an
 * `internal-error` diagnostic, which bulk turns into `parse-crashed`. The crash is real here:
 * runChecks (inside parseReport's guard) is made to throw for one report.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { seedVariant } from "./helpers/corpus.js";
import { cli, readCsvObjects, removeTempDirs, tempDir } from "./helpers/run.js";

vi.mock("../../src/checks/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/checks/index.js")>();
  return {
    ...real,
    runChecks: (report: Parameters<typeof real.runChecks>[0]) => {
      if (JSON.stringify(report).includes("CRASH-ME")) throw new Error("checks exploded");
      return real.runChecks(report);
    },
  };
});

afterAll(removeTempDirs);

describe("a report lost to an internal error", () => {
  it("is an error record (parse-crashed), not ok, and has no panel row", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a-good.txt"), seedVariant(1));
    // The agency name is in the report's metadata, which runChecks sees.
    writeFileSync(join(dir, "b-crash.txt"), seedVariant(2).replace(/(城口县|泗阳县|沭阳县)/, "CRASH-ME$1"));
    const out = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", out, dir]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest.map((m) => [m.member, m.status, m.code])).toEqual([
      ["a-good.txt", "ok", ""],
      ["b-crash.txt", "error", "parse-crashed"],
    ]);
    expect(manifest[1]!.reason).toMatch(/^internal-error: internal error while parsing: checks exploded .*\(a bug in zfxxgk\)$/);
    expect(readCsvObjects(join(out, "panel.csv")).map((p) => p.member)).toEqual(["a-good.txt"]);
    const diagnostics = readCsvObjects(join(out, "diagnostics.csv")).filter((d) => d.source === "bulk");
    expect(diagnostics).toMatchObject([{ code: "parse-crashed", severity: "error" }]);
  });
});
