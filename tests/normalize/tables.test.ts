/**
 * Table rows → model values, on variants of the seed made by string edits. Each expectation is
 * read off the edited text: the row a label names (or the grid position it stands at), the
 * value its cell text means (model.md § Values), and which identities the edit breaks.
 */
import { describe, expect, it } from "vitest";
import type { Check, Diagnostic, Report } from "../../src/model/types.js";
import { parseReport } from "../../src/parse-report.js";
import { COLUMNS, RESULT_ROWS } from "../helpers/grid2021.js";
import { editBelow, getPath, replaceOnce, SEED, setRow } from "../helpers/seed.js";

/** An applicant row object from seven values in column order. */
const applicants = (values: Array<number | null>) => Object.fromEntries(COLUMNS.map((k, i) => [k, values[i]]));
const ZERO_ROW = applicants([0, 0, 0, 0, 0, 0, 0]);
const DISTINCT = [1, 2, 3, 4, 5, 6, 21];

const serious = (r: Report): Diagnostic[] => r.diagnostics.filter((d) => d.severity !== "info");
const notPassing = (r: Report): Array<Pick<Check, "id" | "status" | "expected" | "actual">> =>
  r.checks.filter((c) => c.status !== "pass").map(({ id, status, expected, actual }) => ({ id, status, expected, actual }));
/** The model value at a dotted path (undefined when absent). */
const at = (r: Report, path: string): unknown => getPath(r, path);
const diagnosticsAt = (r: Report, path: string) => r.diagnostics.filter((d) => d.path === path);

describe("the unedited seed (reference for the variants)", () => {
  const r = parseReport(SEED);
  it("reads every 三 row as zeros, passes all 42 checks and raises no warning", () => {
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(ZERO_ROW);
    expect(r.checks).toHaveLength(42);
    expect(notPassing(r)).toEqual([]);
    expect(serious(r)).toEqual([]);
  });
});

describe("label drift still maps to the right row", () => {
  it.each([
    [
      "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
      "(二)部分公开(区分处理的,只计这一情况,不计其他情形)",
      "requests.results.partiallyGranted",
    ],
    ["(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "(二)部分公开(区分处理的", "requests.results.partiallyGranted"],
    ["5.属于三类内部事务信息", "5.属于三类内容事务信息", "requests.results.withheld.internalAffairs"],
    ["2.其他法律行政法规禁止公开", "2.其他法律行政止公开", "requests.results.withheld.prohibitedByLaw"],
    ["(七)总计", "(七)合计", "requests.results.total"],
  ])("%j written as %j → %s", (label, drifted, path) => {
    const text = replaceOnce(setRow(SEED, label, DISTINCT), `${label} |`, `${drifted} |`);
    const r = parseReport(text);
    expect(getPath(r, path)).toEqual(applicants(DISTINCT));
    expect(r.diagnostics.filter((d) => d.code === "unknown-row" || d.code === "row-width-mismatch" || d.code === "duplicate-row")).toEqual([]);
  });
});

describe("a garbled row label", () => {
  const text = replaceOnce(setRow(SEED, "2.重复申请", DISTINCT), "2.重复申请 |", "2.??申请 |");
  const r = parseReport(text);

  it("maps by its position in the grid to requests.results.notProcessed.repeated", () => {
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(applicants(DISTINCT));
    expect(at(r, "requests.results.notProcessed.complaint")).toEqual(ZERO_ROW);
    expect(at(r, "requests.results.notProcessed.publication")).toEqual(ZERO_ROW);
  });

  // Garbled, not cut off: nothing in `2.??申请` confirms the place, so the value may be wrong.
  it("says so with a label-guessed warning on that path, positioned on the label", () => {
    const d = r.diagnostics.filter((x) => x.code === "label-guessed" && x.path === "requests.results.notProcessed.repeated");
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe("warning");
    expect(text.slice(d[0]!.position.start.offset, d[0]!.position.end.offset)).toBe("2.??申请");
  });
});

describe("cell values", () => {
  const path = "requests.results.notProcessed.repeated";

  it("a blank cell (bare `|`) is null, never 0, and the identities over it are incomplete", () => {
    const r = parseReport(editBelow(SEED, "2.重复申请", 1, "|"));
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(applicants([null, 0, 0, 0, 0, 0, 0]));
    expect(notPassing(r)).toEqual([
      { id: `requests.rowTotal.results.notProcessed.repeated`, status: "incomplete", expected: null, actual: 0 },
      { id: "requests.resultsTotal.naturalPerson", status: "incomplete", expected: null, actual: 0 },
    ]);
    expect(serious(r)).toEqual([]);
  });

  it("a placeholder `-` is null with a placeholder-cell info carrying the raw text", () => {
    const r = parseReport(editBelow(SEED, "2.重复申请", 1, "- |"));
    expect(at(r, "requests.results.notProcessed.repeated.naturalPerson")).toBeNull();
    const d = diagnosticsAt(r, `${path}.naturalPerson`);
    expect(d.map((x) => [x.code, x.severity, x.raw])).toEqual([["placeholder-cell", "info", "-"]]);
    expect(r.checks.find((c) => c.id === "requests.resultsTotal.naturalPerson")?.status).toBe("incomplete");
  });

  it.each(["—", "/", "--"])("placeholder %j is null too", (p) => {
    const r = parseReport(editBelow(SEED, "2.重复申请", 2, `${p} |`));
    expect(at(r, "requests.results.notProcessed.repeated.commercialEnterprise")).toBeNull();
    expect(diagnosticsAt(r, `${path}.commercialEnterprise`).map((x) => x.code)).toEqual(["placeholder-cell"]);
  });

  it("`无` is 0, with no diagnostic", () => {
    const r = parseReport(editBelow(SEED, "2.重复申请", 1, "无 |"));
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(ZERO_ROW);
    expect(diagnosticsAt(r, `${path}.naturalPerson`)).toEqual([]);
    expect(notPassing(r)).toEqual([]);
    expect(r.provenance[`${path}.naturalPerson`]?.raw).toBe("无");
  });

  it("`251000元` in a count column keeps the number and warns unit-in-cell", () => {
    const r = parseReport(editBelow(SEED, "2.重复申请", 1, "251000元 |"));
    expect(at(r, "requests.results.notProcessed.repeated.naturalPerson")).toBe(251000);
    const d = diagnosticsAt(r, `${path}.naturalPerson`);
    expect(d.map((x) => [x.code, x.severity])).toEqual([["unit-in-cell", "warning"]]);
  });

  it("`5346件` in a count column is 5346 with no unit warning (件 is a count)", () => {
    const r = parseReport(replaceOnce(SEED, "5346 |", "5346件 |"));
    expect(at(r, "proactive.licensing.decisions")).toBe(5346);
    expect(diagnosticsAt(r, "proactive.licensing.decisions")).toEqual([]);
  });

  it("`251000元` in the 万元 fee column warns unit-in-cell; `3.2万元` does not", () => {
    const wrong = parseReport(replaceOnce(SEED, "行政事业性收费 |\n0 |", "行政事业性收费 |\n251000元 |"));
    expect(at(wrong, "proactive.fees.amount")).toBe(251000);
    expect(diagnosticsAt(wrong, "proactive.fees.amount").map((x) => x.code)).toEqual(["unit-in-cell"]);
    const right = parseReport(replaceOnce(SEED, "行政事业性收费 |\n0 |", "行政事业性收费 |\n3.2万元 |"));
    expect(at(right, "proactive.fees.amount")).toBe(3.2);
    expect(diagnosticsAt(right, "proactive.fees.amount")).toEqual([]);
  });

  it("`约30` inside a row is null with an unparseable-cell warning carrying the raw text", () => {
    const r = parseReport(setRow(SEED, "2.重复申请", [1, 2, "约30", 4, 5, 6, 48]));
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(applicants([1, 2, null, 4, 5, 6, 48]));
    const d = diagnosticsAt(r, `${path}.researchInstitution`);
    expect(d.map((x) => [x.code, x.severity, x.raw])).toEqual([["unparseable-cell", "warning", "约30"]]);
    expect(r.provenance[`${path}.researchInstitution`]?.raw).toBe("约30");
  });

  // Regression: a non-numeric first value cell used to be read as part of the label, shifting
  // the six remaining numbers one column left.
  it("`约30` in the first value column is null there and does not shift the row", () => {
    const r = parseReport(setRow(SEED, "2.重复申请", ["约30", 2, 3, 4, 5, 6, 50]));
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(applicants([null, 2, 3, 4, 5, 6, 50]));
    expect(diagnosticsAt(r, `${path}.naturalPerson`).map((x) => x.code)).toEqual(["unparseable-cell"]);
  });

  it("every value's provenance slices back to its raw text after an edit", () => {
    const text = setRow(SEED, "2.重复申请", [1, "-", "无", "", "约30", "251000元", 7]);
    const r = parseReport(text);
    for (const [key, p] of Object.entries(r.provenance)) {
      expect(text.slice(p.start.offset, p.end.offset), key).toBe(p.raw);
    }
  });
});

describe("a changed value fails exactly the identities it enters", () => {
  it("三(七)总计 自然人 0 → 4: balance, rowTotal and resultsTotal of that column/row", () => {
    const r = parseReport(editBelow(SEED, "(七)总计", 1, "4 |"));
    expect(at(r, "requests.results.total.naturalPerson")).toBe(4);
    expect(notPassing(r)).toEqual([
      { id: "requests.balance.naturalPerson", status: "fail", expected: 0, actual: 4 },
      { id: "requests.rowTotal.results.total", status: "fail", expected: 4, actual: 0 },
      { id: "requests.resultsTotal.naturalPerson", status: "fail", expected: 0, actual: 4 },
    ]);
    expect(r.checks.filter((c) => c.status === "pass")).toHaveLength(39);
  });

  it("(一)予以公开 总计 0 → 7: that row's total and the 总计 column's results total", () => {
    const r = parseReport(editBelow(SEED, "(一)予以公开", 7, "7 |"));
    expect(notPassing(r)).toEqual([
      { id: "requests.rowTotal.results.granted", status: "fail", expected: 0, actual: 7 },
      { id: "requests.resultsTotal.total", status: "fail", expected: 7, actual: 0 },
    ]);
  });

  it("一、本年新收 商业企业 0 → 2: balance of that column and that row's total", () => {
    const r = parseReport(editBelow(SEED, "一、本年新收政府信息公开申请数量", 2, "2 |"));
    expect(notPassing(r)).toEqual([
      { id: "requests.balance.commercialEnterprise", status: "fail", expected: 2, actual: 0 },
      { id: "requests.rowTotal.newReceived", status: "fail", expected: 2, actual: 0 },
    ]);
  });

  it("四 行政复议 结果维持 0 → 2: the review group's total", () => {
    const r = parseReport(replaceOnce(SEED, "总计 |\n|||||\n0 |", "总计 |\n|||||\n2 |"));
    expect(at(r, "reviewsAndLawsuits.review.upheld")).toBe(2);
    expect(notPassing(r)).toEqual([{ id: "reviewsAndLawsuits.total.review", status: "fail", expected: 2, actual: 0 }]);
  });
});

describe("a duplicated data row", () => {
  const row = "2.重复申请 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n||\n";
  const copy = "2.重复申请 |\n9 |\n0 |\n0 |\n0 |\n0 |\n0 |\n9 |\n||\n";
  const r = parseReport(replaceOnce(SEED, row, row + copy));

  it("keeps the first occurrence and warns duplicate-row on its path", () => {
    expect(at(r, "requests.results.notProcessed.repeated")).toEqual(ZERO_ROW);
    const d = r.diagnostics.filter((x) => x.code === "duplicate-row");
    expect(d.map((x) => [x.severity, x.path])).toEqual([["warning", "requests.results.notProcessed.repeated"]]);
  });

  it("does not shift the rows after it", () => {
    expect(at(r, "requests.results.notProcessed.publication")).toEqual(ZERO_ROW);
    expect(at(r, "requests.carriedForward")).toEqual(ZERO_ROW);
    expect(notPassing(r)).toEqual([]);
  });
});

describe("the seed cut in the middle of table 三", () => {
  const cutAt = SEED.indexOf("5.属于三类内部事务信息 |\n0 |\n0 |\n") + "5.属于三类内部事务信息 |\n0 |\n0 |\n".length;
  const text = SEED.slice(0, cutAt);
  const r = parseReport(text);
  // The rows after 5.属于三类内部事务信息, where the text was cut.
  const lost = [...RESULT_ROWS.slice(RESULT_ROWS.indexOf("results.withheld.processInformation")), "results.total", "carriedForward"];

  it("still returns a report with 二 complete and the rows of 三 before the cut", () => {
    expect(r.template).toBe("2021");
    expect(at(r, "proactive.licensing.decisions")).toBe(5346);
    expect(at(r, "requests.newReceived")).toEqual(ZERO_ROW);
    expect(at(r, "requests.results.withheld.thirdPartyRights")).toEqual(ZERO_ROW);
  });

  it("keeps the two cells of the cut row and leaves the rest of it null", () => {
    expect(at(r, "requests.results.withheld.internalAffairs")).toEqual(applicants([0, 0, null, null, null, null, null]));
  });

  it("reports every row after the cut as missing-row", () => {
    const missing = r.diagnostics.filter((d) => d.code === "missing-row").map((d) => d.path);
    expect(missing.sort()).toEqual(lost.map((p) => `requests.${p}`).sort());
    for (const p of lost) expect(getPath(r.requests, p), p).toBeUndefined();
  });

  it("reports table 四 as missing-table and leaves it out of the model", () => {
    expect(r.reviewsAndLawsuits).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.code === "missing-table").map((d) => d.path)).toEqual(["reviewsAndLawsuits"]);
  });

  it("keeps every diagnostic position inside the cut text", () => {
    for (const d of r.diagnostics) expect(d.position.end.offset).toBeLessThanOrEqual(text.length);
  });
});

describe("二 printed as lines of words (PDF text: pdftotext -raw, pdfplumber)", () => {
  // A page with only 二 on it, as a PDF extractor prints it: no template can be detected.
  const lines = (rules: boolean) =>
    [
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容 本年制发件数 本年废止件数 现行有效件数",
      ...(rules ? ["规章 0 2 11"] : []),
      "规范性文件 8 0 18",
      "第二十条第（五）项",
      "信息内容 本年处理决定数量",
      "行政许可 37",
      "",
    ].join("\n");

  it("reads a row of several numbers, one cell per number", () => {
    const r = parseReport(lines(true));
    expect(at(r, "proactive.rules")).toEqual({ issued: 0, repealed: 2, inForce: 11 });
    expect(at(r, "proactive.normativeDocuments")).toEqual({ issued: 8, repealed: 0, inForce: 18 });
    expect(at(r, "proactive.licensing")).toEqual({ decisions: 37 });
  });

  it("reports a 二 row that is not there although the template is unknown, by the columns its rows were read under", () => {
    const r = parseReport(lines(false));
    expect(r.template).toBe("unknown");
    expect(at(r, "proactive.rules")).toBeUndefined();
    expect(diagnosticsAt(r, "proactive.rules").map((d) => [d.code, d.severity])).toEqual([["missing-row", "warning"]]);
  });
});
