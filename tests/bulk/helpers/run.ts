/**
 * Running `zfxxgk bulk` from tests: in-process through the CLI's `run` (fast, `--jobs 0`) or
 * spawned from `dist/cli.js` (the real worker pool, signals, exit codes), plus readers for
 * every output file and temp directories that are always removed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { type RunOverrides, run } from "../../../src/main/run.js";
import { parseCsv } from "../../../src/bulk/csv.js";

/** The built CLI; spawned tests are skipped when it is missing. */
export const CLI = resolve("dist/cli.js");
/** Whether dist/ has the CLI and the worker (npm test builds first). */
export const BUILT = existsSync(CLI) && existsSync(resolve("dist/bulk-worker.js"));

const made: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = "zfxxgk-bulk-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** What a CLI run printed and returned. */
export interface CliResult {
  code: number | null;
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with collected output. */
export async function cli(
  argv: string[],
  options: { stdin?: string; overrides?: RunOverrides; stderrIsTTY?: boolean } = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    {
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      stderrIsTTY: options.stderrIsTTY ?? false,
    },
    options.overrides ?? {},
  );
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Spawns `node dist/cli.js ...args` and collects its output. */
export function spawnCli(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8");
    child.stderr!.setEncoding("utf8");
    child.stdout!.on("data", (c: string) => (stdout += c));
    child.stderr!.on("data", (c: string) => (stderr += c));
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** A CSV output as rows (BOM checked and stripped). */
export function readCsv(path: string): { header: string[]; rows: string[][]; bom: boolean } {
  const text = readFileSync(path, "utf8");
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows, bom: text.startsWith("\uFEFF") };
}

/** A CSV output as objects keyed by column. */
export function readCsvObjects(path: string): Record<string, string>[] {
  const { header, rows } = readCsv(path);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""])));
}

/** reports.jsonl as objects. */
export function readJsonl<T = any>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);
}

/** Every output file's bytes except summary.json's run facts and the state file. */
export function outputSnapshot(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const name of ["reports.jsonl", "panel.csv", "codebook.csv", "cells.csv", "checks.csv", "diagnostics.csv", "manifest.csv"]) {
    const path = join(dir, name);
    if (existsSync(path)) snapshot[name] = readFileSync(path, "utf8");
  }
  const summaryPath = join(dir, "summary.json");
  if (existsSync(summaryPath)) {
    const { run: _run, ...summary } = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, unknown>;
    snapshot["summary.json"] = JSON.stringify(summary);
  }
  return snapshot;
}
