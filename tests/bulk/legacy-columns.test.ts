/**
 * Issue 14: pre-2019 statistics rows mapped to the documented legacy_* panel columns. The
 * expected values were read off the corpus texts by hand (the statistics tables of
 * corpus/cases/legacy-*.rows.txt): this year's column, never 历年累计; a printed `-` is null.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LEGACY_COLUMNS, legacyValue } from "../../src/bulk/legacy-columns.js";
import { PANEL_HEADER, panelValues } from "../../src/bulk/panel.js";
import { parseReport } from "../../src/index.js";

const CASES: Record<string, Record<string, number | null>> = {
  // 主动公开信息数 本年累计 312; 申请总数 本年累计 47; 行政复议数 2; 行政诉讼数 1; no answered row, no fee row.
  "legacy-dingxi-2010": { legacy_proactive_total: 312, legacy_requests_received: 47, legacy_requests_answered: null, legacy_reviews: 2, legacy_lawsuits: 1, legacy_fees_wan: null },
  // 主动公开政府信息数 236; 收到申请数 41; 申请答复数 38; 行政复议数量 3; 行政诉讼数量 2; 收取的费用 0.15 万元.
  "legacy-national-2015": { legacy_proactive_total: 236, legacy_requests_received: 41, legacy_requests_answered: 38, legacy_reviews: 3, legacy_lawsuits: 2, legacy_fees_wan: 0.15 },
  // 2009年度 column: 1523; 37; 35; 行政复议 1; 行政诉讼 `-`; 收取费用 0.02 万元.
  "legacy-putian-2009": { legacy_proactive_total: 1523, legacy_requests_received: 37, legacy_requests_answered: 35, legacy_reviews: 1, legacy_lawsuits: null, legacy_fees_wan: 0.02 },
};

describe("legacy_* panel columns", () => {
  for (const [name, want] of Object.entries(CASES)) {
    for (const form of ["rows", "cells"]) {
      it(`${name}.${form}: each column from the one row that clearly gives it`, () => {
        const report = parseReport(new Uint8Array(readFileSync(`corpus/cases/${name}.${form}.txt`)));
        expect(report.template).toBe("legacy");
        const got = Object.fromEntries(LEGACY_COLUMNS.map((c) => [c.name, legacyValue(report, c)]));
        expect(got).toEqual(want);
        // And they reach the panel row, at the end of the header.
        const row = panelValues({ id: "x", origin: { kind: "file", archive: name, member: null, bytes: 0, sha256: null } as never, report } as never);
        expect(row.slice(PANEL_HEADER.indexOf("legacy_proactive_total"))).toEqual(LEGACY_COLUMNS.map((c) => want[c.name]));
      });
    }
  }

  it("a modern report leaves them empty", () => {
    const report = parseReport(new Uint8Array(readFileSync("corpus/seed/siyang-xzspj-2021.txt")));
    const row = panelValues({ id: "x", origin: { kind: "file", archive: "seed", member: null, bytes: 0, sha256: null } as never, report } as never);
    expect(row.slice(PANEL_HEADER.indexOf("legacy_proactive_total"))).toEqual(LEGACY_COLUMNS.map(() => null));
  });
});
