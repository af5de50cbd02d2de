/**
 * pdftotext -layout (a PDF report turned into text): rows printed in columns, and tall label
 * cells whose numbers are centred on them, so a label's words stand on the line above its
 * values. The numbers here are written by hand in that layout; the expected values are read
 * off the text, not from the parser.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const PROACTIVE = [
  "二、主动公开政府信息情况",
  "第二十条第（一）项",
  "信息内容                本年制发件数           本年废止件数             现行有效件数",
  "规章                  6                5                  12",
  "行政规范性文件             3                0                  41",
  "第二十条第（五）项",
  "信息内容                本年处理决定数量",
  "行政许可                27",
  "",
].join("\n");

const REQUESTS = [
  "三、收到和处理政府信息公开申请情况",
  "        一、本年新收政府信息公开申请数量                18   4   0     1      0    2   25",
  "",
  "        二、上年结转政府信息公开申请数量                 1    0   0     0      0    0   1",
  "",
  "三、本年度           （一）予以公开                  9    2   0     0      0    1   12",
  "办理结果",
  "        （二）部分公开（区分处理的，只计这一情形，",
  "               不计其他情形）                   2    1   0     0      0    0   3",
  "",
  "                               属于国家秘密",
  "                              1.         0    1   0     0      0    0   1",
  "",
  "               2.其他法律行政法规禁止公开            0    0   0     0      0    0   0",
  "",
].join("\n");

describe("pdftotext -layout", () => {
  it("reads 二's rows printed in columns (they are no pipe-less cells)", () => {
    // pdftotext indents the next section's title, and stacks a tall row's numbers one per
    // line: with them, the lines above looked like a table printed one cell per line.
    const stacked = ["   三、收到和处理政府信息公开申请情况", "             1.本机关不掌握相关政府信息", ...["0", "6", "4", "20"].map((v) => " ".repeat(60) + v)].join("\n");
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n${PROACTIVE}${stacked}\n`);
    expect(r.proactive?.rules).toMatchObject({ issued: 6, repealed: 5, inForce: 12 });
    expect(r.proactive?.normativeDocuments).toMatchObject({ issued: 3, repealed: 0, inForce: 41 });
    expect(r.proactive?.licensing).toMatchObject({ decisions: 27 });
  });

  it("joins a label wrapped around its values: the words above, the ordinal or the rest beside the numbers", () => {
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n${PROACTIVE}\n${REQUESTS}`);
    const results = r.requests?.results;
    expect(results?.partiallyGranted).toMatchObject({ naturalPerson: 2, commercialEnterprise: 1, total: 3 });
    expect(results?.withheld?.stateSecret).toMatchObject({ naturalPerson: 0, commercialEnterprise: 1, total: 1 });
    expect(results?.withheld?.prohibitedByLaw).toMatchObject({ total: 0 });
    expect(r.diagnostics.filter((d) => d.path?.includes("stateSecret") || d.path?.includes("partiallyGranted"))).toEqual([]);
  });

  it("joins a row whose centred values fell half on each of its two label lines, in column order", () => {
    const split = [
      "一、本年新收政府信息公开申请数量                     1 13 3  11  8   8 44",
      "二、上年结转政府信息公开申请数量                     1 0  0  0   0   0 1",
      "      （一）予以公开                        0 0  0  0   0   0 0",
      "      （二）部分公开（区分处理的，只计这一情形，不计其 3 1 0 0",
      "      他情形）                                       0   0 4",
      "",
      "            1.属于国家秘密                 0 0  0  0   0   0 0",
    ].join("\n");
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n${PROACTIVE}\n三、收到和处理政府信息公开申请情况\n${split}\n`);
    expect(r.requests?.results?.partiallyGranted).toEqual({ naturalPerson: 3, commercialEnterprise: 1, researchInstitution: 0, socialWelfareOrganization: 0, legalServiceAgency: 0, otherOrganization: 0, total: 4 });
    expect(r.diagnostics.filter((d) => d.path?.startsWith("requests.results.partiallyGranted"))).toEqual([]);
  });

  it("gives no label to a values line that prints none (the line above may be another row's): its row is only guessed, with a warning", () => {
    const text = REQUESTS.replace("                              1.         0    1", "                                         0    1");
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n${PROACTIVE}\n${text}`);
    const flags = r.diagnostics.filter((d) => d.path === "requests.results.withheld.stateSecret" && d.severity === "warning");
    expect(flags.map((d) => d.code)).toEqual(["label-guessed"]);
  });

  it("warns on both rows when a row label stands alone above another row's label with values (the numbers may be the upper row's)", () => {
    // What pdftotext -layout printed for a tall （五）不予处理 cell: 2.重复申请's numbers beside
    // 3.'s label, and both readings add up. Which row they are is not in the text.
    const rows = [
      "               1.信访举报投诉类申请                    0     0   0   3    0     2     5",
      "               2.重复申请",
      "        （五）不予处 3.要求提供公开出版物                    0     0   8   741  0     42750 43499",
      "",
      "        理      4.无正当理由大量反复申请        0     0   0   0    0     0     0",
    ].join("\n");
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n${PROACTIVE}\n三、收到和处理政府信息公开申请情况\n${rows}\n`);
    const misaligned = (path: string) => r.diagnostics.filter((d) => d.code === "row-misaligned" && d.path === path && d.severity === "warning");
    expect(misaligned("requests.results.notProcessed.publication")).toHaveLength(1);
    expect(misaligned("requests.results.notProcessed.repeated")).toHaveLength(1);
    expect(misaligned("requests.results.notProcessed.complaint")).toHaveLength(0);
    expect(r.diagnostics.filter((d) => d.path?.endsWith("excessive") && d.code === "row-misaligned")).toEqual([]);
  });
});

describe("pandoc -t plain of a Word table (multiline tables)", () => {
  // What `pandoc -f docx -t plain` prints: rows under a dash rule, a blank line between them,
  // and a cell's `&nbsp;` before its number.
  const rule = "  -------------------- ---------------------------- ----------------- -----------------";
  const table = [
    rule,
    "  第二十条第（一）项                                                  ",
    "",
    "  信息内容             本年制发件数                 本年废止件数      现行有效件数",
    "",
    "  规章                 2                            7                 30",
    "",
    "  行政规范性文件                                    0                 1015",
    "",
    rule,
    "",
  ].join("\n");

  it("reads the rows between the rules as one table, so a short row is placed by the rule", () => {
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n${table}`);
    expect(r.proactive?.rules).toMatchObject({ issued: 2, repealed: 7, inForce: 30 });
    expect(r.proactive?.normativeDocuments).toMatchObject({ issued: null, repealed: 0, inForce: 1015 });
    expect(r.diagnostics.filter((d) => d.path?.startsWith("proactive.normativeDocuments") && d.severity !== "info")).toEqual([]);
  });

  it("pads with a cell's no-break space as with spaces", () => {
    const row = `  一、本年新收政府信息公开申请数量${"  ".repeat(20)}\u00a00      \u00a01      \u00a00    \u00a00    \u00a01    \u00a09   \u00a011`;
    const r = parseReport(`某某局2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n${row}\n`);
    expect(r.requests?.newReceived).toEqual({ naturalPerson: 0, commercialEnterprise: 1, researchInstitution: 0, socialWelfareOrganization: 0, legalServiceAgency: 1, otherOrganization: 9, total: 11 });
  });
});
