/**
 * The built `zfxxgk bulk` as a user runs it: the real worker pool, real signals, real exit
 * codes. Needs `dist/` (`npm test` builds first); skipped with a notice otherwise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtures, type Fixtures } from "./helpers/fixtures.js";
import { BUILT, outputSnapshot, readCsvObjects, removeTempDirs, spawnCli, tempDir } from "./helpers/run.js";

const title = BUILT ? "zfxxgk bulk (dist/cli.js, spawned)" : "zfxxgk bulk (dist/cli.js, spawned) — SKIPPED: run `npm run build` first";

describe.skipIf(!BUILT)(title, () => {
  let fixtures: Fixtures;
  let reference: string;

  beforeAll(async () => {
    fixtures = await buildFixtures(tempDir(), 60);
    reference = join(tempDir(), "ref");
    const r = await spawnCli(["bulk", "--jobs", "1", "--quiet", "--out", reference, ...fixtures.inputs]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(removeTempDirs);

  it("writes the same bytes with 2 workers as with 1 and with none", async () => {
    for (const jobs of ["2", "0"]) {
      const out = join(tempDir(), "out");
      const r = await spawnCli(["bulk", "--jobs", jobs, "--quiet", "--out", out, ...fixtures.inputs]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe("");
      expect(outputSnapshot(out)).toEqual(outputSnapshot(reference));
      expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).run.jobs).toBe(Number(jobs));
    }
    const manifest = readCsvObjects(join(reference, "manifest.csv"));
    expect(manifest).toHaveLength(fixtures.expected.length);
  });

  it("after kill -9, --resume ends with no duplicate and no missing record", async () => {
    const out = join(tempDir(), "out");
    const killed = await spawnCli(["bulk", "--jobs", "2", "--quiet", "--out", out, ...fixtures.inputs], {
      env: { ZFXXGK_BULK_TEST_KILL_AFTER: "50" },
    });
    expect(killed.signal).toBe("SIGKILL");
    const state = JSON.parse(readFileSync(join(out, ".zfxxgk-bulk-state.json"), "utf8")) as { written: number; complete: boolean };
    // A checkpoint is forced halfway (a slow machine may add a timed one after it).
    expect(state.complete).toBe(false);
    expect(state.written).toBeGreaterThanOrEqual(25);
    expect(state.written).toBeLessThan(50);
    // The killed run wrote past its checkpoint: those records will be cut and redone.
    expect(readFileSync(join(out, "manifest.csv"), "utf8").trimEnd().split("\n").length - 1).toBe(50);

    const resumed = await spawnCli(["bulk", "--jobs", "2", "--resume", "--out", out, ...fixtures.inputs]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(outputSnapshot(out)).toEqual(outputSnapshot(reference));
    const ids = readCsvObjects(join(out, "manifest.csv")).map((m) => m.report_id);
    expect(new Set(ids).size).toBe(fixtures.expected.length);
    const start = resumed.stderr.split("\n").map((l) => JSON.parse(l || "{}") as Record<string, unknown>)[0];
    expect(start).toMatchObject({ event: "start", resumedRecords: state.written });
  });

  it("reports progress as NDJSON on a non-terminal stderr and the summary on stdout", async () => {
    const out = join(tempDir(), "out");
    const r = await spawnCli(["bulk", "--jobs", "2", "--out", out, "-"], { stdin: fixtures.inputs.join("\n") });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stderr.trimEnd().split("\n").map((l) => JSON.parse(l) as { event: string });
    expect(events[0]!.event).toBe("start");
    expect(events.at(-1)).toMatchObject({ event: "done", complete: true });
    expect(events.filter((e) => e.event === "failure")).toHaveLength(fixtures.expected.filter((e) => e.status === "error").length);
    expect(r.stdout).toMatch(/^zfxxgk bulk: \d+ records → /);
    expect(r.stdout).toMatch(/speed +[\d.]+ reports\/s, [\d.]+ MB\/s, [\d.]+ s with 2 workers/);
    expect(outputSnapshot(out)).toEqual(outputSnapshot(reference));
  });

  it("exits 2 with one line on a usage error", async () => {
    const r = await spawnCli(["bulk", "--jobs", "2", "--out", join(tempDir(), "o"), "/nonexistent/input.zip"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("zfxxgk: bulk: cannot read /nonexistent/input.zip: no such file or directory\n");
  });
});
