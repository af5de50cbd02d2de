/**
 * Template detection from table labels: the 2021 and 2019 table families differ in the 二
 * column headers and in （六）其他处理 (three sub-rows in 2021, one row in 2019). The year
 * only breaks ties.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic, Template } from "../../src/model/types.js";
import { detectTemplate } from "../../src/normalize/template.js";
import { stage } from "../helpers/normalize.js";
import { replaceOnce, SEED } from "../helpers/seed.js";

function detect(text: string, year: number | null): { template: Template; diagnostics: Diagnostic[] } {
  const s = stage(text);
  return { template: detectTemplate(s.blocks, year, s.ctx), diagnostics: s.diagnostics };
}
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

/** The seed rewritten to the 2019 labels: 二 (一) and (八) headers, and （六） as a single row. */
function seed2019(): string {
  let t = SEED;
  t = replaceOnce(t, "本年制发件数 |", "本年新制作数量 |");
  t = replaceOnce(t, "本年废止件数 |", "本年新公开数量 |");
  t = replaceOnce(t, "现行有效件数 |", "对外公开总数量 |");
  t = replaceOnce(t, "本年收费金额(单位:万元) |", "上一年项目数量 |");
  const from = t.indexOf("(六)其他处理 |");
  const to = t.indexOf("(七)总计 |");
  return `${t.slice(0, from)}(六)其他处理 |\n${"0 |\n".repeat(7)}||\n${t.slice(to)}`;
}

describe("detectTemplate", () => {
  it("reads the seed as 2021, with no template diagnostic", () => {
    const { template, diagnostics } = detect(SEED, 2021);
    expect(template).toBe("2021");
    expect(diagnostics).toEqual([]);
  });

  it("reads the seed as 2021 even when the year says otherwise", () => {
    expect(detect(SEED, 2019).template).toBe("2021");
    expect(detect(SEED, null).template).toBe("2021");
  });

  it("reads the seed rewritten to the 2019 labels as 2019", () => {
    const text = seed2019();
    expect(text).not.toMatch(/逾期不补正|缴纳费用|本年制发件数/); // the edit removed every 2021 label
    const { template, diagnostics } = detect(text, 2021); // a 2021 report still on the 2019 labels
    expect(template).toBe("2019");
    expect(diagnostics).toEqual([]);
  });

  it("reads a small 2019 row-line table (本年新制作数量 …) as 2019", () => {
    const text = [
      "二、主动公开政府信息情况",
      "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
      "规章 | 0 | 0 | 0 |",
      "规范性文件 | 1 | 1 | 5 |",
      "信息内容 | 采购项目数量 | 采购总金额 |",
      "政府集中采购 | 3 | 251000元 |",
    ].join("\n");
    expect(detect(text, 2020).template).toBe("2019");
  });

  it("says template-mixed when labels of both templates occur, and follows the majority", () => {
    const mostly2021 = replaceOnce(SEED, "本年制发件数 |", "本年新制作数量 |");
    const a = detect(mostly2021, 2021);
    expect(a.template).toBe("2021");
    expect(codes(a.diagnostics)).toEqual(["template-mixed"]);
    expect(a.diagnostics[0]!.severity).toBe("warning");

    const mostly2019 = replaceOnce(seed2019(), "对外公开总数量 |", "现行有效件数 |");
    const b = detect(mostly2019, 2021);
    expect(b.template).toBe("2019");
    expect(codes(b.diagnostics)).toEqual(["template-mixed"]);
  });

  it("falls back to the year, with template-unknown, when only family labels occur", () => {
    const text = ["申请人情况 |", "||", "自然人 |", "总计 |"].join("\n");
    const r2021 = detect(text, 2021);
    expect(r2021.template).toBe("2021");
    expect(codes(r2021.diagnostics)).toEqual(["template-unknown"]);
    expect(detect(text, 2020).template).toBe("2019");
  });

  it("prefers the notice number over the year when only family labels occur", () => {
    const text = ["按照国办公开办函〔2019〕60号要求编制。", "申请人情况 |", "||", "自然人 |", "总计 |"].join("\n");
    expect(detect(text, 2022).template).toBe("2019");
  });

  it("reads a pre-2019 report without template tables as legacy", () => {
    const { template } = detect("某某局2015年政府信息公开工作年度报告\n一、概述\n正文。", 2015);
    expect(template).toBe("legacy");
  });

  it("says unknown, with template-unknown, when nothing decides", () => {
    const { template, diagnostics } = detect("没有表格的文字。", null);
    expect(template).toBe("unknown");
    expect(codes(diagnostics)).toEqual(["template-unknown"]);
  });
});
