/**
 * Issue 16: after switching Node versions the SQLite warning was cut short and suggested the
 * wrong fix; `npm rebuild better-sqlite3` is the right one for a module built for another Node.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { sqliteWarning } from "../../src/bulk/writers/outputs.js";
import { BUILT, CLI } from "./helpers/run.js";

const require = createRequire(import.meta.url);

describe("the better-sqlite3 warning", () => {
  it("names npm rebuild and both module versions for an ABI mismatch", () => {
    const error = new Error(
      "The module '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 127. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`).",
    );
    const w = sqliteWarning(error);
    expect(w).toContain("npm rebuild better-sqlite3");
    expect(w).toContain("module version 127, this one needs 115");
    expect(w).not.toContain("reinstall zfxxgk with optional dependencies to get it");
  });

  it("says how to install a missing module, keeping its first line whole", () => {
    const w = sqliteWarning(new Error("Cannot find module 'better-sqlite3'\nRequire stack:\n- /x/dist/cli.js"));
    expect(w).toContain("(Cannot find module 'better-sqlite3')");
    expect(w).toContain("--omit=optional");
  });
});

describe("node:sqlite where better-sqlite3 cannot load", () => {
  it("maps better-sqlite3's pragma() onto a PRAGMA statement, and the rest straight through", async () => {
    const { nodeSqliteConstructor } = await import("../../src/bulk/writers/sqlite.js");
    const calls: string[] = [];
    class Fake {
      constructor(readonly path: string) {
        calls.push(`open ${path}`);
      }
      exec(sql: string) {
        calls.push(`exec ${sql}`);
      }
      prepare(sql: string) {
        calls.push(`prepare ${sql}`);
        return { run: (...p: unknown[]) => calls.push(`run ${JSON.stringify(p)}`) };
      }
      close() {
        calls.push("close");
      }
    }
    const Db = nodeSqliteConstructor(Fake);
    const db = new Db("/tmp/x.sqlite");
    db.pragma("journal_mode = WAL");
    db.prepare("INSERT INTO t VALUES (?, ?)").run(1, "a");
    db.close();
    expect(calls).toEqual(["open /tmp/x.sqlite", "exec PRAGMA journal_mode = WAL", "prepare INSERT INTO t VALUES (?, ?)", 'run [1,"a"]', "close"]);
  });

  // The real case: this checkout's better-sqlite3 is built for the Node that runs the tests,
  // so under Node 22 it cannot load (another module version) and node:sqlite must serve.
  it.skipIf(!BUILT)("writes reports.sqlite under Node 22 with this build's better-sqlite3 unloadable, and no warning", () => {
    const out = join(mkdtempSync(join(tmpdir(), "zfxxgk-node22-")), "out");
    const r = spawnSync("npx", ["-y", "-p", "node@22", "node", CLI, "bulk", "--out", out, resolve("corpus/seed/siyang-xzspj-2021.txt")], { encoding: "utf8", timeout: 180_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).not.toMatch(/reports\.sqlite skipped|ExperimentalWarning/);
    const Database = require("better-sqlite3") as new (path: string) => { prepare(sql: string): { all(): unknown[] }; close(): void };
    const db = new Database(join(out, "reports.sqlite"));
    const rows = db.prepare("SELECT agency, year FROM panel").all();
    db.close();
    expect(rows).toEqual([{ agency: "泗阳县行政审批局", year: 2021 }]);
  }, 200_000);
});
