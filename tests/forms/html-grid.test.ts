/**
 * HTML tables are read from their real grid: when a header and its data rows disagree on
 * spans, values go to the header column they overlap, not to the column their count says.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";

const page = (rows: string) =>
  `<html><body><p>某某局2021年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>
<tr><td colspan="5">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td colspan="2">本年废止件数</td><td>现行有效件数</td></tr>
${rows}
</table></body></html>`;

const flags = (r: ReturnType<typeof parseReport>, key: string) =>
  r.diagnostics.filter((d) => d.severity !== "info" && d.path?.startsWith(`proactive.${key}`)).map((d) => d.code);

describe("HTML grid placement", () => {
  it("header 1+1+colspan2+1 over data 1+colspan2+1+1: values by column overlap", () => {
    const r = parseReport(page(`<tr><td>规章</td><td colspan="2">5</td><td>1</td><td>7</td></tr>`));
    expect(r.proactive?.rules).toEqual({ issued: 5, repealed: 1, inForce: 7 });
    expect(flags(r, "rules")).toEqual([]);
  });

  it("an empty spacer cell under a spanned header is skipped, not read as the value", () => {
    const r = parseReport(page(`<tr><td>规章</td><td>5</td><td></td><td>1</td><td>7</td></tr>`));
    expect(r.proactive?.rules).toEqual({ issued: 5, repealed: 1, inForce: 7 });
    expect(flags(r, "rules")).toEqual([]);
  });

  it("a spanned blank stays null", () => {
    const r = parseReport(page(`<tr><td>行政规范性文件</td><td>2</td><td colspan="2">&nbsp;</td><td>9</td></tr>`));
    expect(r.proactive?.normativeDocuments).toEqual({ issued: 2, repealed: null, inForce: 9 });
  });

  it("two filled cells under one header column are flagged, never silently dropped", () => {
    const r = parseReport(page(`<tr><td>规章</td><td>5</td><td>3</td><td>1</td><td>7</td></tr>`));
    expect(flags(r, "rules")).toContain("row-width-mismatch");
  });

  it("rowspan labels: cells keep their grid column under a rowspan", () => {
    const html = page(`<tr><td rowspan="2">规章</td><td>5</td><td colspan="2">1</td><td>7</td></tr>`);
    const r = parseReport(html);
    expect(r.proactive?.rules).toEqual({ issued: 5, repealed: 1, inForce: 7 });
  });
});
