/**
 * meta: title, agency, year, publication date and the header block, each read from text
 * written the way real report pages write it.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic, Meta } from "../../src/model/types.js";
import { readDate, readMeta } from "../../src/normalize/meta.js";
import { codes, stage } from "../helpers/normalize.js";
import { positionProblems } from "../helpers/positions.js";
import { SEED } from "../helpers/seed.js";

/** readMeta on `text`, with the diagnostics it raised. */
function meta(text: string): { meta: Meta; diagnostics: Diagnostic[] } {
  const s = stage(text);
  const m = readMeta(s.blocks, s.ctx);
  for (const d of s.diagnostics) expect(positionProblems(text, d.position)).toEqual([]);
  return { meta: m, diagnostics: s.diagnostics };
}
const lines = (...ls: string[]) => ls.join("\n");
const BODY = lines("一、总体情况", "本机关认真贯彻落实《条例》。", "二、主动公开政府信息情况");

describe("year and agency from a title line", () => {
  it("城口县人民政府机关2020年政府信息公开工作年度报告 → 城口县人民政府机关, 2020", () => {
    const { meta: m, diagnostics } = meta(lines("城口县人民政府机关2020年政府信息公开工作年度报告", BODY));
    expect(m.title).toBe("城口县人民政府机关2020年政府信息公开工作年度报告");
    expect(m.agency).toBe("城口县人民政府机关");
    expect(m.year).toBe(2020);
    expect(diagnostics).toEqual([]);
  });

  it.each([
    ["北京市朝阳区人民政府2021年政府信息公开工作年度报告", "北京市朝阳区人民政府", 2021],
    ["2021年度某某市生态环境局政府信息公开工作年度报告", "某某市生态环境局", 2021],
    ["某某街道办事处2022年政务公开工作年度报告", "某某街道办事处", 2022],
    ["某某县发展和改革委员会2019年政府信息公开工作年度报告", "某某县发展和改革委员会", 2019],
  ])("%j → %j, %i", (title, agency, year) => {
    const { meta: m } = meta(lines(title, BODY));
    expect([m.title, m.agency, m.year]).toEqual([title, agency, year]);
  });

  it("reads a markdown title without its hashes", () => {
    const { meta: m } = meta(lines("# 城口县人民政府机关2020年政府信息公开工作年度报告", BODY));
    expect(m.title).toBe("城口县人民政府机关2020年政府信息公开工作年度报告");
    expect(m.agency).toBe("城口县人民政府机关");
    expect(m.year).toBe(2020);
  });
});

describe("year from the statistics period", () => {
  it("本年度报告中所列数据统计期限为2021年1月1日至12月31日 → 2021", () => {
    const { meta: m } = meta(lines("本年度报告中所列数据统计期限为2021年1月1日至12月31日。", BODY));
    expect(m.year).toBe(2021);
    expect(m.title).toBeNull();
  });

  it("survives dates that lost 年 (自20211月1日起至202112月31日止)", () => {
    const { meta: m } = meta(lines("本报告中所列数据统计期限为自20211月1日起至202112月31日止。", BODY));
    expect(m.year).toBe(2021);
  });

  it("wins over the title and says year-mismatch when they disagree", () => {
    const text = lines("某某局2021年政府信息公开工作年度报告", "本年度报告中所列数据统计期限为2020年1月1日至12月31日。", BODY);
    const { meta: m, diagnostics } = meta(text);
    expect(m.year).toBe(2020);
    const d = diagnostics.filter((x) => x.code === "year-mismatch");
    expect(d.map((x) => [x.severity, x.path])).toEqual([["warning", "meta.year"]]);
    const at = text.slice(d[0]!.position.start.offset, d[0]!.position.end.offset);
    expect(["某某局2021年政府信息公开工作年度报告", "本年度报告中所列数据统计期限为2020年1月1日至12月31日。"]).toContain(at);
  });

  it("raises no year-mismatch when title and period agree", () => {
    const { diagnostics } = meta(
      lines("某某局2021年政府信息公开工作年度报告", "本年度报告中所列数据统计期限为2021年1月1日至12月31日。", BODY),
    );
    // 某某局 names no place: that is division-not-found's business, not the year's.
    expect(codes(diagnostics)).toEqual(["division-not-found"]);
  });
});

describe("year and agency from the opening paragraph", () => {
  it("reads the seed: 2021, 泗阳县行政审批局 (from 特向社会公布2021年度泗阳县行政审批局信息公开工作年度报告)", () => {
    const { meta: m, diagnostics } = meta(SEED);
    expect(m.year).toBe(2021);
    expect(m.agency).toBe("泗阳县行政审批局");
    expect(m.title).toBeNull();
    expect(m.publishedAt).toBeNull();
    expect(m.header).toEqual({});
    expect(diagnostics).toEqual([]);
  });

  it("reads the seed's first paragraph alone the same way", () => {
    const { meta: m } = meta(SEED.split("\n")[0]!);
    expect([m.year, m.agency]).toEqual([2021, "泗阳县行政审批局"]);
  });

  it("reads 2021年，某某县人民政府办公室坚持… → 某某县人民政府办公室", () => {
    const { meta: m } = meta(lines("2021年，某某县人民政府办公室坚持以人民为中心，深入推进政务公开。", BODY));
    expect([m.year, m.agency]).toEqual([2021, "某某县人民政府办公室"]);
  });

  it("says year-not-found and agency-not-found when nothing names them", () => {
    const { meta: m, diagnostics } = meta(BODY);
    expect([m.year, m.agency]).toEqual([null, null]);
    expect(codes(diagnostics).sort()).toEqual(["agency-not-found", "year-not-found"]);
    expect(diagnostics.map((d) => d.path).sort()).toEqual(["meta.agency", "meta.year"]);
  });
});

describe("the header block", () => {
  it("reads `label：value` lines, keys without inner spaces", () => {
    const { meta: m } = meta(
      lines(
        "索 引 号：014416330/2018-04736",
        "发布机构：某某局",
        "发文日期：2022-01-20",
        "文 号：某发〔2022〕1号",
        "某某局2021年政府信息公开工作年度报告",
        BODY,
      ),
    );
    expect(m.header).toEqual({
      索引号: "014416330/2018-04736",
      发布机构: "某某局",
      发文日期: "2022-01-20",
      文号: "某发〔2022〕1号",
    });
    expect(m.indexNumber).toBe("014416330/2018-04736");
    expect(m.documentNumber).toBe("某发〔2022〕1号");
    expect(m.publishedAt).toBe("2022-01-20");
  });

  it("reads row lines alternating label and value cells", () => {
    const { meta: m } = meta(
      lines(
        "索 引 号 | 014416330/2018-04736 | 发布机构 | 某某局 |",
        "分 类 | 政府信息公开年报 | 发文日期 | 2022-01-20 |",
        "本年度报告中所列数据统计期限为2021年1月1日至12月31日。",
        BODY,
      ),
    );
    expect(m.header).toEqual({
      索引号: "014416330/2018-04736",
      发布机构: "某某局",
      分类: "政府信息公开年报",
      发文日期: "2022-01-20",
    });
    expect(m.indexNumber).toBe("014416330/2018-04736");
    expect(m.agency).toBe("某某局"); // no title: the header's 发布机构
    expect(m.publishedAt).toBe("2022-01-20");
  });

  it("reads several pairs on one line separated by wide spaces", () => {
    const { meta: m } = meta(lines("索 引 号：11341702486344515H/202110-00013   分 类：其他", BODY));
    expect(m.header).toEqual({ 索引号: "11341702486344515H/202110-00013", 分类: "其他" });
  });

  it("keeps an empty value as written but leaves the meta field null", () => {
    const { meta: m } = meta(lines("索引号：014416330/2018-04736", "文 号：", BODY));
    expect(m.header["文号"]).toBe("");
    expect(m.documentNumber).toBeNull();
  });

  it("stops at the first section heading (a 索引号 inside the body is not header)", () => {
    const { meta: m } = meta(lines("一、总体情况", "索引号：123"));
    expect(m.header).toEqual({});
    expect(m.indexNumber).toBeNull();
  });
});

describe("publishedAt", () => {
  it("from a 发布日期 line under the title", () => {
    const { meta: m } = meta(lines("某某局2021年政府信息公开工作年度报告", "发布日期：2022-01-20", BODY));
    expect(m.publishedAt).toBe("2022-01-20");
  });

  it("from a dated signature line at the end", () => {
    const { meta: m } = meta(lines("某某局2021年政府信息公开工作年度报告", BODY, "六、其他需要报告的事项", "无。", "某某局", "2022年1月20日"));
    expect(m.publishedAt).toBe("2022-01-20");
  });

  it("from a bare date line right under the title", () => {
    const { meta: m } = meta(lines("某某局2021年政府信息公开工作年度报告", "（2022年1月20日）", BODY));
    expect(m.publishedAt).toBe("2022-01-20");
  });

  it("not from a date inside a sentence of the body", () => {
    const { meta: m } = meta(lines(BODY, "于2021年3月5日召开专题会议。", "正文。", "正文。", "正文。", "正文。", "正文。"));
    expect(m.publishedAt).toBeNull();
  });

  it("readDate accepts the usual spellings and rejects impossible dates", () => {
    expect(readDate("2022年1月20日")).toBe("2022-01-20");
    expect(readDate("2022-01-20")).toBe("2022-01-20");
    expect(readDate("2022/1/2")).toBe("2022-01-02");
    expect(readDate("2022.01.20")).toBe("2022-01-20");
    expect(readDate("2022年13月1日")).toBeNull();
    expect(readDate("1899-01-01")).toBeNull();
    expect(readDate("无")).toBeNull();
  });
});
