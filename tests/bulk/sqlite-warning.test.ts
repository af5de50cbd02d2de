/**
 * Issue 16: after switching Node versions the SQLite warning was cut short and suggested the
 * wrong fix; `npm rebuild better-sqlite3` is the right one for a module built for another Node.
 */
import { describe, expect, it } from "vitest";
import { sqliteWarning } from "../../src/bulk/writers/outputs.js";

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
