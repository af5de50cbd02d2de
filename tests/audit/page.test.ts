/**
 * Issue 15: the audit page's content, without a browser — every value has a source span and a
 * model cell linked both ways, the broken identity is written out with its numbers, input text
 * cannot inject markup, and the page asks for nothing from the network.
 */
import { describe, expect, it } from "vitest";
import { load } from "cheerio";
import { auditPage } from "../../src/audit/page.js";
import { htmlSourceView } from "../../src/audit/html-source.js";
import { parseReport } from "../../src/index.js";
import * as fc from "fast-check";
import { render, reportArbitrary } from "../../src/testing/index.js";
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
        expect(p.raw).toBe(text.slice(p.start.offset, p.end.offset));
        // An HTML page's span shows the value as the page reads (its raw text without markup).
        expect(span.text()).toBe(report.source.form === "html" ? load(p.raw).text() : p.raw);
        const cell = $(span.attr("href")!);
        expect(cell.attr("data-path")).toBe(path);
        expect(cell.find("a").attr("href")).toBe(`#${span.attr("id")}`);
      }
      // The source pane is the text itself: no character lost or added by the marking (for an
      // HTML page, its raw view; the readable view is the page's lines and tables).
      expect($(report.source.form === "html" ? "pre.source.raw" : "pre.source").text()).toBe(text);
    });
  }

  it("an HTML page's source pane is its text and tables, each value marked where the page shows it", () => {
    const { report, text, html } = auditFile(corpusPath("corpus/real/shuyang-fgj-2023.partial.html"));
    const $ = load(html);
    const view = $(".page-view");
    // Read, not markup: no tag of the input shows as text, and its tables are tables.
    expect(view.text()).not.toMatch(/<\/?(?:td|tr|p|span|div)\b/);
    expect(view.find("table.page-table").length).toBeGreaterThan(0);
    expect(view.text()).toContain("沭阳县发展和改革局2023年政府信息公开年度报告");
    // Each value sits in the table cell it was read from: 本年新收 26 (自然人).
    const span = view.find('a.v[data-path="requests.newReceived.naturalPerson"]');
    expect(span.text()).toBe("26");
    expect(span.closest("td").length).toBe(1);
    expect(view.find("a.v").length).toBe(Object.keys(report.provenance).length);
    // The markup is still there, collapsed, its spans linking to the same cells; the view
    // holds the only ids.
    expect($("details.raw pre.source.raw").text()).toBe(text);
    expect($("details.raw a.r").length).toBe(Object.keys(report.provenance).length);
    expect($("details.raw [id]").length).toBe(0);
    // Every diagnostic's anchor is in the readable view.
    expect(view.find(".d-anchor").length).toBe(report.diagnostics.length);
  });

  it("a value split by markup and entities is one span of its visible text; one outside the blocks still gets a span", () => {
    const page = `<html><head><title>年报</title></head><body><p>某县2021年政府信息公开工作年度报告</p><table><tr><td>本年新收政府信息公开申请数量</td><td>2<span>0</span>&#50;</td><td>&nbsp;7 </td></tr></table></body></html>`;
    const start = page.indexOf("2<span>");
    const end = page.indexOf("</td>", start);
    const seven = page.indexOf("7 </td>");
    const out = htmlSourceView(
      page,
      [
        { start, end, open: '<a class="v" id="a">', close: "</a>", kind: "span" },
        { start: seven, end: seven + 1, open: '<a class="v" id="b">', close: "</a>", kind: "span" },
        // The title inside <head> is no line of the view: shown apart, not lost.
        { start: page.indexOf("年报"), end: page.indexOf("年报") + 2, open: '<a class="v" id="c">', close: "</a>", kind: "span" },
        { start: 0, end: 0, open: '<span class="d-anchor" id="d"></span>', close: "", kind: "anchor" },
      ],
      (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;"),
    );
    const $ = load(out);
    expect($("#a").text()).toBe("202");
    expect($("#a").closest("td").text()).toBe("202");
    expect($("#b").text()).toBe("7");
    expect($("#c").closest(".outside").length).toBe(1);
    expect($("#c").text()).toBe("年报");
    expect($("p.line").first().find("#d").length).toBe(1);
  });

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
      expect($(`.source ${anchor}`).length, d.code).toBe(1);
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

describe("audit page of generated HTML reports", () => {
  it("every value of a rendered HTML report has one span in the readable view, showing its raw text without markup", () => {
    fc.assert(
      fc.property(reportArbitrary({ template: "2021" }), (model) => {
        const text = render(model, "html");
        const report = parseReport(text);
        const $ = load(auditPage({ report, text }));
        expect(report.source.form).toBe("html");
        for (const [path, p] of Object.entries(report.provenance)) {
          const span = $(`.page-view a.v[data-path="${path}"]`);
          expect(span.length, path).toBe(1);
          expect(span.text(), path).toBe(load(p.raw).text().trim());
        }
        expect($(".page-view .outside").length).toBe(0);
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});
