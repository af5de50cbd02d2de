/**
 * fast-check is an optional peer: the main entry `zfxxgk` must never load it, in ESM or
 * CJS; only `zfxxgk/testing` does. Checked on the built files (`npm run build` first; the
 * tests are skipped with a message when dist/ is missing), both by reading them and by
 * loading them in a child Node whose resolver refuses fast-check.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const BUILT = existsSync(join(DIST, "index.js")) && existsSync(join(DIST, "testing.js"));
if (!BUILT) console.warn("skipping the entry-point tests: dist/ is missing or stale (run `npm run build`)");

/** Runs a snippet in a child Node (cwd = repo, so `zfxxgk` resolves to this package) and returns its result. */
function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
}

/** An ESM resolve hook that throws on fast-check, registered before anything is imported. */
const BLOCK_ESM = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(specifier, context, next) { if (specifier === "fast-check" || specifier.startsWith("fast-check/")) throw new Error("fast-check was loaded"); return next(specifier, context); }`,
)}`;

/** A CJS guard that throws on require("fast-check"). */
const BLOCK_CJS = `const M = require("node:module"); const r = M._resolveFilename; M._resolveFilename = function (req, ...rest) { if (req === "fast-check" || req.startsWith("fast-check/")) throw new Error("fast-check was loaded"); return r.call(this, req, ...rest); };`;

describe.skipIf(!BUILT)("fast-check stays out of the main entry", { timeout: 60_000 }, () => {
  it("dist/index.js and dist/index.cjs (and every chunk they import) never mention fast-check", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const text = readFileSync(join(DIST, file), "utf8");
      expect(text, file).not.toMatch(/fast-check/);
      for (const [, chunk] of text.matchAll(/from\s+["']\.\/([^"']+)["']|require\(["']\.\/([^"']+)["']\)/g)) {
        if (chunk) expect(readFileSync(join(DIST, chunk), "utf8"), chunk).not.toMatch(/fast-check/);
      }
    }
  });

  it("dist/testing.js imports fast-check and does not bundle it", () => {
    for (const file of ["testing.js", "testing.cjs"]) {
      const text = readFileSync(join(DIST, file), "utf8");
      expect(text, file).toMatch(/from ["']fast-check["']|require\(["']fast-check["']\)/);
      expect(text, file).not.toMatch(/function\s+integer\s*\(/); // no copy of fast-check's source
    }
  });

  it("importing zfxxgk (ESM) works when fast-check cannot be resolved", () => {
    const code = `import { register } from "node:module"; register(${JSON.stringify(BLOCK_ESM)}); const z = await import("zfxxgk"); console.log(typeof z.parseReport);`;
    const r = node(["--input-type=module", "-e", code]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("function");
  });

  it("requiring zfxxgk (CJS) works when fast-check cannot be resolved", () => {
    const r = node(["-e", `${BLOCK_CJS} console.log(typeof require("zfxxgk").parseReport);`]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("function");
  });

  it("zfxxgk/testing does load fast-check (so the guard above is real)", () => {
    const r = node(["-e", `${BLOCK_CJS} require("zfxxgk/testing");`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/fast-check was loaded/);
  });

  it("zfxxgk/testing works from ESM and CJS, with types for both", () => {
    const esm = node(["--input-type=module", "-e", `import * as t from "zfxxgk/testing"; console.log(typeof t.reportArbitrary, typeof t.renderCellLines);`]);
    expect(esm.stdout.trim()).toBe("function function");
    const cjs = node(["-e", `const t = require("zfxxgk/testing"); console.log(typeof t.encodeGbk, typeof t.renderHtml);`]);
    expect(cjs.stdout.trim()).toBe("function function");
    for (const file of ["testing.d.ts", "testing.d.cts"]) expect(existsSync(join(DIST, file)), file).toBe(true);
  });
});
