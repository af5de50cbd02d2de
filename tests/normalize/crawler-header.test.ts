/**
 * Crawler header lines before the page text (`标题: …`, `发布时间: …`, `文号: …`,
 * `发布机构: …`, `栏目: …`, `原文链接: …`, with `:` or `：`, and the `来源`/`索引号`/`发文日期`
 * variants), then page chrome (`当前位置：首页 > …`, `微信 微博 QQ空间`, `-->`, `附件下载`,
 * `【打印】【关闭】`). Over generated pages whose truth is the rendered model: the header is a
 * header block (`标题: ` is not part of the title), the chrome names neither title nor agency,
 * and every table value still parses.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { numericEntries, render, reportArbitrary, type GeneratedReport } from "../../src/testing/index.js";

type Form = "row-lines" | "cell-lines";

interface Variant {
  name: string;
  /** The label/value separator of every header line. */
  sep: string;
  /** Whether the body prints its own title line under the crawler's header. */
  bodyTitle: boolean;
  /** The `标题` line names the agency (else only 发布机构/来源 and the body do). */
  agencyInTitle: boolean;
  /** `发布机构`/`发布时间`/`文号` (crawler A) or `来源`/`发文日期`/`索引号`+`文号` (crawler B). */
  keys: "A" | "B";
}

const VARIANTS: Variant[] = [
  { name: "ascii colon, no body title", sep: ": ", bodyTitle: false, agencyInTitle: true, keys: "A" },
  { name: "full-width colon, body title too", sep: "：", bodyTitle: true, agencyInTitle: true, keys: "A" },
  { name: "title without the agency, 发布机构 gives it", sep: "：", bodyTitle: false, agencyInTitle: false, keys: "A" },
  { name: "来源 / 索引号 / 发文日期 variant", sep: ": ", bodyTitle: false, agencyInTitle: true, keys: "B" },
];

const CHROME = (title: string) => ["当前位置：首页 > 政府信息公开 > 年度报告 > " + title, "微信 微博 QQ空间", "-->", "附件下载", "【打印】【关闭】"];

/** The header lines a crawler printed, and the fields (as written) they carry. */
function crawlerHeader(m: GeneratedReport, v: Variant, day: number) {
  const title = v.agencyInTitle ? m.meta.title : `${m.meta.year}年政府信息公开工作年度报告`;
  const date = `${m.meta.year + 1}-01-${String(day).padStart(2, "0")}`;
  const fields: Array<[string, string]> =
    v.keys === "A"
      ? [
          ["栏目", "政府信息公开年度报告"],
          ["标题", title],
          ["发布时间", `${date} 10:31:07`],
          ["文号", `某府办〔${m.meta.year + 1}〕${day}号`],
          ["发布机构", m.meta.agency],
          ["原文链接", `http://www.example.gov.cn/art/${m.meta.year + 1}/1/${day}/art_${day}.html`],
        ]
      : [
          ["标题", title],
          ["索引号", `11330781002545${day}X/${m.meta.year + 1}-000${day}`],
          ["发文日期", `${m.meta.year + 1}年1月${day}日`],
          ["文号", `某府办〔${m.meta.year + 1}〕${day}号`],
          ["来源", m.meta.agency],
          ["栏目", "年度报告"],
          ["原文链接", `https://www.example.gov.cn/col/col${day}/index.html`],
        ];
  return { title, date, fields, lines: fields.map(([k, val]) => `${k}${v.sep}${val}`) };
}

const MODELS = (["2021", "2019"] as const).flatMap((template) => fc.sample(reportArbitrary({ template }), { seed: 20261202, numRuns: 3 }));

describe.each<Form>(["row-lines", "cell-lines"])("crawler header lines before a %s page", (form) => {
  describe.each(VARIANTS)("$name", (v) => {
    it.each(MODELS.map((m, i) => [i, m] as const))("model %i: meta from the header, every table value parses", (i, m) => {
      const day = 10 + i;
      const h = crawlerHeader(m, v, day);
      const text = render(m, form, { title: v.bodyTitle, chrome: { before: [...h.lines, ...CHROME(h.title)], after: [] } });
      const r = parseReport(text);

      expect(r.meta.title).toBe(h.title);
      expect(r.meta.agency).toBe(m.meta.agency);
      expect(r.meta.year).toBe(m.meta.year);
      expect(r.meta.publishedAt).toBe(h.date);
      expect(r.meta.documentNumber).toBe(`某府办〔${m.meta.year + 1}〕${day}号`);
      if (v.keys === "B") expect(r.meta.indexNumber).toBe(h.fields.find(([k]) => k === "索引号")![1]);
      // Every header line is in meta.header as written, and nothing of the chrome is.
      expect(r.meta.header).toEqual(Object.fromEntries(h.fields));

      const want = numericEntries(m);
      const got = numericEntries(r);
      const wrong = [...want].filter(([p, val]) => !Object.is(got.get(p), val)).map(([p, val]) => `${p}: got ${got.get(p)}, want ${val}`);
      expect(wrong).toEqual([]);
      expect(r.template).toBe(m.template);
    });
  });
});
