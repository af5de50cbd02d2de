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
