/**
 * PDF text spelled with Kangxi radicals (pdfminer / pdfplumber on common Chinese fonts):
 * read as the ideographs they stand for, in place, so positions still point into the input.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { unifyRadicals } from "../../src/source/radicals.js";

describe("Kangxi radicals", () => {
  it("maps each radical to its unified ideograph, one unit for one", () => {
    const input = "⼆、主动公开 第⼆⼗条第（⼀）项 ⾏政许可 ⼈";
    const r = unifyRadicals(input);
    expect(r.text).toBe("二、主动公开 第二十条第（一）项 行政许可 人");
    expect(r.text.length).toBe(input.length);
    expect(r.count).toBe(6);
    expect(r.first).toBe(0);
    expect(unifyRadicals("二、主动公开")).toEqual({ text: "二、主动公开", count: 0, first: -1 });
  });

  it("reads a report whose labels are printed in radicals as the same report in ideographs, with an info", () => {
    const plain = [
      "某某局2021年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      "| 第二十条第（五）项 | |",
      "| 信息内容 | 本年处理决定数量 |",
      "| 行政许可 | 17 |",
      "| 其他对外管理服务事项 | 4 |",
      "",
    ].join("\n");
    const radicals = plain.replace(/二/g, "⼆").replace(/十/g, "⼗").replace(/行/g, "⾏");
    expect(radicals).not.toBe(plain);
    const a = parseReport(plain);
    const b = parseReport(radicals);
    expect(b.proactive).toEqual(a.proactive);
    expect(a.proactive?.licensing?.decisions).toBe(17);
    const info = b.diagnostics.find((d) => d.code === "radicals-unified")!;
    expect(info.severity).toBe("info");
    expect(radicals.slice(info.position.start.offset, info.position.end.offset)).toBe("⼆");
    // Positions are the same as in the ideograph text: the provenance of every value matches.
    expect(b.provenance).toEqual(a.provenance);
  });
});
