/**
 * Audit pages for the tests: the seed, a generated report whose identity is broken on purpose
 * (the truth of which cell is wrong comes from the model that was changed before rendering),
 * and any corpus file.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as fc from "fast-check";
import { auditPage } from "../../src/audit/page.js";
import { decode, parseReport, type Report } from "../../src/index.js";
import { render, reportArbitrary } from "../../src/testing/index.js";

/** A report, the text its positions point into, and its audit page. */
export interface Audited {
  report: Report;
  text: string;
  html: string;
}

/**
 * The audit page of a file's bytes, decoded as parseReport decodes them; `name` is what the
 * page calls the file (its path unless given).
 */
export function auditFile(path: string, name = path): Audited {
  const bytes = new Uint8Array(readFileSync(path));
  const report = parseReport(bytes);
  const text = decode(bytes).text;
  return { report, text, html: auditPage({ report, text, name }) };
}

/** The corpus file at `rel` (relative to the repository root). */
export const corpusPath = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

/** The path whose printed value is off by one in {@link brokenReport}. */
export const BROKEN_PATH = "requests.newReceived.naturalPerson";

/**
 * A 2021 report in cell lines whose 三 row 一 has its 自然人 value raised by one after the
 * model was made, so its row total and the balance of 三 fail.
 */
export function brokenReport(): Audited {
  const [model] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed: 15, numRuns: 1 });
  const row = (model!.requests as Record<string, Record<string, number>>).newReceived!;
  row.naturalPerson = row.naturalPerson! + 1;
  const text = render(model!, "cell-lines");
  const report = parseReport(text);
  return { report, text, html: auditPage({ report, text, name: "broken.txt" }) };
}
