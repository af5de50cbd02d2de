/**
 * Generates the grammar documentation from the grammar itself, so the two cannot drift:
 *
 *   - `grammar/diagrams.html`: railroad diagrams of every parser rule, rendered to static SVG
 *     here (Chevrotain's own diagram builder, run in Node) with the stylesheet and the hover
 *     behaviour inlined — the file needs no network and no build to open;
 *   - the token table and the rule list in `grammar/README.md`, between the
 *     `<!-- BEGIN GENERATED: … -->` / `<!-- END GENERATED: … -->` markers. A token's purpose is
 *     the first paragraph of the doc comment above its `createToken` in `src/lexer/tokens.ts`.
 *
 * Run with `npx tsx scripts/grammar-diagrams.mts` (the parser is TypeScript source; dist does
 * not export it). `tests/parser/grammar-docs.test.ts` imports the render functions below and
 * fails when the committed files differ from what they produce.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Lexer, type TokenType } from "chevrotain";
import { allTokens } from "../src/lexer/tokens.js";
import { getParser } from "../src/parser/parser.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const README_PATH = `${ROOT}grammar/README.md`;
export const DIAGRAMS_PATH = `${ROOT}grammar/diagrams.html`;
const TOKENS_SOURCE = `${ROOT}src/lexer/tokens.ts`;
const DIAGRAMS_DIR = `${ROOT}node_modules/chevrotain/diagrams/`;

/** The serialized grammar (Chevrotain GAST) of the one parser. */
type Gast = {
  type: string;
  name?: string;
  label?: string;
  idx?: number;
  definition?: Gast[];
  separator?: Gast;
};

// ---------------------------------------------------------------------------------------
// Tokens

/** First paragraph of the doc comment right above `export const <name> = createToken(`. */
function tokenPurposes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  // The comment body may not contain `*/`, so each match starts at the comment nearest the token.
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const (\w+)\s*=\s*createToken\(/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const text = m[1]!
      .split("\n")
      .map((l) => l.replace(/^\s*\*\s?/, "").trim())
      .join("\n")
      .trim()
      .split(/\n\s*\n/)[0]!
      .replace(/\s*\n\s*/g, " ");
    out.set(m[2]!, text);
  }
  return out;
}

/** A pattern as written in the source, for the table. */
function patternText(t: TokenType): string {
  const p = t.PATTERN;
  if (p === Lexer.NA) return "— (category only)";
  if (p instanceof RegExp) return `/${p.source}/${p.flags}`;
  if (typeof p === "string") return JSON.stringify(p);
  // The line matchers of tokens.ts carry the regular expression they are equivalent to.
  const equivalent = (p as { equivalent?: unknown }).equivalent;
  if (equivalent instanceof RegExp) return `custom ≡ /${equivalent.source}/${equivalent.flags}`;
  return "(custom matcher)";
}

/** Markdown table cell text: pipes escaped (also inside code spans, as GFM requires). */
const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The generated token table. */
export function renderTokenTable(): string {
  const purposes = tokenPurposes(readFileSync(TOKENS_SOURCE, "utf8"));
  const rows = allTokens.map((t, i) => {
    const group = typeof t.GROUP === "string" ? `group \`${t.GROUP}\`` : "";
    const categories = (t.CATEGORIES ?? []).map((c) => `category \`${c.name}\``).join(", ");
    const notes = [group, categories, t.LINE_BREAKS ? "line breaks" : ""].filter(Boolean).join("; ");
    const purpose = purposes.get(t.name) ?? "";
    return `| ${i + 1} | \`${t.name}\` | \`${cell(patternText(t))}\` | ${cell(notes) || "—"} | ${cell(purpose)} |`;
  });
  return [
    "| order | token | pattern | channel / category | what it is for |",
    "|---:|---|---|---|---|",
    ...rows,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------
// Rules

/** The rules of the parser, serialized. */
export function grammarRules(): Gast[] {
  return getParser().getSerializedGastProductions() as unknown as Gast[];
}

/** One production as EBNF. */
function ebnf(node: Gast): string {
  const seq = (defs: Gast[] = []) => defs.map(ebnf).join(" ");
  // One element needs no brackets of its own (an alternation brings its own); a sequence does.
  const group = (defs: Gast[] = []) => (defs.length === 1 ? seq(defs) : `( ${seq(defs)} )`);
  switch (node.type) {
    case "Rule":
      return seq(node.definition);
    case "NonTerminal":
      return node.name!;
    case "Terminal":
      return node.label ?? node.name!;
    case "Alternative":
      return seq(node.definition);
    case "Alternation":
      return `( ${(node.definition ?? []).map(ebnf).join(" | ")} )`;
    case "Option":
      return `${group(node.definition)}?`;
    case "Repetition":
      return `${group(node.definition)}*`;
    case "RepetitionMandatory":
      return `${group(node.definition)}+`;
    case "RepetitionWithSeparator":
      return `${group(node.definition)} ( ${ebnf(node.separator!)} ${group(node.definition)} )*`;
    case "RepetitionMandatoryWithSeparator":
      return `${group(node.definition)} ( ${ebnf(node.separator!)} ${group(node.definition)} )*`;
    default:
      return `<${node.type}>`;
  }
}

/** The generated rule list: one EBNF line per rule, in definition order. */
export function renderRules(): string {
  const rules = grammarRules();
  const width = Math.max(...rules.map((r) => r.name!.length));
  const body = rules.map((r) => `${r.name!.padEnd(width)} := ${ebnf(r).replace(/^\( (.*) \)$/, "$1")}`);
  return ["```ebnf", ...body, "```"].join("\n");
}

// ---------------------------------------------------------------------------------------
// Diagrams

/** `grammar/diagrams.html`: static SVG railroad diagrams, stylesheet and behaviour inlined. */
export function renderDiagramsHtml(): string {
  // The diagram scripts are UMD files in a `"type": "module"` package, so Node (and vitest) would
  // load them as ES modules; run them as plain browser scripts in a sandbox instead, where they
  // attach `railroad` and `diagrams_builder` to the sandbox's global object.
  const sandbox = createContext({}) as { diagrams_builder?: { buildSyntaxDiagramsText(g: unknown): string } };
  for (const file of ["vendor/railroad-diagrams.js", "src/diagrams_builder.js"]) {
    runInContext(readFileSync(`${DIAGRAMS_DIR}${file}`, "utf8"), sandbox, { filename: file });
  }
  const builder = sandbox.diagrams_builder;
  if (!builder) throw new Error("chevrotain's diagrams_builder did not load");
  const css = readFileSync(`${DIAGRAMS_DIR}diagrams.css`, "utf8");
  const behavior = readFileSync(`${DIAGRAMS_DIR}src/diagrams_behavior.js`, "utf8");
  const svg = builder.buildSyntaxDiagramsText(grammarRules());
  return `<!DOCTYPE html>
<!-- Generated by scripts/grammar-diagrams.mts from src/parser/parser.ts. Do not edit. -->
<html lang="en">
<head>
<meta charset="utf-8">
<title>zfxxgk grammar: railroad diagrams</title>
<style>
body { background-color: hsl(30, 20%, 95%); font-family: sans-serif; }
header { max-width: 48em; margin: 1em auto; }
${css}
</style>
</head>
<body>
<header>
<h1>zfxxgk report grammar</h1>
<p>Every token is one whole line (see <code>grammar/README.md</code> for the token table).
The grammar only groups lines into blocks; rows, labels and values are decided after parsing.
Hover a rule name to highlight its uses; click a rule reference to jump to it.</p>
</header>
<div id="diagrams" align="center">
${svg}
</div>
<script>
${behavior}
diagrams_behavior.initDiagramsBehavior();
</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------
// README

/** Replaces the text between the markers of `name` in `readme`; throws if they are missing. */
export function replaceGenerated(readme: string, name: string, body: string): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const a = readme.indexOf(begin);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`grammar/README.md lacks the markers ${begin} … ${end}`);
  return `${readme.slice(0, a + begin.length)}\n${body}\n${readme.slice(b)}`;
}

/** The README with every generated section brought up to date. */
export function renderReadme(readme: string): string {
  return replaceGenerated(replaceGenerated(readme, "tokens", renderTokenTable()), "rules", renderRules());
}

function main(): void {
  writeFileSync(DIAGRAMS_PATH, renderDiagramsHtml());
  writeFileSync(README_PATH, renderReadme(readFileSync(README_PATH, "utf8")));
  console.log(`wrote ${DIAGRAMS_PATH}\nupdated ${README_PATH}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
