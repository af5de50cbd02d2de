/**
 * The registry (src/diagnostics/codes.ts) is the truth for every diagnostic's severity: no
 * module copies a registered kind with another severity or changes it after the fact.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiagnosticCodes } from "../../src/diagnostics/codes.js";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("diagnostic severities", () => {
  it("are never overridden at a call site", () => {
    const overrides: string[] = [];
    // The stages that emit diagnostics (bulk, cli, main and testing only read them).
    for (const file of sourceFiles(SRC).filter((f) => !/[\\/](bulk|cli|main|testing)[\\/]/.test(f))) {
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/\.\.\.DiagnosticCodes\.\w+|\bseverity\s*=[^=>]/g)) {
        overrides.push(`${relative(SRC, file)}: ${m[0]}`);
      }
    }
    expect(overrides).toEqual([]);
  });

  it("are registered once per code: no two registry entries share a code", () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const [name, kind] of Object.entries(DiagnosticCodes)) {
      const other = seen.get(kind.code);
      if (other !== undefined) shared.push(`${kind.code}: ${other}, ${name}`);
      seen.set(kind.code, name);
    }
    expect(shared).toEqual([]);
  });

});
