import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunOverrides, run } from "../../src/main/run.js";
import type { Check, Diagnostic, Report } from "../../src/model/types.js";

const SEED = "corpus/seed/siyang-xzspj-2021.txt";
const PKG = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with collected output and optional stdin bytes. */
async function cli(argv: string[], options: RunOverrides & { stdin?: Uint8Array | string; color?: boolean } = {}) {
  const { stdin, color, ...overrides } = options;
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    {
      stdin: Readable.from(stdin === undefined ? [] : [typeof stdin === "string" ? Buffer.from(stdin) : stdin]),
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      color: color ?? false,
    },
    overrides,
  );
  return { code, stdout: out.join(""), stderr: err.join("") } satisfies Result;
}

// ---------------------------------------------------------------------------------------------
// A stand-in parser, so the CLI's own behaviour is tested independently of parse-report.ts.

const at = (line: number, column: number, offset: number) => ({ line, column, offset });

function fakeReport(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    template: "2021",
    meta: {
      title: null,
      agency: "测试县人民政府",
      year: 2022,
      publishedAt: "2023-01-20",
      indexNumber: null,
      documentNumber: null,
      header: {}, agencyKey: null, agencyKind: null, division: null,
    },
    sections: [],
    proactive: {
      rules: { issued: 1, repealed: 0, inForce: 3 },
      licensing: { decisions: 5346 },
      fees: { amount: null },
    },
    requests: {
      newReceived: applicants(10),
      carriedOver: applicants(2),
      results: { total: applicants(11) },
      carriedForward: applicants(1),
    },
    reviewsAndLawsuits: {
      review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      lawsuitDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      lawsuitAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    },
    checks: [],
    diagnostics: [],
    provenance: {},
    source: { encoding: "utf-8", form: "cell-lines", bytes: 42, sha256: "a".repeat(64) },
    ...overrides,
  };
}

function applicants(total: number) {
  return {
    naturalPerson: total,
    commercialEnterprise: 0,
    researchInstitution: 0,
    socialWelfareOrganization: 0,
    legalServiceAgency: 0,
    otherOrganization: 0,
    total,
  };
}

function diagnostic(line: number, column: number, severity: Diagnostic["severity"], code: string): Diagnostic {
  return {
    code,
    severity,
    message: `${code} here`,
    position: { start: at(line, column, 0), end: at(line, column + 1, 0) },
  };
}

/** A fake parseReport that reports the file's first line as meta.title, to tell files apart. */
function fakeParse(extra: Partial<Report> = {}) {
  return (bytes: Uint8Array) =>
    fakeReport({
      ...extra,
      meta: { ...fakeReport().meta, title: new TextDecoder().decode(bytes).split("\n")[0] ?? null },
    });
}

let dir: string;
let fileA: string;
let fileB: string;
let emptyFile: string;
let binaryFile: string;
const missing = join(tmpdir(), "zfxxgk-definitely-missing", "nope.txt");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zfxxgk-cli-"));
  fileA = join(dir, "a.txt");
  fileB = join(dir, "b.txt");
  emptyFile = join(dir, "empty.txt");
  binaryFile = join(dir, "binary.bin");
  writeFileSync(fileA, "file A\n行政许可 |\n5346件 |\n");
  writeFileSync(fileB, "file B\n");
  writeFileSync(emptyFile, "");
  writeFileSync(binaryFile, "\u0000\u0001binary");
});

afterAll(() => {
  // temp files are left to the OS; nothing else to clean up
});

// ---------------------------------------------------------------------------------------------

describe("usage", () => {
  it("--help exits 0 and lists the commands and options", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const word of ["parse", "check", "summary", "--pretty", "--severity", "--codeframe", "--version"]) {
      expect(r.stdout).toContain(word);
    }
  });

  it("-h and `help` print the same text", async () => {
    const long = await cli(["--help"]);
    expect((await cli(["-h"])).stdout).toBe(long.stdout);
    expect((await cli(["help"])).stdout).toBe(long.stdout);
  });

  it("each command has its own --help, naming only its own options", async () => {
    const long = (await cli(["--help"])).stdout;
    const own: Record<string, { has: string[]; hasNot: string[] }> = {
      parse: { has: ["--pretty", "--max-member-size"], hasNot: ["--severity", "--out", "--jobs"] },
      check: { has: ["--severity", "--codeframe", "--max-member-size", "1  at least one error"], hasNot: ["--pretty", "--out"] },
      summary: { has: ["--max-member-size"], hasNot: ["--pretty", "--severity", "--out"] },
      bulk: { has: ["--out", "--jobs", "--resume", "--force", "--shard", "--max-ratio", "130"], hasNot: ["--pretty", "--severity"] },
    };
    for (const [command, { has, hasNot }] of Object.entries(own)) {
      const r = await cli([command, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toBe(long);
      expect(r.stdout.startsWith(`Usage: zfxxgk ${command} `)).toBe(true);
      for (const word of has) expect(r.stdout, `${command}: ${word}`).toContain(word);
      for (const word of hasNot) expect(r.stdout, `${command}: ${word}`).not.toContain(word);
      expect((await cli(["help", command])).stdout).toBe(r.stdout);
      expect((await cli([command, "-h", "x.txt"])).stdout).toBe(r.stdout);
    }
    const bad = await cli(["help", "frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no help for 'frobnicate'");
  });

  it("--version prints the package.json version", async () => {
    const r = await cli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${PKG.version}\n`);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect((await cli(["-v"])).stdout).toBe(r.stdout);
  });

  it.each([
    [[], "missing command"],
    [["frobnicate", SEED], "unknown command 'frobnicate'"],
    [["parse", "--nope", SEED], "unknown option '--nope'"],
    [["parse", "-x", SEED], "unknown option '-x'"],
    [["parse"], "parse: no files given"],
    [["check"], "check: no files given"],
    [["summary", "--pretty"], "option '--pretty' is only valid with 'parse'"],
    [["check", "--pretty", SEED], "option '--pretty' is only valid with 'parse'"],
    [["parse", "--codeframe", SEED], "option '--codeframe' is only valid with 'check'"],
    [["check", "--severity", "fatal", SEED], "invalid --severity 'fatal'"],
    [["check", "--severity"], "option '--severity' needs a value"],
    [["parse", "--pretty=yes", SEED], "option '--pretty' does not take a value"],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    let parsed = false;
    const r = await cli(argv, {
      parseReport: () => {
        parsed = true;
        return fakeReport();
      },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`zfxxgk: ${message}`);
    expect(r.stderr).toContain("zfxxgk --help");
    expect(parsed).toBe(false);
  });
});

describe("reading files", () => {
  it("reports a missing file, goes on with the others, and exits 2", async () => {
    const r = await cli(["parse", missing, fileA], { parseReport: fakeParse() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`zfxxgk: cannot read ${missing}: no such file or directory\n`);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "").meta.title).toBe("file A");
  });

  it("reports a directory as unreadable", async () => {
    const r = await cli(["check", dir], { parseReport: fakeParse() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`zfxxgk: cannot read ${dir}: is a directory`);
  });

  it("passes the file's bytes to parseReport", async () => {
    const seen: Uint8Array[] = [];
    await cli(["parse", fileB], {
      parseReport: (bytes) => {
        seen.push(bytes);
        return fakeReport();
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(seen[0])).toBe("file B\n");
  });

  it("turns a parser exception into exit 3 with a one-line message and no stack trace", async () => {
    const r = await cli(["parse", fileA, fileB], {
      parseReport: () => {
        throw new Error("boom");
      },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`zfxxgk: internal error while parsing ${fileA}: boom`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("--max-member-size for the file commands", () => {
  it("refuses a file over the default 32 MiB from its size alone, goes on with the others, and exits 2", async () => {
    const huge = join(dir, "huge.txt");
    // Sparse: 33 MiB on paper, nothing on disk; reading it would take the time the guard saves.
    writeFileSync(huge, "");
    truncateSync(huge, 33 * 1024 * 1024);
    for (const command of ["parse", "check", "summary"]) {
      let parsed = 0;
      const r = await cli([command, huge, fileA], {
        parseReport: (bytes) => {
          parsed += 1;
          expect(bytes.byteLength).toBeLessThan(1000);
          return fakeReport();
        },
      });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toContain(`zfxxgk: cannot read ${huge}: file of ${33 * 1024 * 1024} bytes is larger than the 32 MiB limit (--max-member-size)\n`);
      expect(parsed).toBe(1);
    }
  });

  it("takes a smaller or larger limit, for files and for standard input", async () => {
    const r = await cli(["parse", "--max-member-size", "10", fileA, fileB], { parseReport: fakeParse() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`zfxxgk: cannot read ${fileA}: file of ${readFileSync(fileA).length} bytes is larger than the 10 bytes limit (--max-member-size)`);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    const stdin = await cli(["check", "--max-member-size", "1k", "-"], { stdin: "x".repeat(2000), parseReport: fakeParse() });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("zfxxgk: cannot read <stdin>: input is larger than the 1 KiB limit (--max-member-size)");
    const fine = await cli(["summary", "--max-member-size", "1k", fileA], { parseReport: fakeParse() });
    expect(fine.code).toBe(0);
  });

  it("stops reading a file with no size (a FIFO, a device) at the limit", async () => {
    const r = await cli(["parse", "--max-member-size", "64k", "/dev/zero"], { parseReport: fakeParse() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("zfxxgk: cannot read /dev/zero: input is larger than the 64 KiB limit (--max-member-size)");
  });

  it("an invalid size is a usage error", async () => {
    const r = await cli(["parse", "--max-member-size", "lots", fileA]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("zfxxgk: invalid --max-member-size 'lots' (expected a size such as 32M, 512k or 1G)");
  });
});

describe("parse (fake parser)", () => {
  it("prints one compact JSON line for one file", async () => {
    const r = await cli(["parse", fileA], { parseReport: fakeParse() });
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ ...fakeReport(), meta: { ...fakeReport().meta, title: "file A" } });
  });

  it("prints one Report per line, in argument order", async () => {
    const r = await cli(["parse", fileB, fileA, fileB], { parseReport: fakeParse() });
    expect(r.code).toBe(0);
    const titles = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).meta.title);
    expect(titles).toEqual(["file B", "file A", "file B"]);
  });

  it("indents with 2 spaces under --pretty", async () => {
    const r = await cli(["parse", "--pretty", fileA], { parseReport: fakeParse() });
    expect(r.stdout).toBe(`${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`);
    expect(r.stdout).toContain('\n  "schemaVersion": 1');
  });

  it("reads standard input for -", async () => {
    const r = await cli(["parse", "-"], { parseReport: fakeParse(), stdin: "from stdin\n" });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).meta.title).toBe("from stdin");
  });
});

describe("check (fake parser)", () => {
  const failing: Check = {
    id: "requests.balance.total",
    status: "fail",
    expected: 12,
    actual: 11,
    paths: ["requests.newReceived.total"],
  };
  const withFindings = fakeParse({
    diagnostics: [
      diagnostic(3, 5, "warning", "unit-in-cell"),
      diagnostic(1, 1, "info", "template-unknown"),
      diagnostic(2, 1, "info", "label-assumed"),
    ],
    checks: [failing, { ...failing, id: "requests.balance.naturalPerson", status: "pass" }],
    provenance: { "requests.newReceived.total": { start: at(2, 3, 9), end: at(2, 5, 11), raw: "12" } },
  });

  it("prints diagnostics and failing checks sorted by file then line, and a summary on stderr", async () => {
    const r = await cli(["check", fileB, fileA], { parseReport: withFindings });
    expect(r.code).toBe(0);
    const [first, second] = [fileA, fileB].sort();
    const expected = (f: string) => [
      `${f}:1:1 info template-unknown template-unknown here`,
      `${f}:2:1 info label-assumed label-assumed here`,
      `${f}:2:3 warning check-failed requests.balance.total: expected 12, actual 11`,
      `${f}:3:5 warning unit-in-cell unit-in-cell here`,
    ];
    expect(r.stdout).toBe(`${[...expected(first ?? ""), ...expected(second ?? "")].join("\n")}\n`);
    expect(r.stderr).toBe("2 files, 0 errors, 2 warnings, 2 failing checks\n");
  });

  it("filters by --severity", async () => {
    const r = await cli(["check", "--severity", "warning", fileA], { parseReport: withFindings });
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      `${fileA}:2:3 warning check-failed requests.balance.total: expected 12, actual 11`,
      `${fileA}:3:5 warning unit-in-cell unit-in-cell here`,
    ]);
    const errorsOnly = await cli(["check", "--severity=error", fileA], { parseReport: withFindings });
    expect(errorsOnly.stdout).toBe("");
    expect(errorsOnly.stderr).toBe("1 file, 0 errors, 1 warning, 1 failing check\n");
  });

  it("exits 1 when any file has an error diagnostic", async () => {
    const r = await cli(["check", fileA], {
      parseReport: fakeParse({ diagnostics: [diagnostic(1, 1, "error", "not-a-report")] }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${fileA}:1:1 error not-a-report not-a-report here\n`);
    expect(r.stderr).toBe("1 file, 1 error, 0 warnings, 0 failing checks\n");
  });

  it("prints code frames of the decoded text under --codeframe", async () => {
    const r = await cli(["check", "--codeframe", "--severity", "warning", fileA], { parseReport: withFindings });
    expect(r.stdout).toBe(
      [
        `${fileA}:2:3 warning check-failed requests.balance.total: expected 12, actual 11 [requests.newReceived.total]`,
        "  1 | file A",
        "> 2 | 行政许可 |",
        "    |     ^^^^",
        "  3 | 5346件 |",
        "",
        `${fileA}:3:5 warning unit-in-cell unit-in-cell here`,
        "  2 | 行政许可 |",
        "> 3 | 5346件 |",
        "    |     ^^",
        "  4 |",
        "",
      ].join("\n"),
    );
  });

  it("names standard input <stdin>", async () => {
    const r = await cli(["check", "-"], {
      parseReport: fakeParse({ diagnostics: [diagnostic(1, 1, "warning", "year-not-found")] }),
      stdin: "x",
    });
    expect(r.stdout).toBe("<stdin>:1:1 warning year-not-found year-not-found here\n");
  });
});

describe("summary (fake parser)", () => {
  it("shows agency, year, template, source, key figures, checks and diagnostics", async () => {
    const r = await cli(["summary", fileA], {
      parseReport: fakeParse({
        checks: [
          { id: "requests.balance.total", status: "fail", expected: 12, actual: 11, paths: [] },
          { id: "requests.rowTotal.newReceived", status: "pass", expected: 10, actual: 10, paths: [] },
        ],
        diagnostics: [diagnostic(3, 5, "warning", "unit-in-cell"), diagnostic(1, 1, "info", "label-assumed")],
      }),
    });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain("测试县人民政府");
    expect(out).toMatch(/year\s+2022/);
    expect(out).toMatch(/template\s+2021/);
    expect(out).toContain("cell-lines, utf-8");
    expect(out).toMatch(/licensing\s+decisions 5346/);
    expect(out).toContain("amount (万元) -"); // null is "not reported", never 0
    expect(out).toContain("new 10, carried over 2, handled 11, carried forward 1");
    expect(out).toContain("review 1, lawsuit 0, after review 0");
    expect(out).toContain("1 pass / 1 fail / 0 incomplete");
    expect(out).toContain("failing: requests.balance.total");
    expect(out).toContain("0 errors, 1 warning, 1 info");
    expect(out).toContain("3:5 warning unit-in-cell");
    expect(out.trimEnd().split("\n").length).toBeLessThanOrEqual(25);
    expect(out).not.toContain("\u001b[");
  });

  it("stays within 25 lines per file even with many findings", async () => {
    const many = Array.from({ length: 40 }, (_, i) => diagnostic(i + 1, 1, "warning", "unknown-row"));
    const checks: Check[] = Array.from({ length: 10 }, (_, i) => ({
      id: `requests.rowTotal.r${i}`,
      status: "fail",
      expected: 1,
      actual: 2,
      paths: [],
    }));
    const r = await cli(["summary", fileA, fileB], { parseReport: fakeParse({ diagnostics: many, checks }) });
    const blocks = r.stdout.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block.split("\n").length).toBeLessThanOrEqual(25);
    expect(r.stdout).toContain("+7 more");
  });

  it("uses colours only when asked to", async () => {
    const r = await cli(["summary", fileA], { parseReport: fakeParse(), color: true });
    expect(r.stdout).toContain("\u001b[");
  });
});

// ---------------------------------------------------------------------------------------------
// These use the real parseReport and assert what shared/spec/model.md promises for the seed.
// They fail until src/parse-report.ts lands.

describe("with the real parseReport (waits on src/parse-report.ts)", () => {
  const seedBytes = () => readFileSync(SEED);

  it("parse prints one JSON line for the seed: 2021 template, year 2021", async () => {
    const r = await cli(["parse", SEED]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? "") as Report;
    expect(report.schemaVersion).toBe(1);
    expect(report.template).toBe("2021");
    expect(report.meta.year).toBe(2021);
    expect(report.meta.agency).toBe("泗阳县行政审批局");
  });

  it("parse prints two lines for two files", async () => {
    const r = await cli(["parse", SEED, SEED]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect((JSON.parse(line) as Report).meta.year).toBe(2021);
  });

  it("parse --pretty indents the same Report", async () => {
    const compact = await cli(["parse", SEED]);
    const pretty = await cli(["parse", "--pretty", SEED]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('\n  "schemaVersion": 1,');
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(compact.stdout));
  });

  it("parse - reads the seed from standard input", async () => {
    const r = await cli(["parse", "-"], { stdin: seedBytes() });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.meta.year).toBe(2021);
    expect(report.template).toBe("2021");
  });

  it("check on the seed exits 0", async () => {
    const r = await cli(["check", SEED]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^1 file, 0 errors, \d+ warnings?, \d+ failing checks?\n$/);
  });

  it("check on a binary file exits 1 with an error diagnostic", async () => {
    const r = await cli(["check", binaryFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ error (empty-input|not-a-report) /);
  });

  it("check on an empty file exits 1 with an error diagnostic", async () => {
    const r = await cli(["check", emptyFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ error (empty-input|not-a-report) /);
  });

  it("summary names the agency and the year", async () => {
    const r = await cli(["summary", SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("泗阳县行政审批局");
    expect(r.stdout).toContain("2021");
    expect(r.stdout.trimEnd().split("\n").length).toBeLessThanOrEqual(25);
  });
});

describe("bulk without its optional packages (npm install --omit=optional)", () => {
  const missing = (name: string) => () =>
    Promise.reject(Object.assign(new Error(`Cannot find package '${name}' imported from /x/dist/command.js`), { code: "ERR_MODULE_NOT_FOUND" }));

  it("says which package is missing and how to get it, with the usage exit code, never an internal error", async () => {
    const r = await cli(["bulk", "--out", "/tmp/never-written", "in.zip"], { importBulk: missing("piscina") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bulk needs the package piscina/);
    expect(r.stderr).toMatch(/without `--omit=optional`/);
    expect(r.stderr).not.toMatch(/internal error|this is a bug/);
  });

  it("lets any other failure of the bulk engine through (a bug stays a bug)", async () => {
    await expect(cli(["bulk", "--out", "/tmp/never-written", "in.zip"], { importBulk: missing("left-pad") })).rejects.toThrow(/left-pad/);
  });

  it("names exactly the optional dependencies bulk loads (all but better-sqlite3, which only warns)", async () => {
    const { BULK_PACKAGES } = await import("../../src/main/run.js");
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { optionalDependencies: Record<string, string>; dependencies: Record<string, string> };
    expect([...BULK_PACKAGES, "better-sqlite3"].sort()).toEqual(Object.keys(pkg.optionalDependencies).sort());
    for (const p of BULK_PACKAGES) expect(pkg.dependencies[p]).toBeUndefined();
  });
});
