/**
 * The grammar documentation cannot go stale silently: grammar/README.md names every token and
 * every rule, and its generated parts and grammar/diagrams.html are exactly what
 * scripts/grammar-diagrams.mts produces from the current grammar. On failure, run
 * `npx tsx scripts/grammar-diagrams.mts` and commit the result.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allTokens } from "../../src/lexer/tokens.js";
import { getParser } from "../../src/parser/parser.js";
import {
  DIAGRAMS_PATH,
  README_PATH,
  renderDiagramsHtml,
  renderReadme,
  replaceGenerated,
} from "../../scripts/grammar-diagrams.mjs";

const readme = readFileSync(README_PATH, "utf8");
const diagrams = readFileSync(DIAGRAMS_PATH, "utf8");
const ruleNames = getParser()
  .getSerializedGastProductions()
  .map((r) => (r as unknown as { name: string }).name);
const section = (name: string) => readme.slice(readme.indexOf(`<!-- BEGIN GENERATED: ${name} -->`), readme.indexOf(`<!-- END GENERATED: ${name} -->`));

describe("grammar/README.md", () => {
  it("the parser has the rules the docs describe", () => {
    expect(ruleNames).toEqual(["document", "block", "table", "paragraph"]);
  });

  it.each(allTokens.map((t) => t.name))("lists token %s in the token table", (name) => {
    expect(section("tokens")).toContain(`| \`${name}\` |`);
  });

  it("lists the tokens in matching order", () => {
    const listed = [...section("tokens").matchAll(/^\| (\d+) \| `(\w+)` \|/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(listed).toEqual(allTokens.map((t, i) => [i + 1, t.name]));
  });

  it.each(ruleNames)("defines rule %s in the rule list", (name) => {
    expect(section("rules")).toMatch(new RegExp(`^${name}\\s+:= `, "m"));
  });

  it("has generated parts identical to a fresh rendering", () => {
    expect(renderReadme(readme), "run `npx tsx scripts/grammar-diagrams.mts`").toBe(readme);
  });

  it("would notice a token missing from the table (control)", () => {
    const stale = replaceGenerated(readme, "tokens", section("tokens").replace(/^\| \d+ \| `CellLine` \|.*$/m, ""));
    expect(renderReadme(stale)).not.toBe(stale);
  });
});

describe("grammar/diagrams.html", () => {
  it("is identical to a fresh rendering", () => {
    expect(diagrams === renderDiagramsHtml(), "run `npx tsx scripts/grammar-diagrams.mts`").toBe(true);
  });

  it("has a diagram for every rule, with static SVG and no external resources", () => {
    for (const name of ruleNames) expect(diagrams).toContain(`<h2 class="diagramHeader">${name}</h2>`);
    expect(diagrams.match(/<svg class="railroad-diagram"/g)).toHaveLength(ruleNames.length);
    expect(diagrams).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
});
