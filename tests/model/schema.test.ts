/**
 * The shipped JSON Schema (`dist/schema.json`, written by `scripts/write-schema.mjs`) is a
 * standalone, strict draft-07 schema that accepts real Reports and rejects malformed ones,
 * and every Report the parser makes from `corpus/` conforms to it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Value } from "@sinclair/typebox/value";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/index.js";
import { ReportSchema } from "../../src/model/schema.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCHEMA_FILE = join(ROOT, "dist", "schema.json");
const CORPUS = join(ROOT, "corpus");
const hasSchema = existsSync(SCHEMA_FILE);
if (!hasSchema) console.warn(`skipping dist/schema.json tests: ${SCHEMA_FILE} is missing (run \`npm run build\`)`);

/**
 * Every corpus input below `dir` (`*.txt`, `*.html`, `*.md`; never `*.expected.json`), sorted.
 * @param dir the folder to walk
 * @returns absolute paths
 */
function corpusInputs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusInputs(path));
    else if (entry.isFile() && /\.(txt|html|md)$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Ajv's errors as one readable line each, for assertion messages.
 * @param errors `validate.errors` after a failed validation
 * @returns the errors joined by newlines
 */
function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("\n");
}

const point = (offset: number) => ({ line: 1, column: offset + 1, offset });

/** A small but complete Report: every required field, one of each optional part. */
const validReport: Report = {
  schemaVersion: 1,
  template: "2021",
  meta: {
    title: "泗阳县行政审批局2021年政府信息公开工作年度报告",
    agency: "泗阳县行政审批局",
    year: 2021,
    publishedAt: "2022-01-20",
    indexNumber: null,
    documentNumber: null,
    header: { 发布机构: "泗阳县行政审批局" },
    agencyKey: "泗阳县行政审批局",
    agencyKind: "局",
    division: { code: "321323", province: "江苏省", city: "宿迁市", county: "泗阳县", level: "county" },
  },
  sections: [
    {
      number: 1,
      title: "总体情况",
      text: "",
      children: [{ number: null, title: "（一）主动公开", text: "……", children: [] }],
    },
  ],
  proactive: { licensing: { decisions: 5346 }, fees: { amount: 0 } },
  requests: {
    newReceived: {
      naturalPerson: 3,
      commercialEnterprise: 0,
      researchInstitution: 0,
      socialWelfareOrganization: 0,
      legalServiceAgency: 0,
      otherOrganization: null,
      total: 3,
    },
  },
  reviewsAndLawsuits: { review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 } },
  checks: [
    { id: "requests.newReceived.total", status: "pass", expected: 3, actual: 3, paths: ["requests.newReceived.total"] },
  ],
  diagnostics: [
    { code: "placeholder-cell", severity: "info", message: "read - as null", position: { start: point(10), end: point(11) } },
  ],
  provenance: { "requests.newReceived.total": { start: point(100), end: point(101), raw: "3" } },
  source: { encoding: "utf-8", form: "cell-lines", bytes: 1234, sha256: "0".repeat(64) },
};

/**
 * A deep copy of {@link validReport} changed by `edit`, typed loosely so that it can be broken.
 * @param edit mutates the copy
 * @returns the broken report
 */
function broken(edit: (report: Record<string, any>) => void): unknown {
  const copy = structuredClone(validReport) as Record<string, any>;
  edit(copy);
  return copy;
}

describe.skipIf(!hasSchema)("dist/schema.json", () => {
  let schema: Record<string, unknown>;
  let validate: ValidateFunction;

  beforeAll(() => {
    schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
    // Every strict option on: no unknown keywords, no ambiguous types, required names declared.
    const ajv = new Ajv({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true });
    validate = ajv.compile(schema);
  });

  it("is a standalone draft-07 schema whose $refs all point inside the file", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.title).toBe("zfxxgk Report");
    const text = JSON.stringify(schema);
    const refs = [...text.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0); // Section is recursive
    for (const ref of refs) expect(ref).toMatch(/^#\/definitions\/\w+$/);
    // Only the root keeps an $id: embedded relative $ids were hoisted into definitions.
    expect(text.match(/"\$id"/g)).toHaveLength(1);
  });

  it("accepts a minimal hand-built Report (which the TypeBox source schema accepts too)", () => {
    expect(Value.Check(ReportSchema, validReport)).toBe(true);
    expect(validate(validReport), formatErrors(validate.errors)).toBe(true);
  });

  it("validates the recursive Section outline at depth", () => {
    const deep = broken((r) => {
      r.sections[0].children[0].children = [{ number: 2, title: "a", text: "b", children: [] }];
    });
    expect(validate(deep), formatErrors(validate.errors)).toBe(true);
    const badDeep = broken((r) => {
      r.sections[0].children[0].children = [{ number: "2", title: "a", text: "b", children: [] }];
    });
    expect(validate(badDeep)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === "/sections/0/children/0/children/0/number")).toBe(true);
  });

  const rejects: [name: string, edit: (r: Record<string, any>) => void, path: string][] = [
    ["a template literal that is not one of the four", (r) => (r.template = "2020"), "/template"],
    ["a string where a number belongs", (r) => (r.requests.newReceived.total = "3"), "/requests/newReceived/total"],
    ["a diagnostic code that is not kebab-case", (r) => (r.diagnostics[0].code = "placeholderCell"), "/diagnostics/0/code"],
    ["a diagnostic code with a trailing dash", (r) => (r.diagnostics[0].code = "placeholder-"), "/diagnostics/0/code"],
    ["a missing schemaVersion", (r) => delete r.schemaVersion, ""],
    ["a schemaVersion other than 1", (r) => (r.schemaVersion = 2), "/schemaVersion"],
    ["a sha256 that is not 64 lowercase hex digits", (r) => (r.source.sha256 = "ABC"), "/source/sha256"],
  ];
  it.each(rejects)("rejects %s", (_name, edit, path) => {
    const bad = broken(edit);
    expect(Value.Check(ReportSchema, bad)).toBe(false);
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath), formatErrors(validate.errors)).toContain(path);
  });

  const inputs = corpusInputs(CORPUS);
  it("finds corpus inputs to parse", () => {
    expect(inputs.length).toBeGreaterThan(0);
  });

  // Fails until the real parser replaces the stub of parseReport.
  it.each(inputs.map((path) => [relative(ROOT, path), path] as const))(
    "parseReport(%s) conforms to the schema",
    async (_name, path) => {
      // Imported here so that a half-written src/ cannot break the schema-only tests above.
      const { parseReport } = await import("../../src/index.js");
      const report = parseReport(readFileSync(path));
      expect(validate(report), formatErrors(validate.errors)).toBe(true);
    },
  );
});
