/**
 * 二 when a sub-table header prints an empty place after a spanned label
 * (`| 信息内容 | 上一年项目数量 | 本年增/减 |  | 处理决定数量 |`) and the data rows print a cell
 * for every place (`| 行政许可 | — |  | 9 | 54 |`): the empty header place continues the label
 * to its left, so 9 is 本年增/减 and 54 the decisions. Counting cells used to shift them one
 * column. Both flattened forms that print every place (markdown, row lines) are covered.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import type { Report } from "../../src/model/types.js";

type Form = "markdown" | "row-lines";

function page(form: Form, header: string[], rows: string[][]): string {
  const row = (cells: string[]) => (form === "markdown" ? `| ${cells.join(" | ")} |` : `${cells.join(" | ")} |`);
  return [
    "某县人民政府2019年政府信息公开工作年度报告",
    "二、主动公开政府信息情况",
    "",
    row(["第二十条第（五）项"]),
    ...(form === "markdown" ? ["| --- |"] : []),
    row(header),
    ...rows.map(row),
    "",
    "三、收到和处理政府信息公开申请情况",
  ].join("\n");
}

const SPANNED = ["信息内容", "上一年项目数量", "本年增/减", "", "处理决定数量"];

/** Warning or error diagnostics whose path is `path` or under it. */
const flagged = (r: Report, path: string) =>
  r.diagnostics.filter((d) => d.severity !== "info" && d.path !== undefined && (d.path === path || d.path.startsWith(`${path}.`)));

describe.each<Form>(["markdown", "row-lines"])("二 header with an empty place after a spanned label (%s)", (form) => {
  it("reads the value under the continued place as that label's", () => {
    const r = parseReport(page(form, SPANNED, [["行政许可", "—", "", "9", "54"], ["其他对外管理服务事项", "7", "", "8", "10"]]));
    expect(r.proactive?.licensing).toEqual({ previousYear: null, change: 9, decisions: 54 });
    expect(r.proactive?.otherServices).toEqual({ previousYear: 7, change: 8, decisions: 10 });
    expect(flagged(r, "proactive.licensing")).toEqual([]);
    // Every value keeps the span of its own cell.
    const text = page(form, SPANNED, [["行政许可", "—", "", "9", "54"], ["其他对外管理服务事项", "7", "", "8", "10"]]);
    const at = r.provenance["proactive.licensing.change"]!;
    expect(text.slice(at.start.offset, at.end.offset)).toBe("9");
  });

  it("a value printed in the label's own place (blank continuation) reads the same", () => {
    const r = parseReport(page(form, SPANNED, [["行政许可", "3", "-2", "", "54"]]));
    expect(r.proactive?.licensing).toEqual({ previousYear: 3, change: -2, decisions: 54 });
  });

  it("two values under one spanned header are not decided: null, flagged with both readings on the row", () => {
    const r = parseReport(page(form, SPANNED, [["行政许可", "3", "5", "9", "54"]]));
    expect(r.proactive?.licensing).toEqual({ previousYear: 3, change: null, decisions: 54 });
    // On the row, not only the column: one of the two may be another column's value.
    const d = flagged(r, "proactive.licensing").filter((x) => x.path === "proactive.licensing");
    expect(d.map((x) => x.code)).toContain("row-width-mismatch");
    expect(d.find((x) => x.code === "row-width-mismatch")?.message).toMatch(/`5` or `9`/);
  });

  it("a header whose blank place moved before the last label flags the row (misalignment property, seed 733077098)", () => {
    // 信息内容 | 上一年项目数量 | 本年增/减 | (blank) with the blank line swapped one up: the
    // row's second 0 (本年增/减) now stands under the continued place, its own place reads blank.
    const r = parseReport(
      [
        "某县人民政府2021年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "",
        ...(form === "markdown" ? ["| 第二十条第（八）项 |", "| --- |", "| 信息内容 | 上一年项目数量 |  | 本年增/减 |", "| 行政事业性收费 | 0 | 0 |  |"] : ["第二十条第（八）项 |", "信息内容 | 上一年项目数量 |  | 本年增/减 |", "行政事业性收费 | 0 | 0 |  |"]),
        "",
        "三、收到和处理政府信息公开申请情况",
      ].join("\n"),
    );
    const fees = r.proactive?.fees;
    if (fees?.change !== 0) expect(flagged(r, "proactive.fees").some((d) => d.path === "proactive.fees" || d.path === "proactive.fees.change")).toBe(true);
  });

  it("a row that prints one cell per column under such a header stays as it was", () => {
    const r = parseReport(page(form, SPANNED, [["行政许可", "3", "4", "54"]]));
    expect(r.proactive?.licensing).toEqual({ previousYear: 3, change: 4, decisions: 54 });
  });
});
