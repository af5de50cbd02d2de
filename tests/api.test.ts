/**
 * The public entry point: what `import … from "zfxxgk"` offers. Removing one of these is a
 * breaking change, so it is pinned here.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import * as zfxxgk from "../src/index.js";

/** GBK bytes of `text`, as a Chinese Windows tool writes them. */
const encodeGbk = (text: string) => new Uint8Array(iconv.encode(text, "gbk"));

describe("zfxxgk public API", () => {
  it("exports the parser, the checks, the schema, the codes and the formatters", () => {
    expect(Object.keys(zfxxgk).sort()).toEqual(
      ["CHECK_DESCRIPTIONS", "DiagnosticCodes", "ReportSchema", "decode", "describeCheck", "formatCodeFrame", "formatDiagnosticLine", "parse", "parseReport", "runChecks"].sort(),
    );
  });

  it("describes every check of a report from the one catalogue, not in the Check itself", () => {
    const report = zfxxgk.parseReport("二、主动公开政府信息情况\n信息内容 | 本年处理决定数量 |\n行政许可 | 12 |");
    for (const c of report.checks) expect(c).not.toHaveProperty("description");
    expect(zfxxgk.describeCheck("requests.balance.total")).toBe(zfxxgk.CHECK_DESCRIPTIONS["requests.balance.total"]);
    expect(zfxxgk.describeCheck("requests.balance.total")).toContain("一+二 = 三(七)+四");
  });

  it("names an input that is neither text nor bytes, instead of failing inside the decoder", () => {
    const parse = zfxxgk.parseReport as (input: unknown) => unknown;
    expect(() => parse(undefined)).toThrow(/string or a Uint8Array, not undefined/);
    expect(() => parse(new ArrayBuffer(4))).toThrow(/ArrayBuffer \(wrap it/);
    expect(() => parse(null)).toThrow(/not null/);
    expect(zfxxgk.parseReport(Buffer.from("行政许可 | 12 |")).source.bytes).toBe(Buffer.byteLength("行政许可 | 12 |"));
  });

  it("parse gives a unist tree that parseReport's numbers come from", () => {
    const text = "二、主动公开政府信息情况\n信息内容 | 本年处理决定数量 |\n行政许可 | 12 |";
    const { tree, diagnostics } = zfxxgk.parse(text);
    expect(diagnostics).toEqual([]);
    const table = tree.children.find((b) => b.type === "table");
    expect(table?.type === "table" && table.children.map((r) => r.children.map((c) => c.value))).toEqual([
      ["信息内容", "本年处理决定数量"],
      ["行政许可", "12"],
    ]);
    expect(zfxxgk.parseReport(text).proactive?.licensing?.decisions).toBe(12);
  });

  it("decode gives the text GBK positions point into, so code frames work for bytes", () => {
    const seed = readFileSync(fileURLToPath(new URL("../corpus/seed/siyang-xzspj-2021.txt", import.meta.url)), "utf8");
    const bytes = encodeGbk(seed);
    const report = zfxxgk.parseReport(bytes);
    const decoded = zfxxgk.decode(bytes);
    expect(decoded.encoding).toBe("gb18030");
    const span = report.provenance["proactive.licensing.decisions"]!;
    expect(decoded.text.slice(span.start.offset, span.end.offset)).toBe("5346");
    const frame = zfxxgk.formatCodeFrame(decoded.text, { code: "x", severity: "info", message: "here", position: span } as never);
    expect(frame).toContain("5346");
  });
});
