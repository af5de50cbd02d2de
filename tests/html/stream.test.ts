/**
 * parseHtml reads the page from htmlparser2's streaming callbacks, with no DOM: these are the
 * cases where a stream is easiest to get wrong — offsets of text whose source is longer than
 * what it decodes to, text split across tags, look-ahead (is a table a leaf, which element is
 * the content root), tags cut off by the end of the page, and nesting past the depth guard.
 * Every expected offset is found in the input, never taken from the parser.
 */
import { describe, expect, it } from "vitest";
import { parseHtml } from "../../src/html/index.js";
import { LineIndex } from "../../src/source/line-index.js";
import type { Block, Table, TableCell } from "../../src/ast/types.js";

const parse = (html: string) => parseHtml(html, new LineIndex(html));
const tables = (blocks: Block[]) => blocks.filter((b): b is Table => b.type === "table");
const cells = (html: string): TableCell[] => tables(parse(html).tree.children).flatMap((t) => t.children.flatMap((r) => r.children));
const span = (c: TableCell) => [c.position.start.offset, c.position.end.offset];
const texts = (blocks: Block[]) => blocks.filter((b) => b.type !== "table").map((b) => (b as { value: string }).value);

const TITLE = "<p>某某局2022年政府信息公开工作年度报告</p>";
const REPORT = "<table><tr><td>本年新收政府信息公开申请数量</td><td>5</td></tr></table>";

describe("HTML stream: positions", () => {
  it("a cell holding an entity runs from its first to its last source character", () => {
    const html = "<table><tr><td> 1&amp;2 </td></tr></table>";
    const [c] = cells(html);
    const at = html.indexOf("1&amp;2");
    expect(c!.value).toBe("1&2");
    expect(span(c!)).toEqual([at, at + "1&amp;2".length]);
  });

  it("a trailing &nbsp; is trimmed from the value and from the span", () => {
    const html = "<table><tr><td>5&nbsp;</td></tr></table>";
    const [c] = cells(html);
    expect(c!.value).toBe("5");
    expect(span(c!)).toEqual([html.indexOf("5"), html.indexOf("5") + 1]);
  });

  it("an entity for an astral character ends the span at the entity's end", () => {
    const html = "<table><tr><td>a&#x1F600;</td></tr></table>";
    const [c] = cells(html);
    expect(c!.value).toBe("a\u{1F600}");
    expect(span(c!)).toEqual([html.indexOf("a&"), html.indexOf(";") + 1]);
  });

  it("a number split over Word's <span>s is one value spanning both halves", () => {
    const html = "<table><tr><td><span>20</span><span>23</span></td></tr></table>";
    const [c] = cells(html);
    expect(c!.value).toBe("2023");
    expect(span(c!)).toEqual([html.indexOf("20"), html.indexOf("23") + 2]);
  });

  it("an empty cell sits at its first child (a comment counts), else at its close tag's end", () => {
    const html = "<table><tr><td><!--x--></td><td></td><td>1</td></tr></table>";
    const [a, b] = cells(html);
    expect(span(a!)).toEqual([html.indexOf("<!--"), html.indexOf("<!--")]);
    const close = html.indexOf("</td>", html.indexOf("<td></td>")) + "</td>".length - 1;
    expect(span(b!)).toEqual([close, close]);
  });

  it("a paragraph's entities map to their source: the line ends where the last entity ends", () => {
    const html = "<p>甲&amp;乙&lt;</p>";
    const [p] = parse(html).tree.children;
    expect((p as { value: string }).value).toBe("甲&乙<");
    expect(p!.position.start.offset).toBe(html.indexOf("甲"));
    expect(p!.position.end.offset).toBe(html.indexOf("&lt;") + "&lt;".length);
  });
});

describe("HTML stream: look-ahead", () => {
  it("a table holding a table is read as lines around the inner table node", () => {
    const html = "<table><tr><td>外层</td><td><table><tr><td>7</td><td>8</td></tr></table></td></tr></table>";
    const { children } = parse(html).tree;
    expect(texts(children)).toEqual(["外层"]);
    const [inner] = tables(children);
    expect(inner!.children[0]!.children.map((c) => c.value)).toEqual(["7", "8"]);
    expect(inner!.position.start.offset).toBe(html.indexOf("<table>", 1));
  });

  it("rowspan and colspan place later cells at their grid columns", () => {
    const html = '<table><tr><td rowspan="2">a</td><td colspan="2">b</td></tr><tr><td>c</td><td>d</td></tr></table>';
    const [t] = tables(parse(html).tree.children);
    expect(t!.columns).toBe(3);
    expect(t!.children[1]!.children.map((c) => [c.value, c.column])).toEqual([["c", 1], ["d", 2]]);
  });

  it("an inline content root leaves out the text beside it on its lines", () => {
    const html = `<html><body>旁白<span>${TITLE}${REPORT}</span>尾注</body></html>`;
    const { children } = parse(html).tree;
    expect(texts(children)).toEqual(["某某局2022年政府信息公开工作年度报告"]);
    expect(tables(children)).toHaveLength(1);
  });

  it("the content root leaves out chrome and text outside it", () => {
    const html = `<html><body><div class="nav">导航</div><p>页头</p><div>${TITLE}${REPORT}</div><p>页脚</p></body></html>`;
    expect(texts(parse(html).tree.children)).toEqual(["某某局2022年政府信息公开工作年度报告"]);
  });

  it("a <body> inside a chrome element is still where the content is searched for", () => {
    const html = `<html class="nav"><body><p>页头</p><div>${TITLE}${REPORT}</div></body></html>`;
    const { children } = parse(html).tree;
    expect(texts(children)).toEqual(["某某局2022年政府信息公开工作年度报告"]);
    expect(tables(children)).toHaveLength(1);
  });

  it("a <body> inside a table cell is read from the body, not as the cell", () => {
    const html = `<table><tr><td><body><div>${TITLE}${REPORT}</div></body></td></tr></table>`;
    const { children } = parse(html).tree;
    expect(texts(children)).toEqual(["某某局2022年政府信息公开工作年度报告"]);
    expect(cells(html).map((c) => c.value)).toEqual(["本年新收政府信息公开申请数量", "5"]);
  });
});

describe("HTML stream: damaged pages", () => {
  it("an open tag cut off by the end of the page closes what is open, and the text before it stays", () => {
    const html = `<html><body><div>${TITLE}<p>末段 <span class="a`;
    expect(texts(parse(html).tree.children)).toEqual(["某某局2022年政府信息公开工作年度报告", "末段"]);
  });

  it("a table nested past the depth guard keeps its cells and their offsets", () => {
    const depth = 700;
    const html = `${"<div>".repeat(depth)}<table><tr><td>本年新收</td><td>42</td></tr></table>${"</div>".repeat(depth)}`;
    const { tree, diagnostics } = parse(html);
    expect(diagnostics.map((d) => d.code)).toContain("html-nesting-flattened");
    const values = tables(tree.children).flatMap((t) => t.children.flatMap((r) => r.children));
    expect(values.map((c) => c.value)).toEqual(["本年新收", "42"]);
    expect(span(values[1]!)).toEqual([html.indexOf("42"), html.indexOf("42") + 2]);
  });
});
