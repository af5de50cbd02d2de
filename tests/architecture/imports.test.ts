/**
 * The floor plan of src/, enforced: the pipeline reads top to bottom, so a module may import
 * only from its own stage or an earlier one. This file is the one place the stage order is
 * written down; a new directory of src/ must be given a stage here or this test fails.
 *
 * The order (earliest first), and why each stage sits where it does:
 *
 *  0 model        The JSON contract (schemas and the types derived from them). Imported by
 *                 everything; imports nothing of ours.
 *  1 source       The decoded text: decode, the line index and Point/Position, which every
 *                 later stage (tree nodes, diagnostics) points with.
 *  2 ast          The syntax-tree types (types only), built on Point/Position.
 *  3 diagnostics  The code registry and the one diagnostic constructor (it needs positions).
 *  4 text         Text facts with no notion of a report: label normal forms, named character
 *                 classes, cell values ("is this a value?"), the memo and the phrase index.
 *  5 templates    The template vocabulary: grids, table and section titles. Depends on text
 *                 (normal forms) only, so lexer, parser, normaliser, checks, bulk and testing
 *                 can all read it.
 *  6 lexer        Tokens and the heading-marker patterns that the parser and HTML reuse.
 *  7 parser       Chevrotain parser and tree assembly: rows, split cells, pipe-less tables.
 *  8 html         The HTML front end; it produces the same tree, reusing the parser's line
 *                 classification, so it comes after the parser.
 *  9 layouts      Layout readers: claim lines the grammar read as prose. They may use the
 *                 parser's helpers; only the pipeline entry imports them (rule below).
 * 10 normalize    Tree → model: meta, template, sections, tables, the whole-report decisions.
 * 11 checks       Accounting identities over the model, derived from templates.
 * 12 entry        parse-report.ts (wires the stages) and index.ts (the public API).
 * 13 io, testing, audit  Peers above the entry: read errors and usage errors shared by the two
 *                 command families; the `zfxxgk/testing` generators (which may use anything
 *                 above them); the audit page, which both command families write.
 * 14 cli, bulk    The two command families. Peers that never import each other, either way:
 *                 bulk owns its own arguments, and what both need lives in io.
 * 15 main        The executable: parses the command line and dispatches to cli or bulk.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");

/** Stage of a module, by path prefix inside src/ (longest prefix wins). */
const STAGES: Array<[prefix: string, stage: string]> = [
  ["model/", "model"],
  ["source/", "source"],
  ["ast/", "ast"],
  ["diagnostics/", "diagnostics"],
  ["text/", "text"],
  ["templates/", "templates"],
  ["lexer/", "lexer"],
  ["parser/", "parser"],
  ["html/", "html"],
  ["layouts/", "layouts"],
  ["normalize/", "normalize"],
  ["checks/", "checks"],
  ["parse-report.ts", "entry"],
  ["index.ts", "entry"],
  ["io/", "io"],
  ["testing/", "testing"],
  ["audit/", "audit"],
  ["cli/", "cli"],
  ["bulk/", "bulk"],
  ["main/", "main"],
];

/** Rank of each stage: an import must not go to a higher rank. Equal ranks are peers. */
const RANK: Record<string, number> = {
  model: 0,
  source: 1,
  ast: 2,
  diagnostics: 3,
  text: 4,
  templates: 5,
  lexer: 6,
  parser: 7,
  html: 8,
  layouts: 9,
  normalize: 10,
  checks: 11,
  entry: 12,
  io: 13,
  testing: 13,
  audit: 13,
  cli: 14,
  bulk: 14,
  main: 15,
};

/** Pairs of different stages of equal rank that may not import each other (both ways). */
const PEERS_APART: Array<[string, string]> = [
  ["cli", "bulk"],
  ["io", "testing"],
];

/** Stages that only the listed stages may import. */
const ONLY_IMPORTED_BY: Record<string, string[]> = {
  layouts: ["layouts", "entry"],
};

/** Packages that only the listed stages may import: the grammar engine and the HTML parser stay behind their front ends. */
const PACKAGE_OWNERS: Record<string, string[]> = {
  chevrotain: ["lexer", "parser"],
  htmlparser2: ["html"],
  // Not a dependency of the library any more (a dev dependency of tests and bench): never imported by src.
  cheerio: [],
};

function stageOf(file: string): string | undefined {
  let best: [string, string] | undefined;
  for (const entry of STAGES) {
    if (file.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|cts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Block and line comments, blanked so that an import mentioned in prose is not read as one. */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:"'`\\])\/\/[^\n]*/g, "$1");
}

/**
 * Every module specifier of a file: `import … from`, `export … from`, `import "…"`, and
 * `import("…")` (dynamic imports and `import("…").Type` type queries alike).
 */
export function specifiers(code: string): string[] {
  const text = stripComments(code);
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^;"'`]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

interface Edge {
  from: string;
  to: string;
}

const files = sourceFiles(SRC).map((path) => relative(SRC, path).split(sep).join("/"));
const edges: Edge[] = [];
const packageEdges: Array<{ from: string; pkg: string }> = [];
for (const file of files) {
  for (const spec of specifiers(readFileSync(join(SRC, file), "utf8"))) {
    if (spec.startsWith(".")) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, ".ts");
      edges.push({ from: file, to: target });
    } else if (!spec.startsWith("node:")) {
      packageEdges.push({ from: file, pkg: spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]! });
    }
  }
}

describe("the import graph of src/", () => {
  it("is read (the extractor sees static, re-export and dynamic imports)", () => {
    expect(specifiers(`import { a } from "./a.js";\nexport * from "./b.js";\nexport type { C } from "./c.js";\nconst d = await import("./d.js");\ntype E = import("./e.js").E;\nimport "./f.js";\n// import { g } from "./g.js";`)).toEqual(
      ["./a.js", "./b.js", "./c.js", "./f.js", "./d.js", "./e.js"],
    );
    expect(edges.length).toBeGreaterThan(100);
  });

  it("gives every module a stage", () => {
    expect(files.filter((f) => stageOf(f) === undefined)).toEqual([]);
  });

  it("imports only modules that exist", () => {
    const known = new Set(files);
    expect(edges.filter((e) => !known.has(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("has no edge from an earlier stage to a later one", () => {
    const backward = edges
      .filter((e) => RANK[stageOf(e.from)!]! < RANK[stageOf(e.to)!]!)
      .map((e) => `${e.from} (${stageOf(e.from)}) -> ${e.to} (${stageOf(e.to)})`);
    expect(backward).toEqual([]);
  });

  it("keeps cli and bulk (and the other peers) apart, both ways", () => {
    const crossing = edges
      .filter((e) => PEERS_APART.some(([a, b]) => {
        const [s, t] = [stageOf(e.from), stageOf(e.to)];
        return (s === a && t === b) || (s === b && t === a);
      }))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(crossing).toEqual([]);
  });

  it("lets only the named stages import the stages reserved to them", () => {
    const wrong = edges
      .filter((e) => {
        const allowed = ONLY_IMPORTED_BY[stageOf(e.to)!];
        return allowed !== undefined && !allowed.includes(stageOf(e.from)!);
      })
      .map((e) => `${e.from} -> ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it("keeps chevrotain behind the lexer and parser, htmlparser2 behind the HTML front end", () => {
    const wrong = packageEdges
      .filter((e) => PACKAGE_OWNERS[e.pkg] !== undefined && !PACKAGE_OWNERS[e.pkg]!.includes(stageOf(e.from)!))
      .map((e) => `${e.from} -> ${e.pkg}`);
    expect(wrong).toEqual([]);
  });
});
