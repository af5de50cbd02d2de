import { describe, it, expect } from "vitest";
import { Value } from "@sinclair/typebox/value";
import { CHECK_DESCRIPTIONS, describeCheck, runChecks, type CheckInput } from "../../src/checks/index.js";
import { CheckSchema } from "../../src/model/schema.js";
import type { Applicants, Check, Outcomes, Requests, ReviewsAndLawsuits } from "../../src/model/types.js";
import { COLUMNS, REQUEST_ROWS } from "../helpers/grid2021.js";

// ---------------------------------------------------------------- fixtures


type Column = (typeof COLUMNS)[number];

/** A row; unspecified columns are 0. */
function row(values: Partial<Record<Column, number | null>> = {}): Applicants {
  return {
    naturalPerson: 0,
    commercialEnterprise: 0,
    researchInstitution: 0,
    socialWelfareOrganization: 0,
    legalServiceAgency: 0,
    otherOrganization: 0,
    total: 0,
    ...values,
  };
}

/** A row of nulls (a blank row), overridden by `values`. */
function blankRow(values: Partial<Record<Column, number | null>> = {}): Applicants {
  return row({
    naturalPerson: null,
    commercialEnterprise: null,
    researchInstitution: null,
    socialWelfareOrganization: null,
    legalServiceAgency: null,
    otherOrganization: null,
    total: null,
    ...values,
  });
}

/** A full 2021 三 (25 applicant rows) of zeros; `make` builds every row (default: zeros). */
function requests2021(make: () => Applicants = () => row()): Requests {
  return {
    newReceived: make(),
    carriedOver: make(),
    results: {
      granted: make(),
      partiallyGranted: make(),
      withheld: {
        stateSecret: make(),
        prohibitedByLaw: make(),
        endangersSecurity: make(),
        thirdPartyRights: make(),
        internalAffairs: make(),
        processInformation: make(),
        enforcementFiles: make(),
        administrativeQuery: make(),
      },
      unableToProvide: { notHeld: make(), needsCreation: make(), unclear: make() },
      notProcessed: {
        complaint: make(),
        repeated: make(),
        publication: make(),
        excessive: make(),
        confirmation: make(),
      },
      otherHandling: { overdueCorrection: make(), overdueFee: make(), other: make() },
      total: make(),
    },
    carriedForward: make(),
  };
}

/** A full 2019 三 (23 applicant rows): （六） is the single row otherHandling.total. */
function requests2019(make: () => Applicants = () => row()): Requests {
  const requests = requests2021(make);
  requests.results!.otherHandling = { total: make() };
  return requests;
}

function outcomes(values: Partial<Record<keyof Outcomes, number | null>> = {}): Outcomes {
  return { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0, ...values };
}

function reviews(): ReviewsAndLawsuits {
  return { review: outcomes(), lawsuitDirect: outcomes(), lawsuitAfterReview: outcomes() };
}

function report(parts: Partial<CheckInput> = {}): CheckInput {
  return { template: "2021", requests: requests2021(), reviewsAndLawsuits: reviews(), ...parts };
}

function byId(checks: Check[], id: string): Check {
  const check = checks.find((c) => c.id === id);
  if (check === undefined) throw new Error(`no check ${id}`);
  return check;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}



// ---------------------------------------------------------------- the whole run

describe("runChecks on a full 2021 report", () => {
  it("emits 42 checks with these exact ids, in order, all passing on zeros", () => {
    const checks = runChecks(report());
    expect(checks.map((c) => c.id)).toEqual([
      ...COLUMNS.map((c) => `requests.balance.${c}`),
      ...REQUEST_ROWS.map((p) => `requests.rowTotal.${p}`),
      ...COLUMNS.map((c) => `requests.resultsTotal.${c}`),
      "reviewsAndLawsuits.total.review",
      "reviewsAndLawsuits.total.lawsuitDirect",
      "reviewsAndLawsuits.total.lawsuitAfterReview",
    ]);
    expect(checks).toHaveLength(7 + 25 + 7 + 3);
    expect(checks.every((c) => c.status === "pass")).toBe(true);
  });

  it("produces objects that match the model's Check schema, each described by the catalogue and not in itself", () => {
    for (const check of runChecks(report())) {
      expect(Value.Check(CheckSchema, check)).toBe(true);
      expect(check).not.toHaveProperty("description");
      expect(describeCheck(check.id)).toMatch(/\S/);
      expect(CHECK_DESCRIPTIONS[check.id]).toBe(describeCheck(check.id));
    }
  });

  it("describes the row total of a row beyond the template by its path, without cataloguing it", () => {
    expect(describeCheck("requests.rowTotal.results.extra")).toContain("results.extra: 六类申请人之和 = 总计");
    expect(CHECK_DESCRIPTIONS).not.toHaveProperty("requests.rowTotal.results.extra");
    expect(describeCheck("no.such.check")).toBeNull();
  });

  it("is deterministic: the same report gives equal results", () => {
    expect(runChecks(report())).toEqual(runChecks(report()));
  });

  it("does not mutate its input, even when checks fail or are incomplete", () => {
    const input = report();
    input.requests!.newReceived!.naturalPerson = 5;
    input.requests!.carriedOver!.total = null;
    input.reviewsAndLawsuits!.review!.total = 3;
    delete input.requests!.results!.withheld!.stateSecret;
    const before = structuredClone(input);
    deepFreeze(input);
    const checks = runChecks(input);
    expect(input).toEqual(before);
    expect(checks.some((c) => c.status === "fail")).toBe(true);
    expect(checks.some((c) => c.status === "incomplete")).toBe(true);
  });
});

describe("absent tables", () => {
  it("requests absent → no requests checks", () => {
    const checks = runChecks(report({ requests: undefined }));
    expect(checks.map((c) => c.id)).toEqual([
      "reviewsAndLawsuits.total.review",
      "reviewsAndLawsuits.total.lawsuitDirect",
      "reviewsAndLawsuits.total.lawsuitAfterReview",
    ]);
  });

  it("reviewsAndLawsuits absent → no review checks", () => {
    const checks = runChecks(report({ reviewsAndLawsuits: undefined }));
    expect(checks).toHaveLength(7 + 25 + 7);
    expect(checks.some((c) => c.id.startsWith("reviewsAndLawsuits."))).toBe(false);
  });

  it("both absent → no checks at all", () => {
    expect(runChecks({ template: "unknown" })).toEqual([]);
    expect(runChecks({ template: "legacy", requests: undefined, reviewsAndLawsuits: undefined })).toEqual([]);
  });
});

// ---------------------------------------------------------------- 1. balance

describe("requests.balance", () => {
  it("passes when 一 + 二 = 三(七) + 四", () => {
    const r = requests2021();
    r.newReceived!.naturalPerson = 10;
    r.carriedOver!.naturalPerson = 2;
    r.results!.total!.naturalPerson = 9;
    r.carriedForward!.naturalPerson = 3;
    const check = byId(runChecks(report({ requests: r })), "requests.balance.naturalPerson");
    expect(check).toMatchObject({ status: "pass", expected: 12, actual: 12 });
    expect(check.paths).toEqual([
      "requests.newReceived.naturalPerson",
      "requests.carriedOver.naturalPerson",
      "requests.results.total.naturalPerson",
      "requests.carriedForward.naturalPerson",
    ]);
    expect(describeCheck(check.id)).toContain("一+二 = 三(七)+四 (自然人)");
  });

  it("fails with both sides when they differ", () => {
    const r = requests2021();
    r.newReceived!.commercialEnterprise = 10;
    r.carriedOver!.commercialEnterprise = 2;
    r.results!.total!.commercialEnterprise = 9;
    r.carriedForward!.commercialEnterprise = 2;
    const check = byId(runChecks(report({ requests: r })), "requests.balance.commercialEnterprise");
    expect(check).toMatchObject({ status: "fail", expected: 12, actual: 11 });
  });

  it("is incomplete with one null operand, keeping the known side", () => {
    const r = requests2021();
    r.newReceived!.total = 4;
    r.carriedOver!.total = null;
    r.results!.total!.total = 4;
    const check = byId(runChecks(report({ requests: r })), "requests.balance.total");
    expect(check).toMatchObject({ status: "incomplete", expected: null, actual: 4 });
    expect(check.paths).toContain("requests.carriedOver.total");
  });

  it("treats a missing row as null operands but still lists its paths", () => {
    const r = requests2021();
    delete r.carriedForward;
    r.newReceived!.naturalPerson = 7;
    const check = byId(runChecks(report({ requests: r })), "requests.balance.naturalPerson");
    expect(check).toMatchObject({ status: "incomplete", expected: 7, actual: null });
    expect(check.paths).toContain("requests.carriedForward.naturalPerson");
  });

  it("compares decimals with a tolerance and reports the clean sum", () => {
    const r = requests2021();
    r.newReceived!.naturalPerson = 0.1;
    r.carriedOver!.naturalPerson = 0.2;
    r.results!.total!.naturalPerson = 0.3;
    const check = byId(runChecks(report({ requests: r })), "requests.balance.naturalPerson");
    expect(check).toMatchObject({ status: "pass", expected: 0.3, actual: 0.3 });
  });
});

// ---------------------------------------------------------------- 2. rowTotal

describe("requests.rowTotal", () => {
  it("passes when the six applicant columns sum to total", () => {
    const r = requests2021();
    r.results!.withheld!.stateSecret = row({ naturalPerson: 3, commercialEnterprise: 1, otherOrganization: 2, total: 6 });
    const check = byId(runChecks(report({ requests: r })), "requests.rowTotal.results.withheld.stateSecret");
    expect(check).toMatchObject({ status: "pass", expected: 6, actual: 6 });
    expect(check.paths).toEqual([
      ...COLUMNS.map((c) => `requests.results.withheld.stateSecret.${c}`),
    ]);
  });

  it("fails with the exact numbers when they differ", () => {
    const r = requests2021();
    r.newReceived = row({ naturalPerson: 5, legalServiceAgency: 4, total: 8 });
    const check = byId(runChecks(report({ requests: r })), "requests.rowTotal.newReceived");
    expect(check).toMatchObject({ status: "fail", expected: 9, actual: 8 });
  });

  it("is incomplete with one null column", () => {
    const r = requests2021();
    r.results!.granted = row({ naturalPerson: 2, researchInstitution: null, total: 2 });
    const check = byId(runChecks(report({ requests: r })), "requests.rowTotal.results.granted");
    expect(check).toMatchObject({ status: "incomplete", expected: null, actual: 2 });
  });

  it("Shanghai style: a sub-row with a blank 总计 is incomplete, with the computed sum kept", () => {
    const r = requests2019();
    r.results!.withheld!.thirdPartyRights = row({ naturalPerson: 4, commercialEnterprise: 1, total: null });
    const check = byId(runChecks(report({ template: "2019", requests: r })), "requests.rowTotal.results.withheld.thirdPartyRights");
    expect(check).toMatchObject({ status: "incomplete", expected: 5, actual: null });
  });

  it("only checks rows that are present", () => {
    const r = requests2021();
    delete r.results!.unableToProvide;
    const ids = runChecks(report({ requests: r })).map((c) => c.id);
    expect(ids.filter((id) => id.startsWith("requests.rowTotal."))).toHaveLength(22);
    expect(ids.some((id) => id.includes("unableToProvide") && id.includes("rowTotal"))).toBe(false);
  });

  it("checks a row kept beyond the template, after the template rows", () => {
    const r = requests2021();
    r.results!.otherHandling!.total = row({ naturalPerson: 1, total: 2 });
    (r.results!.withheld as Record<string, unknown>)["extraRow"] = row({ naturalPerson: 1, total: 1 });
    const ids = runChecks(report({ requests: r }))
      .map((c) => c.id)
      .filter((id) => id.startsWith("requests.rowTotal."));
    expect(ids).toHaveLength(27);
    expect(ids.slice(-5)).toEqual([
      "requests.rowTotal.results.otherHandling.other",
      "requests.rowTotal.results.otherHandling.total",
      "requests.rowTotal.results.total",
      "requests.rowTotal.carriedForward",
      "requests.rowTotal.results.withheld.extraRow",
    ]);
  });
});

// ---------------------------------------------------------------- 3. resultsTotal

describe("requests.resultsTotal", () => {
  it("passes when every result row sums to 三(七), listing 22 operands in 2021", () => {
    const r = requests2021();
    r.results!.granted!.naturalPerson = 5;
    r.results!.withheld!.administrativeQuery!.naturalPerson = 1;
    r.results!.notProcessed!.repeated!.naturalPerson = 2;
    r.results!.otherHandling!.overdueFee!.naturalPerson = 3;
    r.results!.total!.naturalPerson = 11;
    const check = byId(runChecks(report({ requests: r })), "requests.resultsTotal.naturalPerson");
    expect(check).toMatchObject({ status: "pass", expected: 11, actual: 11 });
    expect(check.paths).toHaveLength(21 + 1);
    expect(check.paths.at(-1)).toBe("requests.results.total.naturalPerson");
    expect(check.paths).toContain("requests.results.otherHandling.overdueCorrection.naturalPerson");
    expect(check.paths).not.toContain("requests.results.otherHandling.total.naturalPerson");
  });

  it("fails with the exact numbers when they differ", () => {
    const r = requests2021();
    r.results!.partiallyGranted!.total = 4;
    r.results!.unableToProvide!.notHeld!.total = 3;
    r.results!.total!.total = 6;
    const check = byId(runChecks(report({ requests: r })), "requests.resultsTotal.total");
    expect(check).toMatchObject({ status: "fail", expected: 7, actual: 6 });
  });

  it("is incomplete with one null operand", () => {
    const r = requests2021();
    r.results!.notProcessed!.excessive!.legalServiceAgency = null;
    r.results!.total!.legalServiceAgency = 1;
    const check = byId(runChecks(report({ requests: r })), "requests.resultsTotal.legalServiceAgency");
    expect(check).toMatchObject({ status: "incomplete", expected: null, actual: 1 });
  });

  it("never adds a group row on top of its sub-rows (2021 with a （六） total row)", () => {
    const r = requests2021();
    r.results!.otherHandling!.overdueCorrection!.naturalPerson = 1;
    r.results!.otherHandling!.other!.naturalPerson = 2;
    r.results!.otherHandling!.total = row({ naturalPerson: 3, total: 3 });
    r.results!.total!.naturalPerson = 3;
    const check = byId(runChecks(report({ requests: r })), "requests.resultsTotal.naturalPerson");
    expect(check).toMatchObject({ status: "pass", expected: 3, actual: 3 });
  });

  it("2019 template: uses the single （六） row otherHandling.total", () => {
    const r = requests2019();
    // A consistent 2019 table: every identity holds, so every check passes.
    r.newReceived = row({ otherOrganization: 5, total: 5 });
    r.results!.otherHandling!.total = row({ otherOrganization: 4, total: 4 });
    r.results!.granted = row({ otherOrganization: 1, total: 1 });
    r.results!.total = row({ otherOrganization: 5, total: 5 });
    const checks = runChecks(report({ template: "2019", requests: r }));
    const check = byId(checks, "requests.resultsTotal.otherOrganization");
    expect(check).toMatchObject({ status: "pass", expected: 5, actual: 5 });
    expect(check.paths).toContain("requests.results.otherHandling.total.otherOrganization");
    expect(check.paths).not.toContain("requests.results.otherHandling.other.otherOrganization");
    expect(check.paths).toHaveLength(19 + 1);
    expect(checks).toHaveLength(7 + 23 + 7 + 3);
    expect(checks.every((c) => c.status === "pass")).toBe(true);
  });

  it("2021 template printing the single 2019 （六） row: that row is used, as printed", () => {
    const r = requests2019();
    const check = byId(runChecks(report({ template: "2021", requests: r })), "requests.resultsTotal.total");
    expect(check.status).toBe("pass");
    expect(check.paths).toContain("requests.results.otherHandling.total.total");
    expect(check.paths).not.toContain("requests.results.otherHandling.overdueFee.total");
  });

  it("2021 template with neither shape of （六）: incomplete, sub-row paths listed", () => {
    const r = requests2019();
    delete r.results!.otherHandling;
    const check = byId(runChecks(report({ template: "2021", requests: r })), "requests.resultsTotal.total");
    expect(check).toMatchObject({ status: "incomplete", expected: null });
    expect(check.paths).toContain("requests.results.otherHandling.overdueFee.total");
  });

  it("unknown template: the presence of a sub-row selects the 2021 layout", () => {
    const r = requests2021();
    r.results!.otherHandling = { other: row({ total: 2 }) };
    r.results!.total!.total = 2;
    const check = byId(runChecks(report({ template: "unknown", requests: r })), "requests.resultsTotal.total");
    expect(check).toMatchObject({ status: "incomplete", expected: null, actual: 2 });
    expect(check.paths).toContain("requests.results.otherHandling.overdueCorrection.total");
  });
});

// ---------------------------------------------------------------- 4. reviews

describe("reviewsAndLawsuits.total", () => {
  it("passes when upheld + corrected + other + pending = total", () => {
    const rl = reviews();
    rl.lawsuitDirect = outcomes({ upheld: 8, other: 1, total: 9 });
    const check = byId(runChecks(report({ reviewsAndLawsuits: rl })), "reviewsAndLawsuits.total.lawsuitDirect");
    expect(check).toMatchObject({ status: "pass", expected: 9, actual: 9 });
    expect(check.paths).toEqual([
      "reviewsAndLawsuits.lawsuitDirect.upheld",
      "reviewsAndLawsuits.lawsuitDirect.corrected",
      "reviewsAndLawsuits.lawsuitDirect.other",
      "reviewsAndLawsuits.lawsuitDirect.pending",
      "reviewsAndLawsuits.lawsuitDirect.total",
    ]);
  });

  it("fails with the exact numbers when they differ", () => {
    const rl = reviews();
    rl.lawsuitAfterReview = outcomes({ upheld: 2, corrected: 1, pending: 1, total: 5 });
    const check = byId(runChecks(report({ reviewsAndLawsuits: rl })), "reviewsAndLawsuits.total.lawsuitAfterReview");
    expect(check).toMatchObject({ status: "fail", expected: 4, actual: 5 });
  });

  it("is incomplete with one null operand", () => {
    const rl = reviews();
    rl.review = outcomes({ upheld: 1, corrected: null, total: 1 });
    const check = byId(runChecks(report({ reviewsAndLawsuits: rl })), "reviewsAndLawsuits.total.review");
    expect(check).toMatchObject({ status: "incomplete", expected: null, actual: 1 });
  });

  it("a group missing from a present table is incomplete with its paths", () => {
    const checks = runChecks(report({ requests: undefined, reviewsAndLawsuits: { review: outcomes() } }));
    expect(checks.map((c) => c.status)).toEqual(["pass", "incomplete", "incomplete"]);
    expect(byId(checks, "reviewsAndLawsuits.total.lawsuitDirect")).toMatchObject({ expected: null, actual: null });
    expect(byId(checks, "reviewsAndLawsuits.total.lawsuitDirect").paths).toHaveLength(5);
  });
});

// ---------------------------------------------------------------- real numbers (formats.md § D.5)

describe("real reports (formats.md § D.5)", () => {
  it("[S1] 2019 Shanghai: 自然人 column, 一 row total and 复议 all pass; blank 总计 cells stay incomplete", () => {
    // Shanghai filled only 自然人 on most rows and 总计 only on 一/二/(七)/四; the other cells
    // are blank (null). The group sums come from [S1]; which sub-row of a group holds them is
    // illustrative (one sub-row takes the whole group sum, the others are 0).
    const r = requests2019(() => blankRow({ naturalPerson: 0 }));
    r.newReceived = row({ naturalPerson: 821, commercialEnterprise: 35, legalServiceAgency: 2, otherOrganization: 1, total: 859 });
    r.carriedOver!.naturalPerson = 18;
    r.results!.granted!.naturalPerson = 258;
    r.results!.partiallyGranted!.naturalPerson = 3;
    r.results!.withheld!.processInformation!.naturalPerson = 32; // Σ（三）1–8
    r.results!.unableToProvide!.notHeld!.naturalPerson = 321; // Σ（四）1–3
    r.results!.notProcessed!.complaint!.naturalPerson = 153; // Σ（五）1–5
    r.results!.otherHandling!.total!.naturalPerson = 0; // （六）
    r.results!.total!.naturalPerson = 767;
    r.carriedForward!.naturalPerson = 72;
    const rl: ReviewsAndLawsuits = { review: outcomes({ upheld: 5, corrected: 0, other: 0, pending: 2, total: 7 }) };

    const checks = runChecks(report({ template: "2019", requests: r, reviewsAndLawsuits: rl }));
    expect(byId(checks, "requests.balance.naturalPerson")).toMatchObject({ status: "pass", expected: 839, actual: 839 });
    expect(byId(checks, "requests.resultsTotal.naturalPerson")).toMatchObject({ status: "pass", expected: 767, actual: 767 });
    expect(byId(checks, "requests.rowTotal.newReceived")).toMatchObject({ status: "pass", expected: 859, actual: 859 });
    expect(byId(checks, "reviewsAndLawsuits.total.review")).toMatchObject({ status: "pass", expected: 7, actual: 7 });
    expect(byId(checks, "requests.rowTotal.results.granted")).toMatchObject({ status: "incomplete", expected: null, actual: null });
    expect(byId(checks, "requests.balance.total").status).toBe("incomplete");
    expect(checks.some((c) => c.status === "fail")).toBe(false);
  });

  it("[S2] 2021 fixture: 自然人 balance, 一 row total and all three groups of 四 pass", () => {
    const r = requests2021();
    r.newReceived = row({ naturalPerson: 13612, commercialEnterprise: 252, socialWelfareOrganization: 45, legalServiceAgency: 128, otherOrganization: 32, total: 14069 });
    r.carriedOver!.naturalPerson = 535;
    r.results!.total!.naturalPerson = 13364;
    r.carriedForward!.naturalPerson = 783;
    const rl: ReviewsAndLawsuits = {
      review: outcomes({ upheld: 376, corrected: 97, other: 196, pending: 121, total: 790 }),
      lawsuitDirect: outcomes({ upheld: 16, corrected: 1, other: 12, pending: 27, total: 56 }),
      lawsuitAfterReview: outcomes({ upheld: 74, corrected: 1, other: 30, pending: 51, total: 156 }),
    };
    const checks = runChecks(report({ requests: r, reviewsAndLawsuits: rl }));
    expect(byId(checks, "requests.balance.naturalPerson")).toMatchObject({ status: "pass", expected: 14147, actual: 14147 });
    expect(byId(checks, "requests.rowTotal.newReceived")).toMatchObject({ status: "pass", expected: 14069, actual: 14069 });
    expect(checks.filter((c) => c.id.startsWith("reviewsAndLawsuits.")).map((c) => [c.status, c.actual])).toEqual([
      ["pass", 790],
      ["pass", 56],
      ["pass", 156],
    ]);
  });
});
