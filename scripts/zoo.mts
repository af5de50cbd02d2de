/**
 * `npm run zoo [-- --pages N] [--seed N] [--tool a,b] [--dump DIR] [--verbose]`: runs the zoo's pages (N generated + the real corpus page)
 * through every real tool of tests/tools/runners.ts, parses each output and prints the
 * per-tool table (pages, fields checked, right, flagged-wrong, unflagged-wrong, silent) for
 * issue 12's closing note. Tools missing on this machine are listed, not fatal. `--dump DIR`
 * writes every tool's output (`DIR/<tool>/<page>.txt`) for reading what a reader missed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RUNNERS, closeRunners } from "../tests/tools/runners.js";
import { formatTable } from "../tests/tools/score.js";
import { DEFAULT_PAGES, SOURCE_RUNNER, measure, zooPages } from "../tests/tools/zoo.js";

const at = process.argv.indexOf("--pages");
const count = at >= 0 ? Number(process.argv[at + 1]) : DEFAULT_PAGES;
/** The value after `flag`, if the flag is given. */
function option(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const seed = option("--seed") === undefined ? undefined : Number(option("--seed"));
const tools = option("--tool")?.split(",");
const dump = option("--dump");
if (!Number.isInteger(count) || count < 0 || (seed !== undefined && !Number.isInteger(seed))) {
  console.error("usage: npx tsx scripts/zoo.mts [--pages N] [--seed N] [--tool a,b] [--dump DIR] [--verbose]");
  process.exit(2);
}
const verbose = process.argv.includes("--verbose");

const pages = zooPages(count, seed);
const rows = [];
const missing: string[] = [];
const t0 = performance.now();
try {
  for (const runner of [SOURCE_RUNNER, ...RUNNERS]) {
    if (tools && !tools.includes(runner.tool)) continue;
    if (!(await runner.available())) {
      missing.push(runner.tool);
      continue;
    }
    const result = await measure(runner, pages);
    if (dump) {
      mkdirSync(join(dump, runner.tool), { recursive: true });
      for (const { page, text } of result.pages) writeFileSync(join(dump, runner.tool, `${page}.txt`), text);
    }
    rows.push(result.totals);
    if (verbose) {
      for (const { page, score } of result.pages) {
        const bad = score.fields.filter((f) => f.verdict === "unflagged");
        if (bad.length > 0 || score.silent) {
          console.log(`${runner.tool} ${page}: ${bad.length} unflagged${score.silent ? ", SILENT" : ""}: ${bad.slice(0, 5).map((f) => `${f.path} got ${f.got} want ${f.want}`).join("; ")}`);
        }
      }
    }
  }
} finally {
  await closeRunners();
}
console.log(`${pages.length} pages (${count} generated + shuyang-fgj-2023.partial), ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
console.log(formatTable(rows));
if (missing.length > 0) console.log(`\nnot available here (skipped): ${missing.join(", ")}`);
