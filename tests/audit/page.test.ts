/**
 * Issue 15: the audit page's content, without a browser — every value has a source span and a
 * model cell linked both ways, the broken identity is written out with its numbers, input text
 * cannot inject markup, and the page asks for nothing from the network.
 */
import { describe, expect, it } from "vitest";
import { load } from "cheerio";
import { auditPage } from "../../src/audit/page.js";
import { parseReport } from "../../src/index.js";
import { auditFile, BROKEN_PATH, brokenReport, corpusPath } from "./support.js";

const CORPUS = [
  "corpus/seed/siyang-xzspj-2021.txt",
  "corpus/real/shuyang-fgj-2023.partial.html",
  "corpus/real/shuyang-county-2025.md",
  "corpus/real/shanghai-stcsm-2024.pdf-markdown.txt",
  "corpus/real/shanghai-gov-office-2025.pdf-markdown.txt",
];

describe("audit page content", () => {
  for (const file of CORPUS) {
    it(`${file}: every value has a span over its raw text and a cell, linked both ways`, () => {
      const { report, text, html } = auditFile(corpusPath(file));
      const $ = load(html);
      const paths = Object.keys(report.provenance);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        const span = $(`a.v[data-path="${path}"]`);
        expect(span.length, path).toBe(1);
        const p = report.provenance[path]!;
        expect(span.text()).toBe(text.slice(p.start.offset, p.end.offset));
        const cell = $(span.attr("href")!);
        expect(cell.attr("data-path")).toBe(path);
        expect(cell.find("a").attr("href")).toBe(`#${span.attr("id")}`);
      }
      // The source pane is the text itself: no character lost or added by the marking.
      expect($("pre.source").text()).toBe(text);
    });
  }

  it("三 as the official table: the group labels stand above their numbered sub-rows", () => {
    const heading = (html: string, path: string) => {
      const $ = load(html);
      return $(`td[data-path="${path}.naturalPerson"]`).closest("tr").prev("tr").text();
    };
    const seed = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt")).html;
    expect(heading(seed, "requests.results.granted")).toBe("三、本年度办理结果");
    expect(heading(seed, "requests.results.withheld.stateSecret")).toBe("（三）不予公开");
    expect(heading(seed, "requests.results.unableToProvide.notHeld")).toBe("（四）无法提供");
    expect(heading(seed, "requests.results.notProcessed.complaint")).toBe("（五）不予处理");
    expect(heading(seed, "requests.results.otherHandling.overdueCorrection")).toBe("（六）其他处理");
    // A label row holds no model cell, and the 2019 table's （六）其他处理 is a row of numbers.
    expect(load(seed)("tr.group td.cell").length).toBe(0);
    const t2019 = auditFile(corpusPath("corpus/cases/t2019-shanghai.rows.txt")).html;
    expect(load(t2019)('td[data-path="requests.results.otherHandling.total.total"]').closest("tr").find("th").text()).toBe("（六）其他处理");
    expect(load(t2019)("tr.group").text()).not.toContain("（六）");
  });

  it("each diagnostic is listed with a link to its place in the source and to the cells it names", () => {
    const { report, html } = auditFile(corpusPath("corpus/real/shuyang-fgj-2023.partial.html"));
    const $ = load(html);
    const items = $("ol.diagnostics > li");
    expect(items.length).toBe(report.diagnostics.length);
    items.each((k, li) => {
      const d = report.diagnostics[k]!;
      expect($(li).find("code").first().text()).toBe(d.code);
      const anchor = $(li).find("a.to-source").attr("href")!;
      expect($(`pre.source ${anchor}`).length, d.code).toBe(1);
    });
    // row-width-mismatch on 三 row 一: linked to the row's seven cells, each flagged warning.
    const k = report.diagnostics.findIndex((d) => d.code === "row-width-mismatch" && d.path === "requests.newReceived");
    const cells = items.eq(k).find("a.to-cell").map((_, a) => $($(a).attr("href")!).attr("data-path")).get();
    expect(cells).toEqual(["naturalPerson", "commercialEnterprise", "researchInstitution", "socialWelfareOrganization", "legalServiceAgency", "otherOrganization", "total"].map((c) => `requests.newReceived.${c}`));
    for (const path of cells) expect($(`td[data-path="${path}"]`).hasClass("flag-warning"), path).toBe(true);
  });

  it("a broken identity is coloured and written out with its numbers", () => {
    const { report, html } = brokenReport();
    const $ = load(html);
    const failing = report.checks.filter((c) => c.status === "fail");
    expect(failing.map((c) => c.id)).toContain("requests.rowTotal.newReceived");
    const row = report.requests!.newReceived!;
    const parts = [row.naturalPerson, row.commercialEnterprise, row.researchInstitution, row.socialWelfareOrganization, row.legalServiceAgency, row.otherOrganization];
    const written = `${parts.join(" + ")} ≠ ${row.total}`;
    const item = $("ol.checks li").filter((_, li) => $(li).find("code").first().text() === "requests.rowTotal.newReceived");
    expect(item.find(".identity").text()).toContain(written);
    expect($(`td[data-path="${BROKEN_PATH}"]`).hasClass("check-fail")).toBe(true);
    // The item links every operand's cell.
    expect(item.find("a.to-cell").length).toBe(7);
  });

  it("report text cannot inject markup, and nothing is fetched", () => {
    const text = "某县<script>alert(1)</script>2021年政府信息公开工作年度报告\n<img src=x onerror=alert(2)>";
    const report = parseReport(text, { format: "text" } as never);
    const html = auditPage({ report, text, name: '"><script>alert(3)</script>' });
    const $ = load(html);
    expect($("script").length).toBe(1); // the page's own
    expect($("img").length).toBe(0);
    expect(html).not.toMatch(/<(?:link|iframe)\b|src=["']?https?:|url\(/i);
    expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("default-src 'none'");
  });
});
