/**
 * Issue 14: the codebook says, per column, which templates print it and whether it means the
 * same in both (formats.md: 三 and 四 are identical in 2019 and 2021; 二's document columns
 * differ — 本年制发件数 (2021) is not 本年新制作数量 (2019)).
 */
import { describe, expect, it } from "vitest";
import { CODEBOOK_HEADER, codebookRows } from "../../src/bulk/panel.js";

const rows = codebookRows();
const byPath = (path: string) => {
  const row = rows.find((r) => r[CODEBOOK_HEADER.indexOf("path")] === path);
  if (!row) throw new Error(`no codebook row for ${path}`);
  return { templates: row[CODEBOOK_HEADER.indexOf("templates")], same: row[CODEBOOK_HEADER.indexOf("same_meaning")] };
};

describe("codebook across templates", () => {
  it("三 and 四 columns exist in both templates and mean the same", () => {
    expect(byPath("requests.newReceived.total")).toEqual({ templates: "2021 2019", same: "yes" });
    expect(byPath("reviewsAndLawsuits.review.upheld")).toEqual({ templates: "2021 2019", same: "yes" });
  });

  it("二's template-specific columns say which template prints them", () => {
    expect(byPath("proactive.rules.issued")).toEqual({ templates: "2021", same: null });
    expect(byPath("proactive.rules.made")).toEqual({ templates: "2019", same: null });
    expect(byPath("proactive.procurement.totalAmount")).toEqual({ templates: "2019", same: null });
    // 本年处理决定数量 (2021) and 处理决定数量 (2019): this year's decisions in both.
    expect(byPath("proactive.licensing.decisions")).toEqual({ templates: "2021 2019", same: "yes" });
  });

  it("（六）其他处理 is three sub-rows in 2021 and one row in 2019", () => {
    expect(byPath("requests.results.otherHandling.total.total").templates).toBe("2019");
  });
});
