/**
 * The renderers print what real pages print: the seed's tables byte for byte, the padding
 * rule of design.md on every table, proper HTML grids, and the artifacts they are asked for.
 */
import * as cheerio from "cheerio";
import * as fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  encodeGbk,
  gridErrors,
  layoutTables,
  render,
  renderCellLines,
  renderHtml,
  renderLines,
  renderMarkdown,
  renderRowLines,
  reportArbitrary,
  SEED_STYLE,
  type ReportModel,
} from "../../src/testing/index.js";
import { SEED, SEED_EXPECTED } from "../helpers/seed.js";

/** The seed's values as a model (expected.json is `dotted.path → value`). */
function seedModel(): ReportModel {
  const model: Record<string, unknown> = {
    template: SEED_EXPECTED.template,
    meta: { title: null, agency: SEED_EXPECTED["meta.agency"], year: SEED_EXPECTED["meta.year"] },
  };
  for (const [path, value] of Object.entries(SEED_EXPECTED)) {
    if (path === "template" || path.startsWith("meta.")) continue;
    const keys = path.split(".");
    let node = model;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return model as unknown as ReportModel;
}

/** From the 二 heading to the line before 五: the three tables with their headings. */
const tables = (text: string) => text.slice(text.indexOf("二、主动公开政府信息情况"), text.indexOf("五、存在的主要问题"));

const sample = (template: "2021" | "2019", seed = 1) => fc.sample(reportArbitrary({ template }), { numRuns: 1, seed })[0]!;

describe("renderCellLines", () => {
  it("reproduces the seed's three tables byte for byte with SEED_STYLE", () => {
    expect(tables(renderCellLines(seedModel(), SEED_STYLE))).toBe(tables(SEED));
  });

  it("prints a title and a statistics period that name the agency and the year", () => {
    const text = renderCellLines(seedModel());
    expect(text.split("\n")[0]).toBe("泗阳县行政审批局2021年政府信息公开工作年度报告");
    expect(text).toContain("统计期限为2021年1月1日至2021年12月31日");
  });

  for (const template of ["2021", "2019"] as const) {
    it(`follows the padding rule on every ${template} table: n cells then W − n pipes, none after the last row`, () => {
      const model = sample(template);
      const widths = new Map(layoutTables(model).map((t) => [t.part, t.width]));
      expect([...widths.values()]).toEqual([4, 10, 15]);
      const lines = renderLines(model, "cell-lines");
      for (const table of layoutTables(model)) {
        const own = lines.filter((l) => l.table === table.part);
        table.rows.forEach((row, r) => {
          const cells = own.filter((l) => l.row === r && l.kind === "cell").length;
          const padding = own.filter((l) => l.row === r && l.kind === "padding").map((l) => l.text);
          expect(cells, `${table.part} row ${r}`).toBe(row.length);
          const last = r === table.rows.length - 1;
          expect(padding, `${table.part} row ${r}`).toEqual(last || row.length === table.width ? [] : ["|".repeat(table.width - row.length)]);
        });
      }
    });
  }
});

describe("layouts", () => {
  for (const template of ["2021", "2019"] as const) {
    it(`are proper grids for the ${template} template (every row covers W columns, rowspans included)`, () => {
      for (const table of layoutTables(sample(template))) expect(gridErrors(table)).toEqual([]);
    });
  }

  it("give 三 the rowspans of real pages: 三、本年度办理结果 over 22 rows in 2021 and 20 in 2019", () => {
    for (const [template, span] of [["2021", 22], ["2019", 20]] as const) {
      const requests = layoutTables(sample(template)).find((t) => t.part === "requests")!;
      expect(requests.rows.flat().find((c) => c.id === "requests.results.label")?.rowspan).toBe(span);
    }
  });

  it("refuse a template without tables", () => {
    expect(() => layoutTables({ template: "legacy", meta: { title: null, agency: null, year: null } })).toThrow(TypeError);
  });
});

describe("renderHtml", () => {
  /** Occupancy of an HTML table, computed from its rowspan/colspan attributes. */
  function htmlGrid(html: string): number[][] {
    const $ = cheerio.load(html);
    return $("table")
      .not(".xxgk")
      .toArray()
      .map((table) => {
        const carried: number[] = [];
        return $(table)
          .find("tr")
          .toArray()
          .map((tr) => {
            let width = 0;
            let col = 0;
            const next = carried.map((c) => Math.max(0, c - 1));
            for (const td of $(tr).children("td").toArray()) {
              while ((carried[col] ?? 0) > 0) col++;
              const colspan = Number($(td).attr("colspan") ?? 1);
              const rowspan = Number($(td).attr("rowspan") ?? 1);
              for (let k = 0; k < colspan; k++) next[col + k] = rowspan - 1;
              col += colspan;
            }
            while ((carried[col] ?? 0) > 0) col++;
            width = col;
            carried.splice(0, carried.length, ...next);
            return width;
          });
      });
  }

  it("prints real tables whose rowspans and colspans fill W columns on every row", () => {
    for (const template of ["2021", "2019"] as const) {
      const grids = htmlGrid(renderHtml(sample(template)));
      expect(grids.map((rows) => [...new Set(rows)])).toEqual([[4], [10], [15]]);
    }
  });

  it("splits text and numbers over Word <span> runs and puts <br /> in broken headers", () => {
    const html = renderHtml(seedModel(), { wordSpans: true, br: "space" });
    expect(html).toContain('<span lang="EN-US">53</span><span lang="EN-US">46</span>');
    const $ = cheerio.load(html);
    expect($("td").filter((_, td) => $(td).text() === "5346").length).toBe(1);
    const header = $("td").filter((_, td) => $(td).text() === "商业企业");
    expect(header.length).toBe(1);
    expect(header.find("br").length).toBe(1);
    expect(header.find("span").length).toBe(4);
  });

  it("declares the charset it is asked for", () => {
    expect(renderHtml(seedModel(), { charset: "gb2312" })).toContain("charset=gb2312");
  });
});

describe("artifacts", () => {
  const m = seedModel();
  it("half-width punctuation, spaced labels, traditional labels", () => {
    expect(renderCellLines(m, { punctuation: "half" })).toContain("第二十条第(一)项 |");
    expect(renderCellLines(m, { spacedLabels: true })).toContain("第二十条 第（一）项 |");
    expect(renderCellLines(m, { spacedLabels: true })).toContain("本年 制发件数 |");
    const traditional = renderCellLines(m, { traditional: true });
    expect(traditional).toContain("行政規範性文件 |");
    expect(traditional).toContain("二、主動公開政府信息情況");
    expect(traditional.split("\n")[0]).toBe("泗阳县行政审批局2021年政府信息公开工作年度报告");
  });

  it("<br> truncation as in the seed, and as a newline inside the cell", () => {
    expect(renderCellLines(m, { br: "truncate" })).toContain("结果 |\n结果 |\n其他 |\n尚未 |");
    expect(renderCellLines(m, { br: "newline" })).toContain("本年\n制发件数 |");
  });

  it("lone-| separators, padding on the last cell's line, CRLF, NBSP, chrome", () => {
    expect(renderCellLines(m, { rowSeparator: "pipe-before" })).toContain("|\n规章 |");
    expect(renderCellLines(m, { rowSeparator: "double-pipe" })).toContain("0 |\n||\n行政规范性文件 |");
    expect(renderCellLines(m, { paddingInline: true })).toContain("第二十条第（一）项 | |||\n信息内容 |");
    const crlf = renderCellLines(m, { newline: "\r\n" });
    expect(crlf.split("\r\n").length).toBe(renderCellLines(m).split("\n").length);
    expect(crlf.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(renderCellLines(m, { nbsp: true })).toContain("\u00a05346 |");
    const chrome = renderCellLines(m, { chrome: true });
    expect(chrome.split("\n")[0]).toBe("首页/ 政府信息公开 / 年报 / 正文");
    expect(chrome).toContain("|".repeat(300));
    expect(chrome.endsWith("【打印本页】 【关闭窗口】")).toBe(true);
  });

  it("value spellings: blanks, zero words, thousands, full-width digits, signs, units", () => {
    const model = { ...m, proactive: { ...m.proactive, licensing: { decisions: 1234567 }, punishment: { decisions: null }, fees: { amount: 4068.208 } } };
    expect(renderCellLines(model, { blank: "—" })).toContain("行政处罚 |\n— |");
    expect(renderCellLines(model, { zero: "无" })).toContain("行政强制 |\n无 |");
    expect(renderCellLines(model, { thousands: true })).toContain("1,234,567 |");
    expect(renderCellLines(model, { fullWidthDigits: true })).toContain("１２３４５６７ |");
    expect(renderCellLines(model, { units: true })).toContain("4068.208万元 |");
    const m2019 = sample("2019", 3);
    m2019.proactive.licensing = { previousYear: 3, change: 2, decisions: 1 };
    expect(renderRowLines(m2019, { plusSign: true })).toContain("行政许可 | 3 | +2 | 1 |");
  });

  it("row-line variants: span pipes, a leading pipe, double spaces", () => {
    expect(renderRowLines(m, { spanPipes: true })).toContain("第二十条第（一）项 | |||");
    expect(renderRowLines(m, { leadingPipe: true })).toContain("| 规章 | 0 | 0 | 0 |");
    expect(renderRowLines(m, { doubleSpace: true })).toContain("规章  | 0  | 0  | 0  |");
  });

  it("markdown: a delimiter row under each table's first row, hashes, filled spans", () => {
    const md = renderMarkdown(m, { headingHashes: true });
    expect(md).toContain("| 第二十条第（一）项 |\n| --- |\n| 信息内容 |");
    expect(md).toContain("## 二、主动公开政府信息情况");
    expect(renderMarkdown(m, { spans: "fill" })).toContain("| 第二十条第（一）项 |  |  |  |\n| --- | --- | --- | --- |");
  });

  it("render() dispatches to the form's renderer", () => {
    expect(render(m, "cell-lines")).toBe(renderCellLines(m));
    expect(render(m, "row-lines")).toBe(renderRowLines(m));
    expect(render(m, "markdown")).toBe(renderMarkdown(m));
    expect(render(m, "html")).toBe(renderHtml(m));
  });
});

describe("encodeGbk", () => {
  it("round-trips every character a rendering holds through GB18030", () => {
    const text = renderCellLines(seedModel(), { chrome: true, traditional: true });
    const bytes = encodeGbk(text);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(iconv.decode(Buffer.from(bytes), "gb18030")).toBe(text);
    expect(new TextDecoder("utf-8", { fatal: false }).decode(bytes)).not.toBe(text);
  });
});
