/**
 * Pre-2019 reports (formats.md § C): the old outlines as sections, and the statistics tables
 * as `legacyStatistics` — one entry per row and value column, labels as written, groups from
 * the 一、二、… rows, values through the same cell reader as every other number (so with
 * provenance and the same diagnostics). Nothing is read from prose.
 */
import { describe, expect, it } from "vitest";
import { cellLines, codes, parse, rowLines } from "./helpers.js";

const forms = [
  ["cell-per-line", (width: number, rows: string[][]) => cellLines(width, [["政府信息公开情况统计表"], ...rows])],
  ["row-per-line", (_width: number, rows: string[][]) => rowLines(rows)],
] as const;

const legacy = (...parts: string[]) =>
  ["示例县人民政府2013年政府信息公开工作年度报告", "一、概述", "2013年，我县政府信息公开工作有序开展。", ...parts].join("\n");

describe("statistics tables", () => {
  for (const [name, render] of forms) {
    describe(name, () => {
      it("reads a 序号 column and several value columns (the local copy of the national table)", () => {
        const r = parse(
          legacy(
            "附表",
            render(6, [
              ["序号", "统计指标", "单位", "区政府统计数", "区直单位统计数", "乡镇街道统计数"],
              ["一", "主动公开情况", "", "", "", ""],
              ["1", "主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "230", "1450", "388"],
              ["2", "其中：主动公开规范性文件数", "条", "12", "31", "5"],
            ]),
          ),
        );
        expect(r.template).toBe("legacy");
        const columns = ["区政府统计数", "区直单位统计数", "乡镇街道统计数"];
        const label = "主动公开政府信息数（不同渠道和方式公开相同信息计1条）";
        expect(r.legacyStatistics).toEqual([
          ...[230, 1450, 388].map((value, i) => ({ label, unit: "条", value, group: "主动公开情况", column: columns[i] })),
          ...[12, 31, 5].map((value, i) => ({ label: "其中：主动公开规范性文件数", unit: "条", value, group: "主动公开情况", column: columns[i] })),
        ]);
        for (let i = 0; i < 6; i++) expect(r.provenance[`legacyStatistics.${i}.value`]).toBeDefined();
      });

      it("flags a unit in a cell that differs from the row's unit, and accepts the same one", () => {
        const r = parse(
          legacy(
            render(3, [
              ["统计指标", "单位", "统计数"],
              ["收到申请数", "件", "12件"],
              ["依申请公开信息收取的费用", "件", "0.3万元"],
            ]),
          ),
        );
        expect(r.legacyStatistics?.map((s) => s.value)).toEqual([12, 0.3]);
        expect(codes(r, (d) => d.code === "unit-in-cell")).toEqual(["unit-in-cell legacyStatistics.1.value"]);
      });

      it("collapses the white space of labels, as written otherwise", () => {
        const r = parse(legacy(render(3, [["统计指标", "单 位", "统计数"], ["主动公开 政府信息数（条）", "条", "5"]])));
        expect(r.legacyStatistics).toEqual([{ label: "主动公开政府信息数（条）", unit: "条", value: 5, group: null }]);
      });

      it("skips a header repeated after a page break", () => {
        const r = parse(
          legacy(
            render(3, [
              ["统计指标", "单位", "统计数"],
              ["收到申请数", "件", "12"],
              ["统计指标", "单位", "统计数"],
              ["申请办结数", "件", "11"],
            ]),
          ),
        );
        expect(r.legacyStatistics?.map((s) => [s.label, s.value])).toEqual([
          ["收到申请数", 12],
          ["申请办结数", 11],
        ]);
      });
    });
  }

  it("continues a table split in two by a blank line, keeping its group", () => {
    const first = rowLines([["统计指标", "单位", "统计数"], ["三、依申请公开情况", "", ""], ["收到申请数", "件", "12"]]);
    const second = rowLines([["申请办结数", "件", "11"], ["四、行政复议数量", "件", "2"]]);
    const r = parse(legacy("附表", first, "", second));
    expect(r.legacyStatistics).toEqual([
      { label: "收到申请数", unit: "件", value: 12, group: "三、依申请公开情况" },
      { label: "申请办结数", unit: "件", value: 11, group: "三、依申请公开情况" },
      { label: "四、行政复议数量", unit: "件", value: 2, group: "四、行政复议数量" },
    ]);
  });

  it("does not continue across a heading, and reports the table it cannot read", () => {
    const first = rowLines([["统计指标", "单位", "统计数"], ["收到申请数", "件", "12"]]);
    const second = rowLines([["申请办结数", "件", "11"]]);
    const r = parse(legacy("附表", first, "二、主动公开政府信息情况", second));
    expect(r.legacyStatistics?.map((s) => s.label)).toEqual(["收到申请数"]);
    const d = r.diagnostics.find((x) => x.path === "legacyStatistics" && x.code === "legacy-table-unread")!;
    expect(d.severity).toBe("info");
  });

  it("reads a row that lost a cell to a span from the right, and says so", () => {
    const r = parse(legacy(rowLines([["指标名称", "计量单位", "2009年度", "历年累计"], ["收到申请数", "37", "112"]])));
    expect(r.legacyStatistics).toEqual([
      { label: "收到申请数", unit: null, value: 37, group: null, column: "2009年度" },
      { label: "收到申请数", unit: null, value: 112, group: null, column: "历年累计" },
    ]);
    expect(codes(r)).toContain("row-width-mismatch legacyStatistics.0");
  });

  it("keeps a data row whose value is missing, as null", () => {
    const r = parse(legacy(rowLines([["统计指标", "单位", "统计数"], ["举报投诉数量", "件", ""]])));
    expect(r.legacyStatistics).toEqual([{ label: "举报投诉数量", unit: "件", value: null, group: null }]);
  });

  it("reads a group row whose unit and values are placeholders as a group, not a statistic", () => {
    const r = parse(
      legacy(rowLines([["统计指标", "单位", "统计数"], ["八、机构建设和保障经费情况", "—", "—"], ["（一）政府信息公开工作专门机构数", "个", "1"]])),
    );
    expect(r.legacyStatistics).toEqual([
      { label: "（一）政府信息公开工作专门机构数", unit: "个", value: 1, group: "八、机构建设和保障经费情况" },
    ]);
    expect(codes(r)).not.toContain("placeholder-cell legacyStatistics.0.value");
  });

  it("needs both a label and a unit column to call a table statistics", () => {
    const r = parse(legacy(rowLines([["项目", "数量"], ["收到申请", "12"]])));
    expect(r.legacyStatistics).toBeUndefined();
    expect(codes(r)).toContain("legacy-table-unread legacyStatistics");
  });

  it("guesses no number from prose", () => {
    const r = parse(
      legacy("二、主动公开政府信息情况", "全年主动公开政府信息1523条，其中全文电子化1498条。", "三、依申请公开政府信息情况", "收到申请37件。"),
    );
    expect(r.template).toBe("legacy");
    expect(r.legacyStatistics).toBeUndefined();
    expect(Object.keys(r.provenance)).toEqual([]);
  });

  it("does not flag the page's metadata box", () => {
    const box = rowLines([["索 引 号", "014416330/2018-04736", "发布机构", "示例县人民政府办公室"]]);
    const r = parse(`${box}\n${legacy()}`);
    expect(codes(r)).not.toContain("legacy-table-unread legacyStatistics");
  });

  it("reads a statistics table appended to a post-2019 report without touching 三", () => {
    const stats = rowLines([["统计指标", "单位", "统计数"], ["收到申请数", "件", "12"]]);
    const text = [
      "示例县人民政府2021年政府信息公开工作年度报告",
      "三、收到和处理政府信息公开申请情况",
      rowLines([
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1", "2", "3", "4", "5", "6", "21"],
      ]),
      stats,
    ].join("\n");
    const r = parse(text);
    expect(r.legacyStatistics).toEqual([{ label: "收到申请数", unit: "件", value: 12, group: null }]);
    expect(Object.keys(r.requests ?? {})).toEqual(["results"]);
  });
});

describe("the pre-2019 outlines as sections", () => {
  it.each([
    ["一、概述", "概述"],
    ["一 概 述", "概述"],
    ["—、概述", "概述"],
    ["一.概述", "概述"],
    ["二、主动公开政府信息情况", "主动公开政府信息情况"],
    ["三、依申请公开政府信息情况", "依申请公开政府信息情况"],
    ["四、咨询处理情况", "咨询处理情况"],
    ["五、政府信息公开的收费及减免情况", "政府信息公开的收费及减免情况"],
    ["五、收费及减免", "收费及减免"],
    ["六、复议、诉讼和申诉", "复议、诉讼和申诉"],
    ["六、复议诉讼", "复议诉讼"],
    ["七、存在的主要问题和改进措施", "存在的主要问题和改进措施"],
    ["八、其他需要报告的事项", "其他需要报告的事项"],
    ["七、需要说明的事项与附表", "需要说明的事项与附表"],
  ])("reads `%s` as a top-level section titled %s", (line, title) => {
    const r = parse(`示例县人民政府2012年政府信息公开工作年度报告\n${line}\n本部分正文。`);
    const top = r.sections.filter((s) => s.title !== "");
    expect(top.map((s) => [s.title, s.text])).toEqual([[title, "本部分正文。"]]);
  });
});
