/**
 * The public entry point: what `import … from "zfxxgk"` offers. Removing one of these is a
 * breaking change, so it is pinned here.
 */
import { describe, expect, it } from "vitest";
import * as zfxxgk from "../src/index.js";

describe("zfxxgk public API", () => {
  it("exports the parser, the checks, the schema, the codes and the formatters", () => {
    expect(Object.keys(zfxxgk).sort()).toEqual(
      ["DiagnosticCodes", "ReportSchema", "formatCodeFrame", "formatDiagnosticLine", "parse", "parseReport", "runChecks"].sort(),
    );
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
});
