/**
 * Bad input never throws: every case of `corpus/cases/`, damaged the ways scraped pages are
 * (lines lost, a page cut off, cells swapped, labels garbled), still parses into a Report
 * that conforms to the schema, with its trouble in `diagnostics` rather than an exception.
 */
import { readdirSync } from "node:fs";
import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/model/schema.js";
import { parseReport } from "../../src/parse-report.js";
import { CASES, loadCase } from "./helpers.js";
import { random } from "../helpers/random.js";


const DAMAGE: Array<[string, (lines: string[], rnd: () => number) => string[]]> = [
  ["drop lines", (lines, rnd) => lines.filter(() => rnd() > 0.08)],
  ["cut off", (lines, rnd) => lines.slice(0, Math.floor(lines.length * rnd()))],
  ["swap neighbours", (lines, rnd) => {
    const out = lines.slice();
    for (let i = 0; i + 1 < out.length; i++) if (rnd() < 0.05) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
    return out;
  }],
  ["garble cells", (lines, rnd) => lines.map((l) => (rnd() < 0.1 ? l.replace(/[\u4e00-\u9fff0-9]/g, (ch) => (rnd() < 0.3 ? "?" : ch)) : l))],
  ["doubled pipes", (lines, rnd) => lines.map((l) => (rnd() < 0.1 ? l.replace(/\|/g, "||") : l))],
];

const names = readdirSync(CASES)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4))
  .sort();

describe("damaged cases", () => {
  it("finds the cases", () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of names) {
    it(`${name}: every damage gives a schema-valid report without an internal error`, () => {
      const lines = loadCase(name).text.split("\n");
      for (const [kind, damage] of DAMAGE) {
        for (let seed = 1; seed <= 6; seed++) {
          const text = damage(lines, random(seed)).join("\n");
          let report;
          try {
            report = parseReport(text);
          } catch (error) {
            throw new Error(`${name} / ${kind} / seed ${seed} threw: ${String(error)}`);
          }
          const internal = report.diagnostics.filter((d) => d.code === "internal-error");
          expect(internal, `${name} / ${kind} / seed ${seed}`).toEqual([]);
          expect(Value.Check(ReportSchema, report), `${name} / ${kind} / seed ${seed}`).toBe(true);
          for (const [path, p] of Object.entries(report.provenance)) {
            expect(text.slice(p.start.offset, p.end.offset), path).toBe(p.raw);
          }
        }
      }
    });
  }
});
