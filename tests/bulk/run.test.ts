/**
 * `zfxxgk bulk` in-process (`--jobs 0`) on the fixture set: every output file checked against
 * the inputs (each report against parseReport of the member's own bytes), then formats,
 * SQLite's absence, shards, interruption and resume, and usage errors.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvLine, parseCsv } from "../../src/bulk/csv.js";
import { CODEBOOK_HEADER, codebookRows, COLUMN_BY_PATH, NUMERIC_COLUMNS, PANEL_HEADER, valueAt } from "../../src/bulk/panel.js";
import { CELLS_HEADER, CHECKS_HEADER, DIAGNOSTICS_HEADER, MANIFEST_HEADER } from "../../src/bulk/render.js";
import type { Report } from "../../src/model/types.js";
import { parseReport } from "../../src/parse-report.js";
import { buildFixtures, type ExpectedRecord, type Fixtures } from "./helpers/fixtures.js";
import { cli, outputSnapshot, readCsv, readCsvObjects, readJsonl, removeTempDirs, tempDir } from "./helpers/run.js";

afterAll(removeTempDirs);

let fixtures: Fixtures;
let out: string;
let stdout: string;
let stderr: string;
let sqliteAvailable = false;

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const ok = () => fixtures.expected.filter((e) => e.status === "ok");
const csvValue = (v: unknown) => (v === null || v === undefined ? "" : String(v));

beforeAll(async () => {
  fixtures = await buildFixtures(tempDir());
  out = join(tempDir(), "out");
  try {
    await import("better-sqlite3").then((m) => new (m.default as unknown as new (p: string) => { close(): void })(":memory:").close());
    sqliteAvailable = true;
  } catch {
    sqliteAvailable = false;
  }
  const r = await cli(["bulk", "--jobs", "0", "--quiet", "--full", "--out", out, ...fixtures.inputs]);
  expect(r.code, r.stderr).toBe(0);
  stdout = r.stdout;
  stderr = r.stderr;
});

describe("a full run over every kind of input", () => {
  it("is quiet with --quiet (warnings aside) and writes every output file", () => {
    expect(stdout).toBe("");
    if (sqliteAvailable) expect(stderr).toBe("");
    const files = readdirSync(out).filter((f) => !f.startsWith("."));
    const expected = ["cells.csv", "checks.csv", "codebook.csv", "diagnostics.csv", "duplicates.csv", "links.csv", "manifest.csv", "panel.csv", "reports.jsonl", "summary.json"];
    if (sqliteAvailable) expected.push("reports.sqlite");
    expect(files.sort()).toEqual(expected.sort());
  });

  it("manifest.csv: one row per member, in input order, with status, code and origin", () => {
    const { header, rows, bom } = readCsv(join(out, "manifest.csv"));
    expect(bom).toBe(true);
    expect(header).toEqual([...MANIFEST_HEADER]);
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    expect(manifest.map((m) => [m.archive, m.member, m.status, m.code])).toEqual(
      fixtures.expected.map((e) => [e.archive, e.member ?? "", e.status, e.code ?? ""]),
    );
    expect(rows.length).toBe(fixtures.expected.length);
    const seqs = manifest.map((m) => Number(m.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(manifest.map((m) => m.report_id)).size).toBe(manifest.length);
    for (const [i, e] of fixtures.expected.entries()) {
      const m = manifest[i]!;
      expect(m.report_id).toMatch(/^[0-9a-f]{16}$/);
      if (e.bytes) {
        expect(m.sha256).toBe(sha256(e.bytes));
        expect(Number(m.bytes)).toBe(e.bytes.length);
      }
      if (e.status !== "ok") expect(m.reason, `${e.member}`).not.toBe("");
    }
    const warc = manifest.find((m) => m.member === "http://gov.example/2022/report.html")!;
    expect(warc).toMatchObject({ kind: "warc", warc_record_id: "<urn:uuid:00000000-0000-4000-8000-000000000002>", http_status: "200" });
    expect(warc.content_type).toMatch(/^text\/html/);
  });

  it("reports.jsonl: each ok member's Report, exactly as parseReport reads its bytes, with its origin", () => {
    const lines = readJsonl<{ id: string; origin: Record<string, unknown>; report: Report }>(join(out, "reports.jsonl"));
    const manifest = readCsvObjects(join(out, "manifest.csv")).filter((m) => m.status === "ok");
    expect(lines).toHaveLength(ok().length);
    for (const [i, e] of ok().entries()) {
      const line = lines[i]!;
      expect(line.id).toBe(manifest[i]!.report_id);
      expect(line.origin).toMatchObject({ archive: e.archive, member: e.member, bytes: e.bytes!.length, sha256: sha256(e.bytes!) });
      expect(line.report).toEqual(JSON.parse(JSON.stringify(parseReport(e.bytes!))));
    }
  });

  it("panel.csv: BOM, the fixed header, one row per report with every numeric value", () => {
    const { header, rows, bom } = readCsv(join(out, "panel.csv"));
    expect(bom).toBe(true);
    expect(header).toEqual([...PANEL_HEADER]);
    expect(rows).toHaveLength(ok().length);
    const lines = readJsonl<{ id: string; report: Report }>(join(out, "reports.jsonl"));
    const panel = readCsvObjects(join(out, "panel.csv"));
    for (const [i, e] of ok().entries()) {
      const report = parseReport(e.bytes!);
      const row = panel[i]!;
      expect(row.report_id).toBe(lines[i]!.id);
      expect(row).toMatchObject({
        archive: e.archive,
        member: e.member ?? "",
        template: report.template,
        form: report.source.form,
        encoding: report.source.encoding,
        agency: csvValue(report.meta.agency),
        agency_key: csvValue(report.meta.agencyKey),
        division_code: csvValue(report.meta.division?.code ?? null),
        county: csvValue(report.meta.division?.county ?? null),
        year: csvValue(report.meta.year),
        sha256: sha256(e.bytes!),
        checks_fail: String(report.checks.filter((c) => c.status === "fail").length),
      });
      for (const column of NUMERIC_COLUMNS) {
        const v = valueAt(report, column.segments);
        expect(row[column.name], `${column.name} of ${e.member}`).toBe(typeof v === "number" ? String(v) : "");
      }
    }
  });

  it("panel.csv: agencies are resolved to divisions (at least one row has a GB/T 2260 code)", () => {
    const panel = readCsvObjects(join(out, "panel.csv"));
    const resolved = panel.filter((r) => /^\d{6}$/.test(r.division_code ?? ""));
    expect(resolved.length, panel.map((r) => r.agency).join(", ")).toBeGreaterThan(0);
    for (const r of resolved) expect(r.province).not.toBe("");
  });

  it("codebook.csv: every panel column with its path and official labels", () => {
    const text = readFileSync(join(out, "codebook.csv"), "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toBe(`\uFEFF${csvLine(CODEBOOK_HEADER)}${codebookRows().map(csvLine).join("")}`);
    const rows = parseCsv(text).slice(1);
    expect(rows.map((r) => r[0])).toEqual([...PANEL_HEADER]);
    expect(rows.find((r) => r[1] === "requests.newReceived.naturalPerson")).toEqual(
      expect.arrayContaining(["一、本年新收政府信息公开申请数量", "自然人"]),
    );
  });

  it("cells.csv: one row per provenance entry, value and raw text and position", () => {
    const { header } = readCsv(join(out, "cells.csv"));
    expect(header).toEqual([...CELLS_HEADER]);
    const cells = readCsvObjects(join(out, "cells.csv"));
    const lines = readJsonl<{ id: string }>(join(out, "reports.jsonl"));
    let at = 0;
    for (const [i, e] of ok().entries()) {
      const report = parseReport(e.bytes!);
      const entries = Object.entries(report.provenance);
      expect(entries.length).toBeGreaterThan(0);
      for (const [path, where] of entries) {
        const row = cells[at++]!;
        const v = valueAt(report, path.split("."));
        expect(row).toEqual({
          report_id: lines[i]!.id,
          path,
          variable: COLUMN_BY_PATH.get(path) ?? "",
          value: typeof v === "number" ? String(v) : "",
          raw: where.raw,
          line: String(where.start.line),
          column: String(where.start.column),
        });
      }
    }
    expect(at).toBe(cells.length);
  });

  it("checks.csv: every identity instance of every report", () => {
    expect(readCsv(join(out, "checks.csv")).header).toEqual([...CHECKS_HEADER]);
    const checks = readCsvObjects(join(out, "checks.csv"));
    const expected = ok().flatMap((e) =>
      parseReport(e.bytes!).checks.map((c) => [c.id, c.status, csvValue(c.expected), csvValue(c.actual), c.paths.join(";")]),
    );
    expect(checks.map((c) => [c.check_id, c.status, c.expected, c.actual, c.paths])).toEqual(expected);
    expect(checks.some((c) => c.status === "fail")).toBe(true);
  });

  it("diagnostics.csv: the parser's diagnostics and one bulk row per error record", () => {
    expect(readCsv(join(out, "diagnostics.csv")).header).toEqual([...DIAGNOSTICS_HEADER]);
    const diagnostics = readCsvObjects(join(out, "diagnostics.csv"));
    const manifest = readCsvObjects(join(out, "manifest.csv"));
    const expected: string[][] = [];
    for (const [i, e] of fixtures.expected.entries()) {
      const id = manifest[i]!.report_id!;
      if (e.status === "ok") {
        for (const d of parseReport(e.bytes!).diagnostics) expected.push([id, "report", d.code, d.severity, d.path ?? "", String(d.position.start.line)]);
      } else if (e.status === "error") expected.push([id, "bulk", e.code!, "error", "", ""]);
    }
    expect(diagnostics.map((d) => [d.report_id, d.source, d.code, d.severity, d.path, d.line])).toEqual(expected);
  });

  it("summary.json: counts by status, template, form, encoding, failures and identities", () => {
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const count = (s: ExpectedRecord["status"]) => fixtures.expected.filter((e) => e.status === s).length;
    expect(summary.complete).toBe(true);
    expect(summary.records).toEqual({ total: fixtures.expected.length, ok: count("ok"), error: count("error"), skipped: count("skipped") });
    const reports = ok().map((e) => parseReport(e.bytes!));
    const tally = (keys: string[]) => keys.reduce<Record<string, number>>((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {});
    expect(summary.byTemplate).toEqual(tally(reports.map((r) => r.template)));
    expect(summary.byForm).toEqual(tally(reports.map((r) => r.source.form)));
    expect(summary.byEncoding).toEqual(tally(reports.map((r) => r.source.encoding)));
    const errors = fixtures.expected.filter((e) => e.status === "error").map((e) => e.code!);
    expect(summary.failures.byCode).toEqual(tally(errors));
    expect(summary.failures.first.map((f: { code: string }) => f.code)).toEqual(errors);
    expect(summary.skipped.byCode).toEqual(tally(fixtures.expected.filter((e) => e.status === "skipped").map((e) => e.code!)));
    const failing = reports.filter((r) => r.checks.some((c) => c.status === "fail"));
    expect(summary.checks.reportsFailing).toBe(failing.length);
    expect(summary.failingIdentities.length).toBeGreaterThan(0);
    expect(summary.diagnostics[0]).toMatchObject({ code: expect.any(String), count: expect.any(Number) });
    expect(summary.run.jobs).toBe(0);
    expect(summary.run.peakRssBytes).toBeGreaterThan(0);
  });

  it.runIf(existsSync(join(process.cwd(), "node_modules/better-sqlite3")))("reports.sqlite: the same tables, typed and indexed", async () => {
    if (!sqliteAvailable) return;
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(out, "reports.sqlite"), { readonly: true });
    try {
      const countOf = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect(countOf("panel")).toBe(readCsv(join(out, "panel.csv")).rows.length);
      expect(countOf("cells")).toBe(readCsv(join(out, "cells.csv")).rows.length);
      expect(countOf("checks")).toBe(readCsv(join(out, "checks.csv")).rows.length);
      expect(countOf("diagnostics")).toBe(readCsv(join(out, "diagnostics.csv")).rows.length);
      expect(countOf("manifest")).toBe(fixtures.expected.length);
      expect(countOf("codebook")).toBe(PANEL_HEADER.length);
      const indexes = (db.prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index'").all() as { tbl_name: string; sql: string }[]).map(
        (i) => `${i.tbl_name}:${/\("([^"]+)"\)/.exec(i.sql)![1]}`,
      );
      for (const wanted of ["panel:report_id", "cells:report_id", "cells:path", "checks:report_id", "diagnostics:report_id", "diagnostics:path"]) {
        expect(indexes).toContain(wanted);
      }
      const cell = readCsvObjects(join(out, "cells.csv"))[3]!;
      const row = db.prepare("SELECT value, raw, line FROM cells WHERE report_id = ? AND path = ?").get(cell.report_id, cell.path) as Record<string, unknown>;
      expect(row).toEqual({ value: cell.value === "" ? null : Number(cell.value), raw: cell.raw, line: Number(cell.line) });
      const panelRow = db.prepare(`SELECT year, rq_new_total FROM panel WHERE report_id = ?`).get(cell.report_id) as Record<string, unknown>;
      const csvRow = readCsvObjects(join(out, "panel.csv")).find((p) => p.report_id === cell.report_id)!;
      expect(panelRow).toEqual({ year: Number(csvRow.year), rq_new_total: csvRow.rq_new_total === "" ? null : Number(csvRow.rq_new_total) });
      expect(existsSync(join(out, "reports.sqlite-wal"))).toBe(false);
    } finally {
      db.close();
    }
  });

  it("is deterministic: a second run writes the same bytes", async () => {
    const again = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "--full", "-o", again, ...fixtures.inputs]);
    expect(r.code).toBe(0);
    expect(outputSnapshot(again)).toEqual(outputSnapshot(out));
  });
});

describe("options", () => {
  it("without --full writes the light outputs: no reports.jsonl or cells.csv, checks.csv only the findings, without paths", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", dir, ...fixtures.inputs]);
    expect(r.code, r.stderr).toBe(0);
    const expected = ["checks.csv", "codebook.csv", "diagnostics.csv", "duplicates.csv", "links.csv", "manifest.csv", "panel.csv", "summary.json"];
    if (sqliteAvailable) expected.push("reports.sqlite");
    expect(readdirSync(dir).filter((f) => !f.startsWith(".")).sort()).toEqual(expected.sort());
    for (const file of ["panel.csv", "diagnostics.csv", "manifest.csv", "codebook.csv"]) {
      expect(readFileSync(join(dir, file), "utf8"), file).toBe(readFileSync(join(out, file), "utf8"));
    }
    const full = readCsvObjects(join(out, "checks.csv"));
    const light = readCsvObjects(join(dir, "checks.csv"));
    expect(readCsv(join(dir, "checks.csv")).header).toEqual([...CHECKS_HEADER]);
    expect(light.length).toBeGreaterThan(0);
    expect(light).toEqual(full.filter((c) => c.status !== "pass").map((c) => ({ ...c, paths: "" })));
    if (sqliteAvailable) {
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(join(dir, "reports.sqlite"), { readonly: true });
      try {
        expect(db.prepare("SELECT count(*) AS n FROM cells").get()).toEqual({ n: 0 });
        expect(db.prepare("SELECT count(*) AS n FROM checks").get()).toEqual({ n: light.length });
      } finally {
        db.close();
      }
    }
  });

  it("--format writes only the chosen outputs (manifest and summary always)", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "--format", "panel,checks", "-o", dir, ...fixtures.inputs]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).filter((f) => !f.startsWith(".")).sort()).toEqual(["checks.csv", "duplicates.csv", "links.csv", "manifest.csv", "panel.csv", "summary.json"]);
    expect(readFileSync(join(dir, "panel.csv"), "utf8")).toBe(readFileSync(join(out, "panel.csv"), "utf8"));
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")).outputs).toEqual(["panel.csv", "duplicates.csv", "links.csv", "checks.csv", "manifest.csv", "summary.json"]);
  });

  it("skips reports.sqlite with a clear warning when better-sqlite3 cannot be loaded", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", dir, ...fixtures.inputs], {
      overrides: { bulk: { loadSqlite: () => Promise.reject(new Error("Could not locate the bindings file")) } },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^zfxxgk: warning: reports\.sqlite skipped: better-sqlite3 could not be loaded \(Could not locate the bindings file\)/);
    expect(existsSync(join(dir, "reports.sqlite"))).toBe(false);
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    expect(summary.warnings).toHaveLength(1);
    expect(summary.outputs).not.toContain("reports.sqlite");
    expect(readFileSync(join(dir, "panel.csv"), "utf8")).toBe(readFileSync(join(out, "panel.csv"), "utf8"));
  });

  it("--shard K/N: the shards partition the records, each written as in the full run", async () => {
    const full = readCsvObjects(join(out, "manifest.csv"));
    const fullPanel = readCsv(join(out, "panel.csv")).rows;
    const seen: Record<string, string>[] = [];
    const panelRows: string[][] = [];
    for (const k of [1, 2, 3]) {
      const dir = join(tempDir(), "out");
      const r = await cli(["bulk", "-j", "0", "-q", "--format", "panel", "--shard", `${k}/3`, "-o", dir, ...fixtures.inputs]);
      expect(r.code).toBe(0);
      seen.push(...readCsvObjects(join(dir, "manifest.csv")));
      panelRows.push(...readCsv(join(dir, "panel.csv")).rows);
      expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")).shard).toBe(`${k}/3`);
    }
    const bySeq = (a: Record<string, string>, b: Record<string, string>) => Number(a.seq) - Number(b.seq);
    expect(seen.sort(bySeq)).toEqual(full);
    const key = (row: string[]) => row[0]!;
    expect(panelRows.map(key).sort()).toEqual(fullPanel.map(key).sort());
    expect(new Set(panelRows.map((r) => JSON.stringify(r)))).toEqual(new Set(fullPanel.map((r) => JSON.stringify(r))));
  });

  it("progress goes to stderr as NDJSON events when stderr is not a terminal, and the summary to stdout", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-o", dir, ...fixtures.inputs], { overrides: { bulk: { progressIntervalMs: 0 } } });
    expect(r.code).toBe(0);
    const events = r.stderr.trimEnd().split("\n").map((l) => JSON.parse(l) as { event: string; [k: string]: unknown });
    expect(events[0]).toMatchObject({ event: "start", totalBytes: expect.any(Number), jobs: 0 });
    expect(events.at(-1)).toMatchObject({ event: "done", complete: true });
    const progress = events.filter((e) => e.event === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ records: fixtures.expected.length, reportsPerSecond: expect.any(Number), megabytesPerSecond: expect.any(Number) });
    const failures = events.filter((e) => e.event === "failure").map((e) => e.code);
    expect(failures).toEqual(fixtures.expected.filter((e) => e.status === "error").map((e) => e.code));
    expect(r.stdout).toMatch(/^zfxxgk bulk: \d+ records → /);
    expect(r.stdout).toMatch(/failures +.*member-corrupt 1/);
    expect(r.stdout).toMatch(/templates +2021 \d+/);
  });

  it("draws a progress bar when stderr is a terminal", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-o", dir, ...fixtures.inputs], { stderrIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reports\/s/);
    expect(r.stderr).toMatch(/MB\/s/);
    expect(r.stderr).not.toMatch(/^\{"event"/m);
  });

  it("never reads its own output directory back in when it lies inside an input folder", async () => {
    const tree = fixtures.inputs[0]!;
    const inside = join(tree, "zz-out");
    for (let i = 0; i < 2; i++) {
      // The second run writes over the first's outputs: that takes --force.
      const r = await cli(["bulk", "-j", "0", "-q", "--format", "panel", ...(i > 0 ? ["--force"] : []), "-o", inside, tree]);
      expect(r.code).toBe(0);
      const members = readCsvObjects(join(inside, "manifest.csv")).map((m) => m.member);
      expect(members).toEqual(fixtures.expected.filter((e) => e.archive === tree).map((e) => e.member));
    }
    rmSync(inside, { recursive: true, force: true });
  });

  it("reads the list of inputs from stdin with -", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-q", "-o", dir, "-"], { stdin: `${fixtures.inputs.join("\n")}\n` });
    expect(r.code).toBe(0);
    expect(outputSnapshot(dir)["panel.csv"]).toBe(outputSnapshot(out)["panel.csv"]);
  });
});

describe("interruption and --resume", () => {
  it("stops on Ctrl-C after a checkpoint (exit 130); --resume ends with exactly the full run's outputs", async () => {
    const dir = tempDir();
    const big = await buildFixtures(dir, 40);
    const reference = join(tempDir(), "ref");
    expect((await cli(["bulk", "-j", "0", "-q", "--full", "-o", reference, ...big.inputs])).code).toBe(0);

    const resumed = join(tempDir(), "out");
    let interrupt: (() => void) | undefined;
    const err: string[] = [];
    const { run } = await import("../../src/main/run.js");
    const { Readable } = await import("node:stream");
    const code = await run(
      ["bulk", "-j", "0", "--full", "-o", resumed, ...big.inputs],
      {
        stdin: Readable.from([]),
        stdout: () => undefined,
        stderr: (s) => {
          err.push(s);
          for (const line of s.split("\n")) {
            if (line.startsWith('{"event":"progress"') && (JSON.parse(line) as { records: number }).records >= 12) interrupt?.();
          }
        },
        onInterrupt: (handler) => {
          interrupt = handler;
          return () => (interrupt = undefined);
        },
      },
      { bulk: { progressIntervalMs: 0 } },
    );
    expect(code).toBe(130);
    expect(err.join("")).toMatch(/interrupted after \d+ records; rerun the same command with --resume/);
    const partial = readCsvObjects(join(resumed, "manifest.csv"));
    expect(partial.length).toBeGreaterThanOrEqual(12);
    expect(partial.length).toBeLessThan(big.expected.length);
    expect(JSON.parse(readFileSync(join(resumed, "summary.json"), "utf8")).complete).toBe(false);

    // A crash after the checkpoint leaves torn lines behind: resume must cut them off.
    appendFileSync(join(resumed, "reports.jsonl"), '{"id":"torn');
    appendFileSync(join(resumed, "cells.csv"), "torn,row");
    appendFileSync(join(resumed, "manifest.csv"), "999,deadbeef");

    const r = await cli(["bulk", "-j", "0", "-q", "--full", "--resume", "-o", resumed, ...big.inputs]);
    expect(r.code, r.stderr).toBe(0);
    expect(outputSnapshot(resumed)).toEqual(outputSnapshot(reference));
    const summary = JSON.parse(readFileSync(join(resumed, "summary.json"), "utf8"));
    expect(summary.run.resumedRecords).toBe(partial.length);
    expect(summary.run.recordsThisRun).toBe(big.expected.length - partial.length);

    // Resuming a complete run does nothing.
    const again = await cli(["bulk", "-j", "0", "--full", "--resume", "-o", resumed, ...big.inputs]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already complete/);
    expect(outputSnapshot(resumed)).toEqual(outputSnapshot(reference));
  });

  it("refuses to resume outputs made from other inputs or options", async () => {
    const dir = join(tempDir(), "out");
    expect((await cli(["bulk", "-j", "0", "-q", "-o", dir, fixtures.inputs[0]!])).code).toBe(0);
    const r = await cli(["bulk", "-j", "0", "-q", "--resume", "-o", dir, fixtures.inputs[1]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^zfxxgk: bulk: .* holds the outputs of a run with other inputs/);
  });

  it("refuses to resume when the input files changed since (records would shift)", async () => {
    const tree = join(tempDir(), "tree");
    mkdirSync(tree);
    writeFileSync(join(tree, "a.txt"), readFileSync(join(fixtures.inputs[0]!, "2021", "a.txt")));
    const dir = join(tempDir(), "out");
    expect((await cli(["bulk", "-j", "0", "-q", "-o", dir, tree])).code).toBe(0);
    writeFileSync(join(tree, "0-new.txt"), "新增的文件");
    const r = await cli(["bulk", "-j", "0", "-q", "--resume", "-o", dir, tree]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the input files changed since/);
  });
});

describe("usage errors", () => {
  for (const [argv, message] of [
    [["bulk", "x"], /--out DIR is required/],
    [["bulk", "-o", "o"], /no inputs given/],
    [["bulk", "-o", "o", "--format", "panel,xlsx", "x"], /invalid --format 'xlsx'/],
    [["bulk", "-o", "o", "--shard", "4/3", "x"], /invalid --shard '4\/3'/],
    [["bulk", "-o", "o", "--jobs", "two", "x"], /invalid --jobs 'two'/],
    [["bulk", "-o", "o", "--max-member-size", "big", "x"], /invalid --max-member-size 'big'/],
    [["bulk", "-o", "o", "--max-ratio", "0", "x"], /invalid --max-ratio '0'/],
    [["bulk", "-o", "o", "-", "-"], /'-'.*only once/],
    [["parse", "--jobs", "2", "x"], /option '--jobs' is only valid with 'bulk'/],
  ] as const) {
    it(`${argv.join(" ")} → exit 2`, async () => {
      const r = await cli([...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  it("a missing input on the command line is a usage error; nothing is written", async () => {
    const dir = join(tempDir(), "out");
    const r = await cli(["bulk", "-j", "0", "-o", dir, join(dir, "..", "missing.zip")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.zip: no such file or directory/);
    expect(existsSync(dir)).toBe(false);
  });

  it("--help documents the command", async () => {
    const r = await cli(["--help"]);
    expect(r.stdout).toMatch(/bulk --out DIR INPUT/);
    expect(r.stdout).toMatch(/--shard K\/N/);
  });
});
