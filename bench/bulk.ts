/**
 * Throughput of `zfxxgk bulk` on one archive of generated reports, with 1 and 2 workers.
 *
 *   npx tsx bench/bulk.ts                  20,000 reports (the figure the issue asks for)
 *   npx tsx bench/bulk.ts --reports 5000   another size
 *   npx tsx bench/bulk.ts --quick          ~500 reports, as in CI
 *   npx tsx bench/bulk.ts --format panel   only some outputs (default: all)
 *   npx tsx bench/bulk.ts --keep           keep the archive and outputs (path printed)
 *
 * The reports are the seed report with agency, year and figures changed (see
 * tests/bulk/helpers/corpus.ts), deflated into one zip. The built CLI (`dist/cli.js`; built
 * first if missing) runs as a child process, as a user runs it, so peak RSS is the whole
 * process with its worker threads (from its summary.json). Nothing here asserts on speed:
 * it prints numbers.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedVariant } from "../tests/bulk/helpers/corpus.js";
import { ZipWriter } from "../tests/bulk/helpers/zip.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const quick = process.argv.includes("--quick");
const reports = Number(option("--reports") ?? (quick ? 500 : 20_000));
const format = option("--format");
const keep = process.argv.includes("--keep");
if (!Number.isSafeInteger(reports) || reports < 1) throw new Error("--reports needs a positive whole number");

if (!existsSync(CLI) || !existsSync(join(ROOT, "dist", "bulk-worker.js"))) {
  console.log("building dist/ first …");
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dir = mkdtempSync(join(tmpdir(), "zfxxgk-bench-bulk-"));
const archive = join(dir, "reports.zip");

let t = performance.now();
const zip = new ZipWriter(archive);
let reportBytes = 0;
for (let i = 0; i < reports; i++) {
  const data = Buffer.from(seedVariant(i), "utf8");
  reportBytes += data.length;
  zip.add({ name: `年报/${String(i).padStart(6, "0")}.txt`, data });
}
zip.close();
console.log(
  `generated ${reports} reports (${(reportBytes / 1e6).toFixed(1)} MB of text, zip ${(statSync(archive).size / 1e6).toFixed(1)} MB) ` +
    `in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
console.log(`node ${process.version}, ${availableParallelism()} cores, outputs: ${format ?? "all"}\n`);

interface Result {
  jobs: number;
  seconds: number;
  ok: number;
  reportsPerSecond: number;
  megabytesPerSecond: number;
  peakRssMB: number;
}

function runBulk(jobs: number): Promise<Result> {
  const out = join(dir, `out-${jobs}`);
  const args = [CLI, "bulk", "--jobs", String(jobs), "--quiet", "--out", out, ...(format ? ["--format", format] : []), archive];
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) return fail(new Error(`bulk --jobs ${jobs} exited ${code}\n${stderr}`));
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
        records: { ok: number };
        reportBytes: number;
        run: { peakRssBytes: number };
      };
      done({
        jobs,
        seconds,
        ok: summary.records.ok,
        reportsPerSecond: summary.records.ok / seconds,
        megabytesPerSecond: summary.reportBytes / 1e6 / seconds,
        peakRssMB: summary.run.peakRssBytes / 2 ** 20,
      });
    });
  });
}

const results: Result[] = [];
for (const jobs of [1, 2]) {
  t = performance.now();
  const r = await runBulk(jobs);
  results.push(r);
  console.log(
    `--jobs ${jobs}: ${r.ok} reports in ${r.seconds.toFixed(1)} s = ${r.reportsPerSecond.toFixed(0)} reports/s, ` +
      `${r.megabytesPerSecond.toFixed(2)} MB/s, peak RSS ${r.peakRssMB.toFixed(0)} MB`,
  );
}
const [one, two] = results as [Result, Result];
console.log(`\nspeed-up with 2 workers: ${(one.seconds / two.seconds).toFixed(2)}×`);

if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
