/**
 * Issue 16: scattered byte damage must not flip the encoding. A seed report with 50 damaged
 * bytes used to be decoded as GB18030 (more than 2 % of its UTF-8 sequences broken) and came
 * back as not-a-report with every number lost.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const seed = readFileSync(fileURLToPath(new URL("../../corpus/seed/siyang-xzspj-2021.txt", import.meta.url)));
/** The hand-read truth: flat model paths → values. */
const expected = JSON.parse(readFileSync(fileURLToPath(new URL("../../corpus/seed/siyang-xzspj-2021.expected.json", import.meta.url)), "utf8")) as Record<string, unknown>;

/** `bytes` with `spots` bytes overwritten by high bytes, at places fixed by `seed`. */
function damage(bytes: Uint8Array, spots: number, seedValue: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  let x = seedValue;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < spots; k++) out[Math.floor(next() * out.length)] = 0x80 | Math.floor(next() * 128);
  return out;
}

describe("damaged bytes keep their encoding", () => {
  for (const spots of [50, 200]) {
    it(`UTF-8 with ${spots} damaged bytes stays UTF-8, says so, and is still read as a report`, () => {
      for (const s of [1, 2, 3]) {
        const report = parseReport(damage(seed, spots, s));
        expect(report.source.encoding).toBe("utf-8");
        expect(report.template).toBe("2021");
        const codes = report.diagnostics.map((d) => d.code);
        expect(codes).toContain("invalid-encoding");
        expect(codes).not.toContain("not-a-report");
      }
    });
  }

  it("GBK bytes, clean or damaged, are still GB18030", () => {
    const gbk = new Uint8Array(iconv.encode(seed.toString("utf8"), "gbk"));
    for (const bytes of [gbk, damage(gbk, 50, 7)]) {
      const report = parseReport(bytes);
      expect(report.source.encoding).toBe("gb18030");
      expect(report.template).toBe("2021");
    }
    expect(parseReport(gbk).proactive?.licensing?.decisions).toBe(expected["proactive.licensing.decisions"]);
  });
});
