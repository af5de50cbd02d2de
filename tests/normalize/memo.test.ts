/**
 * TextMemo, the process-wide memo of label analyses: it returns what the function returns,
 * computes each short text once, stays bounded however many distinct texts pass through,
 * and never keeps long texts (prose, garbage cells) at all; and a report parses the same
 * whatever the memos learnt from the reports before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { TextMemo } from "../../src/text/memo.js";
import { render, reportArbitrary } from "../../src/testing/index.js";
import { SEED } from "../helpers/seed.js";

/** A memo of `s → s.length`, counting how often the function really ran. */
function counting(limit?: number) {
  const calls: string[] = [];
  const memo = new TextMemo((s: string) => {
    calls.push(s);
    return s.length;
  }, limit);
  return { memo, calls };
}

describe("TextMemo", () => {
  it("returns the function's value and computes a repeated text once", () => {
    const { memo, calls } = counting();
    expect(memo.get("（一）予以公开")).toBe(7);
    expect(memo.get("（一）予以公开")).toBe(7);
    // An equal text that is another string object (a slice of another document) hits too.
    const other = "前（一）予以公开".slice(1);
    expect(memo.get(other)).toBe(7);
    expect(calls).toEqual(["（一）予以公开"]);
  });

  it("remembers falsy values such as null and 0", () => {
    let runs = 0;
    const memo = new TextMemo((s: string) => {
      runs++;
      return s === "" ? null : 0;
    });
    expect(memo.get("")).toBeNull();
    expect(memo.get("")).toBeNull();
    expect(memo.get("a")).toBe(0);
    expect(memo.get("a")).toBe(0);
    expect(runs).toBe(2);
  });

  it("starts afresh at its limit, so distinct texts never grow it past the limit", () => {
    const { memo, calls } = counting(3);
    for (const s of ["a", "b", "c"]) memo.get(s);
    memo.get("a");
    expect(calls).toEqual(["a", "b", "c"]);
    memo.get("d"); // the fourth key clears the memo, then is kept
    memo.get("d");
    memo.get("a"); // forgotten: computed again
    expect(calls).toEqual(["a", "b", "c", "d", "a"]);
  });

  it("computes long texts every time instead of keeping them", () => {
    const { memo, calls } = counting();
    const long = "信".repeat(65);
    expect(memo.get(long)).toBe(65);
    expect(memo.get(long)).toBe(65);
    expect(calls).toHaveLength(2);
  });
});

describe("the memoised label analyses", () => {
  it("leave parseReport's output independent of what the process parsed before", () => {
    // Vitest gives each test file its own modules: this is the first parse, on empty memos.
    const cold = parseReport(SEED);
    const models = fc.sample(
      fc.constantFrom("2021" as const, "2019" as const).chain((template) => reportArbitrary({ template })),
      { seed: 20261126, numRuns: 12 },
    );
    const forms = ["cell-lines", "row-lines", "markdown", "html"] as const;
    models.forEach((m, i) => parseReport(render(m, forms[i % forms.length]!, { traditional: i % 3 === 0 })));
    expect(parseReport(SEED)).toEqual(cold);
  });
});
