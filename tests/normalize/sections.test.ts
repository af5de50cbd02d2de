/**
 * The outline: headings nest by marker style, each section holds the prose directly under it
 * (paragraphs joined by `\n`, tables left out), and prose before the first heading becomes an
 * untitled first section.
 */
import { describe, expect, it } from "vitest";
import type { Section } from "../../src/model/types.js";
import { parse } from "../../src/parser/index.js";
import { parseReport } from "../../src/parse-report.js";
import { buildSections } from "../../src/normalize/sections.js";
import { SEED } from "../helpers/seed.js";

const sections = (text: string): Section[] => buildSections(parse(text).tree.children);
const outline = (ss: Section[]): unknown[] => ss.map((s) => [s.number, s.title, outline(s.children)]);
const lines = (...ls: string[]) => ls.join("\n");
const SEED_LINES = SEED.split("\n");
/** The seed lines strictly between the line `from` and the line `to`. */
function between(from: string, to: string): string[] {
  const a = SEED_LINES.indexOf(from);
  const b = SEED_LINES.indexOf(to);
  expect(a).toBeGreaterThanOrEqual(0);
  expect(b).toBeGreaterThan(a);
  return SEED_LINES.slice(a + 1, b);
}

describe("the seed's outline", () => {
  const ss = sections(SEED);
  const body = ss.slice(1);

  it("starts with the untitled preamble holding the opening paragraph", () => {
    expect(ss[0]).toEqual({ number: null, title: "", text: SEED_LINES[0], children: [] });
  });

  it("has the six sections numbered 1–6 with the official titles", () => {
    expect(body.map((s) => [s.number, s.title])).toEqual([
      [1, "总体情况"],
      [2, "主动公开政府信息情况"],
      [3, "收到和处理政府信息公开申请情况"],
      [4, "政府信息公开行政复议、行政诉讼情况"],
      [5, "存在的主要问题及改进情况"],
      [6, "其他需要报告的事项"],
    ]);
  });

  it("nests (一)–(四) under 一 and nothing under the others", () => {
    expect(outline(body)).toEqual([
      [1, "总体情况", [
        [1, "概述", []],
        [2, "组织领导和制度建设", []],
        [3, "发布解读、回应社会关切和互动交流情况", []],
        [4, "重点领域信息公开情况", []],
      ]],
      [2, "主动公开政府信息情况", []],
      [3, "收到和处理政府信息公开申请情况", []],
      [4, "政府信息公开行政复议、行政诉讼情况", []],
      [5, "存在的主要问题及改进情况", []],
      [6, "其他需要报告的事项", []],
    ]);
  });

  it("gives each section the prose directly under it, paragraphs joined by \\n", () => {
    const one = body[0]!;
    expect(one.text).toBe("");
    expect(one.children[0]!.text).toBe(between("(一)概述", "(二)组织领导和制度建设").join("\n"));
    expect(one.children[3]!.text).toBe(between("(四)重点领域信息公开情况", "二、主动公开政府信息情况").join("\n"));
    expect(one.children[3]!.text.split("\n")).toHaveLength(7);
    expect(body[4]!.text).toBe(between("五、存在的主要问题及改进情况", "六、其他需要报告的事项").join("\n"));
    expect(body[4]!.text.split("\n")).toHaveLength(4);
    expect(body[5]!.text).toBe("我局无其他需要汇报事项");
  });

  it("leaves the tables out of the text of 二, 三 and 四", () => {
    expect(body[1]!.text).toBe("");
    expect(body[2]!.text).toBe("");
    expect(body[3]!.text).toBe("");
  });
});

describe("outline rules", () => {
  it("nests by style depth: 一、 > （一） > 1. > （1）, and a shallower heading closes deeper ones", () => {
    const ss = sections(lines("一、甲", "（一）乙", "1.丙", "（1）丁", "（二）戊", "二、己"));
    expect(outline(ss)).toEqual([
      [1, "甲", [[1, "乙", [[1, "丙", [[1, "丁", []]]]]], [2, "戊", []]]],
      [2, "己", []],
    ]);
  });

  it("nests a skipped level under the nearest shallower heading", () => {
    expect(outline(sections(lines("一、甲", "1.丙", "二、乙")))).toEqual([
      [1, "甲", [[1, "丙", []]]],
      [2, "乙", []],
    ]);
  });

  it("puts the prose of a heading sharing its line into that section", () => {
    const ss = sections(lines("一、总体情况", "（一）主动公开情况。依托门户网站及时公开信息。", "更多内容。"));
    expect(ss[0]!.children[0]).toEqual({ number: 1, title: "主动公开情况", text: "依托门户网站及时公开信息。\n更多内容。", children: [] });
  });

  it("numbers a markdown heading by its numeral, or null without one", () => {
    expect(sections(lines("## 一、总体情况", "正文。")).map((s) => [s.number, s.title, s.text])).toEqual([[1, "总体情况", "正文。"]]);
    expect(sections(lines("## 附件", "附件说明。")).map((s) => [s.number, s.title, s.text])).toEqual([[null, "附件", "附件说明。"]]);
  });

  // Regression (was a bug, now fixed): build.ts gives a markdown heading with a numeral the depth of its marker (`## 一、` → 1)
  // but one without a numeral the depth of its hashes (`## 附件` → 2), so two headings of the same
  // ATX level nest: 附件 becomes a child of 总体情况 instead of its sibling.
  it("keeps `##` headings with and without a numeral at the same level", () => {
    const ss = sections(lines("## 一、总体情况", "正文。", "## 附件", "附件说明。"));
    expect(ss.map((s) => [s.number, s.title, s.text])).toEqual([
      [1, "总体情况", "正文。"],
      [null, "附件", "附件说明。"],
    ]);
  });

  it("keeps blank lines out of the text (one paragraph per line)", () => {
    const ss = sections(lines("一、总体情况", "第一段。", "", "", "第二段。"));
    expect(ss[0]!.text).toBe("第一段。\n第二段。");
  });

  it("has no preamble when the text starts with a heading, and an empty outline for empty text", () => {
    expect(sections(lines("一、总体情况", "正文。"))[0]!.number).toBe(1);
    expect(sections("")).toEqual([]);
  });

  it("keeps numbering as written when it restarts (a fact about the source)", () => {
    expect(sections(lines("一、甲", "二、乙", "一、丙")).map((s) => s.number)).toEqual([1, 2, 1]);
  });
});

describe("section titles without a numeral", () => {
  it("a line that is exactly a known section title opens a top-level section", () => {
    const r = parseReport("某某局2016年政府信息公开工作年度报告\n概述\n本年度我局……。\n主动公开政府信息情况\n全年主动公开信息120条。\n（一）公开内容\n公开了规范性文件。");
    expect(r.sections.map((s) => [s.number, s.title, s.text, s.children.map((c) => c.title)])).toEqual([
      [null, "", "某某局2016年政府信息公开工作年度报告", []],
      [null, "概述", "本年度我局……。", []],
      [null, "主动公开政府信息情况", "全年主动公开信息120条。", ["公开内容"]],
    ]);
  });

  it("the same words inside a sentence stay prose", () => {
    const r = parseReport("一、总体情况\n概述如下：本年度主动公开政府信息情况良好。");
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]!.text).toBe("概述如下：本年度主动公开政府信息情况良好。");
  });
});
