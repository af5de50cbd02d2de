/**
 * Headings: the marker (style, ordinal, raw text), the depth its style implies, the title
 * without the marker, and the lines that only look like headings.
 */
import { describe, expect, it } from "vitest";
import type { Block, Heading } from "../../src/ast/types.js";
import { parse } from "../../src/parser/index.js";
import { SEED } from "../helpers/seed.js";

const blocks = (text: string): Block[] => parse(text).tree.children;
const headings = (text: string): Heading[] => blocks(text).filter((b): b is Heading => b.type === "heading");
/** The one heading of a one-line text. */
function heading(line: string): Heading {
  const hs = headings(line);
  expect(hs, line).toHaveLength(1);
  return hs[0]!;
}

describe("the seed's headings", () => {
  it("are the six sections and the four parts of 一, with markers as written", () => {
    const hs = headings(SEED).map((h) => [h.depth, h.marker.style, h.marker.ordinal, h.marker.raw, h.value]);
    expect(hs).toEqual([
      [1, "chinese", 1, "一、", "总体情况"],
      [2, "paren-chinese", 1, "(一)", "概述"],
      [2, "paren-chinese", 2, "(二)", "组织领导和制度建设"],
      [2, "paren-chinese", 3, "(三)", "发布解读、回应社会关切和互动交流情况"],
      [2, "paren-chinese", 4, "(四)", "重点领域信息公开情况"],
      [1, "chinese", 2, "二、", "主动公开政府信息情况"],
      [1, "chinese", 3, "三、", "收到和处理政府信息公开申请情况"],
      [1, "chinese", 4, "四、", "政府信息公开行政复议、行政诉讼情况"],
      [1, "chinese", 5, "五、", "存在的主要问题及改进情况"],
      [1, "chinese", 6, "六、", "其他需要报告的事项"],
    ]);
  });

  it("leave the long numbered paragraphs 1.–7. under (四) and the 一是/二是/三是 lines as prose", () => {
    const paragraphs = blocks(SEED).filter((b) => b.type === "paragraph").map((b) => (b as { value: string }).value);
    for (const start of ["1.把建立健全", "2.进驻项目公开", "7.推行“不见面”", "一是进一步丰富", "三是进一步完善"]) {
      expect(paragraphs.some((p) => p.startsWith(start)), start).toBe(true);
    }
  });
});

describe("marker styles", () => {
  it.each([
    ["一、总体情况", 1, "chinese", 1, "一、", "总体情况"],
    ["十一、其他事项", 1, "chinese", 11, "十一、", "其他事项"],
    ["一.概述", 1, "chinese", 1, "一.", "概述"],
    ["—、概述", 1, "chinese", 1, "—、", "概述"],
    ["（一）主动公开情况", 2, "paren-chinese", 1, "（一）", "主动公开情况"],
    ["(三)不予公开", 2, "paren-chinese", 3, "(三)", "不予公开"],
    ["1.服务过程公开", 3, "arabic", 1, "1.", "服务过程公开"],
    ["2、服务过程公开", 3, "arabic", 2, "2、", "服务过程公开"],
    ["3．服务过程公开", 3, "arabic", 3, "3．", "服务过程公开"],
    ["１２．其他", 3, "arabic", 12, "１２．", "其他"],
    ["（1）服务", 4, "paren-arabic", 1, "（1）", "服务"],
    ["(2)服务", 4, "paren-arabic", 2, "(2)", "服务"],
    ["第一，加强组织领导", 1, "ordinal", 1, "第一，", "加强组织领导"],
    ["第三、完善制度", 1, "ordinal", 3, "第三、", "完善制度"],
  ])("%j → depth %i, %s %i, raw %j, title %j", (line, depth, style, ordinal, raw, title) => {
    const h = heading(line);
    expect({ depth: h.depth, marker: h.marker, value: h.value }).toEqual({ depth, marker: { style, ordinal, raw }, value: title });
  });

  it("joins a spaced title: 一 概 述 → 概述", () => {
    const h = heading("一 概 述");
    expect(h.marker).toEqual({ style: "chinese", ordinal: 1, raw: "一" });
    expect(h.value).toBe("概述");
  });

  it("reads a markdown heading with a numeral by its numeral, and one without as ordinal 0", () => {
    const numbered = heading("## 一、总体情况");
    expect(numbered.marker).toEqual({ style: "chinese", ordinal: 1, raw: "一、" });
    expect(numbered.value).toBe("总体情况");
    const plain = heading("## 附件");
    expect(plain.marker).toEqual({ style: "markdown", ordinal: 0, raw: "##" });
    expect(plain.depth).toBe(2);
    expect(plain.value).toBe("附件");
  });

  it("splits a heading sharing its line with prose at the first full stop", () => {
    const bs = blocks("（一）主动公开情况。依托门户网站及时公开信息。");
    expect(bs.map((b) => [b.type, (b as { value: string }).value])).toEqual([
      ["heading", "主动公开情况"],
      ["paragraph", "依托门户网站及时公开信息。"],
    ]);
  });

  it("keeps a long numbered sentence as a paragraph", () => {
    const line = "1.把建立健全权力清单作为流程再造的系统工程来抓面向社会公布不见面审批服务事项清单实现了全部事项不见面审批";
    expect(blocks(line).map((b) => b.type)).toEqual(["paragraph"]);
  });

  it("does not read dates, decimals or inline enumerations as headings", () => {
    for (const line of ["2021.5", "1.5万元", "一是进一步丰富政务公开内容。", "123.abc"]) {
      expect(blocks(line).map((b) => b.type), line).toEqual(["paragraph"]);
    }
  });
});
