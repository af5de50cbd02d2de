/**
 * The parse benchmark runs in CI in its short mode, so that it keeps working and its figures
 * appear in the CI log. Nothing here asserts on speed — shared machines vary too much for
 * that; the ratio it prints (parseReport / floor, measured in the same run) is the figure
 * tracked by hand. The test only checks that the run finishes and prints that ratio.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
/** Generous: the quick run takes ~15 s alone, and CI runs test files side by side. */
const TIMEOUT_MS = 300_000;

/** Runs `npx tsx bench/parse.ts --quick` and collects its exit code and output. */
function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    const child = spawn(npx, ["tsx", "bench/parse.ts", "--quick"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS - 10_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bench/parse.ts --quick", () => {
  it(
    "exits 0 and prints the parseReport / floor ratio (speed is not asserted)",
    async () => {
      const { code, stdout, stderr } = await runQuickBench();
      // Shown in the CI log: the numbers are the point of running it there.
      console.log(stdout);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/parseReport \/ floor throughput ratio: \d+\.\d+/);
      // Generated reports in every form the issue names, each with its ratio in the summary.
      for (const form of ["cell-lines", "row-lines", "markdown", "html"]) {
        expect(stdout).toMatch(new RegExp(`^  generated ${form} reports +\\d+\\.\\d{3}`, "m"));
      }
      // Issue #13: the unpadded table-heavy sets and the HTML sets, each beside its target.
      for (const form of ["cell-lines", "row-lines", "markdown"]) {
        expect(stdout).toMatch(new RegExp(`^  unpadded ${form} reports +≥0\\.2 +\\d+\\.\\d{3}`, "m"));
      }
      expect(stdout).toMatch(/^  generated html reports +≥0\.7 +\d+\.\d{3}/m);
    },
    TIMEOUT_MS,
  );
});
