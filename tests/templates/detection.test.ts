/**
 * Template detection (formats.md §§ A–C, F): the table labels decide; the notice number and
 * the year only break ties; mixed signals are reported naming both templates; a report with
 * no post-2019 table family is `legacy` when it looks pre-2019, else `unknown`.
 */
import { describe, expect, it } from "vitest";
import { noticeTemplate } from "../../src/normalize/template.js";
import { cellLines, codes, loadCase, parse, rowLines } from "./helpers.js";

/** The lines of `text` from the heading `from` (exclusive) up to the heading `to` (exclusive). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  return text.slice(start + from.length, end).trim();
}

const T2021 = loadCase("t2021-drift.cells").text;
const T2019 = loadCase("t2019-shanghai.cells").text;
/** 三 of the 2021 case: （六） has its three sub-rows. */
const REQUESTS_2021 = between(T2021, "三、收到和处理政府信息公开申请情况", "四、因政府信息公开工作");
/** 三 of the 2019 case: （六） is one row. */
const REQUESTS_2019 = between(T2019, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议");
/** 四, identical in both templates. */
const REVIEWS = between(T2019, "四、政府信息公开行政复议、行政诉讼情况", "五、");

const PROACTIVE_ONE_2019 = [
  ["第二十条第（一）项"],
  ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
  ["规章", "4", "6", "57"],
  ["规范性文件", "14", "13", "226"],
];

const report = (title: string, ...parts: string[]) => [title, "一、总体情况", "本机关认真贯彻落实政府信息公开条例。", ...parts].join("\n");

describe("the labels decide", () => {
  it("reads the 2021 labels as 2021 and the 2019 labels as 2019", () => {
    expect(parse(T2021).template).toBe("2021");
    expect(parse(T2019).template).toBe("2019");
  });

  it("reads a 2021 report on the 2019 labels as 2019, whatever its year and the notice it cites", () => {
    const c = loadCase("t2019-hubei-2021.cells");
    expect(c.text).toContain("国办公开办函〔2021〕30号");
    const r = parse(c.text);
    expect(r.meta.year).toBe(2021);
    expect(r.template).toBe("2019");
    expect(codes(r).filter((x) => x.startsWith("template-"))).toEqual([]);
  });

  it("reads a 2021-dated report whose only 2019 sign is （六）其他处理 as one row", () => {
    const text = report("示例县民政局2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", REQUESTS_2019);
    const r = parse(text);
    expect(r.template).toBe("2019");
    expect(r.requests?.results?.otherHandling?.total?.total).toBeTypeOf("number");
  });

  it("reads the three （六） sub-rows as 2021 in a 2019-dated report", () => {
    const text = report("示例县民政局2019年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", REQUESTS_2021);
    expect(parse(text).template).toBe("2021");
  });

  it("takes a 2019 header cut at its <br> (`本年新 | 本年新`) as a 2019 sign", () => {
    const rows = [["第二十条第（一）项"], ["信息内容", "本年新", "本年新", "对外"], ["规章", "1", "2", "15"]];
    for (const table of [cellLines(4, rows), rowLines(rows)]) {
      const r = parse(report("示例县司法局2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", table));
      expect(r.template).toBe("2019");
      expect(r.proactive?.rules).toEqual({ made: 1, published: 2, totalPublished: 15 });
    }
  });
});

describe("mixed signals", () => {
  it("names both templates, reads as the one with more labels, and keeps a 2019 header's numbers under the 2019 keys", () => {
    const text = T2021.replace("本年 制发件数 |\n本年废止件数 |\n现行有效件数 |", "本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |");
    expect(text).not.toBe(T2021);
    const r = parse(text);
    expect(r.template).toBe("2021");
    const mixed = r.diagnostics.filter((d) => d.code === "template-mixed");
    const overall = mixed.find((d) => d.path === undefined)!;
    expect(overall.severity).toBe("warning");
    expect(overall.message).toContain("2021: ");
    expect(overall.message).toContain("本年收费金额");
    expect(overall.message).toContain("2019: ");
    expect(overall.message).toContain("本年新制作数量");
    // The position is the first label of the minority template.
    expect(text.slice(overall.position.start.offset, overall.position.end.offset)).toBe("本年新制作数量");
    // Never silently under the 2021 keys.
    expect(r.proactive?.rules).toEqual({ made: 3, published: 1, totalPublished: 27 });
    expect(r.proactive?.normativeDocuments).toEqual({ made: 12, published: 4, totalPublished: 86 });
    expect(mixed.map((d) => d.path).filter(Boolean)).toEqual(["proactive.rules", "proactive.normativeDocuments"]);
    // The 2021 sub-tables stay 2021.
    expect(r.proactive?.licensing).toEqual({ decisions: 5346 });
    expect(r.proactive?.fees).toEqual({ amount: 86.25 });
  });

  it("keeps a 2021 header's numbers under the 2021 keys in a report read as 2019", () => {
    const text = T2019.replace("本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |", "本年制发件数 |\n本年废止件数 |\n现行有效件数 |");
    expect(text).not.toBe(T2019);
    const r = parse(text);
    expect(r.template).toBe("2019");
    expect(r.proactive?.rules).toEqual({ issued: 4, repealed: 6, inForce: 57 });
    expect(r.proactive?.normativeDocuments).toEqual({ issued: 14, repealed: 13, inForce: 226 });
    expect(r.proactive?.licensing).toEqual({ previousYear: 118, change: -3, decisions: 24561 });
    expect(codes(r).filter((x) => x.startsWith("template-mixed"))).toEqual([
      "template-mixed",
      "template-mixed proactive.rules",
      "template-mixed proactive.normativeDocuments",
    ]);
  });

  describe("on a tie (three labels each), the notice number decides, then the year", () => {
    const parts = (title: string, extra = "") =>
      report(title, extra, "二、主动公开政府信息情况", cellLines(4, PROACTIVE_ONE_2019), "三、收到和处理政府信息公开申请情况", REQUESTS_2021);

    it("follows the notice number over the year", () => {
      const r = parse(parts("示例县教育局2022年政府信息公开工作年度报告", "按照国办公开办函〔2019〕60号通知的格式编制。"));
      expect(r.template).toBe("2019");
      expect(r.diagnostics.find((d) => d.code === "template-mixed")?.message).toContain("notice number");
    });

    it("follows the year without a notice number", () => {
      const r2022 = parse(parts("示例县教育局2022年政府信息公开工作年度报告"));
      expect(r2022.template).toBe("2021");
      expect(r2022.diagnostics.find((d) => d.code === "template-mixed")?.message).toContain("the year");
      expect(parse(parts("示例县教育局2020年政府信息公开工作年度报告")).template).toBe("2019");
    });

    it("still reads each sub-table by its own header", () => {
      const r = parse(parts("示例县教育局2022年政府信息公开工作年度报告"));
      expect(r.proactive?.rules).toEqual({ made: 4, published: 6, totalPublished: 57 });
      expect(r.requests?.results?.otherHandling?.overdueCorrection).toBeDefined();
    });
  });
});

describe("the table family without a deciding label", () => {
  const only四 = (title: string, extra = "") => report(title, extra, "四、政府信息公开行政复议、行政诉讼情况", REVIEWS);

  it("falls back to the year, and says so", () => {
    const r = parse(only四("示例县水利局2020年政府信息公开工作年度报告"));
    expect(r.template).toBe("2019");
    expect(codes(r)).toContain("template-unknown");
    expect(parse(only四("示例县水利局2023年政府信息公开工作年度报告")).template).toBe("2021");
  });

  it("prefers the notice number to the year", () => {
    const r = parse(only四("示例县水利局2020年政府信息公开工作年度报告", "依据国办公开办函〔2021〕30号编制。"));
    expect(r.template).toBe("2021");
  });

  it("is unknown with neither (and never legacy: the family is post-2019)", () => {
    const r = parse(only四("示例县水利局政府信息公开工作年度报告"));
    expect(r.template).toBe("unknown");
    // The text names itself a report: an unknown template is a warning, and the tables it
    // promises but that were not read are errors on their paths.
    expect(codes(r)).toContain("report-template-unknown");
    expect(r.diagnostics.find((d) => d.code === "report-template-unknown")?.severity).toBe("warning");
  });
});

describe("notice numbers", () => {
  it.each([
    ["国办公开办函〔2019〕60号", "2019"],
    ["国办公开办函[2019]60号", "2019"],
    ["国办公开办函（2019）60号", "2019"],
    ["国办公开办函 〔 2019 〕 60 号", "2019"],
    ["国办公开办函〔2021〕30号", "2021"],
    ["國辦公開辦函〔2021〕30號", "2021"],
    ["国办公开办函【2021】30号", "2021"],
  ])("reads %s as %s", (text, want) => {
    expect(noticeTemplate(`根据${text}要求`)).toBe(want);
  });

  it.each([
    ["国办发〔2019〕60号"],
    ["国办公开办函〔2019〕30号"],
    ["国办公开办函〔2021〕60号"],
    ["国办公开办函〔2019〕60号和国办公开办函〔2021〕30号"],
    [""],
  ])("reads nothing from %j", (text) => {
    expect(noticeTemplate(text)).toBeNull();
  });
});

describe("no table family", () => {
  const LEGACY_OUTLINE = [
    "一、概述",
    "全年主动公开信息120条。",
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、政府信息公开的收费及减免情况",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "六、政府信息公开工作存在的主要问题和改进措施",
  ].join("\n");

  it("is legacy before 2019, tables or not", () => {
    expect(parse(`示例县财政局2016年政府信息公开工作年度报告\n${LEGACY_OUTLINE}`).template).toBe("legacy");
    expect(parse("示例县财政局2012年政府信息公开工作年度报告\n一、总体情况\n本年度共公开信息30条。").template).toBe("legacy");
  });

  it("is legacy without a year when the outline or a statistics table is pre-2019", () => {
    expect(parse(`示例县财政局政府信息公开工作年度报告\n${LEGACY_OUTLINE}`).template).toBe("legacy");
    const stats = rowLines([["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "120"]]);
    const r = parse(`示例县财政局政府信息公开工作年度报告\n附表\n${stats}`);
    expect(r.template).toBe("legacy");
    expect(r.legacyStatistics).toEqual([{ label: "主动公开政府信息数", unit: "条", value: 120, group: null }]);
  });

  it("is unknown without a year and with nothing pre-2019 about it", () => {
    const r = parse("示例县财政局政府信息公开工作年度报告\n一、总体情况\n本年度共公开信息30条。");
    expect(r.template).toBe("unknown");
    expect(codes(r)).toContain("report-template-unknown");
    const missing = r.diagnostics.filter((d) => d.code === "missing-table");
    expect(missing.map((d) => [d.path, d.severity])).toEqual([
      ["proactive", "error"],
      ["requests", "error"],
      ["reviewsAndLawsuits", "error"],
    ]);
  });

  it("is unknown, with a diagnostic, when a pre-2019 layout carries a later year", () => {
    const r = parse(`示例县财政局2020年政府信息公开工作年度报告\n${LEGACY_OUTLINE}`);
    expect(r.template).toBe("unknown");
    expect(r.diagnostics.find((d) => d.code === "report-template-unknown")?.message).toContain("2020");
  });

  it("does not count a 2021 report's `（一）概述` as the old outline", () => {
    const r = parse("示例县财政局政府信息公开工作年度报告\n一、总体情况\n（一）概述\n（二）依申请公开\n（三）收费及减免");
    expect(r.template).toBe("unknown");
  });
});
