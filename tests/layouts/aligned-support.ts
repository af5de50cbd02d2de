/**
 * Plumbing of the aligned-column tests: the real tools that print a page as space-aligned
 * columns (lynx, pandoc, html-to-text), and a score of a parsed report against the model the
 * page was rendered from. The score is what issue 12 measures: every field right, or wrong
 * but flagged — a wrong value no diagnostic or failing check names is the one thing that
 * must never happen.
 */
import { spawnSync } from "node:child_process";
import { convert } from "html-to-text";
import type { Report } from "../../src/model/types.js";
import { numericEntries, type ReportModel } from "../../src/testing/index.js";
import { failingCheckNames, namedBy } from "../properties/support.js";

/** One way of turning an HTML page into aligned text. */
export interface AlignedTool {
  /** A name for the score table, e.g. `lynx -width=120`. */
  name: string;
  /** The program the tool needs (for the skip / CI-fail decision), or null for an npm package. */
  program: string | null;
  /** The text the tool prints for `html`. */
  run(html: string): string;
}

function spawn(cmd: string, args: string[], html: string): string {
  const r = spawnSync(cmd, args, { input: html, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return r.stdout;
}

const lynx = (width: number): AlignedTool => ({
  name: `lynx -width=${width}`,
  program: "lynx",
  run: (html) => spawn("lynx", ["-dump", "-nolist", `-width=${width}`, "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"], html),
});

const pandoc = (columns: number | null): AlignedTool => ({
  name: columns === null ? "pandoc -t plain" : `pandoc -t plain --columns=${columns}`,
  program: "pandoc",
  run: (html) => spawn("pandoc", ["-f", "html", "-t", "plain", ...(columns === null ? [] : [`--columns=${columns}`])], html),
});

const htmlToText = (wordwrap: false | number): AlignedTool => ({
  name: `html-to-text dataTable wordwrap=${wordwrap}`,
  program: null,
  run: (html) => convert(html, { wordwrap, selectors: [{ selector: "table", format: "dataTable" }] }),
});

/** Every tool the tests run, each at the widths real users call it with. */
export const ALIGNED_TOOLS: readonly AlignedTool[] = [
  // lynx -width=80 is not here: it collapses a table wider than the page to single spaces
  // (layout 3, `get_text(" ")`-like), which this reader leaves to the grammar.
  lynx(120),
  lynx(200),
  pandoc(null),
  pandoc(200),
  htmlToText(false),
  htmlToText(80),
];

/** Whether a program is on PATH. */
export function hasProgram(program: string): boolean {
  const r = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() !== "";
}

/** A field's fate: read right, wrong but named by a diagnostic or failing check, or wrong and silent. */
export interface FieldScore {
  right: number;
  flagged: number;
  unflagged: number;
  total: number;
  /** The silent wrong fields, `path: got …, want …` (the first few, for the failure message). */
  silent: string[];
}

/** Scores every numeric field of the model's three tables against the parsed report. */
export function scoreFields(model: ReportModel, report: Report): FieldScore {
  const want = numericEntries(model);
  const got = numericEntries(report);
  const score: FieldScore = { right: 0, flagged: 0, unflagged: 0, total: 0, silent: [] };
  for (const [path, value] of want) {
    score.total++;
    const g = got.has(path) ? got.get(path) : undefined;
    if (Object.is(g, value)) score.right++;
    else if (namedBy(report.diagnostics, path) || failingCheckNames(report, path)) score.flagged++;
    else {
      score.unflagged++;
      if (score.silent.length < 10) score.silent.push(`${path}: got ${g === undefined ? "(absent)" : g}, want ${value}`);
    }
  }
  return score;
}

/** Adds `b` into `a`. */
export function addScore(a: FieldScore, b: FieldScore): void {
  a.right += b.right;
  a.flagged += b.flagged;
  a.unflagged += b.unflagged;
  a.total += b.total;
  for (const s of b.silent) if (a.silent.length < 20) a.silent.push(s);
}

/** An empty score. */
export const emptyScore = (): FieldScore => ({ right: 0, flagged: 0, unflagged: 0, total: 0, silent: [] });
