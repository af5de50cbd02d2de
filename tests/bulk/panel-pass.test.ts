/**
 * Issue 14: one panel row per report, and an agency's consecutive years linked with the
 * cross-year identity (year y's 上年结转 = year y−1's 结转下年度继续办理, per applicant column).
 * The reports are generated from models whose carried numbers were set before rendering, so
 * which links pass and fail is known from the models, not from the parser.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { render, reportArbitrary, type GeneratedReport } from "../../src/testing/index.js";
import { cli, readCsvObjects, removeTempDirs, tempDir } from "./helpers/run.js";

afterAll(removeTempDirs);

const AGENCY = "泗阳县行政审批局";
const COLUMNS = ["naturalPerson", "commercialEnterprise", "researchInstitution", "socialWelfareOrganization", "legalServiceAgency", "otherOrganization", "total"] as const;

/** A 2021 report of {@link AGENCY} for `year` (seeded), as cell-lines text. */
function model(year: number, seed: number): GeneratedReport {
  const [m] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed, numRuns: 1 });
  m!.meta = { agency: AGENCY, year, title: `${AGENCY}${year}年度政府信息公开工作年度报告` };
  return m!;
}
type Row = Record<(typeof COLUMNS)[number], number | null>;
const carried = (m: GeneratedReport, key: "carriedOver" | "carriedForward") => (m.requests as unknown as Record<string, Row>)[key]!;

describe("bulk panel pass", () => {
  const dir = tempDir();
  const inputs = join(dir, "in");
  mkdirSync(inputs);
  // 2019 → 2020 chained exactly; 2021 missing (a break); 2022 → 2023 with 商业企业 off by one.
  const y2019 = model(2019, 1);
  const y2020 = model(2020, 2);
  const y2022 = model(2022, 3);
  const y2023 = model(2023, 4);
  Object.assign(carried(y2020, "carriedOver"), carried(y2019, "carriedForward"));
  Object.assign(carried(y2023, "carriedOver"), carried(y2022, "carriedForward"));
  carried(y2023, "carriedOver").commercialEnterprise = (carried(y2022, "carriedForward").commercialEnterprise ?? 0) + 1;
  const files: Record<string, string> = {
    "2019.txt": render(y2019, "cell-lines"),
    "2020.txt": render(y2020, "cell-lines"),
    "2022.txt": render(y2022, "cell-lines"),
    "2023.txt": render(y2023, "cell-lines"),
  };
  // The same bytes twice, and the same agency-year with 四 cut off (more errors: not kept).
  files["copy-of-2019.txt"] = files["2019.txt"]!;
  files["2020-cut.txt"] = files["2020.txt"]!.slice(0, files["2020.txt"]!.indexOf("四、"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(inputs, name), text);

  it("keeps one row per report and lists every member of each group in duplicates.csv", async () => {
    const out = join(dir, "out");
    const result = await cli(["bulk", "--jobs", "0", "--quiet", "--out", out, inputs]);
    expect(result.code, result.stderr).toBe(0);
    const panel = readCsvObjects(join(out, "panel.csv"));
    expect(panel.map((r) => r.member).sort()).toEqual(["2019.txt", "2020.txt", "2022.txt", "2023.txt"]);
    const dups = readCsvObjects(join(out, "duplicates.csv"));
    const byMember = new Map(dups.map((d) => [d.member, d]));
    expect(byMember.get("copy-of-2019.txt")).toMatchObject({ reason: "same-bytes", kept: "0" });
    expect(byMember.get("2019.txt")).toMatchObject({ kept: "1" });
    expect(byMember.get("2020-cut.txt")).toMatchObject({ reason: "same-agency-year", kept: "0" });
    expect(byMember.get("2020-cut.txt")!.kept_report_id).toBe(panel.find((r) => r.member === "2020.txt")!.report_id);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.duplicates).toEqual({ groups: 2, rowsDropped: 2, kept: "one per group" });
    // SQLite agrees with the CSVs.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(out, "reports.sqlite"), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM panel")).toBe(4);
    expect(count("SELECT count(*) AS n FROM duplicates")).toBe(dups.length);
    expect(count("SELECT count(*) AS n FROM links WHERE status = 'fail'")).toBe(1);
    // The agency and division columns, as text (a code is not a number to add up).
    const places = db.prepare("SELECT DISTINCT agency_key, agency_kind, division_code, typeof(division_code) AS t, province, city, county, division_level FROM panel").all();
    expect(places).toEqual([{ agency_key: AGENCY, agency_kind: "局", division_code: "321323", t: "text", province: "江苏省", city: "宿迁市", county: "泗阳县", division_level: "county" }]);
    db.close();
  });

  it("links consecutive years only, and the cross-year identity fails exactly where the model was changed", () => {
    const links = readCsvObjects(join(dir, "out", "links.csv"));
    expect(new Set(links.map((l) => `${l.year_from}→${l.year_to}`))).toEqual(new Set(["2019→2020", "2022→2023"]));
    const failing = links.filter((l) => l.status === "fail").map((l) => `${l.year_to}:${l.column}`);
    expect(failing).toEqual(["2023:commercialEnterprise"]);
    const row = links.find((l) => l.year_to === "2023" && l.column === "commercialEnterprise")!;
    expect(Number(row.carried_over_to)).toBe(Number(row.carried_forward_from) + 1);
    expect(links.filter((l) => l.year_to === "2020").every((l) => l.status === "pass")).toBe(true);
  });

  it("--keep-duplicates keeps every row and still lists the groups", async () => {
    const out = join(dir, "keep");
    const result = await cli(["bulk", "--jobs", "0", "--quiet", "--keep-duplicates", "--out", out, inputs]);
    expect(result.code, result.stderr).toBe(0);
    expect(readCsvObjects(join(out, "panel.csv"))).toHaveLength(6);
    expect(readCsvObjects(join(out, "duplicates.csv"))).toHaveLength(4);
  });
});
