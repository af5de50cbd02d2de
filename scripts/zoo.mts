/**
 * `npm run zoo [-- --pages N]`: runs the zoo's pages (N generated + the real corpus page)
 * through every real tool of tests/tools/runners.ts, parses each output and prints the
 * per-tool table (pages, fields checked, right, flagged-wrong, unflagged-wrong, silent) for
 * issue 12's closing note. Tools missing on this machine are listed, not fatal.
 */
import { RUNNERS, closeRunners } from "../tests/tools/runners.js";
import { formatTable } from "../tests/tools/score.js";
import { DEFAULT_PAGES, SOURCE_RUNNER, measure, zooPages } from "../tests/tools/zoo.js";

const at = process.argv.indexOf("--pages");
const count = at >= 0 ? Number(process.argv[at + 1]) : DEFAULT_PAGES;
if (!Number.isInteger(count) || count < 0) {
  console.error("usage: npx tsx scripts/zoo.mts [--pages N]");
  process.exit(2);
}
const verbose = process.argv.includes("--verbose");

const pages = zooPages(count);
const rows = [];
const missing: string[] = [];
const t0 = performance.now();
try {
  for (const runner of [SOURCE_RUNNER, ...RUNNERS]) {
    if (!(await runner.available())) {
      missing.push(runner.tool);
      continue;
    }
    const result = await measure(runner, pages);
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
