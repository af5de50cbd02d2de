/**
 * Debian's `html2text` (the C tool, 1.3.2a): tables drawn with `|` and `_`, the row's bottom
 * rule drawn through its cells (`|__ 8_|`), a rowspan's last place printed as `|_______|`,
 * and cells measured in characters but cut in bytes — a cell holding its own `&nbsp;` loses
 * its last digits (`| 4999|` for 49999). The rows are written the way the tool printed
 * them; the expected values are read off the text.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const N = "\u00a0";
const head = "某某局2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n";

describe("html2text (C) tables", () => {
  it("reads values inside underscore fill, and a rowspan's underscored place is no label", () => {
    const rows = [
      "|___________________一、本年新收政府信息公开|_ 1|_ 8|_ 9|__ 8_|__ 4_|_ 0|_ 30|",
      "|         |___________________（一）予以公开_____|_ 0|_ 2|_ 0|__ 1_|__ 0_|_ 0|_ 3_|",
      "|         |_______|8.属于行政查询事项___________|7___|0____|0___|0_____|213___|0___|220___|",
    ].join("\n");
    const r = parseReport(`${head}${rows}\n`);
    expect(r.requests?.newReceived).toEqual({ naturalPerson: 1, commercialEnterprise: 8, researchInstitution: 9, socialWelfareOrganization: 8, legalServiceAgency: 4, otherOrganization: 0, total: 30 });
    expect(r.requests?.results?.granted).toMatchObject({ commercialEnterprise: 2, socialWelfareOrganization: 1, total: 3 });
    expect(r.requests?.results?.withheld?.administrativeQuery).toEqual({ naturalPerson: 7, commercialEnterprise: 0, researchInstitution: 0, socialWelfareOrganization: 0, legalServiceAgency: 213, otherOrganization: 0, total: 220 });
    const flagged = r.diagnostics.filter((d) => d.severity !== "info" && d.path?.startsWith("requests.results.withheld.administrativeQuery"));
    expect(flagged).toEqual([]);
  });

  it("flags a value whose cell holds its own no-break space and no fill (it may have lost digits), not one with fill left", () => {
    const row = `|___________________一、本年新收政府信息公开|_${N}0|_${N}0|_${N}0|${N}4999|__${N}0_|_${N}6_|${N}5000|`;
    const r = parseReport(`${head}${row}\n`);
    const cut = r.diagnostics.filter((d) => d.code === "value-truncated").map((d) => d.path);
    expect(cut).toEqual(["requests.newReceived.socialWelfareOrganization", "requests.newReceived.total"]);
    expect(r.diagnostics.find((d) => d.code === "value-truncated")?.severity).toBe("warning");
    expect(r.requests?.newReceived?.naturalPerson).toBe(0);
  });

  it("does not flag a cell that fills its place without a no-break space, nor a markdown cell", () => {
    const ascii = "|___________________一、本年新收政府信息公开|1732|127682|51688|___1920____|___2884____|52366|238272|";
    const md = `| 一、本年新收政府信息公开申请数量 |${N}1| 2 | 0 | 0 | 0 | 0 | 3 |`;
    for (const row of [ascii, md]) {
      const r = parseReport(`${head}${row}\n`);
      expect(r.diagnostics.filter((d) => d.code === "value-truncated")).toEqual([]);
    }
  });

  it("a header line whose closing pipe the byte cut took is a row of its own, not the head of the row below", () => {
    // The header's last cells were cut mid-character, and with them the closing `|`: the two
    // unclosed lines were glued to 一、本年新收 as one row broken inside its cells, and 一 was lost.
    const rows = [
      " ______________________________________________________",
      "|                                                       |申请人情况___________________________|",
      "|（本列数据的勾稽关系为：第一项加第二\ufffd|自\ufffd|法人或其他组织\ufffd第四\ufffd|总计|）",
      "|_______________________________________________________|_____|商\ufffd|科\ufffd|社会|法律|其|\ufffd\ufffd\ufffd\ufffd构",
      "|一、本年新收政府信息公开申请数量_______|97089|10648|54638|4647__|2266__|671|169959|",
      "|二、上年结转政府信息公开申请数量_______|0____|1____|2____|0_____|5_____|8__|16____|",
    ].join("\n");
    const r = parseReport(`${head}${rows}\n`);
    expect(r.requests?.newReceived).toEqual({ naturalPerson: 97089, commercialEnterprise: 10648, researchInstitution: 54638, socialWelfareOrganization: 4647, legalServiceAgency: 2266, otherOrganization: 671, total: 169959 });
    expect(r.requests?.carriedOver).toEqual({ naturalPerson: 0, commercialEnterprise: 1, researchInstitution: 2, socialWelfareOrganization: 0, legalServiceAgency: 5, otherOrganization: 8, total: 16 });
  });

  it("reads a number followed by a cut character's bytes, with an info diagnostic, and the row's total confirms it", () => {
    // The tool fills a cell's room after its value with bytes of a cut character: `5\ufffd\ufffd\ufffd`.
    const F = "\ufffd";
    const row = `|一、本年新收政府信息公开申请数量_______|45015|5${F}${F}${F}|0${F}${F}${F}|788|2${F}|2${F}|45812${F}|`;
    const r = parseReport(`${head}${row}\n`);
    expect(r.requests?.newReceived).toEqual({
      naturalPerson: 45015, commercialEnterprise: 5, researchInstitution: 0, socialWelfareOrganization: 788, legalServiceAgency: 2, otherOrganization: 2, total: 45812,
    });
    const damaged = r.diagnostics.filter((d) => d.code === "cell-damaged");
    expect(damaged.map((d) => [d.severity, d.path])).toEqual([
      ["info", "requests.newReceived.commercialEnterprise"],
      ["info", "requests.newReceived.researchInstitution"],
      ["info", "requests.newReceived.legalServiceAgency"],
      ["info", "requests.newReceived.otherOrganization"],
      ["info", "requests.newReceived.total"],
    ]);
    expect(r.checks.find((c) => c.id === "requests.rowTotal.newReceived")?.status).toBe("pass");
  });

  it("does not read a cell whose replacement character stands between digits", () => {
    const row = `|一、本年新收政府信息公开申请数量_______|1\ufffd5|0|0|0|0|0|15|`;
    const r = parseReport(`${head}${row}\n`);
    expect(r.requests?.newReceived?.naturalPerson ?? null).toBeNull();
    expect(r.diagnostics.some((d) => d.code === "unparseable-cell" && d.path === "requests.newReceived.naturalPerson")).toBe(true);
  });
});
