/**
 * End-to-end: the built executable, as a user or a shell script runs it. `npm test` builds
 * first; when dist/cli.js is absent (e.g. running vitest directly) these are skipped.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve("dist/cli.js");
const SEED = "corpus/seed/siyang-xzspj-2021.txt";
const built = existsSync(CLI);
const title = built
  ? "dist/cli.js (spawned)"
  : "dist/cli.js (spawned) — SKIPPED: dist/cli.js not found, run `npx tsup` or `npm test` to build it";

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exec(args: string[], options: { closeStdoutAfterFirstChunk?: boolean } = {}): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!built)(title, () => {
  it("--version prints the package.json version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const r = await exec(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("starts with a shebang so npm can link it as a bin", () => {
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("exits 2 on a usage error without a stack trace", async () => {
    const r = await exec(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("zfxxgk: unknown command 'frobnicate'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // Waits on src/parse-report.ts.
  it("parse on the seed prints one JSON line (waits on the real parseReport)", async () => {
    const r = await exec(["parse", SEED]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? "") as { template: string; meta: { year: number } };
    expect(report.template).toBe("2021");
    expect(report.meta.year).toBe(2021);
  });

  // Waits on src/parse-report.ts.
  it("stays quiet when the reader closes the pipe early (waits on the real parseReport)", async () => {
    const r = await exec(["parse", ...Array.from({ length: 200 }, () => SEED)], { closeStdoutAfterFirstChunk: true });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
