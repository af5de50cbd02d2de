/**
 * Long glued rows of 三 (`get_text("")`): the row total is the run's last cell, so the split
 * tries each length for it and the parts must add up to it. The rows are from the model of a
 * rendered page (97089 + 10648 + 54638 + 4647 + 2266 + 671 = 169959), glued as bs4 prints them.
 */
import { describe, expect, it } from "vitest";
import { feasibleByColumns } from "../../src/layouts/glued-columns.js";
import { splitRow, type RowShape } from "../../src/layouts/split.js";

const REQ: RowShape = { slots: new Array(7).fill({}), identities: [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }] };
const vals = (r: { readings: Array<Array<{ value: number } | null>> }) => r.readings.map((x) => x.map((p) => (p ? p.value : null)));

describe("splitRow with the total at the end", () => {
  it("splits a 32-digit run into its one reading within the step budget", () => {
    const r = splitRow(["97089106485463846472266671169959"], REQ, { blanks: false, maxReadings: 64 });
    expect(r.exhausted).toBe(false);
    expect(vals(r)).toEqual([[97089, 10648, 54638, 4647, 2266, 671, 169959]]);
  });
  it("finds exactly the readings a brute-force oracle finds (`1010106401021`)", () => {
    const run = "1010106401021";
    // Every cut into 7 numbers without leading zeros whose first six add up to the seventh.
    const oracle: number[][] = [];
    const cut = (from: number, acc: string[]) => {
      if (acc.length === 7) {
        if (from === run.length) {
          const n = acc.map(Number);
          if (n.slice(0, 6).reduce((a, b) => a + b, 0) === n[6]) oracle.push(n);
        }
        return;
      }
      for (let e = from + 1; e <= run.length; e++) {
        const t = run.slice(from, e);
        if (t.length > 1 && t[0] === "0") break;
        cut(e, [...acc, t]);
      }
    };
    cut(0, []);
    const r = splitRow([run], REQ, { blanks: false, maxReadings: 64 });
    expect(r.exhausted).toBe(false);
    expect(oracle.length).toBeGreaterThan(1);
    expect(vals(r).sort()).toEqual(oracle.sort());
  });
  it("still finds the total when it is 0 and every part is 0", () => {
    expect(vals(splitRow(["0000000"], REQ, { blanks: false }))).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
  });
});

describe("feasibleByColumns", () => {
  it("drops a reading no choice of the other rows fits, column by column", () => {
    // total (-1) = a + b: a is fixed at [1, 2]; b may be [3, 4] or [30, 4]; the total is [4, 6].
    const keep = feasibleByColumns(
      [
        { candidates: [[4, 6]], coefficient: -1 },
        { candidates: [[1, 2]], coefficient: 1 },
        { candidates: [[3, 4], [30, 4]], coefficient: 1 },
      ],
      2,
    );
    expect(keep[2]).toEqual([true, false]);
  });
  it("takes a blank as fitting any sum, not as 0", () => {
    // total = a + b; b is blank in its only reading, so a's readings all stay.
    const keep = feasibleByColumns(
      [
        { candidates: [[9]], coefficient: -1 },
        { candidates: [[1], [5]], coefficient: 1 },
        { candidates: [[null]], coefficient: 1 },
      ],
      1,
    );
    expect(keep[1]).toEqual([true, true]);
  });
  it("prunes nothing when no reading of some row fits (the candidates were incomplete)", () => {
    const keep = feasibleByColumns([{ candidates: [[5]], coefficient: -1 }, { candidates: [[1], [2]], coefficient: 1 }], 1);
    expect(keep).toEqual([[true], [true, true]]);
  });
});
