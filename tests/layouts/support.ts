/**
 * Shared plumbing of the layout tests: run a real text-extraction tool on a page, and score
 * a parsed report field by field against the model the page was rendered from (the ground
 * truth is always the model, never the parser's own output). The flag tests are the
 * property tests' (`namedBy`, `failingCheckNames`), so "flagged" means the same everywhere.
 */
import { spawnSync } from "node:child_process";
import type { Report } from "../../src/model/types.js";
import { numericEntries, type ReportModel } from "../../src/testing/index.js";
import { failingCheckNames, namedBy } from "../properties/support.js";

/** Fields right, wrong but flagged, and wrong with nothing saying so (the last must stay 0). */
export interface Score {
  total: number;
  right: number;
  flagged: number;
  unflagged: number;
  /** The first few unflagged paths with what was read and what was wanted, for the failure message. */
  silent: string[];
}

/** An empty score, for summing. */
export const noScore = (): Score => ({ total: 0, right: 0, flagged: 0, unflagged: 0, silent: [] });

/** Adds `b` into `a`. */
export function addScore(a: Score, b: Score): Score {
  a.total += b.total;
  a.right += b.right;
  a.flagged += b.flagged;
  a.unflagged += b.unflagged;
  a.silent.push(...b.silent.slice(0, Math.max(0, 5 - a.silent.length)));
  return a;
}

/**
 * Scores every numeric field of 二, 三 and 四 of `want` (a model, or the expected values of a
 * real page as path → value) against `report`. A value the report has but the model lacks
 * counts as a wrong field too: a number read from nowhere is as bad as a number lost.
 */
export function scoreReport(report: Report, want: ReportModel | ReadonlyMap<string, number | null>): Score {
  const expected = want instanceof Map ? want : numericEntries(want as ReportModel);
  const got = numericEntries(report);
  const score = noScore();
  const judge = (path: string, ok: boolean, what: string) => {
    score.total++;
    if (ok) score.right++;
    else if (namedBy(report.diagnostics, path) || failingCheckNames(report, path)) score.flagged++;
    else {
      score.unflagged++;
      if (score.silent.length < 5) score.silent.push(`${path}: ${what}`);
    }
  };
  for (const [path, value] of expected) {
    const has = got.has(path);
    judge(path, has && Object.is(got.get(path), value), `got ${has ? got.get(path) : "(absent)"}, want ${value}`);
  }
  if (!(want instanceof Map)) for (const [path, value] of got) if (!expected.has(path)) judge(path, false, `got ${value}, not in the model`);
  return score;
}

/** The outcome of looking for a tool: present, or absent with the reason. */
export type ToolState = { ok: true } | { ok: false; why: string };

/** Whether `command` runs at all (ENOENT means it is not installed). */
export function probeTool(command: string, args: readonly string[] = ["-version"]): ToolState {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
  if (r.error) return { ok: false, why: `${command}: ${r.error.message}` };
  return { ok: true };
}

/** Runs a tool and returns its standard output; throws with its stderr when it fails. */
export function runTool(command: string, args: readonly string[], input?: string): string {
  const r = spawnSync(command, args, { encoding: "utf8", input, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return r.stdout;
}
