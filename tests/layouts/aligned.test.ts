/**
 * Aligned-column dumps through the real tools: pages rendered from generated models are
 * printed by lynx, pandoc and html-to-text, parsed, and every field of 二/三/四 is scored
 * against the model. A wrong value that nothing flags fails the test.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { render, reportArbitrary } from "../../src/testing/index.js";
import { ALIGNED_TOOLS, addScore, emptyScore, hasProgram } from "./aligned-support.js";
import { scoreFields } from "./aligned-support.js";

describe("aligned-column dumps from real tools", () => {
  for (const tool of ALIGNED_TOOLS) {
    const missing = tool.program !== null && !hasProgram(tool.program);
    it.skipIf(missing && !process.env.CI)(tool.name, () => {
      if (missing) throw new Error(`${tool.program} is not installed`);
      const total = emptyScore();
      for (const template of ["2021", "2019"] as const) {
        for (const model of fc.sample(reportArbitrary({ template, nulls: "anywhere" }), { seed: 11, numRuns: 2 })) {
          addScore(total, scoreFields(model, parseReport(tool.run(render(model, "html", {})))));
        }
      }
      expect(total.silent).toEqual([]);
      expect(total.unflagged).toBe(0);
      expect(total.right / total.total).toBeGreaterThan(0.9);
    }, 60_000);
  }
});
