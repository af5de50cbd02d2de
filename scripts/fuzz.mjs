#!/usr/bin/env node
/**
 * `npm run fuzz`: the property tests of tests/properties with many more runs than CI gives
 * them (minutes instead of seconds), then a summary of every counterexample with the seed,
 * the path and the exact command that replays it.
 *
 *   npm run fuzz                          FC_RUNS=1000 for every property (~5 min on 2 cores)
 *   npm run fuzz -- --runs 5000           more runs per property
 *   npm run fuzz -- --seconds 120         stop each property after 120 s, however many runs that is
 *   npm run fuzz -- --seed 42             a fixed seed (default: a new random seed per property)
 *   npm run fuzz -- roundtrip misalign    only test files whose path contains these words
 *
 * A counterexample found here becomes a regular test in tests/properties/regressions.test.ts
 * (`it.fails` with a `// BUG:` line until the parser is fixed).
 *
 * Runs vitest from node_modules without a shell; exits with vitest's status.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Parses `--runs N`, `--seconds S`, `--seed S` and free words (file filters). */
function parseArgs(argv) {
  const options = { runs: 1000, seconds: null, seed: null, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || !/^-?\d+$/.test(v)) throw new Error(`${arg} needs an integer`);
      return Number(v);
    };
    if (arg === "--runs") options.runs = value();
    else if (arg === "--seconds") options.seconds = value();
    else if (arg === "--seed") options.seed = value();
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run fuzz -- [--runs N] [--seconds S] [--seed S] [file filter…]");
      process.exit(0);
    } else options.filters.push(arg);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
if (!existsSync(vitest)) {
  console.error("fuzz: vitest is not installed (run npm install)");
  process.exit(2);
}

const env = { ...process.env, FC_RUNS: String(options.runs) };
if (options.seconds !== null) env.FC_TIME_LIMIT = String(options.seconds * 1000);
if (options.seed !== null) env.FC_SEED = String(options.seed);
const files = options.filters.length > 0 ? options.filters.map((f) => `tests/properties/${f}`) : ["tests/properties"];
const args = [vitest, "run", ...files, "--testTimeout", "0", "--hookTimeout", "0"];

console.log(
  `fuzz: FC_RUNS=${env.FC_RUNS}${env.FC_TIME_LIMIT ? ` FC_TIME_LIMIT=${env.FC_TIME_LIMIT}` : ""}${env.FC_SEED ? ` FC_SEED=${env.FC_SEED}` : ""} vitest run ${files.join(" ")}`,
);
const started = Date.now();
const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });

/** Every `replay:` line the properties print (support.ts `check()`), in order, without duplicates. */
const replays = new Set();
const scan = (chunk, out) => {
  out.write(chunk);
  for (const line of chunk.toString("utf8").split("\n")) {
    // eslint-disable-next-line no-control-regex
    const clean = line.replace(/\u001b\[[0-9;]*m/g, "");
    const m = /replay: (FC_SEED=.*)$/.exec(clean);
    if (m) replays.add(m[1].trim());
  }
};
child.stdout.on("data", (c) => scan(c, process.stdout));
child.stderr.on("data", (c) => scan(c, process.stderr));
child.on("close", (code) => {
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`\nfuzz: finished in ${minutes} min with FC_RUNS=${env.FC_RUNS}`);
  if (replays.size === 0) console.log("fuzz: no counterexample");
  else {
    console.log(`fuzz: ${replays.size} counterexample(s); replay each with:`);
    for (const r of replays) console.log(`  ${r}`);
  }
  process.exit(code ?? 1);
});
