/**
 * Word-pasted pages cut a cell's digits across `<span>` runs, and `get_text(" ")` puts a space
 * at every cut (`5 98` for 598). The truth is the model each text was rendered from; the
 * cuts are made in the rendered text, in the middle of every number as Word would.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse-report.js";
import { splitRow, type RowShape } from "../../src/layouts/split.js";
import { numericEntries, renderGlued, reportArbitrary } from "../../src/testing/index.js";

const REQ: RowShape = { slots: new Array(7).fill({}), identities: [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }] };
const vals = (r: { readings: Array<Array<{ value: number } | null>> }) => r.readings.map((x) => x.map((p) => (p ? p.value : null)));

/** Every number of two or more digits cut in its middle by a space, as a span split prints. */
const cutNumbers = (text: string) => text.replace(/\d{2,}/g, (d) => `${d.slice(0, d.length >> 1)} ${d.slice(d.length >> 1)}`);

describe("splitRow joins", () => {
  it("joins the pieces of cut numbers when the row total decides: 100 721 | 98 68 | … | 252 049", () => {
    const toks = "100 721 98 68 37 799 28 54 36 04 97 203 252 049".split(" ");
    expect(vals(splitRow(toks, REQ, { blanks: false, separated: true, joins: true }))).toEqual([[100721, 9868, 37799, 2854, 3604, 97203, 252049]]);
    // Without joins, fourteen tokens cannot fill seven cells.
    expect(splitRow(toks, REQ, { blanks: false, separated: true }).readings).toEqual([]);
  });
  it("never cuts inside a token and never starts a joined number with 0", () => {
    expect(vals(splitRow(["1", "0", "1"], { slots: [{}, {}], identities: [] }, { blanks: false, separated: true, joins: true }))).toEqual([[10, 1]]);
  });
  it("joins a decimal cut before its point (`1 .4`)", () => {
    expect(vals(splitRow(["1", ".4"], { slots: [{ decimal: true }], identities: [] }, { blanks: false, separated: true, joins: true }))).toEqual([[1.4]]);
  });
});

describe("get_text(\" \") of a page with cut numbers", () => {
  const models = fc.sample(reportArbitrary({ template: "2021", nulls: "safe" }), { seed: 31337, numRuns: 4 });
  it("reads 三 from the joined pieces, every other value null and flagged", () => {
    let right = 0;
    let total = 0;
    for (const m of models) {
      const truth = numericEntries(m);
      const report = parseReport(cutNumbers(renderGlued(m, { separator: " " })));
      const got = numericEntries(report as never);
      for (const [path, want] of truth) {
        if (!path.startsWith("requests.")) continue;
        total++;
        const value = got.get(path);
        if (value === want) {
          right++;
          continue;
        }
        // A value not read is null, and a diagnostic names its row.
        expect(value ?? null, path).toBeNull();
        expect(report.diagnostics.some((d) => d.path !== undefined && path.startsWith(d.path) && d.severity !== "info"), path).toBe(true);
      }
    }
    expect(right / total).toBeGreaterThan(0.8);
  });
});
