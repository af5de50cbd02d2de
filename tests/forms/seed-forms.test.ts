/**
 * The same report in every shape and encoding gives the same numbers (issue: every real
 * input). The seed's values — established by reading the report, in
 * corpus/seed/siyang-xzspj-2021.expected.json — are printed with the `zfxxgk/testing`
 * renderers in each form, with each page artefact, and parsed back; every one of the 200
 * numeric fields, plus template, year and agency, must come out as the expected file says.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import type { Report } from "../../src/index.js";
import { encodeGbk, render, type RenderForm, type RenderOptions, type ReportModel } from "../../src/testing/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXPECTED: Record<string, number | string> = JSON.parse(
  readFileSync(join(ROOT, "corpus", "seed", "siyang-xzspj-2021.expected.json"), "utf8"),
);
const NUMERIC = Object.keys(EXPECTED).filter((k) => typeof EXPECTED[k] === "number" && !k.startsWith("meta."));

/** The seed's model, built from the expected file alone (never from the parser). */
function seedModel(): ReportModel {
  const model: Record<string, unknown> = {
    template: EXPECTED.template,
    meta: { title: null, agency: EXPECTED["meta.agency"], year: EXPECTED["meta.year"] },
  };
  for (const path of NUMERIC) {
    const keys = path.split(".");
    let obj = model;
    for (const k of keys.slice(0, -1)) obj = (obj[k] ??= {}) as Record<string, unknown>;
    obj[keys[keys.length - 1]!] = EXPECTED[path];
  }
  return model as unknown as ReportModel;
}

function get(report: Report, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], report);
}

/** Asserts all 203 fields; returns the number compared, for the resolution's count. */
function expectSeed(report: Report): number {
  const wrong: string[] = [];
  for (const [path, want] of Object.entries(EXPECTED)) {
    const got = get(report, path);
    if (got !== want) wrong.push(`${path}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  expect(wrong).toEqual([]);
  expect(report.checks.filter((c) => c.status !== "pass").map((c) => c.id)).toEqual([]);
  return Object.keys(EXPECTED).length;
}

const model = seedModel();
const forms: RenderForm[] = ["cell-lines", "row-lines", "markdown", "html"];
const artefacts: Array<[string, RenderOptions]> = [
  ["plain", {}],
  ["traditional labels", { traditional: true }],
  ["CRLF line ends", { newline: "\r\n" }],
  ["NBSP around values", { nbsp: true }],
  ["page chrome", { chrome: true }],
  ["spaced labels and full-width brackets", { spacedLabels: true, punctuation: "full" }],
];

describe("the seed in every form gives its 203 expected fields", () => {
  it("has 203 expected fields (200 numbers, template, year, agency)", () => {
    expect(Object.keys(EXPECTED)).toHaveLength(203);
    expect(NUMERIC).toHaveLength(200);
  });

  for (const form of forms) {
    for (const [name, options] of artefacts) {
      it(`${form}, ${name}`, () => {
        const text = render(model, form, options);
        expect(expectSeed(parseReport(text))).toBe(203);
      });
    }
    it(`${form}, GBK bytes with no declaration`, () => {
      const bytes = encodeGbk(render(model, form, form === "html" ? {} : { traditional: false }));
      const report = parseReport(bytes);
      expect(report.source.encoding).toBe("gb18030");
      expectSeed(report);
    });
  }

  it("HTML with Word-style span soup and <br> inside headers", () => {
    const text = render(model, "html", { wordSpans: true, br: "newline" });
    expectSeed(parseReport(text));
  });

  it("cells as blank-line-separated lines with no pipes at all", () => {
    // Made from the cell-per-line rendering: pipes and padding lines dropped, one blank line
    // between cells (blank cells stay as a line holding only a space).
    const cells = render(model, "cell-lines", {})
      .split("\n")
      .filter((l) => !/^\s*\|+\s*$/.test(l))
      .map((l) => l.replace(/\s*\|\s*$/, ""));
    const report = parseReport(cells.join("\n\n"));
    expectSeed(report);
  });

  it("the original seed as GBK bytes, and with a UTF-8 BOM", () => {
    const seed = readFileSync(join(ROOT, "corpus", "seed", "siyang-xzspj-2021.txt"), "utf8");
    expectSeed(parseReport(encodeGbk(seed)));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seed)]);
    expectSeed(parseReport(bom));
  });
});
