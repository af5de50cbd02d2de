/**
 * The generators give what they promise: Report-shaped parts that validate against the
 * shipped schema, identities holding by default (by the library's checks and by the
 * independent oracle alike), broken on request, blanks where the policy allows, money with
 * at most three decimals, signed 本年增/减.
 */
import { Value } from "@sinclair/typebox/value";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/checks/index.js";
import { ProactiveSchema, RequestsSchema, ReviewsAndLawsuitsSchema } from "../../src/model/schema.js";
import { PROACTIVE_ROWS_2019, PROACTIVE_ROWS_2021, REQUEST_ROWS_2019, REQUEST_ROWS_2021 } from "../../src/templates/grid.js";
import { expectedChecks, numericEntries, reportArbitrary, type GeneratedReport } from "../../src/testing/index.js";

const samples = (options: Parameters<typeof reportArbitrary>[0], n = 60, seed = 5): GeneratedReport[] =>
  fc.sample(reportArbitrary(options), { numRuns: n, seed });

const statuses = (m: GeneratedReport) => new Set(runChecks(m).map((c) => c.status));

describe("reportArbitrary", () => {
  for (const template of ["2021", "2019"] as const) {
    it(`yields ${template} models whose tables validate and hold every template row`, () => {
      const proactiveKeys = (template === "2021" ? PROACTIVE_ROWS_2021 : PROACTIVE_ROWS_2019).map((d) => d.key);
      const requestRows = (template === "2021" ? REQUEST_ROWS_2021 : REQUEST_ROWS_2019).map((d) => `requests.${d.path}.total`);
      for (const m of samples({ template })) {
        expect(m.template).toBe(template);
        expect(Value.Check(ProactiveSchema, m.proactive)).toBe(true);
        expect(Value.Check(RequestsSchema, m.requests)).toBe(true);
        expect(Value.Check(ReviewsAndLawsuitsSchema, m.reviewsAndLawsuits)).toBe(true);
        expect(Object.keys(m.proactive)).toEqual(proactiveKeys);
        const paths = numericEntries(m);
        for (const row of requestRows) expect(paths.has(row), row).toBe(true);
        expect(m.meta.title).toContain(m.meta.agency);
        expect(m.meta.title).toContain(String(m.meta.year));
      }
    });
  }

  it("holds every identity by default, by the library's checks and by the independent oracle", () => {
    for (const template of ["2021", "2019"] as const) {
      for (const m of samples({ template })) {
        expect(statuses(m)).toEqual(new Set(["pass"]));
        expect(new Set(expectedChecks(m).values())).toEqual(new Set(["pass"]));
      }
    }
  });

  it("breaks at least one identity when asked, and the oracle agrees with the library on which", () => {
    for (const template of ["2021", "2019"] as const) {
      for (const m of samples({ template, breakIdentities: true })) {
        expect(statuses(m).has("fail")).toBe(true);
        const oracle = expectedChecks(m);
        for (const c of runChecks(m)) expect(oracle.get(c.id), c.id).toBe(c.status);
      }
    }
  });

  it("puts blanks only in 二 by default, anywhere when asked, nowhere with nulls: none", () => {
    const nullPaths = (m: GeneratedReport) => [...numericEntries(m)].filter(([, v]) => v === null).map(([p]) => p);
    const safe = samples({ template: "2021" }, 200).flatMap(nullPaths);
    expect(safe.length).toBeGreaterThan(0);
    expect(safe.every((p) => p.startsWith("proactive."))).toBe(true);
    const anywhere = samples({ template: "2019", nulls: "anywhere" }, 200).flatMap(nullPaths);
    expect(anywhere.some((p) => !p.startsWith("proactive."))).toBe(true);
    expect(samples({ template: "2021", nulls: "none" }, 100).flatMap(nullPaths)).toEqual([]);
  });

  it("draws realistic values: many zeros, some large figures, 万元 with ≤ 3 decimals, signed changes", () => {
    const ms = samples({ template: "2021" }, 300).concat(samples({ template: "2019" }, 300));
    const values = ms.flatMap((m) => [...numericEntries(m).values()]).filter((v): v is number => v !== null);
    expect(values.filter((v) => v === 0).length / values.length).toBeGreaterThan(0.3);
    expect(values.some((v) => v >= 10_000)).toBe(true);
    const fees = ms.filter((m) => m.template === "2021").map((m) => m.proactive.fees?.amount).filter((v): v is number => typeof v === "number");
    expect(fees.some((v) => !Number.isInteger(v))).toBe(true);
    for (const v of fees) expect(Math.round(v * 1000) / 1000).toBe(v);
    const changes = ms.filter((m) => m.template === "2019").flatMap((m) => [m.proactive.licensing?.change, m.proactive.fees?.change]);
    expect(changes.some((v) => typeof v === "number" && v < 0)).toBe(true);
    expect(changes.some((v) => typeof v === "number" && v > 0)).toBe(true);
  });
});
