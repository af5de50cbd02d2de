/**
 * The seed report end to end against corpus/seed/siyang-xzspj-2021.expected.json: 203 fields a
 * human read off the report (200 numbers, meta.year, meta.agency, template), the 42 identities,
 * and provenance that slices back to the text — for the text, and for its bytes with a BOM.
 */
import { describe, expect, it } from "vitest";
import { Value } from "@sinclair/typebox/value";
import type { Report } from "../../src/model/types.js";
import { ReportSchema } from "../../src/model/schema.js";
import { parseReport } from "../../src/parse-report.js";
import { positionProblems } from "../helpers/positions.js";
import { getPath, SEED, SEED_BYTES, SEED_EXPECTED } from "../helpers/seed.js";

const EXPECTED_KEYS = Object.keys(SEED_EXPECTED);
const NUMERIC_KEYS = EXPECTED_KEYS.filter((k) => typeof SEED_EXPECTED[k] === "number" && !k.startsWith("meta."));
const BOM_BYTES = new Uint8Array([0xef, 0xbb, 0xbf, ...SEED_BYTES]);

describe.each([
  ["the seed text", SEED, SEED],
  ["the seed bytes with a UTF-8 BOM", BOM_BYTES, new TextDecoder("utf-8").decode(BOM_BYTES)],
])("parseReport(%s)", (_name, input: string | Uint8Array, decoded: string) => {
  const report: Report = parseReport(input);

  it("has the 203 expected fields", () => {
    expect(EXPECTED_KEYS).toHaveLength(203);
    expect(NUMERIC_KEYS).toHaveLength(200);
  });

  it.each(EXPECTED_KEYS)("%s equals the expected value", (key) => {
    expect(getPath(report, key)).toStrictEqual(SEED_EXPECTED[key]);
  });

  it("reads meta.year 2021, meta.agency 泗阳县行政审批局, template 2021", () => {
    expect(report.meta.year).toBe(2021);
    expect(report.meta.agency).toBe("泗阳县行政审批局");
    expect(report.template).toBe("2021");
  });

  it("passes all 42 identity checks", () => {
    expect(report.checks).toHaveLength(42);
    expect(report.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(report.checks.filter((c) => c.id.startsWith("requests.balance."))).toHaveLength(7);
    expect(report.checks.filter((c) => c.id.startsWith("requests.rowTotal."))).toHaveLength(25);
    expect(report.checks.filter((c) => c.id.startsWith("requests.resultsTotal."))).toHaveLength(7);
    expect(report.checks.filter((c) => c.id.startsWith("reviewsAndLawsuits.total."))).toHaveLength(3);
  });

  it("has exactly 200 provenance entries, one per numeric field", () => {
    expect(Object.keys(report.provenance).sort()).toEqual([...NUMERIC_KEYS].sort());
  });

  it("slices every provenance entry back to its raw text, which reads as the value", () => {
    for (const [key, p] of Object.entries(report.provenance)) {
      expect(decoded.slice(p.start.offset, p.end.offset), key).toBe(p.raw);
      expect(Number(p.raw), key).toBe(getPath(report, key));
      expect(positionProblems(decoded, p), key).toEqual([]);
    }
  });

  it("raises no warning or error (the truncated 四 headers are infos)", () => {
    expect(report.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    for (const d of report.diagnostics) expect(positionProblems(decoded, d.position), d.code).toEqual([]);
  });

  it("validates against ReportSchema and records the source", () => {
    expect([...Value.Errors(ReportSchema, report)]).toEqual([]);
    expect(report.source.encoding).toBe("utf-8");
    expect(report.source.form).toBe("cell-lines");
    expect(report.source.bytes).toBe(typeof input === "string" ? SEED_BYTES.length : BOM_BYTES.length);
  });
});

describe("the seed as bytes", () => {
  it("decodes without the BOM, so offsets are into the text after it", () => {
    const withBom = parseReport(BOM_BYTES);
    const plain = parseReport(SEED);
    expect(withBom.provenance).toStrictEqual(plain.provenance);
    expect(withBom.source.sha256).not.toBe(plain.source.sha256);
  });

  it("gives the same report for the bytes without BOM as for the text", () => {
    const fromBytes = parseReport(SEED_BYTES);
    const fromText = parseReport(SEED);
    expect(fromBytes).toStrictEqual(fromText);
  });
});
