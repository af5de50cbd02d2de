/**
 * The 2019 template (国办公开办函〔2019〕60号, formats.md § A): 二 with its five sub-tables and
 * their 2019 columns, signed 本年增/减, money with units, annotated and cut headers, rows a
 * report adds, and 三 with （六）其他处理 as one row that the identities use.
 */
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/model/types.js";
import { cellLines, codes, loadCase, parse, rowLines } from "./helpers.js";

const forms = [
  ["cell-per-line", (rows: string[][]) => cellLines(4, rows)],
  ["row-per-line", (rows: string[][]) => rowLines(rows)],
] as const;

/** A 2019 report holding only 二, printed from `rows`. */
const report2019 = (table: string, title = "示例市交通运输局2019年政府信息公开工作年度报告") =>
  [title, "一、总体情况", "本局认真落实条例要求。", "二、主动公开政府信息情况", table].join("\n");

const diagnosticAt = (r: Report, code: string, path: string) => r.diagnostics.find((d) => d.code === code && d.path === path);

describe("the Shanghai-layout case", () => {
  const c = loadCase("t2019-shanghai.cells");
  const r = parse(c.text);

  it("keeps the sign of 本年增/减", () => {
    expect(r.proactive?.licensing).toEqual({ previousYear: 118, change: -3, decisions: 24561 });
    expect(r.proactive?.otherServices).toEqual({ previousYear: 41, change: 2, decisions: 3370 });
    expect(r.provenance["proactive.otherServices.change"]?.raw).toBe("+2");
  });

  it("reads 251000元 as 251000 and flags the unit, since 采购总金额 has none", () => {
    expect(r.proactive?.procurement).toEqual({ projects: 17, totalAmount: 251000 });
    const d = diagnosticAt(r, "unit-in-cell", "proactive.procurement.totalAmount")!;
    expect(d.severity).toBe("warning");
    expect(d.raw).toBe("元");
    expect(c.text.slice(d.position.start.offset, d.position.end.offset)).toBe("251000元");
  });

  it("has no 2021 keys and no 2021 rows", () => {
    expect(r.proactive?.rules).not.toHaveProperty("issued");
    expect(r.proactive?.fees).not.toHaveProperty("amount");
    expect(r.requests?.results?.otherHandling).toEqual({ total: expect.any(Object) });
    expect(codes(r).filter((x) => x.startsWith("missing-row"))).toEqual([]);
  });

  it("adds （六）其他处理 as one row in the identities", () => {
    const check = r.checks.find((ch) => ch.id === "requests.resultsTotal.naturalPerson")!;
    expect(check.paths).toContain("requests.results.otherHandling.total.naturalPerson");
    expect(check.paths).not.toContain("requests.results.otherHandling.other.naturalPerson");
    expect(check.status).toBe("pass");
    // The row really enters the sum: change it and exactly that column fails.
    const np = String(r.requests!.results!.otherHandling!.total!.naturalPerson);
    const lines = c.text.split("\n");
    const at = lines.indexOf("（六）其他处理 |");
    expect(lines[at + 1]).toBe(`${np} |`);
    lines[at + 1] = `${Number(np) + 1} |`;
    const changed = parse(lines.join("\n"));
    const failing = changed.checks.filter((ch) => ch.status === "fail").map((ch) => ch.id);
    expect(failing).toEqual(["requests.rowTotal.results.otherHandling.total", "requests.resultsTotal.naturalPerson"]);
  });
});

describe("the Hubei-style 2021 report on the 2019 labels", () => {
  for (const form of ["cells", "rows"]) {
    const c = loadCase(`t2019-hubei-2021.${form}`);
    const r = parse(c.text);

    it(`reads the annotated headers without assuming anything (${form})`, () => {
      for (const key of ["licensing", "otherServices", "punishment", "coercion"]) {
        expect(codes(r).filter((x) => x.includes(`proactive.${key}`))).toEqual([]);
      }
      expect(r.proactive?.licensing).toEqual({ previousYear: 356, change: -8, decisions: 12870 });
    });

    it(`maps the cut header \`本年新 | 本年新\` by position and says so (${form})`, () => {
      expect(r.proactive?.rules).toEqual({ made: 1, published: 2, totalPublished: 15 });
      const d = diagnosticAt(r, "label-assumed", "proactive.rules.published")!;
      expect(d.severity).toBe("info");
      expect(d.raw).toBe("本年新");
      expect(d.message).toContain("本年新公开数量");
      expect(diagnosticAt(r, "label-assumed", "proactive.rules.totalPublished")).toBeUndefined();
    });

    it(`keeps the rows the report adds, in order (${form})`, () => {
      expect(r.proactive?.extraRows).toEqual([
        { label: "其他主动公开文件", values: [320, 315, 4120] },
        { label: "行政检查", values: [30, 4, 410] },
        { label: "行政确认", values: [19, -2, 205] },
      ]);
      expect(r.provenance["proactive.extraRows.2.values.1"]?.raw).toBe("-2");
    });

    it(`reads 1424.4万元 as 1424.4 with the unit flagged (${form})`, () => {
      expect(r.proactive?.procurement?.totalAmount).toBe(1424.4);
      expect(diagnosticAt(r, "unit-in-cell", "proactive.procurement.totalAmount")?.raw).toBe("万元");
    });
  }
});

describe("二 sub-tables", () => {
  for (const [name, render] of forms) {
    describe(name, () => {
      it("takes a unit from the header: 采购总金额（万元）", () => {
        const rows = (cell: string) => [
          ["第二十条第（九）项"],
          ["信息内容", "采购项目数量", "采购总金额（万元）"],
          ["政府集中采购", "23", cell],
        ];
        const same = parse(report2019(render(rows("1424.4万元"))));
        expect(same.proactive?.procurement).toEqual({ projects: 23, totalAmount: 1424.4 });
        expect(codes(same)).not.toContain("unit-in-cell proactive.procurement.totalAmount");
        const other = parse(report2019(render(rows("251000元"))));
        expect(other.proactive?.procurement?.totalAmount).toBe(251000);
        expect(diagnosticAt(other, "unit-in-cell", "proactive.procurement.totalAmount")?.message).toContain("万元");
      });

      it("follows a header whose columns are in another order", () => {
        const r = parse(
          report2019(
            render([
              ["第二十条第（五）项"],
              ["信息内容", "处理决定数量", "上一年项目数量", "本年增/减"],
              ["行政许可", "24561", "118", "-3"],
            ]),
          ),
        );
        expect(r.proactive?.licensing).toEqual({ previousYear: 118, change: -3, decisions: 24561 });
        expect(codes(r).filter((x) => x.includes("proactive.licensing"))).toEqual([]);
      });

      it("assumes the template columns, with a diagnostic, when the header is lost", () => {
        const r = parse(report2019(render([["第二十条第（六）项"], ["行政处罚", "67", "-5", "812"], ["行政强制", "9", "+1", "36"]])));
        expect(r.template).toBe("2019");
        expect(r.proactive?.punishment).toEqual({ previousYear: 67, change: -5, decisions: 812 });
        expect(r.proactive?.coercion).toEqual({ previousYear: 9, change: 1, decisions: 36 });
        expect(codes(r)).toContain("label-assumed proactive.punishment");
        expect(codes(r)).toContain("label-assumed proactive.coercion");
      });

      it("reads placeholders and blanks as null, never 0", () => {
        const r = parse(
          report2019(
            render([
              ["第二十条第（八）项"],
              ["信息内容", "上一年项目数量", "本年增/减"],
              ["行政事业性收费", "-", ""],
            ]),
          ),
        );
        expect(r.proactive?.fees).toEqual({ previousYear: null, change: null });
        expect(codes(r)).toContain("placeholder-cell proactive.fees.previousYear");
      });

      it("reads a row without a label as the next row of its caption's sub-table", () => {
        const r = parse(
          report2019(
            render([
              ["第二十条第（九）项"],
              ["信息内容", "采购项目数量", "采购总金额"],
              ["", "17", "8040"],
            ]),
          ),
        );
        expect(r.proactive?.procurement).toEqual({ projects: 17, totalAmount: 8040 });
        // Placed by position alone (no label at all): a guess, so label-guessed, a warning.
        expect(codes(r)).toContain("label-guessed proactive.procurement");
      });
    });
  }

  it("accepts the extra pipes of spanned columns in the row-per-line form", () => {
    const text = report2019(
      [
        "第二十条第（一）项 | |||",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "规章 | 4 | 6 | 57 |",
        "| 规范性文件 | 14 | 13 | 226 |",
        "第二十条第（八）项 | |||",
        "信息内容 | 上一年项目数量 | 本年增/减 | |",
        "行政事业性收费 | 6 | -2 | |",
      ].join("\n"),
    );
    const r = parse(text);
    expect(r.proactive).toEqual({
      rules: { made: 4, published: 6, totalPublished: 57 },
      normativeDocuments: { made: 14, published: 13, totalPublished: 226 },
      fees: { previousYear: 6, change: -2 },
    });
    expect(codes(r).filter((x) => x.startsWith("row-width") || x.startsWith("label-assumed") || x.startsWith("label-guessed"))).toEqual([]);
  });
});

describe("三 with the single （六） row in a report read as 2021", () => {
  const T2021 = loadCase("t2021-drift.cells").text;
  const T2019 = loadCase("t2019-shanghai.cells").text;
  const section = (text: string, from: string, to: string) => {
    const s = text.indexOf(from);
    return text.slice(s, text.indexOf(to, s));
  };
  // The 2021 case with its 三 swapped for the 2019 case's.
  const text = T2021.replace(
    section(T2021, "三、收到和处理政府信息公开申请情况", "四、因政府信息公开工作"),
    section(T2019, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议"),
  );
  const r = parse(text);
  const expected = loadCase("t2019-shanghai.cells").expected;

  it("is read as 2021 with a mixed-template warning", () => {
    expect(r.template).toBe("2021");
    expect(codes(r)).toContain("template-mixed");
  });

  it("puts the row under otherHandling.total, not under a 2021 sub-row", () => {
    const got = r.requests?.results?.otherHandling;
    expect(Object.keys(got ?? {})).toEqual(["total"]);
    expect(got?.total?.naturalPerson).toBe(expected["requests.results.otherHandling.total.naturalPerson"]);
    expect(codes(r).filter((x) => x.startsWith("missing-row") || x.startsWith("label-assumed requests") || x.startsWith("label-guessed requests"))).toEqual([]);
  });
});
