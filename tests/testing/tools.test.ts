/**
 * The tool layouts print every number where the tool would: in its own box (box), at its
 * column's display position (aligned), in document order (glued), in its tab field (tabs).
 * The same structural readers written here are run on what the real tools print for the
 * HTML rendering of the same model, so the imitation is checked against the original.
 *
 * What differs from the real tools (structure is the same, bytes are not):
 * - w3m chooses column widths to fill `-cols` and wraps labels by its own heuristics; the
 *   box renderer sizes columns to their content, wrapping labels at `wrap`. w3m's tables can
 *   be wider than `-cols`, like ours.
 * - lynx measures columns in characters (a CJK character counts as one), so its columns do
 *   not line up on screen: `renderAligned(m, { measure: "chars", indent: 3, proseIndent: 3 })`
 *   prints what `lynx -dump -nolist -width=400` prints, except that lynx does not indent the
 *   `<h1>` title and prints no blank line between a table and the next heading.
 * - pandoc `-t plain` measures display width like the default; with `indent: 2, rules: true`
 *   only the column widths differ (pandoc gives spanning cells' extra width and slack to
 *   other columns) and pandoc keeps trailing spaces, which the aligned renderer trims.
 * - `get_text()` of the page: identical to the glued renderer once trimmed; bs4 also returns
 *   the whitespace nodes before the first and after the last block of `<body>`.
 * - `innerText` of the page (chromium): identical to the tabs renderer.
 * - The crawler header is no tool's output; it imitates the text files crawlers write.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  crawlerHeaderLines,
  displayWidth,
  layoutTables,
  placeCells,
  render,
  renderAligned,
  renderBox,
  renderGlued,
  renderTabs,
  renderTool,
  reportArbitrary,
  toHalfWidth,
  toolOptionsArbitrary,
  toTraditional,
  type GeneratedReport,
  type LayoutTable,
  type ReportModel,
  type ToolLayout,
  type ToolOptions,
} from "../../src/testing/index.js";

const SEED = 20261202;

const models: fc.Arbitrary<GeneratedReport> = fc
  .record({ template: fc.constantFrom("2021" as const, "2019" as const), nulls: fc.constantFrom("safe" as const, "anywhere" as const) })
  .chain((o) => reportArbitrary(o));

/** Options that keep values as the model's plain digits (blank for null), so the tests can name the expected text from the model alone. */
const VALUE_ARTIFACTS = ["blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp"] as const;
function plainValues(layout: ToolLayout, extra: (o: ToolOptions) => ToolOptions = (o) => o): fc.Arbitrary<ToolOptions> {
  return toolOptionsArbitrary(layout).map((o) => {
    const copy: Record<string, unknown> = { ...o };
    for (const k of VALUE_ARTIFACTS) delete copy[k];
    return extra(copy as ToolOptions);
  });
}

/** The text a value cell prints with plain values. */
const plain = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

const squeeze = (s: string) => s.replace(/\s+/gu, "");

/** A table's heading as any label artifact may have printed it. */
const headings = (table: LayoutTable) => [table.heading, toHalfWidth(table.heading), toTraditional(table.heading), toHalfWidth(toTraditional(table.heading))];

/** The lines after the line equal to the table's heading (headings are their own block in every layout). */
function afterHeading(text: string, table: LayoutTable): string[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const i = lines.findIndex((l) => headings(table).includes(l.trim()));
  expect(i, `heading ${table.heading}`).toBeGreaterThanOrEqual(0);
  return lines.slice(i + 1);
}

// ---------------------------------------------------------------------------------------
// box: a reader of box drawing, written from the drawing alone

/** Characters of a line from display column `from` (inclusive) to `to` (exclusive). */
function sliceDisplay(line: string, from: number, to: number): string {
  let x = 0;
  let out = "";
  for (const ch of line) {
    const w = displayWidth(ch);
    if (x >= from && x + w <= to) out += ch;
    x += w;
  }
  return out;
}

const JUNCTIONS = new Set([..."┌┬┐├┼┤└┴┘│"]);

/** Display columns of every vertical border of a box table (union over its lines). */
function borders(lines: readonly string[]): number[] {
  const xs = new Set<number>();
  for (const line of lines) {
    let x = 0;
    for (const ch of line) {
      if (JUNCTIONS.has(ch)) xs.add(x);
      x += displayWidth(ch);
    }
  }
  return [...xs].sort((a, b) => a - b);
}

/**
 * Checks a box-drawn table against the layout: lines of one display width, one border per
 * grid column, one band of content lines per `<tr>`, and each cell's text (lines joined)
 * inside its own box, with no rule drawn across the box.
 */
function boxErrors(text: string, table: LayoutTable, labels = true, centred = true): string[] {
  const after = afterHeading(text, table);
  const start = after.findIndex((l) => l.startsWith("┌"));
  const end = after.findIndex((l) => l.startsWith("└"));
  if (start < 0 || end < start) return [`${table.part}: no box`];
  const lines = after.slice(start, end + 1);
  const errors: string[] = [];
  const widths = new Set(lines.map(displayWidth));
  if (widths.size !== 1) errors.push(`${table.part}: line widths ${[...widths].join(", ")}`);
  const xs = borders(lines);
  if (xs.length !== table.width + 1) return [...errors, `${table.part}: ${xs.length - 1} columns, want ${table.width}`];
  const rules: number[] = [];
  lines.forEach((l, i) => {
    if (l.includes("─")) rules.push(i);
  });
  if (rules.length !== table.rows.length + 1) return [...errors, `${table.part}: ${rules.length - 1} row bands, want ${table.rows.length}`];
  for (const { cell, row, column } of placeCells(table)) {
    const x0 = xs[column]!;
    const x1 = xs[column + cell.colspan]!;
    const region = lines.slice(rules[row]! + 1, rules[row + cell.rowspan]!).map((l) => sliceDisplay(l, x0 + 1, x1));
    if (region.some((s) => /[─│┼├┤┬┴]/.test(s))) errors.push(`${cell.id}: a rule crosses its box`);
    const got = region.join("");
    if (cell.role !== "value" && !labels) continue;
    const want = cell.role === "value" ? plain(cell.value) : cell.text;
    if (squeeze(got) !== squeeze(want)) errors.push(`${cell.id}: box holds ${JSON.stringify(got.trim())}, want ${JSON.stringify(want)}`);
    const used = region.flatMap((s, i) => (s.trim() === "" ? [] : [i]));
    if (centred && cell.rowspan > 1 && used.length === 1 && used[0] !== Math.floor((region.length - 1) / 2)) {
      errors.push(`${cell.id}: printed on line ${used[0]} of ${region.length}, not the middle one`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------
// aligned: a reader of display positions

/** Runs of non-space characters with their start position (in `measure` units). */
function runs(line: string, measure: (s: string) => number): Array<{ x: number; text: string }> {
  const out: Array<{ x: number; text: string }> = [];
  let x = 0;
  let cur: { x: number; text: string } | null = null;
  for (const ch of line) {
    if (ch === " ") {
      cur = null;
    } else {
      if (cur === null) {
        cur = { x, text: "" };
        out.push(cur);
      }
      cur.text += ch;
    }
    x += measure(ch);
  }
  return out;
}

/**
 * Checks an aligned table: after the heading (and pandoc's rule line, if any), line r holds
 * exactly the non-blank cells that start in `<tr>` r, in order, and every cell starting in
 * grid column c starts at the same position, increasing with c.
 */
function alignedErrors(text: string, table: LayoutTable, measure: (s: string) => number): string[] {
  const lines = afterHeading(text, table).filter((l) => l.trim() !== "" && !/^\s*-+( +-+)*$/.test(l));
  const placed = placeCells(table);
  const errors: string[] = [];
  const starts = new Map<number, number>();
  table.rows.forEach((_, r) => {
    const want = placed.filter((p) => p.row === r).map((p) => ({ p, text: p.cell.role === "value" ? plain(p.cell.value) : p.cell.text })).filter((w) => w.text !== "");
    const got = runs(lines[r] ?? "", measure);
    if (got.map((g) => g.text).join("|") !== want.map((w) => w.text).join("|")) {
      errors.push(`${table.part} row ${r}: ${JSON.stringify(got.map((g) => g.text))}, want ${JSON.stringify(want.map((w) => w.text))}`);
      return;
    }
    want.forEach((w, i) => {
      const x = got[i]!.x;
      const seen = starts.get(w.p.column);
      if (seen === undefined) starts.set(w.p.column, x);
      else if (seen !== x) errors.push(`${w.p.cell.id}: starts at ${x}, its column at ${seen}`);
    });
  });
  const ordered = [...starts].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  if (ordered.some((x, i) => i > 0 && x <= ordered[i - 1]!)) errors.push(`${table.part}: column starts not increasing: ${ordered.join(", ")}`);
  return errors;
}

// ---------------------------------------------------------------------------------------

describe("box", () => {
  it("puts every value and label in its own box; all lines of a table have one display width", () => {
    fc.assert(
      fc.property(models, plainValues("box"), (m, o) => {
        const text = renderBox(m, o);
        // Half-width, traditional or truncated labels are not the layout's text (spaces and
        // line breaks inside a label are, once squeezed); values must be exact in any case.
        const labels = o.punctuation !== "half" && !o.traditional && o.br !== "truncate";
        expect(layoutTables(m).flatMap((t) => boxErrors(text, t, labels))).toEqual([]);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it("wraps a long label inside its box and prose at `cols`", () => {
    const [m] = fc.sample(models, { seed: SEED, numRuns: 1 });
    const text = renderBox(m!, { wrap: 8, cols: 40 });
    const lines = text.split("\n");
    expect(lines.filter((l) => !/[│┌└├]/.test(l)).every((l) => displayWidth(l) <= 40)).toBe(true);
    for (const t of layoutTables(m!)) {
      expect(boxErrors(text, t)).toEqual([]);
      // A single-column label longer than 8 columns takes several lines of its box, so the
      // box has more lines than one per row and one rule between rows.
      if (!t.rows.flat().some((c) => c.colspan === 1 && displayWidth(c.text) > 8)) continue;
      const box = afterHeading(text, t);
      const height = box.findIndex((l) => l.startsWith("└")) - box.findIndex((l) => l.startsWith("┌")) + 1;
      expect(height).toBeGreaterThan(2 * t.rows.length + 1);
    }
  });
});

describe("aligned", () => {
  it("starts every cell at its column's display position and prints the row's values in order", () => {
    fc.assert(
      fc.property(models, plainValues("aligned", (o) => ({ ...o, spacedLabels: false, br: "none", cellPerLine: false, punctuation: "full", traditional: false })), (m, o) => {
        const text = renderAligned(m, o);
        const measure = o.measure === "chars" ? (s: string) => [...s].length : displayWidth;
        expect(layoutTables(m).flatMap((t) => alignedErrors(text, t, measure))).toEqual([]);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it("one cell per line: blank cells dropped, each value indented to its column", () => {
    fc.assert(
      fc.property(models, plainValues("aligned", (o) => ({ ...o, br: "none", cellPerLine: true, rules: false })), (m, o) => {
        const text = renderAligned(m, o);
        const measure = o.measure === "chars" ? (s: string) => [...s].length : displayWidth;
        for (const table of layoutTables(m)) {
          const placed = placeCells(table).filter((p) => p.cell.role === "value" && p.cell.value !== null && p.cell.value !== undefined);
          const lines = afterHeading(text, table);
          const indents = new Map<number, number>();
          let cursor = 0;
          for (const p of placed) {
            const i = lines.findIndex((l, k) => k >= cursor && l.trim() === plain(p.cell.value));
            expect(i, p.cell.id).toBeGreaterThanOrEqual(0);
            cursor = i + 1;
            const indent = measure(lines[i]!) - measure(lines[i]!.trimStart());
            expect(indents.get(p.column) ?? indent, p.cell.id).toBe(indent);
            indents.set(p.column, indent);
          }
          const ordered = [...indents].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
          expect(ordered.every((x, i) => i === 0 || x > ordered[i - 1]!)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe("glued", () => {
  it("prints every row's non-blank cells joined by the separator, rows in document order", () => {
    fc.assert(
      fc.property(models, plainValues("glued", (o) => ({ ...o, br: "none" })), (m, o) => {
        const text = renderGlued(m, o).replace(/\r\n/g, "\n");
        const sep = o.separator ?? "";
        let cursor = 0;
        for (const table of layoutTables(m)) {
          cursor = Math.max(...headings(table).map((h) => text.indexOf(h, cursor)));
          expect(cursor, table.heading).toBeGreaterThanOrEqual(0);
          for (const row of table.rows) {
            const values = row.filter((c) => c.role === "value").map((c) => plain(c.value)).filter((t) => t !== "");
            if (values.length === 0) continue;
            const run = values.join(sep);
            const at = text.indexOf(run, cursor);
            expect(at, `${row[0]!.id}: ${run}`).toBeGreaterThanOrEqual(0);
            cursor = at + run.length;
          }
        }
        if ((o.source ?? "formatted") === "minified" && sep !== "\n") {
          // The body is one line; only the crawler header and trailer around it have lines.
          const body = o.header ? text.split("\n\n").reduce((a, b) => (b.length > a.length ? b : a), "") : text;
          expect(body.length).toBeGreaterThan(text.length / 2);
          expect(body.includes("\n")).toBe(false);
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

describe("tabs", () => {
  it("prints each <tr> as one line with its cells' texts between tabs", () => {
    fc.assert(
      fc.property(models, plainValues("tabs", (o) => ({ ...o, br: "none", punctuation: "full", traditional: false, spacedLabels: false })), (m, o) => {
        const text = renderTabs(m, o);
        for (const table of layoutTables(m)) {
          const lines = afterHeading(text, table).filter((l) => l !== "");
          table.rows.forEach((row, r) => {
            expect(lines[r]!.split("\t")).toEqual(row.map((c) => (c.role === "value" ? plain(c.value) : c.text)));
          });
        }
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe("crawler header", () => {
  const layouts: ToolLayout[] = ["box", "aligned", "glued", "tabs"];
  it("is a block of its own before the body, and the body is unchanged by it", () => {
    fc.assert(
      fc.property(models, fc.constantFrom(...layouts), fc.integer({ min: 0, max: 3 }), (m, layout, k) => {
        const header = { colon: k % 2 ? ("：" as const) : (": " as const), fields: k > 1 ? ("full" as const) : ("basic" as const), chrome: k !== 2 };
        const bare = renderTool(m, layout, {});
        const text = renderTool(m, layout, { header });
        const lines = crawlerHeaderLines(m, header);
        expect(lines[0]).toBe(`标题${header.colon}${m.meta.title}`);
        expect(lines.some((l) => l === `发布机构${header.colon}${m.meta.agency}`)).toBe(true);
        expect(text.startsWith(`${lines.join("\n")}\n\n${bare}`)).toBe(true);
        expect(renderTool(m, layout, { header })).toBe(text); // deterministic
      }),
      { seed: SEED, numRuns: 12 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// The real tools on the same model

const STRICT = process.env.CI === "true";
function tool(command: string, args: string[], input?: string): string | null {
  const r = spawnSync(command, args, { encoding: "utf8", input, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error || r.status !== 0) {
    if (STRICT) throw new Error(`${command} failed: ${r.error?.message ?? r.stderr}`);
    return null;
  }
  return r.stdout;
}

describe("the real tools print the same structure", () => {
  const sample: ReportModel[] = fc.sample(models, { seed: SEED, numRuns: 4 });
  const dir = mkdtempSync(join(tmpdir(), "zfxxgk-tools-"));
  const pages = sample.map((m, i) => {
    const file = join(dir, `p${i}.html`);
    writeFileSync(file, render(m, "html", {}));
    return { m, file };
  });

  it("w3m -dump: every cell in its own box, like renderBox", () => {
    for (const { m, file } of pages) {
      const out = tool("w3m", ["-dump", "-T", "text/html", "-cols", "120", "-I", "UTF-8", "-O", "UTF-8", file]);
      if (out === null) return;
      for (const t of layoutTables(m)) expect(boxErrors(out, t)).toEqual([]);
      for (const t of layoutTables(m)) expect(boxErrors(renderBox(m), t)).toEqual([]);
    }
  });

  it("pandoc -t plain: cells at their column's display position, like renderAligned", () => {
    for (const { m, file } of pages) {
      const out = tool("pandoc", ["-f", "html", "-t", "plain", "--columns=1000", file]);
      if (out === null) return;
      for (const t of layoutTables(m)) expect(alignedErrors(out, t, displayWidth)).toEqual([]);
    }
  });

  it("lynx -dump: columns line up by character count, like renderAligned with measure chars", () => {
    for (const { m, file } of pages) {
      const out = tool("lynx", ["-dump", "-nolist", "-width=400", "-display_charset=utf-8", "-assume_charset=utf-8", file]);
      if (out === null) return;
      // lynx places every cell at its column's position counted in characters.
      for (const t of layoutTables(m)) {
        const errors = alignedErrors(out, t, (s) => [...s].length);
        expect(errors).toEqual([]);
      }
      for (const t of layoutTables(m)) expect(alignedErrors(renderAligned(m, { measure: "chars", indent: 3, proseIndent: 3 }), t, (s) => [...s].length)).toEqual([]);
    }
  });

  it("BeautifulSoup get_text: the same text as renderGlued, trimmed", () => {
    for (const { m, file } of pages) {
      for (const sep of ["", " ", "\n"] as const) {
        const py = `import sys\nfrom bs4 import BeautifulSoup\ns=BeautifulSoup(open(sys.argv[1],encoding='utf-8').read(),'html.parser')\nsys.stdout.write(s.body.get_text(sys.argv[2]))`;
        const out = tool("/usr/bin/python3", ["-c", py, file, sep]);
        if (out === null) return;
        const mine = renderGlued(m, { separator: sep });
        expect(mine.trim()).toBe(out.trim());
      }
    }
  });

  it("chromium innerText: the same text as renderTabs", async () => {
    let chromium: typeof import("playwright-core").chromium;
    try {
      ({ chromium } = await import("playwright-core"));
    } catch (e) {
      if (STRICT) throw e;
      return;
    }
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] }).catch((e: unknown) => {
      if (STRICT) throw e;
      return null;
    });
    if (browser === null) return;
    try {
      const page = await browser.newPage();
      for (const { m } of pages) {
        await page.setContent(render(m, "html", {}));
        const inner = (await page.evaluate("document.body.innerText")) as string;
        expect(renderTabs(m)).toBe(inner.trim());
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
