/**
 * Issue 14: `zfxxgk compare A B` — values side by side with their change, and the cross-year
 * identity per applicant column. The models are generated and their carried numbers set
 * before rendering, so the column that must fail is known from the models.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "../../src/main/run.js";
import { render, reportArbitrary, type GeneratedReport } from "../../src/testing/index.js";

type Row = Record<string, number | null>;
const carried = (m: GeneratedReport, key: "carriedOver" | "carriedForward") => (m.requests as unknown as Record<string, Row>)[key]!;

/** A 2021-template report of one agency for `year`. */
function model(year: number, seed: number): GeneratedReport {
  const [m] = fc.sample(reportArbitrary({ template: "2021", nulls: "none" }), { seed, numRuns: 1 });
  m!.meta = { agency: "泗阳县行政审批局", year, title: `泗阳县行政审批局${year}年度政府信息公开工作年度报告` };
  return m!;
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdin: Readable.from([]), stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("zfxxgk compare", () => {
  const dir = mkdtempSync(join(tmpdir(), "zfxxgk-compare-"));
  const a = model(2022, 11);
  const b = model(2023, 12);
  Object.assign(carried(b, "carriedOver"), carried(a, "carriedForward"));
  carried(b, "carriedOver").researchInstitution = (carried(a, "carriedForward").researchInstitution ?? 0) + 2;
  writeFileSync(join(dir, "2022.txt"), render(a, "cell-lines"));
  writeFileSync(join(dir, "2023.txt"), render(b, "cell-lines"));

  it("prints both values, the change, and the one identity column that disagrees", async () => {
    // Given in reverse order: the earlier year is still the "from" side.
    const r = await cli(["compare", join(dir, "2023.txt"), join(dir, "2022.txt")]);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("requests.newReceived.total "))!;
    const x = (b.requests as unknown as Record<string, Row>).newReceived!.total!;
    const y = (a.requests as unknown as Record<string, Row>).newReceived!.total!;
    expect(line.split(/\s+/).slice(1, 4)).toEqual([String(x), String(y), y - x > 0 ? `+${y - x}` : String(y - x)]);
    const identity = r.stdout.slice(r.stdout.indexOf("cross-year identity"));
    expect(identity.match(/FAIL/g)).toHaveLength(1);
    expect(identity.split("\n").find((l) => l.includes("FAIL"))).toContain("科研机构");
    expect(identity).toContain("1 column(s) disagree");
  });

  it("notes where either value is flagged: a failing identity through it", async () => {
    // 2023's 自然人 of 三 row 一 raised by one after the model was made: its row total fails.
    const broken = model(2023, 12);
    (broken.requests as unknown as Record<string, Row>).newReceived!.naturalPerson! += 1;
    writeFileSync(join(dir, "2023-broken.txt"), render(broken, "cell-lines"));
    const r = await cli(["compare", join(dir, "2022.txt"), join(dir, "2023-broken.txt")]);
    expect(r.code, r.stderr).toBe(0);
    const line = (path: string) => r.stdout.split("\n").find((l) => l.startsWith(`${path} `))!;
    expect(line("requests.newReceived.naturalPerson")).toContain("B: fails requests.rowTotal.newReceived");
    expect(line("requests.newReceived.naturalPerson")).not.toContain("A:");
    // A value no identity or diagnostic touches has no note.
    expect(line("reviewsAndLawsuits.review.upheld")).toMatch(/\d$/);
  });

  it("wants exactly two files", async () => {
    expect((await cli(["compare", join(dir, "2022.txt")])).code).toBe(2);
  });
});
