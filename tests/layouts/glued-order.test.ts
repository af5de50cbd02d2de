/**
 * PDF text in reading order (pdftotext without -layout) may print a row's numbers before its
 * label. Read label-first, every row would take its successor's numbers with each row's own
 * total still right: the digits before the first label must flag the whole table.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { REQUEST_ROWS } from "../../src/templates/grid.js";

/** 三 printed values-first, one token per line, as pdftotext prints a Chromium PDF. */
function valuesFirst(rows: ReadonlyArray<readonly number[]>): string {
  const lines = ["某某局2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
  REQUEST_ROWS.filter((d) => d.variant !== "2019").forEach((d, i) => {
    lines.push(...(rows[i % rows.length] ?? []).map(String), d.label);
  });
  lines.push("四、政府信息公开行政复议、行政诉讼情况");
  return lines.join("\n") + "\n";
}

describe("values printed before their label", () => {
  it("flags the whole of 三 when digits stand before its first row", () => {
    // Each row adds up (total = sum of the six), so a label-first reading looks right row by row.
    const rows = [
      [1, 2, 0, 0, 0, 3, 6],
      [4, 0, 1, 0, 0, 0, 5],
      [0, 7, 0, 1, 0, 0, 8],
    ];
    const r = parseReport(valuesFirst(rows));
    const warn = r.diagnostics.filter((d) => d.code === "values-before-label");
    expect(warn.map((d) => [d.severity, d.path])).toEqual([["warning", "requests"]]);
    const text = valuesFirst(rows);
    expect(text.slice(warn[0]!.position.start.offset, warn[0]!.position.start.offset + 1)).toBe("1");
  });

  it("says nothing on a label-first text", () => {
    const text = valuesFirst([[1, 2, 0, 0, 0, 3, 6]]).replace(/((?:\d+\n){7})(.+\n)/g, "$2$1");
    const r = parseReport(text);
    expect(r.diagnostics.filter((d) => d.code === "values-before-label")).toEqual([]);
    expect(r.requests?.newReceived).toMatchObject({ naturalPerson: 1, total: 6 });
  });
});

describe("a row that prints no value while the table has digits no row read", () => {
  // zoo, pdftotext (reading order), seed 4242: 规章 is followed at once by 规范性文件, and the
  // sub-table's digits stand after the next sub-table's caption. 规章 read as all blank,
  // unflagged, while its 0s were there (flagged only on the row they followed).
  it("flags the empty row", () => {
    const lines = [
      "某某局2019年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      "第二十条第（一）项", "信息内容", "本年新", "制作数量", "规章", "规范性文件", "0",
      "第二十条第（五）项", "本年新", "公开数量", "对外公开", "总数量", "0", "0", "0",
      "信息内容", "上一年", "项目数量", "行政许可", "1", "2", "3",
      "三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
    ];
    for (const d of REQUEST_ROWS.filter((x) => x.variant !== "2021")) lines.push(d.label, ...["1", "0", "0", "0", "0", "0", "1"]);
    lines.push("四、政府信息公开行政复议、行政诉讼情况");
    const r = parseReport(lines.join("\n") + "\n");
    const rules = r.proactive?.rules as Record<string, number | null> | undefined;
    const wrong = Object.entries(rules ?? {}).filter(([, v]) => v !== 0);
    if (wrong.length > 0) {
      expect(r.diagnostics.some((d) => d.severity === "warning" && d.path === "proactive.rules")).toBe(true);
    }
    expect(r.proactive?.rules).toBeDefined();
  });
});
