/**
 * The four real reports of corpus/real/ against their `*.expected.json`: values a human read
 * off each document (never off the parser's output; each file's `$comment` says how, and what
 * was left out and why).
 *
 * For every file:
 * - parseReport(bytes) never throws and the Report conforms to dist/schema.json (when built);
 * - every expected field equals the parser's value (one test per field);
 * - every provenance entry slices back to its raw text, and every number has provenance;
 * - "right or flagged": every numeric path of the 2021 template, and every other numeric leaf
 *   the parser outputs, that is NOT in the expected JSON is null/absent, or equals the value
 *   given for it under `$ambiguous`, or is covered by a warning/error diagnostic (path equal
 *   or a prefix) or by a failing/incomplete check that lists it. A silently wrong number is
 *   the worst failure;
 * - every identity whose operands were all established by reading has the status those
 *   numbers give (pass when they add up, fail when the source does not).
 *
 * Cases the parser gets wrong are listed in BUGS below and run as `it.fails`: the expectation
 * stays as read, never adjusted to the parser.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { parseReport, type Report } from "../../src/index.js";
import { positionProblems } from "../helpers/positions.js";
import { getPath } from "../helpers/seed.js";
import { APPLICANT_COLUMNS, COLUMNS, REQUEST_ROWS, RESULT_ROWS } from "../helpers/grid2021.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REAL = join(ROOT, "corpus", "real");
const SCHEMA_FILE = join(ROOT, "dist", "schema.json");
const hasSchema = existsSync(SCHEMA_FILE);

// ---------------------------------------------------------------------------------------------
// The 2021 template grid (docs/model.md), written out independently of src/.

const REVIEW_GROUPS = ["review", "lawsuitDirect", "lawsuitAfterReview"] as const;
const REVIEW_COLUMNS = ["upheld", "corrected", "other", "pending", "total"] as const;
const PROACTIVE_PATHS = [
  "proactive.rules.issued",
  "proactive.rules.repealed",
  "proactive.rules.inForce",
  "proactive.normativeDocuments.issued",
  "proactive.normativeDocuments.repealed",
  "proactive.normativeDocuments.inForce",
  "proactive.licensing.decisions",
  "proactive.punishment.decisions",
  "proactive.coercion.decisions",
  "proactive.fees.amount",
];
/** The 200 numeric paths of the 2021 template. */
const TEMPLATE_PATHS: string[] = [
  ...PROACTIVE_PATHS,
  ...REQUEST_ROWS.flatMap((row) => COLUMNS.map((c) => `requests.${row}.${c}`)),
  ...REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `reviewsAndLawsuits.${g}.${c}`)),
];

/** One accounting identity (docs/model.md § checks): `sum(operands) = sum(equals)`. */
interface Identity {
  id: string;
  operands: string[];
  equals: string[];
}

const IDENTITIES: Identity[] = [
  ...COLUMNS.map((c) => ({
    id: `requests.balance.${c}`,
    operands: [`requests.newReceived.${c}`, `requests.carriedOver.${c}`],
    equals: [`requests.results.total.${c}`, `requests.carriedForward.${c}`],
  })),
  ...REQUEST_ROWS.map((row) => ({
    id: `requests.rowTotal.${row}`,
    operands: APPLICANT_COLUMNS.map((c) => `requests.${row}.${c}`),
    equals: [`requests.${row}.total`],
  })),
  ...COLUMNS.map((c) => ({
    id: `requests.resultsTotal.${c}`,
    operands: RESULT_ROWS.map((row) => `requests.${row}.${c}`),
    equals: [`requests.results.total.${c}`],
  })),
  ...REVIEW_GROUPS.map((g) => ({
    id: `reviewsAndLawsuits.total.${g}`,
    operands: REVIEW_COLUMNS.slice(0, 4).map((c) => `reviewsAndLawsuits.${g}.${c}`),
    equals: [`reviewsAndLawsuits.${g}.total`],
  })),
];

// ---------------------------------------------------------------------------------------------
// Known parser bugs: `it.fails` cases, keyed by file, then by test name. Each says where in the
// input, what was expected (by reading) and what the parser gives.


const BUGS: Record<string, { expected?: Record<string, string>; flagged?: Record<string, string>; other?: Record<string, string> }> = {
  "shuyang-fgj-2023.partial.html": {},
  "shuyang-county-2025.md": {},
  "shanghai-stcsm-2024.pdf-markdown.txt": {},
  "shanghai-gov-office-2025.pdf-markdown.txt": {},
};

/** Each report's title as printed, white space removed (read off the documents). */
const TITLES: Record<string, string> = {
  "shuyang-fgj-2023.partial.html": "沭阳县发展和改革局2023年政府信息公开年度报告", // <h1 class="article-title">
  "shuyang-county-2025.md": "沐阳县人民政府2025年政府信息公开工作年度报告", // line 1, OCR spelling
  "shanghai-stcsm-2024.pdf-markdown.txt": "2024年上海市科委政府信息公开工作年度报告", // lines 2-3
  "shanghai-gov-office-2025.pdf-markdown.txt": "2025年上海市人民政府办公厅政府信息公开工作年度报告", // lines 2-3
};

// ---------------------------------------------------------------------------------------------

type Expected = Record<string, unknown> & {
  $comment: string;
  $ambiguous?: Record<string, { value: number | null; why: string }>;
};

interface Case {
  file: string;
  bytes: Uint8Array;
  text: string;
  expected: Expected;
  report: Report | null;
  error: unknown;
}

function load(file: string, expectedFile: string): Case {
  const bytes = new Uint8Array(readFileSync(join(REAL, file)));
  const text = new TextDecoder("utf-8").decode(bytes);
  const expected = JSON.parse(readFileSync(join(REAL, expectedFile), "utf8")) as Expected;
  let report: Report | null = null;
  let error: unknown = null;
  try {
    report = parseReport(bytes);
  } catch (e) {
    error = e;
  }
  return { file, bytes, text, expected, report, error };
}

const CASES: Case[] = [
  load("shuyang-fgj-2023.partial.html", "shuyang-fgj-2023.partial.expected.json"),
  load("shuyang-county-2025.md", "shuyang-county-2025.expected.json"),
  load("shanghai-stcsm-2024.pdf-markdown.txt", "shanghai-stcsm-2024.pdf-markdown.expected.json"),
  load("shanghai-gov-office-2025.pdf-markdown.txt", "shanghai-gov-office-2025.pdf-markdown.expected.json"),
];

/** Every number-or-null leaf under the value tables of the report, as dotted paths. */
function numericLeaves(report: Report): string[] {
  const out: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (typeof node === "number" || node === null) out.push(path);
    else if (Array.isArray(node)) node.forEach((v, i) => visit(v, `${path}.${i}`));
    else if (typeof node === "object" && node !== undefined) {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) visit(v, `${path}.${k}`);
    }
  };
  const r = report as unknown as Record<string, unknown>;
  for (const key of ["proactive", "requests", "reviewsAndLawsuits", "legacyStatistics"]) {
    if (r[key] !== undefined) visit(r[key], key);
  }
  return out;
}

/** Whether `path` is `prefix` or lies under it. */
function covers(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Why `path` counts as flagged in `report`, or null when nothing flags it. */
function flaggedBy(report: Report, path: string): string | null {
  const d = report.diagnostics.find(
    (x) => (x.severity === "warning" || x.severity === "error") && x.path !== undefined && covers(x.path, path),
  );
  if (d) return `${d.code} @ ${d.path}`;
  const c = report.checks.find((x) => (x.status === "fail" || x.status === "incomplete") && x.paths.includes(path));
  if (c) return `check ${c.id} ${c.status}`;
  return null;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`).join("\n");
}

/** Splits `names` into plain cases and known-bug cases (from `bugs`). */
function split(names: string[], bugs: Record<string, string> | undefined): { ok: string[]; failing: string[] } {
  const known = bugs ?? {};
  for (const name of Object.keys(known)) {
    if (!names.includes(name)) throw new Error(`BUGS lists ${name}, which is not a case`);
  }
  return { ok: names.filter((n) => !(n in known)), failing: names.filter((n) => n in known) };
}

let validate: ValidateFunction | null = null;
beforeAll(() => {
  if (!hasSchema) return;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true });
  validate = ajv.compile(schema);
});

describe.each(CASES.map((c) => [c.file, c] as const))("corpus/real/%s", (file, c) => {
  const bugs = BUGS[file] ?? {};
  const report = (): Report => {
    if (c.report === null) throw new Error(`parseReport threw: ${String(c.error)}`);
    return c.report;
  };
  const expectedKeys = Object.keys(c.expected).filter((k) => !k.startsWith("$"));
  const ambiguous = c.expected.$ambiguous ?? {};

  it("parses without throwing", () => {
    expect(c.error).toBeNull();
    expect(c.report).not.toBeNull();
  });

  it.skipIf(!hasSchema)("conforms to dist/schema.json", () => {
    const r = report();
    expect(validate!(r), formatErrors(validate!.errors)).toBe(true);
  });

  it("has an expected JSON of known paths only", () => {
    const known = new Set([...TEMPLATE_PATHS, "meta.year", "meta.agency", "meta.indexNumber", "template"]);
    expect(expectedKeys.filter((k) => !known.has(k))).toEqual([]);
    for (const k of Object.keys(ambiguous)) {
      expect(TEMPLATE_PATHS, k).toContain(k);
      expect(expectedKeys, k).not.toContain(k);
    }
    expect(c.expected.$comment.length).toBeGreaterThan(100);
  });

  const titleBug = bugs.other?.["title"];
  (titleBug ? it.fails : it)("gives meta.title as the report's title (white space aside) or null, never other text", () => {
    const title = report().meta.title;
    if (title !== null) expect(title.replace(/\s+/g, "")).toBe(TITLES[file]);
  });

  // -- every field established by reading ------------------------------------------------------
  const fields = split(expectedKeys, bugs.expected);
  it.each(fields.ok)("%s equals the value read off the document", (key) => {
    expect(getPath(report(), key)).toStrictEqual(c.expected[key]);
  });
  if (fields.failing.length > 0) {
    it.fails.each(fields.failing)("%s equals the value read off the document (known bug)", (key) => {
      expect(getPath(report(), key)).toStrictEqual(c.expected[key]);
    });
  }

  // -- provenance ----------------------------------------------------------------------------
  const provenanceBug = bugs.other?.["provenance"];
  (provenanceBug ? it.fails : it)("slices every provenance entry back to its raw text", () => {
    const r = report();
    for (const [key, p] of Object.entries(r.provenance)) {
      expect(c.text.slice(p.start.offset, p.end.offset), key).toBe(p.raw);
      expect(positionProblems(c.text, p), key).toEqual([]);
    }
  });

  const numbersBug = bugs.other?.["every-number-has-provenance"];
  (numbersBug ? it.fails : it)("has provenance for every number, and only for numeric paths", () => {
    const r = report();
    const leaves = numericLeaves(r);
    const numbers = leaves.filter((p) => typeof getPath(r, p) === "number");
    expect(numbers.filter((p) => !(p in r.provenance))).toEqual([]);
    expect(Object.keys(r.provenance).filter((p) => !leaves.includes(p))).toEqual([]);
  });

  it("gives diagnostics well-formed positions into the decoded text", () => {
    for (const d of report().diagnostics) expect(positionProblems(c.text, d.position), d.code).toEqual([]);
  });

  // -- right or flagged ----------------------------------------------------------------------
  const outputLeaves = c.report ? numericLeaves(c.report) : [];
  const unread = [...new Set([...TEMPLATE_PATHS, ...outputLeaves])].filter((p) => !expectedKeys.includes(p));
  const rightOrFlagged = split(unread, bugs.flagged);
  const assertRightOrFlagged = (path: string): void => {
    const r = report();
    const value = getPath(r, path);
    if (value === null || value === undefined) return; // not reported
    const known = ambiguous[path];
    if (known && known.value !== null && value === known.value) return; // the right value
    const by = flaggedBy(r, path);
    expect(by, `${path} = ${JSON.stringify(value)} is neither null, nor right, nor flagged`).not.toBeNull();
  };
  if (rightOrFlagged.ok.length > 0) {
    it.each(rightOrFlagged.ok)("%s (not established by reading) is null, right or flagged", assertRightOrFlagged);
  }
  if (rightOrFlagged.failing.length > 0) {
    it.fails.each(rightOrFlagged.failing)("%s (not established by reading) is null, right or flagged (known bug)", assertRightOrFlagged);
  }

  // -- identities ----------------------------------------------------------------------------
  const established = (p: string): number | undefined => {
    const v = c.expected[p];
    return typeof v === "number" ? v : undefined;
  };
  const decidable = IDENTITIES.filter((k) => [...k.operands, ...k.equals].every((p) => established(p) !== undefined));
  const checkCase = (identity: Identity): void => {
    const sum = (ps: string[]) => ps.reduce((a, p) => a + established(p)!, 0);
    const want = Math.abs(sum(identity.operands) - sum(identity.equals)) < 1e-9 ? "pass" : "fail";
    const check = report().checks.find((x) => x.id === identity.id);
    expect(check, `no check ${identity.id}`).toBeDefined();
    expect(check!.status).toBe(want);
  };
  const identities = split(
    decidable.map((k) => k.id),
    bugs.other && Object.fromEntries(Object.entries(bugs.other).filter(([k]) => k.startsWith("check "))
      .map(([k, v]) => [k.slice("check ".length), v])),
  );
  if (identities.ok.length > 0) {
    it.each(identities.ok)("check %s has the status of the numbers read", (id) => checkCase(IDENTITIES.find((k) => k.id === id)!));
  }
  if (identities.failing.length > 0) {
    it.fails.each(identities.failing)("check %s has the status of the numbers read (known bug)", (id) =>
      checkCase(IDENTITIES.find((k) => k.id === id)!),
    );
  }
});

// -- per-file facts beyond the expected values -----------------------------------------------------

describe("corpus/real/shuyang-fgj-2023.partial.html (cut off inside table 三)", () => {
  const c = CASES[0]!;
  const bugs = BUGS[c.file]?.other ?? {};

  it("is read as HTML", () => {
    expect(c.report?.source.form).toBe("html");
  });

  (bugs["truncation-flagged"] ? it.fails : it)(
    "flags the cut-off first row of 三 (科研机构 onwards): a warning whose path covers requests.newReceived.researchInstitution",
    () => {
      expect(flaggedBy(c.report!, "requests.newReceived.researchInstitution")).not.toBeNull();
    },
  );

  (bugs["missing-table-4"] ? it.fails : it)("reports 四 (absent from the file) with a missing-table diagnostic covering it", () => {
    const r = c.report!;
    for (const g of REVIEW_GROUPS) for (const col of REVIEW_COLUMNS) {
      const v = getPath(r, `reviewsAndLawsuits.${g}.${col}`);
      expect(v === null || v === undefined, `reviewsAndLawsuits.${g}.${col}`).toBe(true);
    }
    expect(
      r.diagnostics.some((d) => d.code === "missing-table" && d.path !== undefined && covers(d.path, "reviewsAndLawsuits.review.upheld")),
    ).toBe(true);
  });
});

describe("corpus/real/shuyang-county-2025.md (every number readable)", () => {
  it("has all 42 identities and all pass", () => {
    const r = CASES[1]!.report!;
    expect(r.checks.filter((x) => x.status !== "pass").map((x) => `${x.id}: ${x.status} ${x.expected}≠${x.actual}`)).toEqual([]);
    expect(r.checks.map((x) => x.id).sort()).toEqual(IDENTITIES.map((k) => k.id).sort());
  });
});
