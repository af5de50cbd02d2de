/**
 * Bad input never throws: every case returns a Report that validates against ReportSchema,
 * says what was wrong through diagnostics with the expected codes, keeps every diagnostic
 * position inside the decoded text, and has no internal error (nothing threw inside either).
 * Sizes are chosen to stress linear-time code paths while keeping the file fast.
 */
import { describe, expect, it } from "vitest";
import { Value } from "@sinclair/typebox/value";
import type { Report } from "../../src/model/types.js";
import { ReportSchema } from "../../src/model/schema.js";
import { parseReport } from "../../src/parse-report.js";
import { positionProblems } from "../helpers/positions.js";
import { SEED, SEED_BYTES } from "../helpers/seed.js";

/** A fixed pseudo-random byte buffer (32-bit LCG), so the garbage is the same on every run. */
function garbage(length: number, seed = 0x2021): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** The text the library decodes bytes to (BOM dropped, invalid sequences → U+FFFD). */
const decodeLikeTheLibrary = (input: string | Uint8Array) => (typeof input === "string" ? input : new TextDecoder("utf-8").decode(input));

/** Runs parseReport and checks what every case must satisfy; returns the report and the decoded text. */
function run(input: string | Uint8Array): { report: Report; text: string; codes: string[] } {
  let report: Report | undefined;
  expect(() => {
    report = parseReport(input);
  }).not.toThrow();
  const r = report!;
  const text = decodeLikeTheLibrary(input);
  expect([...Value.Errors(ReportSchema, r)].slice(0, 3)).toEqual([]);
  expect(r.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
  for (const d of r.diagnostics) expect(positionProblems(text, d.position), d.code).toEqual([]);
  for (const [key, p] of Object.entries(r.provenance)) expect(text.slice(p.start.offset, p.end.offset), key).toBe(p.raw);
  return { report: r, text, codes: r.diagnostics.map((d) => d.code) };
}

const severityOf = (r: Report, code: string) => r.diagnostics.find((d) => d.code === code)?.severity;

describe("empty input", () => {
  it.each([
    ["an empty string", ""],
    ["white space only", " \n\t\r\n\u3000 \u00a0\n"],
    ["no bytes", new Uint8Array(0)],
    ["a BOM only", new Uint8Array([0xef, 0xbb, 0xbf])],
  ])("%s → empty-input error and nothing else read", (_name, input) => {
    const { report, codes } = run(input);
    expect(codes).toEqual(["empty-input"]);
    expect(severityOf(report, "empty-input")).toBe("error");
    expect(report.template).toBe("unknown");
    expect(report.sections).toEqual([]);
    expect(report.checks).toEqual([]);
  });
});

describe("binary and badly encoded input", () => {
  it("100 KB of pseudo-random bytes → invalid-encoding and binary-content warnings, not-a-report error", () => {
    const { report, codes, text } = run(garbage(100_000));
    expect(severityOf(report, "invalid-encoding")).toBe("warning");
    expect(severityOf(report, "binary-content")).toBe("warning");
    expect(severityOf(report, "not-a-report")).toBe("error");
    expect(codes.filter((c) => c === "invalid-encoding")).toHaveLength(1);
    const d = report.diagnostics.find((x) => x.code === "invalid-encoding")!;
    expect(text.slice(d.position.start.offset, d.position.end.offset)).toBe("\uFFFD");
    const b = report.diagnostics.find((x) => x.code === "binary-content")!;
    expect(text.slice(b.position.start.offset, b.position.end.offset)).toMatch(/^[\u0000-\u0008\u000E-\u001F]$/);
    expect(report.source.bytes).toBe(100_000);
  });

  it("the seed with invalid UTF-8 bytes inside a paragraph → invalid-encoding warning, tables still read", () => {
    const at = SEED_BYTES.indexOf(0x0a) - 3; // inside the first paragraph
    const bytes = new Uint8Array([...SEED_BYTES.slice(0, at), 0xff, 0xc3, 0x28, ...SEED_BYTES.slice(at)]);
    const { report, text } = run(bytes);
    const d = report.diagnostics.filter((x) => x.code === "invalid-encoding");
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe("warning");
    expect(text.slice(d[0]!.position.start.offset, d[0]!.position.end.offset)).toBe("\uFFFD");
    expect(report.proactive?.licensing?.decisions).toBe(5346);
    expect(report.checks.filter((c) => c.status === "pass")).toHaveLength(42);
  });

  it("a lone invalid byte → invalid-encoding warning and not-a-report error", () => {
    const { codes } = run(new Uint8Array([0x41, 0xff, 0x42]));
    expect(codes).toContain("invalid-encoding");
    expect(codes).toContain("not-a-report");
  });

  it("a string with NUL and lone surrogates → binary-content warning, no throw", () => {
    const { codes } = run("政府信息公开\u0000\ud800\udc00\udc00\ud800 |\n|||\n\u0001");
    expect(codes).toContain("binary-content");
    expect(codes).not.toContain("not-a-report"); // it mentions 政府信息公开
  });
});

describe("pathological sizes", () => {
  it("5 MB of `|` on one line → not-a-report", { timeout: 15_000 }, () => {
    const { report, codes } = run("|".repeat(5_000_000));
    expect(codes).toContain("not-a-report");
    expect(report.proactive).toBeUndefined();
  });

  it("2.5 million lines of `|` → not-a-report", { timeout: 15_000 }, () => {
    const { codes } = run("|\n".repeat(2_500_000));
    expect(codes).toContain("not-a-report");
  });

  it("a 10⁵-character line → not-a-report, read as one paragraph", () => {
    const { report, codes } = run("字".repeat(100_000));
    expect(codes).toContain("not-a-report");
    expect(report.sections).toHaveLength(1);
    expect(report.sections[0]!.text).toHaveLength(100_000);
  });

  it("a 10⁵-character heading line and a 10⁵-character cell line do not throw", () => {
    run(`一、${"字".repeat(100_000)}\n${"字".repeat(100_000)} |\n|`);
  });

  it("time grows about linearly with the number of pipe lines", { timeout: 15_000 }, () => {
    const time = (n: number) => {
      const text = "0 |\n|\n".repeat(n);
      const t0 = performance.now();
      parseReport(text);
      return performance.now() - t0;
    };
    time(10_000); // warm up
    const small = Math.max(time(50_000), 1);
    const large = time(200_000);
    expect(large / small).toBeLessThan(10); // 4× the input: ~4× if linear, ~16× if quadratic
  });
});

describe("truncated and foreign input", () => {
  it("the seed cut in the middle of table 二 → report with missing-table for 三 and 四", () => {
    const cut = SEED.slice(0, SEED.indexOf("行政许可 |") + "行政许可 |\n53".length);
    const { report, codes } = run(cut);
    expect(report.template).toBe("2021");
    expect(report.proactive?.rules).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(report.requests).toBeUndefined();
    expect(report.reviewsAndLawsuits).toBeUndefined();
    expect(report.diagnostics.filter((d) => d.code === "missing-table").map((d) => d.path).sort()).toEqual([
      "requests",
      "reviewsAndLawsuits",
    ]);
    expect(codes).not.toContain("not-a-report");
  });

  it("a flattened table cut in half with no padding line → no throw, table-width-unknown", () => {
    const { codes } = run("政府信息公开工作年度报告\n规章 |\n0 |\n0 |\n0 |\n行政规范性文件 |\n0 |");
    expect(codes).toContain("table-width-unknown");
  });

  it("English prose → not-a-report error", () => {
    const { report, codes } = run("This is a recipe for bread.\nMix flour and water.\n");
    expect(codes).toContain("not-a-report");
    expect(severityOf(report, "not-a-report")).toBe("error");
  });
});
