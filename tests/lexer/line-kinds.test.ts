/**
 * Each kind of line a scraper prints lexes as one token of the right kind: table lines by their
 * pipes, headings by their marker style, everything else as prose; line breaks go to their own
 * group, and a single break is never mistaken for a blank line.
 */
import { tokenMatcher } from "chevrotain";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/lexer/lexer.js";
import { Heading } from "../../src/lexer/tokens.js";

/** The main-channel tokens of `text` as `Name:image`. */
const kinds = (text: string): string[] => tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
/** The kind of a single line (which must lex as exactly one token). */
function kindOf(line: string): string {
  const tokens = tokenize(line).tokens;
  expect(tokens, JSON.stringify(line)).toHaveLength(1);
  expect(tokens[0]!.image).toBe(line);
  return tokens[0]!.tokenType.name;
}
/** Every token, line-break group included, in text order, as `Name:image`. */
function everything(text: string): string[] {
  const r = tokenize(text);
  return [...r.tokens, ...Object.values(r.groups).flat()]
    .sort((a, b) => a.startOffset - b.startOffset)
    .map((t) => `${t.tokenType.name}:${JSON.stringify(t.image)}`);
}

describe("table lines", () => {
  it.each([
    ["text |", "CellLine"],
    ["规章 |", "CellLine"],
    ["0 |", "CellLine"],
    ["商业 企业 |", "CellLine"],
    ["本年收费金额(单位:万元) |", "CellLine"],
    ["一、本年新收政府信息公开申请数量 |", "CellLine"], // looks like a heading, but the pipe wins
    ["(一)予以公开 |", "CellLine"],
    ["1.属于国家秘密 |", "CellLine"],
    ["text |  ", "CellLine"], // trailing blanks after the pipe
  ])("%j is a cell line", (line, kind) => {
    expect(kindOf(line)).toBe(kind);
  });

  it.each(["|", "||", "|||", "||||||||||||||", "| |", " |", "\t||", "| | |"])("%j is a padding run", (line) => {
    expect(kindOf(line)).toBe("PaddingRun");
  });

  it.each([
    "规章 | 0 | 0 | 0 |",
    "第二十条第(一)项 | |||",
    "| 信息内容 | 本年制发件数 |",
    "|---|---|",
    "| :--- | ---: |",
    "三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
    "索 引 号 | 014416330/2018-04736 | 发布机构 | 某某局 |",
  ])("%j is a row line", (line) => {
    expect(kindOf(line)).toBe("RowLine");
  });

  it("a pipe inside a line that does not end with one is prose", () => {
    expect(kindOf("a|b")).toBe("ProseLine");
    expect(kindOf("| a | b")).toBe("ProseLine");
  });
});

describe("heading lines", () => {
  it.each([
    ["一、总体情况", "ChineseHeading"],
    ["十一、其他", "ChineseHeading"],
    ["一.概述", "ChineseHeading"],
    ["一．概述", "ChineseHeading"],
    ["—、概述", "ChineseHeading"], // a dash misread for 一
    ["一 概 述", "ChineseHeading"], // spaced, no comma
    ["（一）概述", "ParenHeading"],
    ["(一)概述", "ParenHeading"],
    ["（ 三 ）不予公开", "ParenHeading"],
    ["（1）服务", "ParenHeading"],
    ["(12)服务", "ParenHeading"],
    ["1.服务过程公开", "ArabicHeading"],
    ["1、服务过程公开", "ArabicHeading"],
    ["1．服务过程公开", "ArabicHeading"],
    ["1. 服务过程公开", "ArabicHeading"],
    ["12.其他", "ArabicHeading"],
    ["第一，加强领导", "OrdinalHeading"],
    ["第二、完善制度", "OrdinalHeading"],
    ["## 一、总体情况", "MarkdownHeading"],
    ["# 某某局2021年政府信息公开工作年度报告", "MarkdownHeading"],
  ])("%j is a %s", (line, kind) => {
    expect(kindOf(line)).toBe(kind);
  });

  it("every heading token belongs to the Heading category the parser consumes", () => {
    for (const line of ["一、总体情况", "（一）概述", "1.服务", "第一，加强", "## x"]) {
      const token = tokenize(line).tokens[0]!;
      expect(tokenMatcher(token, Heading), line).toBe(true);
    }
    expect(tokenMatcher(tokenize("普通文字").tokens[0]!, Heading)).toBe(false);
    expect(tokenMatcher(tokenize("规章 |").tokens[0]!, Heading)).toBe(false);
  });
});

describe("lines that look numbered but are not headings", () => {
  it.each([
    "2021.5", // a date or a decimal, not ordinal 2021
    "1.5万元", // a decimal amount
    "2021年,泗阳县县行政审批局积极推行政府信息公开制度",
    "123.abc", // three digits is never an ordinal
    "(123)x",
    "一是进一步丰富政务公开内容。", // 一是… is inline enumeration
    "一二三",
    "十",
    "一 2", // a numeral then a digit is not a spaced title
    "#tag", // no space after the hashes
    "普通文字",
    "我局无其他需要汇报事项",
  ])("%j is prose", (line) => {
    expect(kindOf(line)).toBe("ProseLine");
  });
});

describe("blank lines and line breaks", () => {
  it("a whitespace-only line yields no main-channel token", () => {
    expect(kinds("   ")).toEqual([]);
    expect(kinds("\u3000\u00a0\t")).toEqual([]);
    expect(everything("   ")).toEqual(['BlankLine:"   "']);
  });

  it("LF, CR and CRLF each separate two lines with a single Newline", () => {
    expect(everything("a\nb")).toEqual(['ProseLine:"a"', 'Newline:"\\n"', 'ProseLine:"b"']);
    expect(everything("a\rb")).toEqual(['ProseLine:"a"', 'Newline:"\\r"', 'ProseLine:"b"']);
  });

  // Regression (was a bug, now fixed): BlankLines = /(?:\r\n|\r|\n)(?:[ \t…]*(?:\r\n|\r|\n))+/ backtracks from `\r\n` to `\r` and
  // then takes the `\n` as a second break, so one CRLF lexes as BlankLines (a paragraph/table
  // break) instead of Newline; every CRLF table is then cut into one-line tables.
  it("a single CRLF is a Newline, not a blank line", () => {
    expect(everything("a\r\nb")).toEqual(['ProseLine:"a"', 'Newline:"\\r\\n"', 'ProseLine:"b"']);
  });

  it("two line breaks, or breaks around a whitespace-only line, are one BlankLines token", () => {
    expect(everything("a\n\nb")).toEqual(['ProseLine:"a"', 'BlankLines:"\\n\\n"', 'ProseLine:"b"']);
    expect(everything("a\r\n\r\nb")).toEqual(['ProseLine:"a"', 'BlankLines:"\\r\\n\\r\\n"', 'ProseLine:"b"']);
    expect(everything("a\r\rb")).toEqual(['ProseLine:"a"', 'BlankLines:"\\r\\r"', 'ProseLine:"b"']);
    expect(everything("a\n \u3000\nb")).toEqual(['ProseLine:"a"', 'BlankLines:"\\n \u3000\\n"', 'ProseLine:"b"']);
  });

  it("trailing break and trailing blank line go to the line-break group", () => {
    expect(everything("a\n")).toEqual(['ProseLine:"a"', 'Newline:"\\n"']);
    expect(everything("a\n  ")).toEqual(['ProseLine:"a"', 'Newline:"\\n"', 'BlankLine:"  "']);
  });

  it("a table in cell lines lexes line by line with the same kinds under LF and CR", () => {
    const lines = ["第二十条第(一)项 |", "|||", "规章 |", "0 |"];
    const want = ["CellLine", "PaddingRun", "CellLine", "CellLine"];
    for (const eol of ["\n", "\r"]) {
      expect(tokenize(lines.join(eol)).tokens.map((t) => t.tokenType.name), JSON.stringify(eol)).toEqual(want);
    }
  });

  // Regression (was a bug, now fixed): same CRLF defect as above — the CRLF lines come out separated by BlankLines tokens.
  it("a table in cell lines lexes with the same kinds under CRLF", () => {
    const lines = ["第二十条第(一)项 |", "|||", "规章 |", "0 |"];
    expect(tokenize(lines.join("\r\n")).tokens.map((t) => t.tokenType.name)).toEqual([
      "CellLine",
      "PaddingRun",
      "CellLine",
      "CellLine",
    ]);
  });
});
