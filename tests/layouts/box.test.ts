/**
 * The box layout reader: frames rebuilt into grids (unit cases written here, measured in
 * display columns), and real text browsers run on rendered pages and the real corpus page,
 * every field of 二/三/四 scored against the model. Under CI a missing browser fails the run.
 */
import * as fc from "fast-check";
import { eastAsianWidth } from "get-east-asian-width";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Table, TableCell } from "../../src/ast/types.js";
import { parseReport } from "../../src/index.js";
import { readBoxes } from "../../src/layouts/box.js";
import { sourceLines } from "../../src/layouts/index.js";
import type { Diagnostic } from "../../src/model/types.js";
import { LineIndex } from "../../src/source/line-index.js";
import { reportArbitrary, render, type ReportModel } from "../../src/testing/index.js";
import { addScore, noScore, probeTool, runTool, scoreReport, type Score } from "./support.js";

/** Reads `text` with the box reader alone. */
function boxes(text: string): { tables: Table[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const claims = readBoxes(sourceLines(text), new LineIndex(text), diagnostics);
  return { tables: claims.flatMap((c) => c.blocks).filter((b): b is Table => b.type === "table"), diagnostics };
}

/** A content line: each cell padded to its width in display columns (or code points, as links counts). */
function line(cells: ReadonlyArray<readonly [string, number]>, bar = "│", cjkWide = true): string {
  const w = (s: string) => [...s].reduce((n, c) => n + (cjkWide ? eastAsianWidth(c.codePointAt(0)!) : 1), 0);
  return bar + cells.map(([t, n]) => t + " ".repeat(Math.max(0, n - w(t)))).join(bar) + bar;
}

/** What a test compares of a cell. */
const shape = (c: TableCell) => ({ value: c.value, column: c.column, colspan: c.colspan ?? 1, rowspan: c.rowspan ?? 1 });

/** Every one-line cell's span reproduces its value; a blank cell's span is empty. */
function spanErrors(text: string, table: Table): string[] {
  const errors: string[] = [];
  for (const c of table.children.flatMap((r) => r.children)) {
    const { start, end } = c.position;
    if (start.offset < 0 || end.offset > text.length || start.offset > end.offset) errors.push(`${c.value}: span ${start.offset}..${end.offset} outside the text`);
    else if (start.line === end.line && text.slice(start.offset, end.offset) !== c.value) errors.push(`${c.value}: span gives ${text.slice(start.offset, end.offset)}`);
    if (c.value === "" && start.offset !== end.offset) errors.push(`blank cell with a ${end.offset - start.offset}-unit span`);
  }
  return errors;
}

// A 三-like header: a rowspan label, a colspan group over two columns, a label wrapped in
// its box, a blank cell, and a colspan label in the last row.
const GEOMETRY = (bar: string, rule: (s: string) => string, cjkWide = true) =>
  [
    rule("┌────────┬──────────────┐"),
    line([["", 8], ["申请人情况", 14]], bar, cjkWide),
    rule("│        ├────┬─────────┤"),
    line([["项目", 8], ["自然", 4], ["法人", 9]], bar, cjkWide),
    line([["", 8], ["人", 4], ["", 9]], bar, cjkWide),
    rule("├────────┼────┼─────────┤"),
    line([["新收申请", 8], ["3", 4], ["", 9]], bar, cjkWide),
    line([["数量", 8], ["", 4], ["", 9]], bar, cjkWide),
    rule("├────────┴────┼─────────┤"),
    line([["合计", 13], ["7", 9]], bar, cjkWide),
    rule("└─────────────┴─────────┘"),
  ].join("\n") + "\n";

const WANT = [
  [
    { value: "项目", column: 0, colspan: 1, rowspan: 2 },
    { value: "申请人情况", column: 1, colspan: 2, rowspan: 1 },
  ],
  [
    { value: "自然人", column: 1, colspan: 1, rowspan: 1 },
    { value: "法人", column: 2, colspan: 1, rowspan: 1 },
  ],
  [
    { value: "新收申请数量", column: 0, colspan: 1, rowspan: 1 },
    { value: "3", column: 1, colspan: 1, rowspan: 1 },
    { value: "", column: 2, colspan: 1, rowspan: 1 },
  ],
  [
    { value: "合计", column: 0, colspan: 2, rowspan: 1 },
    { value: "7", column: 2, colspan: 1, rowspan: 1 },
  ],
];

const ascii = (s: string) => s.replace(/[┌┐└┘┬┴├┤┼]/g, "+").replace(/─/g, "-").replace(/│/g, "|");

describe("box geometry", () => {
  const cases: Array<[string, string]> = [
    ["Unicode frame, display columns (w3m, elinks)", GEOMETRY("│", (s) => s)],
    ["ASCII frame (w3m -no-graph)", GEOMETRY("|", ascii)],
    ["Unicode frame measured in code points (links)", GEOMETRY("│", (s) => s, false)],
    ["indented frame (elinks)", GEOMETRY("│", (s) => s).replace(/^/gm, "   ")],
  ];
  it.each(cases)("%s: rowspan, colspan, wrapped labels and blank cells", (_, text) => {
    const { tables, diagnostics } = boxes(text);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.form).toBe("box");
    expect(t.columns).toBe(3);
    expect(t.children.map((r) => r.children.map(shape))).toEqual(WANT);
    expect(spanErrors(text, t)).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it("a caption row spans every column of stacked sub-tables", () => {
    const text = [
      "┌───────────────────────┐",
      line([["第二十条第（一）项", 23]]),
      "├────────┬──────┬───────┤",
      line([["信息内容", 8], ["制发", 6], ["有效", 7]]),
      "├────────┼──────┼───────┤",
      line([["规章", 8], ["12", 6], ["", 7]]),
      "├────────┴──────┴───────┤",
      line([["第二十条第（五）项", 23]]),
      "├────────┬──────────────┤",
      line([["行政许可", 8], ["951", 14]]),
      "└────────┴──────────────┘",
    ].join("\n");
    const t = boxes(text).tables[0]!;
    expect(t.children.map((r) => r.children.map(shape))).toEqual([
      [{ value: "第二十条第（一）项", column: 0, colspan: 3, rowspan: 1 }],
      [{ value: "信息内容", column: 0, colspan: 1, rowspan: 1 }, { value: "制发", column: 1, colspan: 1, rowspan: 1 }, { value: "有效", column: 2, colspan: 1, rowspan: 1 }],
      [{ value: "规章", column: 0, colspan: 1, rowspan: 1 }, { value: "12", column: 1, colspan: 1, rowspan: 1 }, { value: "", column: 2, colspan: 1, rowspan: 1 }],
      [{ value: "第二十条第（五）项", column: 0, colspan: 3, rowspan: 1 }],
      [{ value: "行政许可", column: 0, colspan: 1, rowspan: 1 }, { value: "951", column: 1, colspan: 2, rowspan: 1 }],
    ]);
    expect(spanErrors(text, t)).toEqual([]);
  });

  it("a number cut over two lines of a narrow cell (pandoc -t rst) is one number; words keep their space", () => {
    const text = ["+-------+-------+", "| 规章  | 1     |", "|       | 69959 |", "+-------+-------+", "| 其他  | 2 nd  |", "| 事项  | line  |", "+-------+-------+"].join("\n");
    const t = boxes(text).tables[0]!;
    expect(t.children.map((r) => r.children.map((c) => c.value))).toEqual([["规章", "169959"], ["其他事项", "2 nd line"]]);
  });

  it("a frame that contradicts itself is cut where its strokes stand, and reported", () => {
    // b runs on below (no rule under it), c has no stroke after it: an L-shaped merge.
    const text = ["┌──┬──┐", "│a │b │", "├──┤  │", "│c    │", "└─────┘"].join("\n");
    const { tables, diagnostics } = boxes(text);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.children.flatMap((r) => r.children.map((c) => c.value)).filter((v) => v !== "")).toEqual(["a", "b", "c"]);
    expect(diagnostics.map((d) => d.code)).toContain("box-damaged");
  });

  it("a markdown pipe table is not an ASCII box", () => {
    expect(boxes("| a | b |\n|---|---|\n| 1 | 2 |\n").tables).toEqual([]);
  });

  it("never throws, and every span stays inside the text, on damaged frames", () => {
    const alphabet = fc.constantFrom(..."┌┐└┘├┤┬┴┼│─+|-  \n\n规章12３“”");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), fc.integer({ min: 0, max: 10 }), (chars, cut) => {
        // Start from a real frame, then damage it: random text spliced in, the tail cut off.
        const base = GEOMETRY("│", (s) => s);
        const text = base.slice(0, base.length - cut * 7) + chars.join("");
        const { tables } = boxes(text);
        for (const t of tables) {
          for (const c of t.children.flatMap((r) => r.children)) {
            expect(c.position.start.offset).toBeGreaterThanOrEqual(0);
            expect(c.position.end.offset).toBeLessThanOrEqual(text.length);
            if (c.position.start.line === c.position.end.line) expect(text.slice(c.position.start.offset, c.position.end.offset)).toBe(c.value);
          }
        }
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Real text browsers on rendered pages.

const WIDTHS = [60, 80, 120, 200] as const;

interface Tool {
  name: string;
  command: string;
  args: (file: string, width: number) => string[];
}

const TOOLS: Tool[] = [
  { name: "w3m", command: "w3m", args: (f, n) => ["-dump", "-T", "text/html", "-cols", String(n), f] },
  { name: "w3m -no-graph", command: "w3m", args: (f, n) => ["-dump", "-no-graph", "-T", "text/html", "-cols", String(n), f] },
  { name: "elinks", command: "elinks", args: (f, n) => ["-dump", "-dump-width", String(n), f] },
  { name: "links", command: "links", args: (f, n) => ["-dump", "-width", String(n), f] },
];

/** Generated models: both templates, several seeds, one with blanks anywhere. */
const MODELS: ReportModel[] = [
  ...fc.sample(reportArbitrary({ template: "2021" }), { seed: 101, numRuns: 3 }),
  ...fc.sample(reportArbitrary({ template: "2019" }), { seed: 202, numRuns: 3 }),
  ...fc.sample(reportArbitrary({ template: "2021", nulls: "anywhere" }), { seed: 303, numRuns: 1 }),
  ...fc.sample(reportArbitrary({ template: "2019", nulls: "anywhere" }), { seed: 404, numRuns: 1 }),
];

const REAL = join(import.meta.dirname, "../../corpus/real");
const REAL_PAGE = "shuyang-fgj-2023.partial.html";

/** The hand-read values of the real page's tables, path → value. */
function realExpected(): Map<string, number | null> {
  const json = JSON.parse(readFileSync(join(REAL, REAL_PAGE.replace(/\.html$/, ".expected.json")), "utf8")) as Record<string, unknown>;
  return new Map(
    Object.entries(json).filter((e): e is [string, number | null] => /^(proactive|requests|reviewsAndLawsuits)\./.test(e[0]) && (e[1] === null || typeof e[1] === "number")),
  );
}

const scores = new Map<string, Score>();
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zfxxgk-box-"));
  MODELS.forEach((m, i) => writeFileSync(join(dir, `model-${i}.html`), render(m, "html", {})));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  const lines = [...scores].map(([k, s]) => `${k.padEnd(28)} right ${s.right}/${s.total}  flagged-wrong ${s.flagged}  unflagged-wrong ${s.unflagged}`);
  if (lines.length > 0) console.info(`box layouts through real tools:\n${lines.join("\n")}`);
});

describe("scoring", () => {
  it("counts a value read from another page as wrong, and unflagged when nothing names it", () => {
    const [a, b] = fc.sample(reportArbitrary({ template: "2021" }), { seed: 5, numRuns: 2 });
    const report = parseReport(render(a!, "html", {}));
    expect(scoreReport(report, a!).right).toBe(scoreReport(report, a!).total);
    const other = scoreReport(report, b!);
    expect(other.unflagged + other.flagged).toBeGreaterThan(0);
    expect(other.right).toBeLessThan(other.total);
  });
});

/** Deterministic pseudo-random numbers (the damage below must replay). */
function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
}

describe("damaged dumps", () => {
  // A scraper that drops a character, adds a space or loses a line inside a box: what the
  // box still shows is read, and nothing wrong goes unflagged.
  describe.each(TOOLS)("$name", (tool) => {
    const state = probeTool(tool.command);
    const run = state.ok || process.env.CI ? it : it.skip;
    run("a character or a line lost inside a box is never silently wrong", () => {
      if (!state.ok) throw new Error(`${tool.name} is not installed (CI needs it): ${state.why}`);
      const name = tool.name;
      const rand = lcg(name.length * 7919);
      const total = noScore();
      MODELS.slice(0, 6).forEach((model, i) => {
        const text = runTool(tool.command, tool.args(join(dir, `model-${i}.html`), 100));
        for (let k = 0; k < 12; k++) {
          const lines = text.split("\n");
          const inBox = lines.flatMap((l, j) => (/^\s*[│├┌└|+]/.test(l) ? [j] : []));
          const j = inBox[rand(inBox.length)]!;
          const l = lines[j]!;
          const p = rand(l.length);
          const kind = k % 3;
          if (kind === 0) lines[j] = l.slice(0, p) + l.slice(p + 1);
          else if (kind === 1) lines[j] = `${l.slice(0, p)} ${l.slice(p)}`;
          else lines.splice(j, 1);
          addScore(total, scoreReport(parseReport(lines.join("\n")), model));
        }
      });
      expect(total.silent).toEqual([]);
      expect(total.unflagged).toBe(0);
      // Most of the page is still read.
      expect(total.right / total.total).toBeGreaterThan(0.5);
    }, 60_000);
  });
});

describe.each(TOOLS)("$name", (tool) => {
  const state = probeTool(tool.command);
  const run = state.ok || process.env.CI ? it : it.skip;
  run.each(WIDTHS)("width %i: every field of 二/三/四 right or flagged, never silently wrong", (width) => {
    if (!state.ok) throw new Error(`${tool.name} is not installed (CI needs it): ${state.why}`);
    const total = noScore();
    const forms = new Set<string>();
    let damaged = 0;
    MODELS.forEach((model, i) => {
      const text = runTool(tool.command, tool.args(join(dir, `model-${i}.html`), width));
      const report = parseReport(text);
      forms.add(report.source.form);
      damaged += report.diagnostics.filter((d) => d.code === "box-damaged").length;
      for (const [path, p] of Object.entries(report.provenance)) {
        if (p.start.line === p.end.line) expect(text.slice(p.start.offset, p.end.offset), path).toBe(p.raw);
      }
      addScore(total, scoreReport(report, model));
    });
    const real = parseReport(runTool(tool.command, tool.args(join(REAL, REAL_PAGE), width)));
    const realScore = scoreReport(real, realExpected());
    addScore(total, realScore);
    scores.set(`${tool.name} ${width}`, total);
    expect([...forms]).toEqual(["box"]);
    // A whole frame is not taken for a damaged one.
    expect(damaged).toBe(0);
    expect(total.silent).toEqual([]);
    expect(total.unflagged).toBe(0);
    expect(total.right / total.total).toBeGreaterThanOrEqual(0.99);
    expect(realScore.right).toBe(realScore.total);
  }, 60_000);
});
