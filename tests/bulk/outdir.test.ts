/**
 * The output folder: one run at a time (a real lock, checked with two real processes), never
 * written over without --resume or --force, and usage errors (exit 2) for an --out that is a
 * file or one of the inputs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_NAME, LOCK_OWNER_NAME, LockedError, lockOutDir } from "../../src/bulk/lock.js";
import { seedVariant } from "./helpers/corpus.js";
import { BUILT, CLI, cli, readCsvObjects, readJsonl, removeTempDirs, tempDir } from "./helpers/run.js";

afterAll(removeTempDirs);

/** A folder of `n` reports. */
function reportFolder(n: number, offset = 0): string {
  const dir = join(tempDir(), "reports");
  mkdirSync(dir);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `r${i}.txt`), seedVariant(offset + i));
  return dir;
}

let a: string;
let b: string;
beforeAll(() => {
  a = reportFolder(3);
  b = reportFolder(2, 50);
});

const bulk = (...args: string[]) => cli(["bulk", "-j", "0", "-q", ...args]);

describe("a non-empty --out is never written over silently", () => {
  it("a second fresh run into a finished run's folder refuses (exit 2) and leaves it as it was", async () => {
    const out = join(tempDir(), "out");
    expect((await bulk("-o", out, a)).code).toBe(0);
    const manifest = readFileSync(join(out, "manifest.csv"), "utf8");
    const r = await bulk("-o", out, b);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zfxxgk: bulk: --out .* holds the outputs of an earlier run; add --resume .*--force/);
    expect(readFileSync(join(out, "manifest.csv"), "utf8")).toBe(manifest);
    // With --force it starts over: only the second run's records remain.
    const forced = await bulk("--force", "-o", out, b);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readCsvObjects(join(out, "manifest.csv")).map((m) => m.archive)).toEqual([b, b]);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).records.total).toBe(2);
  });

  it("a folder holding other files is refused, and --force writes beside them", async () => {
    const out = tempDir();
    writeFileSync(join(out, "thesis.tex"), "mine");
    const r = await bulk("-o", out, a);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .* is not empty \(thesis\.tex\) and holds no zfxxgk bulk run/);
    expect(readdirSync(out)).toEqual(["thesis.tex"]);
    expect((await bulk("--force", "-o", out, a)).code).toBe(0);
    expect(readFileSync(join(out, "thesis.tex"), "utf8")).toBe("mine");
  });

  it("--resume into a non-empty folder with no run in it is refused too", async () => {
    const out = tempDir();
    writeFileSync(join(out, "panel.csv"), "someone else's panel\n");
    const r = await bulk("--resume", "-o", out, a);
    expect(r.code).toBe(2);
    expect(readFileSync(join(out, "panel.csv"), "utf8")).toBe("someone else's panel\n");
  });

  it("--resume of a finished run with the same inputs is still allowed (nothing to do)", async () => {
    const out = join(tempDir(), "out");
    expect((await bulk("-o", out, a)).code).toBe(0);
    const r = await bulk("--resume", "-o", out, a);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("usage errors about --out (exit 2, not an internal error)", () => {
  it("--out naming an existing file", async () => {
    const file = join(tempDir(), "out.csv");
    writeFileSync(file, "keep");
    const r = await bulk("-o", file, a);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zfxxgk: bulk: --out ${file} exists and is not a folder; give a new or existing folder\n`);
    expect(readFileSync(file, "utf8")).toBe("keep");
  });

  it("--out equal to an input folder, on the command line or listed on stdin", async () => {
    const r = await cli(["bulk", "-j", "0", "-q", "--force", "-o", a, a]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zfxxgk: bulk: the input folder ${a} is the --out folder; write the outputs somewhere else\n`);
    const s = await cli(["bulk", "-j", "0", "-q", "--force", "-o", a, "-"], { stdin: `${a}\n` });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/is the --out folder/);
    expect(readdirSync(a).sort()).toEqual(["r0.txt", "r1.txt", "r2.txt"]);
  });

  it("a refused run leaves no --out folder behind when it made it", async () => {
    const fresh = join(tempDir(), "fresh");
    const s = await cli(["bulk", "-j", "0", "-q", "-o", fresh, "-"], { stdin: `${fresh}\n` });
    expect(s.code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe("the lock on --out", () => {
  const lockAs = (out: string, owner: { pid: number; host: string }, ageSeconds = 0) => {
    mkdirSync(join(out, LOCK_NAME), { recursive: true });
    writeFileSync(join(out, LOCK_OWNER_NAME), JSON.stringify({ ...owner, started: "2026-01-01T00:00:00Z" }));
    const when = Date.now() / 1000 - ageSeconds;
    utimesSync(join(out, LOCK_NAME), when, when);
  };

  it("a fresh lock of a live run on another host refuses the run; a stale one (not refreshed for minutes) is taken over", async () => {
    const out = tempDir();
    lockAs(out, { pid: 12345, host: "elsewhere.example" });
    const r = await bulk("-o", out, a);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is in use by another zfxxgk bulk run \(pid 12345 on elsewhere\.example, since 2026-01-01T00:00:00Z\)/);
    lockAs(out, { pid: 12345, host: "elsewhere.example" }, 600);
    const s = await bulk("-o", out, a);
    expect(s.code, s.stderr).toBe(0);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
    expect(existsSync(join(out, LOCK_OWNER_NAME))).toBe(false);
  });

  it("a lock whose holder on this host is dead (kill -9) is taken over at once", async () => {
    const out = tempDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on("close", resolve));
    lockAs(out, { pid, host: hostname() });
    const r = await bulk("-o", out, a);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("a dead holder's lock, judged dead by two takers at once", () => {
  it("the taker that judged first but acts second finds the lock taken and refuses (it never deletes the winner's lock)", async () => {
    const out = tempDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("close", resolve));
    mkdirSync(join(out, LOCK_NAME), { recursive: true });
    writeFileSync(join(out, LOCK_OWNER_NAME), JSON.stringify({ pid: dead.pid, host: hostname(), started: "2026-01-01T00:00:00Z" }));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let judged = 0;
    const seams = { judgedDead: async () => void (++judged === 1 && (await gate)) };
    const first = lockOutDir(out, seams);
    await until(() => judged === 1);
    const second = await lockOutDir(out, seams);
    open();
    await expect(first).rejects.toBeInstanceOf(LockedError);
    expect(second.compromised).toBeNull();
    expect(JSON.parse(readFileSync(join(out, LOCK_OWNER_NAME), "utf8")).pid).toBe(process.pid);
    await second.release();
  });
});

describe.skipIf(!BUILT)("a dead holder's lock, taken over by several runs started together", () => {
  it("exactly one takes it; the others refuse with exit 2 (none deletes the lock the winner just took)", async () => {
    for (let round = 0; round < 1; round++) {
      const out = tempDir();
      const dead = spawn(process.execPath, ["-e", ""]);
      const pid = dead.pid!;
      await new Promise((resolve) => dead.on("close", resolve));
      mkdirSync(join(out, LOCK_NAME), { recursive: true });
      writeFileSync(join(out, LOCK_OWNER_NAME), JSON.stringify({ pid, host: hostname(), started: "2026-01-01T00:00:00Z" }));
      // Each run holds the folder until its stdin ends, so none can finish before the others try.
      const runs = Array.from({ length: 4 }, () => spawnHeld(["bulk", "-j", "0", "-q", "--force", "-o", out, "-"]));
      await until(() => existsSync(join(out, LOCK_OWNER_NAME)) && JSON.parse(readFileSync(join(out, LOCK_OWNER_NAME), "utf8")).pid !== pid);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const r of runs) r.child.stdin!.end(`${join(a, "r0.txt")}\n`);
      const done = await Promise.all(runs.map((r) => r.done));
      const codes = done.map((d) => d.code).sort();
      expect(codes, done.map((d) => d.stderr).join("\n")).toEqual([0, 2, 2, 2]);
      for (const d of done) if (d.code === 2) expect(d.stderr).toMatch(/is in use by another zfxxgk bulk run/);
    }
  }, 120_000);
});

/** Spawns the CLI with stdin left open, so the run holds its lock until stdin is ended. */
function spawnHeld(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  child.stdout!.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { child, done };
}

async function until(test: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!BUILT)("two real processes on one --out (dist/cli.js)", () => {
  it("the second refuses with exit 2 while the first holds the folder; the first's outputs are whole", async () => {
    const out = join(tempDir(), "out");
    const first = spawnHeld(["bulk", "--jobs", "1", "--quiet", "--full", "--out", out, "-"]);
    first.child.stdin!.write(`${a}\n`);
    await until(() => existsSync(join(out, LOCK_OWNER_NAME)));
    const owner = JSON.parse(readFileSync(join(out, LOCK_OWNER_NAME), "utf8")) as { pid: number };
    expect(owner.pid).toBe(first.child.pid);

    const second = spawnHeld(["bulk", "--jobs", "1", "--quiet", "--force", "--out", out, b]);
    second.child.stdin!.end();
    const refused = await second.done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^zfxxgk: bulk: ${out} is in use by another zfxxgk bulk run \\(pid ${first.child.pid} on `));

    first.child.stdin!.end();
    const finished = await first.done;
    expect(finished.code, finished.stderr).toBe(0);
    // Only the first run's records, and every output agreeing on them.
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest.map((m) => m.archive)).toEqual([a, a, a]);
    expect(readJsonl(join(out, "reports.jsonl"))).toHaveLength(3);
    expect(readCsvObjects(join(out, "panel.csv"))).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).records.total).toBe(3);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);

    // Once the first is done, the folder is free: the second may now write over it.
    const again = spawnHeld(["bulk", "--jobs", "1", "--quiet", "--force", "--out", out, b]);
    again.child.stdin!.end();
    expect((await again.done).code).toBe(0);
  }, 60_000);

  it("a run whose lock was taken over (its mtime is not the one it wrote) stops with exit 2 and never claims to be complete", async () => {
    const out = join(tempDir(), "out");
    const run = spawnHeld(["bulk", "--jobs", "1", "--quiet", "--out", out, "-"]);
    run.child.stdin!.write(`${a}\n`);
    await until(() => existsSync(join(out, LOCK_OWNER_NAME)));
    // What a second host does when it judges the lock stale and takes it: the holder sees a
    // foreign mtime at its next refresh (every 5 s).
    const when = Date.now() / 1000 + 3600;
    utimesSync(join(out, LOCK_NAME), when, when);
    await new Promise((resolve) => setTimeout(resolve, 6500));
    run.child.stdin!.end();
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zfxxgk: bulk: lost the lock on --out .*; another run may have written there, so the outputs are incomplete/);
    expect(existsSync(join(out, "summary.json"))).toBe(false);
  }, 60_000);
});
