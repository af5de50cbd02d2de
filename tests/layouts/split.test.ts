import { describe, expect, it } from "vitest";
import { splitRow, type RowShape } from "../../src/layouts/split.js";

const REQ: RowShape = { slots: new Array(7).fill({}), identities: [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }] };
const plain = (n: number): RowShape => ({ slots: new Array(n).fill({}), identities: [] });
const vals = (r: { readings: Array<Array<{ value: number } | null>> }) => r.readings.map((x) => x.map((p) => (p ? p.value : null)));

describe("splitRow", () => {
  it("splits 640020470 into 64,0,0,2,0,4,70 by the row total", () => {
    expect(vals(splitRow(["640020470"], REQ, { blanks: false }))).toEqual([[64, 0, 0, 2, 0, 4, 70]]);
  });
  it("reads 000 as three zeros (no leading zeros)", () => {
    expect(vals(splitRow(["000"], plain(3)))).toEqual([[0, 0, 0]]);
  });
  it("finds several readings of 693665 in three cells", () => {
    expect(splitRow(["693665"], plain(3)).readings.length).toBeGreaterThan(1);
  });
  it("keeps a long decimal in a decimal column", () => {
    expect(vals(splitRow(["24252.311082"], { slots: [{ decimal: true }], identities: [] }))).toEqual([[24252.311082]]);
  });
  it("stays fast on a 10^5-digit run", () => {
    const t = Date.now();
    const r = splitRow(["1".repeat(100000)], REQ);
    expect(r.readings.length).toBe(0);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
