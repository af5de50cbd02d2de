/**
 * Issue 11: one rule for "is this line a numbered heading?" in text and HTML input. The lexer
 * refuses `1.5万元…` (a decimal) and `十 2…` as headings; an HTML block is classified by the
 * same lookaheads, so the two inputs give the same outline.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const LINES = ["某县2021年政府信息公开工作年度报告", "一、总体情况", "1.5万元用于平台建设。", "2.平台建设", "全年更新栏目12个。"];

describe("heading markers are read alike in text and HTML", () => {
  it("a decimal opening a paragraph is prose in both, a real 2. is a sub-heading in both", () => {
    const text = parseReport(LINES.join("\n"));
    const html = parseReport(`<html><body>${LINES.map((l) => `<p>${l}</p>`).join("")}</body></html>`);
    const outline = (r: ReturnType<typeof parseReport>) => r.sections.map((s) => [s.number, s.title, s.text, s.children.map((c) => [c.number, c.title, c.text])]);
    expect(outline(html)).toEqual(outline(text));
    const general = text.sections.find((s) => s.title === "总体情况")!;
    expect(general.text).toBe("1.5万元用于平台建设。");
    expect(general.children.map((c) => c.number)).toEqual([2]);
  });
});
