/**
 * Throughput of parseReport against a floor measured in the same run.
 *
 *   npx tsx bench/parse.ts           full run (several seconds per input set)
 *   npx tsx bench/parse.ts --quick   short run, as in CI
 *
 * The floor is the least any line-oriented parser must do: decode the bytes as UTF-8,
 * split them into lines and test one anchored regex per line. `parseReport / floor` is the
 * figure to track — absolute times drift on shared machines, a ratio measured in the same
 * process much less. For HTML the floor is `cheerio.load` alone. Nothing here asserts on
 * speed: it prints numbers.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { load } from "cheerio";
import { parseReport } from "../src/index.js";
import { tokenize } from "../src/lexer/lexer.js";
import { parseTokens } from "../src/parser/parser.js";
import { buildTree } from "../src/ast/build.js";
import { decode } from "../src/source/decode.js";
import { LineIndex } from "../src/source/line-index.js";
import { looksLikeHtml, parseHtml } from "../src/source/html.js";
import { NormalizeContext } from "../src/normalize/context.js";
import { readMeta } from "../src/normalize/meta.js";
import { detectTemplate } from "../src/normalize/template.js";
import { readTables } from "../src/normalize/tables.js";
import { buildSections } from "../src/normalize/sections.js";
import { runChecks } from "../src/checks/index.js";
import type { Diagnostic } from "../src/model/types.js";
import { generatedInputs } from "./inputs.js";

const quick = process.argv.includes("--quick");
const MIN_MS = quick ? 150 : 1500;

/** Runs `fn` over all inputs repeatedly for at least MIN_MS; returns ms per pass. */
function time(inputs: Uint8Array[], fn: (b: Uint8Array) => unknown): number {
  for (const b of inputs) fn(b); // warm-up
  let passes = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < MIN_MS || passes < 3) {
    for (const b of inputs) fn(b);
    passes++;
    t = performance.now();
  }
  return (t - t0) / passes;
}

const FLOOR_RE = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+\.)/;
const utf8 = new TextDecoder();

function floor(bytes: Uint8Array): number {
  const lines = utf8.decode(bytes).split(/\r\n|\r|\n/);
  let n = 0;
  for (const l of lines) if (FLOOR_RE.test(l)) n++;
  return n;
}

/** Runs the pipeline stage by stage, adding each stage's time to `acc`. */
function stages(bytes: Uint8Array, acc: Record<string, number>): void {
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    acc[name] = (acc[name] ?? 0) + (now - t);
    t = now;
  };
  const { text } = decode(bytes);
  lap("decode");
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  let blocks;
  if (looksLikeHtml(text)) {
    blocks = parseHtml(text, index).tree.children;
    lap("html");
  } else {
    const lexed = tokenize(text);
    lap("lex");
    const parsed = parseTokens(lexed.tokens);
    lap("parse");
    blocks = buildTree(parsed.blocks, index, diagnostics).children;
    lap("build");
  }
  const ctx = new NormalizeContext(text, index, diagnostics);
  const meta = readMeta(blocks, ctx);
  const template = detectTemplate(blocks, meta.year, ctx);
  const parts = readTables(blocks, template, ctx);
  buildSections(blocks);
  lap("normalise");
  runChecks({ template, ...parts });
  lap("checks");
}

function report(name: string, inputs: Uint8Array[], html: boolean): void {
  const bytes = inputs.reduce((s, b) => s + b.byteLength, 0);
  const mb = bytes / 1e6;
  const base = html ? time(inputs, (b) => load(utf8.decode(b))) : time(inputs, floor);
  const full = time(inputs, (b) => parseReport(b));
  const acc: Record<string, number> = {};
  const passes = quick ? 3 : 20;
  for (let i = 0; i < passes; i++) for (const b of inputs) stages(b, acc);
  const baseName = html ? "cheerio.load" : "floor";
  console.log(`\n${name}: ${inputs.length} reports, ${(bytes / 1024).toFixed(0)} KB`);
  console.log(`  ${baseName.padEnd(14)} ${(mb / (base / 1000)).toFixed(1).padStart(7)} MB/s  ${(inputs.length / (base / 1000)).toFixed(0).padStart(7)} reports/s`);
  console.log(`  ${"parseReport".padEnd(14)} ${(mb / (full / 1000)).toFixed(1).padStart(7)} MB/s  ${(inputs.length / (full / 1000)).toFixed(0).padStart(7)} reports/s`);
  console.log(`  parseReport / ${baseName} throughput ratio: ${(base / full).toFixed(3)}`);
  const total = Object.values(acc).reduce((a, b) => a + b, 0);
  console.log(
    `  stages: ${Object.entries(acc)
      .map(([k, v]) => `${k} ${((v / total) * 100).toFixed(0)}%`)
      .join(", ")}`,
  );
}

const corpusDir = join(import.meta.dirname, "..", "corpus");
const corpus: Uint8Array[] = [];
for (const sub of ["seed", "real"]) {
  for (const f of readdirSync(join(corpusDir, sub))) {
    if (!f.endsWith(".json") && !f.endsWith(".html")) corpus.push(readFileSync(join(corpusDir, sub, f)));
  }
}
const seed = readFileSync(join(corpusDir, "seed", "siyang-xzspj-2021.txt"));
const gen = generatedInputs(quick ? 20 : 100);

console.log(`zfxxgk parse benchmark (${quick ? "quick" : "full"}), node ${process.version}`);
report("seed (cell lines)", [seed], false);
report("corpus text files", corpus, false);
report("generated text reports", gen.text, false);
report("generated HTML reports", gen.html, true);
report("real HTML page (partial)", [readFileSync(join(corpusDir, "real", "shuyang-fgj-2023.partial.html"))], true);
