/**
 * The published package as a user gets it: `npm pack` the built repo once, install the
 * tarball into a fresh consumer project, and use it from ESM, from CJS, through the bin and
 * through `zfxxgk/schema.json`; then lint the tarball with publint and attw.
 *
 * Needs `dist/` (`npm test` builds first); skipped with a message when it is missing. Every
 * child process gets an explicit cwd and an argument array: no shell, no path interpolation.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const BUILT = existsSync(join(ROOT, "dist", "index.js"));
const HAS_README = existsSync(join(ROOT, "README.md"));
if (!BUILT) console.warn("skipping the packaging test: dist/ is missing (run `npm run build`, or `npm test`)");

/** What `npm pack --json` reports for one tarball (the fields used here). */
interface PackResult {
  filename: string;
  files: { path: string }[];
}

/**
 * The environment for child processes: this one without the variables that `npm test`
 * injects about this repo (`npm_package_*`, `npm_lifecycle_*`, its local prefix), so a
 * nested `npm` or `node` sees the consumer project only. Registry and cache settings stay.
 * @returns a fresh env object
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^npm_command$|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", NO_COLOR: "1" };
}

/**
 * Runs `command args` in `cwd` without a shell and returns its result; throws with the
 * command's output when it cannot be started or (unless `allowFailure`) exits non-zero.
 * @param command the executable (`process.execPath`, `npm`, a bin path)
 * @param args its arguments, one array element each
 * @param cwd the working directory
 * @param allowFailure return a non-zero exit instead of throwing
 * @returns the spawn result with string stdout and stderr
 */
function run(command: string, args: string[], cwd: string, allowFailure = false): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) exited ${result.status ?? result.signal}\n` +
        `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * Runs a snippet with the consumer project's Node and parses the JSON it prints last.
 * @param cwd the consumer project
 * @param type `module` for ESM (`import`), `commonjs` for CJS (`require`)
 * @param code the snippet; it must `console.log(JSON.stringify(...))` once
 * @returns the parsed value and the stderr of the run
 */
function node(cwd: string, type: "module" | "commonjs", code: string): { value: any; stderr: string } {
  const result = run(process.execPath, [`--input-type=${type}`, "-e", code], cwd);
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return { value: JSON.parse(last), stderr: result.stderr };
}

describe.skipIf(!BUILT)(`the packed ${PKG.name} tarball, installed into a consumer project`, { timeout: 240_000 }, () => {
  let tmp = "";
  let consumer = "";
  let tarball = "";
  let packed: PackResult;

  beforeAll(() => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), "zfxxgk-pack-")));
    // --ignore-scripts: this test checks the dist/ that `npm test` just built, never rebuilds it.
    const pack = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], ROOT);
    const results = JSON.parse(pack.stdout) as PackResult[];
    expect(results).toHaveLength(1);
    packed = results[0]!;
    tarball = join(tmp, packed.filename);

    consumer = join(tmp, "consumer");
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, "package.json"),
      `${JSON.stringify({ name: "zfxxgk-consumer", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], consumer);
  }, 240_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("imports from ESM: parseReport is a function, ReportSchema the schema", () => {
    const { value } = node(
      consumer,
      "module",
      `import { parseReport, ReportSchema, DiagnosticCodes } from "zfxxgk";
       import { fileURLToPath } from "node:url";
       console.log(JSON.stringify({
         parseReport: typeof parseReport,
         title: ReportSchema.title,
         codes: typeof DiagnosticCodes,
         resolved: fileURLToPath(import.meta.resolve("zfxxgk")),
       }));`,
    );
    expect(value).toMatchObject({ parseReport: "function", title: "zfxxgk Report", codes: "object" });
    expect(value.resolved).toBe(join(consumer, "node_modules", "zfxxgk", "dist", "index.js"));
  });

  it("requires from CJS, without an experimental warning", () => {
    const { value, stderr } = node(
      consumer,
      "commonjs",
      `const z = require("zfxxgk");
       console.log(JSON.stringify({
         parseReport: typeof z.parseReport,
         title: z.ReportSchema.title,
         codes: typeof z.DiagnosticCodes,
         resolved: require.resolve("zfxxgk"),
       }));`,
    );
    expect(value).toMatchObject({ parseReport: "function", title: "zfxxgk Report", codes: "object" });
    expect(value.resolved).toBe(join(consumer, "node_modules", "zfxxgk", "dist", "index.cjs"));
    expect(stderr).not.toMatch(/ExperimentalWarning|Error/);
  });

  it("installs the bin, which prints the package version", () => {
    const bin = join(consumer, "node_modules", ".bin", "zfxxgk");
    expect(existsSync(bin), `${bin} is missing`).toBe(true);
    const { stdout } = run(bin, ["--version"], consumer);
    const escaped = PKG.version.replace(/[.+]/g, "\\$&");
    expect(stdout.trim()).toMatch(new RegExp(`^(${PKG.name} )?v?${escaped}$`));
  });

  it("serves zfxxgk/schema.json to require() and to import with { type: 'json' }", () => {
    const cjs = node(
      consumer,
      "commonjs",
      `const s = require("zfxxgk/schema.json");
       console.log(JSON.stringify({ $schema: s.$schema, title: s.title, sections: s.properties.sections }));`,
    ).value;
    const esm = node(
      consumer,
      "module",
      `import s from "zfxxgk/schema.json" with { type: "json" };
       console.log(JSON.stringify({ $schema: s.$schema, title: s.title, sections: s.properties.sections }));`,
    ).value;
    expect(esm).toEqual(cjs);
    expect(cjs).toEqual({
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "zfxxgk Report",
      sections: { type: "array", items: { $ref: "#/definitions/Section" } },
    });
  });

  it("runs bulk from the installed bin (its packages are the consumer's, not bundled)", () => {
    const bin = join(consumer, "node_modules", ".bin", "zfxxgk");
    const out = join(tmp, "bulk-out");
    const r = run(bin, ["bulk", "--out", out, join(ROOT, "corpus", "seed", "siyang-xzspj-2021.txt")], consumer, true);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, "panel.csv"), "utf8").split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("installs without its optional dependencies for a library user: parseReport and the file commands work, bulk says what is missing", () => {
    const lean = join(tmp, "lean");
    mkdirSync(lean);
    writeFileSync(join(lean, "package.json"), `${JSON.stringify({ name: "zfxxgk-lean", version: "0.0.0", private: true, type: "module" }, null, 2)}\n`);
    run("npm", ["install", tarball, "--omit=optional", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], lean);
    for (const p of ["piscina", "warcio", "better-sqlite3", "yauzl"]) expect(existsSync(join(lean, "node_modules", p)), p).toBe(false);
    const { value } = node(lean, "module", `import { parseReport } from "zfxxgk"; console.log(JSON.stringify(parseReport("某某局2021年政府信息公开工作年度报告").template));`);
    expect(value).toBe("unknown");
    const bin = join(lean, "node_modules", ".bin", "zfxxgk");
    const seed = join(ROOT, "corpus", "seed", "siyang-xzspj-2021.txt");
    expect(run(bin, ["summary", seed], lean).stdout).toMatch(/2021/);
    const bulk = run(bin, ["bulk", "--out", join(tmp, "lean-out"), seed], lean, true);
    expect(bulk.status).toBe(2);
    expect(bulk.stderr).toMatch(/bulk needs the package \S+, one of its optional dependencies/);
    // The figures for the README and the note: what a library-only install weighs.
    const size = (dir: string) => Number(run("du", ["-sk", join(dir, "node_modules")], dir).stdout.split("\t")[0]);
    const count = (dir: string) => (JSON.parse(readFileSync(join(dir, "node_modules", ".package-lock.json"), "utf8")) as { packages: object }).packages;
    console.log(`install: full ${Object.keys(count(consumer)).length} packages ${Math.round(size(consumer) / 1024)} MB; --omit=optional ${Object.keys(count(lean)).length} packages ${Math.round(size(lean) / 1024)} MB`);
  });

  it("passes publint --strict with no message at all", async () => {
    const data = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
      level: "suggestion",
    });
    const text = messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
    expect(text).toEqual([]);
  });

  it("passes attw --profile node16", () => {
    const attw = join(ROOT, "node_modules", ".bin", "attw");
    // --no-definitely-typed: never look @types/zfxxgk up in the registry; the package ships its types.
    const result = run(attw, [tarball, "--profile", "node16", "--format", "json", "--no-definitely-typed"], tmp, true);
    // The JSON lists every problem, whatever the profile; node16 ignores only the node10
    // resolutions (which predate `exports`, so `zfxxgk/schema.json` cannot resolve there).
    const report = JSON.parse(result.stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    const problems = report.analysis.problems.filter((p) => p.resolutionKind !== "node10");
    expect(problems, result.stdout).toEqual([]);
    expect(result.status, result.stderr).toBe(0);
  });

  it("packs dist/ and package.json, and no tests/, src/ or corpus/", () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => /^(tests|src|corpus|scripts|bench|grammar|\.ci)\//.test(p))).toEqual([]);
    for (const file of [
      "package.json",
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      "dist/cli.js",
      "dist/schema.json",
    ]) {
      expect(paths).toContain(file);
    }
  });

  // TODO: drop the skipIf once README.md exists (it is written elsewhere, not by this test).
  it.skipIf(!HAS_README)("packs README.md", () => {
    expect(packed.files.map((f) => f.path)).toContain("README.md");
  });
});
