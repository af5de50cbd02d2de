/**
 * The lexer as a whole: it is built with every token indexed by its first character, it never
 * errors, and its tokens (line-break group included) tile the input exactly.
 */
import { createToken, Lexer, type IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLexer, tokenize } from "../../src/lexer/lexer.js";
import { allTokens, BlankLines, Unknown } from "../../src/lexer/tokens.js";
import { SEED } from "../helpers/seed.js";

/** Every token of a lexing result, main channel and groups, in text order. */
function everyToken(text: string): IToken[] {
  const result = tokenize(text);
  expect(result.errors).toEqual([]);
  const grouped = Object.values(result.groups).flat();
  return [...result.tokens, ...grouped].sort((a, b) => a.startOffset - b.startOffset);
}

/** Asserts that the tokens of `text` are contiguous and reproduce it. */
function expectTiles(text: string): void {
  const tokens = everyToken(text);
  let at = 0;
  for (const t of tokens) {
    expect(t.startOffset, `token ${t.tokenType.name} ${JSON.stringify(t.image)}`).toBe(at);
    at += t.image.length;
  }
  expect(at).toBe(text.length);
  expect(tokens.map((t) => t.image).join("")).toBe(text);
}

describe("building the lexer", () => {
  it("builds with ensureOptimizations: every token has computable first characters", () => {
    expect(() => createLexer({ ensureOptimizations: true })).not.toThrow();
  });

  it("would fail that build for a pattern that starts with a complement set (control)", () => {
    const Bad = createToken({ name: "Bad", pattern: /[^a]+/ });
    expect(() => new Lexer([Bad], { ensureOptimizations: true, positionTracking: "onlyOffset" })).toThrow();
  });

  it("validates the token set (no unreachable or conflicting pattern)", () => {
    expect(() => createLexer({ skipValidations: false })).not.toThrow();
  });

  it("keeps Unknown last and the catch-all ProseLine just before it", () => {
    expect(allTokens.at(-1)).toBe(Unknown);
    expect(allTokens.at(-2)?.name).toBe("ProseLine");
  });
});

describe("lexing the seed", () => {
  it("lexes without errors and without Unknown tokens", () => {
    const result = tokenize(SEED);
    expect(result.errors).toEqual([]);
    expect(result.tokens.filter((t) => t.tokenType === Unknown)).toEqual([]);
  });

  it("tiles the seed: token images in order reproduce it", () => {
    expectTiles(SEED);
  });

  it("gives one main-channel token per non-blank line of the seed (345 lines, none blank)", () => {
    const lines = SEED.split("\n");
    expect(lines).toHaveLength(345);
    const tokens = tokenize(SEED).tokens;
    expect(tokens.map((t) => t.image)).toEqual(lines);
  });
});

// A code unit anywhere in the BMP, lone surrogates and control characters included.
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
// Pieces of report lines, so that the interesting boundaries (pipes, markers, line ends) meet.
const piece = fc.constantFrom(
  "|", "||", "|||", " |", "| ", "\n", "\r\n", "\r", " ", "\t", "\u3000", "\u00a0", "一、", "—、", "（一）",
  "(三)", "1.", "1、", "12．", "第一，", "## ", "#", "2021.5", "1.5万元", "规章", "0", "无", "\ud800", "\udc00",
  "\u0000", "\u001b", "\ufeff", "😀", "e\u0301",
);
const reportish = fc.array(fc.oneof(piece, anyUnit), { maxLength: 60 }).map((parts) => parts.join(""));

describe("lexing arbitrary text", () => {
  it("never errors, never emits Unknown, and tiles any string of UTF-16 units", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: anyUnit, maxLength: 120 }), reportish, fc.string({ unit: "binary" })), (text) => {
        const result = tokenize(text);
        expect(result.errors).toEqual([]);
        expect(result.tokens.some((t) => t.tokenType === Unknown)).toBe(false);
        expectTiles(text);
      }),
      { numRuns: 400, seed: 20211231 },
    );
  });

  it("keeps line breaks out of every token but BlankLines and the line-break group", () => {
    fc.assert(
      fc.property(reportish, (text) => {
        for (const t of tokenize(text).tokens) {
          if (t.tokenType === BlankLines) expect(t.image).toMatch(/^[\r\n]/);
          else expect(t.image, t.tokenType.name).not.toMatch(/[\r\n]/);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("reproduces the input when the main-channel line tokens are joined with the line breaks between them", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: anyUnit, maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, "")), { maxLength: 12 }), (lines) => {
        const text = lines.join("\n");
        const images = tokenize(text)
          .tokens.filter((t) => t.tokenType !== BlankLines)
          .map((t) => t.image);
        // Whitespace-only lines are grouped away, so compare the non-blank lines.
        const nonBlank = lines.filter((l) => !/^[ \t\u00a0\u3000]*$/.test(l));
        expect(images.filter((i) => !/^[ \t\u00a0\u3000]*$/.test(i))).toEqual(nonBlank);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
