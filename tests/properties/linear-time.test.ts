/**
 * Property 5 — linear time: pathological inputs (10⁵-character lines, 10⁵-pipe runs, 10⁴
 * repeated headings, thousands of repeated table rows, long HTML tables) parse in time
 * proportional to their size. Each input is timed at size N and 2N in the same test, and
 * the ratio must stay under 3.5 (linear gives ~2, quadratic ~4); no absolute milliseconds,
 * so a slow or busy machine does not fail it.
 *
 * Timing: two warm-up parses, then the median of seven; N is doubled until one parse takes
 * at least 4 ms, so timer resolution does not dominate; a ratio over the limit is measured
 * again (up to three times, keeping the best) before the test fails, since a GC pause or the
 * other vitest worker can slow one measurement down.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { reportArbitrary, renderCellLines, renderHtml, renderRowLines } from "../../src/testing/index.js";
import * as fc from "fast-check";

const LIMIT = 3.5;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeParse(input: string): number {
  for (let i = 0; i < 2; i++) parseReport(input);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    parseReport(input);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** t(2N) / t(N) for the input family `make`, starting at `n` and growing until measurable. */
function ratio(make: (n: number) => string, start: number): { ratio: number; n: number; base: number } {
  let n = start;
  let base = timeParse(make(n));
  while (base < 4 && n < start * 64) {
    n *= 2;
    base = timeParse(make(n));
  }
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= LIMIT; attempt++) {
    const a = attempt === 0 ? base : timeParse(make(n));
    const b = timeParse(make(2 * n));
    best = Math.min(best, b / a);
  }
  return { ratio: best, n, base };
}

const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** A rendered report whose 三 rows are repeated `k` times, for the "many rows" cases. */
const [sample2021] = fc.sample(reportArbitrary({ template: "2021" }), { numRuns: 1, seed: 42 });
const model = sample2021!;

const REQUESTS_ROW_CELLS = ["（一）予以公开 |", "1 |", "0 |", "0 |", "0 |", "0 |", "0 |", "1 |", "||"].join("\n");
const REQUESTS_ROW_LINE = "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |";

const CASES: Array<[name: string, make: (n: number) => string, start: number]> = [
  ["a 10⁵-character line of prose", (n) => repeat("政府信息公开工作年度报告，", n), 100_000],
  ["a 10⁵-character cell line", (n) => `${repeat("行政规范性文件", n)} |`, 100_000],
  ["a 10⁵-character row line of cells", (n) => repeat("0 | ", n), 100_000],
  ["a 10⁵-pipe run", (n) => "|".repeat(n), 100_000],
  ["a 10⁵-pipe run ending in text", (n) => `${"|".repeat(n)}x`, 100_000],
  ["a 10⁵-pipe run with spaces", (n) => repeat("| ", n), 100_000],
  ["a 10⁵-digit cell", (n) => `${"1".repeat(n)} |`, 100_000],
  ["10⁴ repeated headings", (n) => "一、总体情况\n".repeat(n), 10_000],
  ["10⁴ repeated numbered sub-headings", (n) => "（一）主动公开情况。依托门户网站公开信息。\n".repeat(n), 10_000],
  [
    "thousands of repeated 三 rows (cell per line)",
    (n) => renderCellLines(model).replace("（二）部分公开", `${`${REQUESTS_ROW_CELLS}\n`.repeat(n)}（二）部分公开`),
    2_000,
  ],
  [
    "thousands of repeated 三 rows (row per line)",
    (n) => renderRowLines(model).replace("（二）部分公开", `${`${REQUESTS_ROW_LINE}\n`.repeat(n)}（二）部分公开`),
    2_000,
  ],
  ["thousands of lines of bare pipes and cells", (n) => "规章 |\n|\n".repeat(n), 5_000],
  ["a report repeated hundreds of times", (n) => `${renderCellLines(model)}\n`.repeat(n), 50],
  ["an HTML table of thousands of rows", (n) => renderHtml(model).replace("<tbody>", `<tbody>${"<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>".repeat(n)}`), 2_000],
  ["an HTML cell of thousands of Word spans", (n) => renderHtml(model).replace("<td", `<td>${"<span>1</span>".repeat(n)}</td><td`), 5_000],
];

describe("property 5: parse time grows linearly with input size", () => {
  for (const [name, make, start] of CASES) {
    it(name, { timeout: 120_000 }, () => {
      const r = ratio(make, start);
      expect(r.ratio, `t(2N)/t(N) = ${r.ratio.toFixed(2)} at N = ${r.n} (t(N) = ${r.base.toFixed(1)} ms)`).toBeLessThan(LIMIT);
    });
  }
});
