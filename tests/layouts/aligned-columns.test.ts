/**
 * Short rows of aligned dumps placed by position: a pandoc dash rule gives the columns'
 * extents (display columns, CJK two wide), lynx's full rows give their positions (lynx counts
 * characters). The texts are written here, so are the values they stand for; a row whose
 * positions do not decide stays blank under `column-undecided`.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const HEAD = "某某局2021年度政府信息公开工作年度报告\n\n本报告依据《中华人民共和国政府信息公开条例》编制。\n\n二、主动公开政府信息情况\n\n";
const TAIL = "\n\n五、存在的主要问题及改进情况\n\n无。\n";

describe("aligned short rows", () => {
  it("places values under pandoc's dash rule", () => {
    const table = [
      "  -------------------- ---------------------------- -------------- --------------",
      "  第二十条第（一）项",
      "  信息内容             本年制发件数                 本年废止件数   现行有效件数",
      "  规章                 4                            7              9",
      "  行政规范性文件                                    3              1015",
      "  -------------------- ---------------------------- -------------- --------------",
    ].join("\n");
    const r = parseReport(HEAD + table + TAIL);
    expect(r.proactive!.rules).toMatchObject({ issued: 4, repealed: 7, inForce: 9 });
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: null, repealed: 3, inForce: 1015 });
    expect(r.diagnostics.filter((d) => d.code === "column-undecided")).toEqual([]);
  });

  it("places values where lynx's full rows put them, counting characters", () => {
    const table = [
      "   第二十条第（一）项",
      "   信息内容    本年制发件数 本年废止件数 现行有效件数",
      "   规章      5      0      2",
      "   行政规范性文件        6      1015",
    ].join("\n");
    const r = parseReport(HEAD + table + TAIL);
    expect(r.proactive!.rules).toMatchObject({ issued: 5, repealed: 0, inForce: 2 });
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: null, repealed: 6, inForce: 1015 });
  });

  it("flags a row whose values stand between columns", () => {
    const table = [
      "   第二十条第（一）项",
      "   信息内容    本年制发件数 本年废止件数 现行有效件数",
      "   规章      5      0      2",
      "   行政规范性文件          6   1015",
    ].join("\n");
    const r = parseReport(HEAD + table + TAIL);
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: null, repealed: null, inForce: null });
    expect(r.diagnostics.some((d) => d.code === "column-undecided" && d.path === "proactive.normativeDocuments")).toBe(true);
  });

  it("places a short row by the header alone once the wide rows showed lynx counts characters", () => {
    // Padding by code points, as lynx does: the CJK labels make display columns disagree.
    const pad = (label: string, at: number) => label + " ".repeat(at - [...label].length);
    const wide = (label: string, values: number[]) => `   ${pad(label, 40)}${values.map((v) => pad(String(v), 7)).join("")}`.trimEnd();
    const text = HEAD + [
      "   第二十条第（一）项",
      "   信息内容    本年制发件数 本年废止件数 现行有效件数",
      "   规章      5             2",
      "   行政规范性文件        6      1015",
    ].join("\n") + "\n\n三、收到和处理政府信息公开申请情况\n\n" + [
      wide("一、本年新收政府信息公开申请数量", [1, 2, 3, 4, 5, 6, 21]),
      wide("二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
      wide("（二）部分公开", [1, 0, 0, 0, 0, 0, 1]),
    ].join("\n") + TAIL;
    const r = parseReport(text);
    expect(r.requests!.newReceived).toMatchObject({ naturalPerson: 1, total: 21 });
    expect(r.proactive!.rules).toMatchObject({ issued: 5, repealed: null, inForce: 2 });
    expect(r.proactive!.normativeDocuments).toMatchObject({ issued: null, repealed: 6, inForce: 1015 });
  });
});
