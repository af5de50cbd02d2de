/**
 * 三 in markdown when a row prints an empty cell right after its label and ends with another.
 * Converters that print every grid place (pandoc gfm, html2text) put a colspan label's
 * second place there (`| （一）予以公开 |  | 1 | … |`); node-html-markdown drops a rowspan's
 * place instead and pads the row at its end, so the same cells hold the values one place
 * left: `| 2.其他法律行政法规禁止公开 |  | 0 | 4 | 0 | 0 | 0 | 4 |  |` is a blank natural-person
 * cell, not a blank total. Counting cells cannot tell the two apart, so the row is flagged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { renderMarkdown } from "../../src/testing/index.js";

const SEED = parseReport(readFileSync(join(import.meta.dirname, "../../corpus/seed/siyang-xzspj-2021.txt")));
const ROW = "2.其他法律行政法规禁止公开";

/** The seed as markdown, with the 2.其他法律… row replaced by `line`. */
function withRow(line: string): string {
  const md = renderMarkdown(SEED);
  const lines = md.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`| ${ROW} |`));
  expect(at).toBeGreaterThan(0);
  lines[at] = line;
  return lines.join("\n");
}

const flagged = (path: string, r: ReturnType<typeof parseReport>) =>
  r.diagnostics.some((d) => d.severity !== "info" && d.path !== undefined && path.startsWith(d.path));

describe("三 markdown row: an empty cell after the label and one at the end", () => {
  it("is flagged, since the values may be one place left (node-html-markdown)", () => {
    const r = parseReport(withRow(`| ${ROW} |  | 0 | 4 | 0 | 0 | 0 | 4 |  |`));
    const got = r.requests?.results?.withheld?.prohibitedByLaw;
    const want = { naturalPerson: null, commercialEnterprise: 0, researchInstitution: 4, socialWelfareOrganization: 0, legalServiceAgency: 0, otherOrganization: 0, total: 4 };
    for (const [k, v] of Object.entries(want)) {
      const path = `requests.results.withheld.prohibitedByLaw.${k}`;
      if (!Object.is((got as Record<string, unknown> | undefined)?.[k], v)) expect(flagged(path, r), path).toBe(true);
    }
  });

  it("a row with every place printed reads unflagged", () => {
    const r = parseReport(withRow(`| ${ROW} | 0 | 4 | 0 | 0 | 0 | 0 | 4 |`));
    expect(r.requests?.results?.withheld?.prohibitedByLaw).toEqual({
      naturalPerson: 0, commercialEnterprise: 4, researchInstitution: 0, socialWelfareOrganization: 0, legalServiceAgency: 0, otherOrganization: 0, total: 4,
    });
    expect(flagged("requests.results.withheld.prohibitedByLaw", r)).toBe(false);
  });
});
