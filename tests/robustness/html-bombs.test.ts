/**
 * Issue 16: crafted HTML must not cost a report, the stack, quadratic time or memory out of
 * proportion to the page. Bounds are measured in this test's own process; the pages are a
 * real rendered report wrapped in, or followed by, the bomb, so "still read" is checked
 * against the model that was rendered, not against the parser's output.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { depthBound, flattenDeepNesting, MAX_DEPTH } from "../../src/html/depth.js";
import { numericEntries, render, reportArbitrary } from "../../src/testing/index.js";

const [model] = fc.sample(reportArbitrary({ template: "2021", nulls: "safe" }), { seed: 16, numRuns: 1 });
const page = render(model!, "html");
const body = page.slice(page.indexOf("<body>") + 6, page.lastIndexOf("</body>"));
/** The page with `bomb` just before its first table, inside the part the parser reads. */
const withBomb = (bomb: string) => `<html><body>${body.replace("<table", `${bomb}<table`)}</body></html>`;
const wrapIn = (open: string, close: string, n: number) => `<html><body>${open.repeat(n)}${body}${close.repeat(n)}</body></html>`;

/** Every numeric field of the rendered model that the parsed report got wrong. */
function wrongFields(html: string): string[] {
  const want = numericEntries(model!);
  const got = numericEntries(parseReport(html));
  return [...want].filter(([path, v]) => !Object.is(got.get(path), v)).map(([path]) => path);
}

/**
 * The fastest parse of each page, in ms, over `rounds` interleaved rounds: the minimum is what
 * load from other processes disturbs least, and interleaving gives both pages the same load.
 */
function fastest(pages: readonly string[], rounds = 7): number[] {
  const best = pages.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    pages.forEach((html, i) => {
      const t0 = performance.now();
      parseReport(html);
      best[i] = Math.min(best[i]!, performance.now() - t0);
    });
  }
  return best;
}

describe("deep nesting", () => {
  it("a report inside 10,000 nested <div>s is read whole, with the flattening said", () => {
    const html = wrapIn("<div>", "</div>", 10_000);
    const report = parseReport(html);
    expect(report.diagnostics.map((d) => d.code)).not.toContain("internal-error");
    expect(report.diagnostics.map((d) => d.code)).toContain("html-nesting-flattened");
    expect(wrongFields(html)).toEqual([]);
  });

  it("20,000 nested tables and 140,000 heading lines do not lose the report to the stack", () => {
    const tables = `<html><body>${"<table><tr><td>".repeat(20_000)}1${"</td></tr></table>".repeat(20_000)}${body}</body></html>`;
    const codes = parseReport(tables).diagnostics.map((d) => d.code);
    expect(codes).not.toContain("internal-error");
    expect(wrongFields(tables)).toEqual([]);
    const headings = parseReport("某县2021年政府信息公开工作年度报告\n" + "一、总体情况\n（一）主动公开\n".repeat(70_000));
    expect(headings.diagnostics.map((d) => d.code)).not.toContain("internal-error");
  });

  it("time stays linear in nesting: 4× the depth costs at most 5× the time", () => {
    const small = wrapIn("<div>", "</div>", 25_000);
    const large = wrapIn("<div>", "</div>", 100_000);
    const [smallMs, largeMs] = fastest([small, large]);
    expect(largeMs).toBeLessThanOrEqual(5 * smallMs!);
  });

  it("pages of ordinary depth are left byte-identical", () => {
    expect(depthBound(page)).toBeLessThan(MAX_DEPTH);
    expect(flattenDeepNesting(page).html).toBe(page);
  });

  it("blanking keeps every offset: the flattened page has the same length and line breaks", () => {
    const html = `<body>${"<div\nclass=x>".repeat(MAX_DEPTH + 10)}a${"</div>".repeat(MAX_DEPTH + 10)}</body>`;
    const flat = flattenDeepNesting(html);
    expect(flat.blanked).toBeGreaterThan(0);
    expect(flat.html.length).toBe(html.length);
    expect(flat.html.split("\n").length).toBe(html.split("\n").length);
  });
});

describe("span bombs", () => {
  /** RSS growth while parsing `html`, in bytes per input character (after the parse: the grid it kept). */
  function bytesPerChar(html: string): number {
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const report = parseReport(html);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(report.diagnostics.map((d) => d.code)).toContain("span-clamped");
    return (peak - before) / html.length;
  }

  it("200 rows of rowspan=65534 colspan=1000 (12 KB) stay within a bounded grid", () => {
    const bomb = `<table>${'<tr><td rowspan="65534" colspan="1000">1</td></tr>'.repeat(200)}</table>`;
    const html = withBomb(bomb);
    // Before the clamp this page took ~220 MB (~18 KB per character).
    expect(bytesPerChar(html)).toBeLessThan(1000);
    expect(wrongFields(html)).toEqual([]);
  });

  it("10⁵ cells of colspan=100000 (2.7 MB) take memory in proportion to the page", () => {
    const html = withBomb(`<table><tr>${'<td colspan="100000">1</td>'.repeat(100_000)}</tr></table>`);
    // Before the clamp: ~600 MB here (2 GB reported in the issue), ~220 bytes per character.
    // The DOM walk measured ~47; the streaming walk keeps the innermost open table's events
    // (10⁵ cells' frames) until it closes and measures 99–101 (session 8, 2026-12-04), so the
    // bound is 150: still proportional to the page, and well under the unclamped 220.
    expect(bytesPerChar(html)).toBeLessThan(150);
  });
});
