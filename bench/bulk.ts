/**
 * Throughput of `zfxxgk bulk` on one archive of generated reports, with 1 and 2 workers.
 *
 *   npx tsx bench/bulk.ts                  20,000 reports (the figure the issue asks for)
 *   npx tsx bench/bulk.ts --reports 5000   another size
 *   npx tsx bench/bulk.ts --quick          ~500 reports, as in CI
 *   npx tsx bench/bulk.ts --format panel   only some outputs (default: the default outputs, then --full)
 *   npx tsx bench/bulk.ts --keep           keep the archive and outputs (path printed)
 *
 * The archive is mixed, as a scrape is: 40 % HTML pages (generated reports rendered with
 * zfxxgk/testing's HTML renderer, page chrome included) and 60 % text — generated reports
 * as cell lines, row lines and markdown, and the seed report with agency, year and figures
 * changed (tests/bulk/helpers/corpus.ts), 15 % each — deflated into one zip. The built CLI
 * (`dist/cli.js`; built first if missing) runs as a child process, as a user runs it, so
 * peak RSS is the whole process with its worker threads (from its summary.json). Bytes
 * written per report are the output folder's files summed, over the reports. Nothing here
 * asserts on speed: it prints numbers.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { render, reportArbitrary, type RenderForm } from "../src/testing/index.js";
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

/**
 * What report `i` of the archive is, in twenty slots: eight HTML (40 %), then three each of
 * cell lines, row lines, markdown and the seed variant (60 % text). Interleaved, so every
 * shard of the archive holds the same mix.
 */
function kindOf(i: number): RenderForm | "seed" {
  const slot = i % 20;
  if (slot < 8) return "html";
  return (["cell-lines", "row-lines", "markdown", "seed"] as const)[Math.floor((slot - 8) / 3)]!;
}
const EXTENSION: Record<RenderForm | "seed", string> = { html: "html", "cell-lines": "txt", "row-lines": "txt", markdown: "md", seed: "txt" };

let t = performance.now();
const zip = new ZipWriter(archive);
let reportBytes = 0;
const counts: Record<string, number> = {};
// One sample per generated report (two templates alternating): fixed seeds, so every run
// writes the same archive; sampling in batches keeps the models' memory small.
const BATCH = 500;
let models: ReturnType<typeof sampleModels> = [];
function sampleModels(from: number) {
  return fc.sample(reportArbitrary({ template: Math.floor(from / BATCH) % 2 === 0 ? "2021" : "2019" }), {
    seed: 20261204 + from,
    numRuns: BATCH,
  });
}
for (let i = 0; i < reports; i++) {
  if (i % BATCH === 0) models = sampleModels(i);
  const kind = kindOf(i);
  const text = kind === "seed" ? seedVariant(i) : render(models[i % BATCH]!, kind, kind === "html" ? { chrome: true } : {});
  const data = Buffer.from(text, "utf8");
  reportBytes += data.length;
  counts[kind] = (counts[kind] ?? 0) + 1;
  zip.add({ name: `年报/${String(i).padStart(6, "0")}.${EXTENSION[kind]}`, data });
}
zip.close();
console.log(
  `generated ${reports} reports (${(reportBytes / 1e6).toFixed(1)} MB, zip ${(statSync(archive).size / 1e6).toFixed(1)} MB) ` +
    `in ${((performance.now() - t) / 1000).toFixed(1)} s: ` +
    Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(", "),
);
console.log(`node ${process.version}, ${availableParallelism()} cores, outputs: ${format ?? "the default ones, then every one (--full)"}\n`);

interface Result {
  jobs: number;
  seconds: number;
  ok: number;
  reportsPerSecond: number;
  megabytesPerSecond: number;
  peakRssMB: number;
  /** Bytes of every file under the output folder, over the reports read. */
  bytesPerReport: number;
}

/** Total size of the files under `path`, recursively. */
function folderBytes(path: string): number {
  let sum = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) sum += folderBytes(p);
    else if (e.isFile()) sum += statSync(p).size;
  }
  return sum;
}

/** How the outputs are chosen: `--format` as given, the CLI's defaults, or every output. */
type Outputs = "format" | "default" | "full";

function runBulk(jobs: number, outputs: Outputs): Promise<Result> {
  const out = join(dir, `out-${outputs}-${jobs}`);
  const chosen = outputs === "format" ? ["--format", format!] : outputs === "full" ? ["--full"] : [];
  const args = [CLI, "bulk", "--jobs", String(jobs), "--quiet", "--out", out, ...chosen, archive];
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
        bytesPerReport: folderBytes(out) / reports,
      });
    });
  });
}

// The default outputs are what the ≤ 10 KB per report is about; --full writes every output
// (reports.jsonl, cells.csv), the heavy case the reports/s figures were first measured on.
const modes: Outputs[] = format ? ["format"] : ["default", "full"];
const lines: string[] = [];
for (const mode of modes) {
  const results: Result[] = [];
  for (const jobs of [1, 2]) {
    t = performance.now();
    const r = await runBulk(jobs, mode);
    results.push(r);
    console.log(
      `${mode} outputs, --jobs ${jobs}: ${r.ok} reports in ${r.seconds.toFixed(1)} s = ${r.reportsPerSecond.toFixed(0)} reports/s, ` +
        `${r.megabytesPerSecond.toFixed(2)} MB/s, peak RSS ${r.peakRssMB.toFixed(0)} MB, ` +
        `${(r.bytesPerReport / 1024).toFixed(1)} KB written per report`,
    );
  }
  const [one, two] = results as [Result, Result];
  lines.push(`  ${mode === "format" ? `--format ${format}` : mode === "full" ? "every output (--full)" : "default outputs"}:`);
  for (const r of results) {
    lines.push(
      `    ${r.jobs} worker${r.jobs > 1 ? "s" : " "}  ${r.reportsPerSecond.toFixed(0).padStart(6)} reports/s  ` +
        `${(r.bytesPerReport / 1024).toFixed(1).padStart(6)} KB written/report  peak RSS ${r.peakRssMB.toFixed(0).padStart(4)} MB`,
    );
  }
  lines.push(`    speed-up with 2 workers: ${(one.seconds / two.seconds).toFixed(2)}×`);
}
console.log(`\nsummary (${reports} reports, mixed: 40 % HTML, 60 % text; targets: ≥ 600 reports/s with 2 workers, ≥ 1.7× one, ≤ 10 KB written per report by default)`);
for (const l of lines) console.log(l);

if (keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
