/**
 * The bulk engine's dependencies (worker pool, archive readers, SQLite, progress bar) must
 * never load with the library, nor with the CLI's other commands: they are reachable only
 * through the `bulk` command's dynamic import. Checked on the built files' import graph.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = join(process.cwd(), "dist");
const BULK_DEPS = ["piscina", "yauzl", "tar-stream", "warcio", "better-sqlite3", "cli-progress"];
const built = existsSync(join(DIST, "cli.js")) && existsSync(join(DIST, "index.js"));

/** Static and dynamic import specifiers of a built file. */
function imports(file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(join(DIST, file), "utf8");
  const found = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
  return {
    static: [
      ...found(/\bimport\s+(?:[^'"()]*?\s+from\s+)?["']([^"']+)["']/g),
      ...found(/\bexport\s+[^'"]*?\s+from\s+["']([^"']+)["']/g),
      ...found(/\brequire\(["']([^"']+)["']\)/g),
    ],
    dynamic: found(/\bimport\(["']([^"']+)["']\)/g),
  };
}

/** Every package a file loads at startup: its static imports, followed through local chunks. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of imports(file).static) {
      if (spec.startsWith("./")) visit(spec.slice(2));
      else packages.add(spec);
    }
  };
  visit(entry);
  return packages;
}

describe.skipIf(!built)("bulk dependencies stay out of the library and the other commands", () => {
  for (const entry of ["index.js", "index.cjs", "cli.js"]) {
    it(`${entry} loads none of them at startup`, () => {
      const loaded = staticClosure(entry);
      expect(loaded.size).toBeGreaterThan(0);
      for (const dep of BULK_DEPS) expect(loaded.has(dep), `${entry} loads ${dep}`).toBe(false);
    });
  }

  it("the CLI reaches them through one dynamic import", () => {
    const dynamic = imports("cli.js").dynamic;
    expect(dynamic).toHaveLength(1);
    const loaded = staticClosure(dynamic[0]!.slice(2));
    for (const dep of ["yauzl", "tar-stream", "warcio", "cli-progress"]) expect(loaded.has(dep), dep).toBe(true);
  });
});
