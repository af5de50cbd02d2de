/**
 * The custom line matchers are their regular expressions: at every offset of any text, the
 * token order picks the same token with the same image as it picks from the `equivalent`
 * patterns (which the grammar table documents) — including when the matchers are asked at increasing offsets, as the lexer asks
 * them, with the scan state they share — and the lexer's tokens are those a lexer built
 * from the equivalents alone produces.
 */
import { Lexer, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/lexer/lexer.js";
import { allTokens, resetLineScan } from "../../src/lexer/tokens.js";
import { SEED } from "../helpers/seed.js";

interface Custom {
  exec: (text: string, offset: number) => RegExpExecArray | null;
  equivalent: RegExp;
}

const customs = allTokens.filter((t) => typeof t.PATTERN === "object" && !(t.PATTERN instanceof RegExp)) as Array<
  TokenType & { PATTERN: Custom }
>;

/** The characters the matchers decide on, and some they must pass over. */
const alphabet = fc.constantFrom("|", "|", "|", " ", " ", "\t", "\n", "\n", "\r", "\r\n", "\u00a0", "\u3000", "规", "章", "0", "1", "a", "一", "、", "（", "#", "-");
const texts = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(""));

/** What the regular expression matches at `offset` (sticky), or null. */
function regexAt(re: RegExp, text: string, offset: number): string | null {
  const sticky = new RegExp(re.source, "y");
  sticky.lastIndex = offset;
  return sticky.exec(text)?.[0] ?? null;
}

describe("custom line matchers", () => {
  it("are the custom patterns of BlankLines, Newline, PaddingRun, CellLine, RowLine and ProseLine", () => {
    expect(customs.map((t) => t.name)).toEqual(["BlankLines", "Newline", "PaddingRun", "CellLine", "RowLine", "ProseLine"]);
  });

  it("pick the token their regular expressions pick, at every offset in increasing order", () => {
    // The matchers of one line are exclusive (a padding line is not also a row line), while
    // the expressions overlap and rely on the token order: compare the first token to match.
    const first = (text: string, offset: number, custom: boolean): string | null => {
      for (const t of allTokens) {
        const p = t.PATTERN as Custom | RegExp;
        if (p === Lexer.NA) continue; // a category
        const image = p instanceof RegExp ? regexAt(p, text, offset) : custom ? (p.exec(text, offset)?.[0] ?? null) : regexAt(p.equivalent, text, offset);
        if (image !== null) return `${t.name}:${JSON.stringify(image)}`;
      }
      return null;
    };
    fc.assert(
      fc.property(texts, (text) => {
        resetLineScan();
        for (let offset = 0; offset < text.length; offset++) {
          expect(first(text, offset, true), `at ${offset} of ${JSON.stringify(text)}`).toBe(first(text, offset, false));
        }
      }),
      { numRuns: 1500, seed: 20261126 },
    );
  });

  it("tokenise as a lexer built from the regular expressions does", () => {
    const reference = new Lexer(
      allTokens.map((t) => {
        const p = t.PATTERN as Custom | RegExp;
        if (!customs.includes(t as never)) return t;
        return { ...t, PATTERN: (p as Custom).equivalent, START_CHARS_HINT: undefined } as TokenType;
      }),
      { positionTracking: "onlyOffset", skipValidations: true },
    );
    const kinds = (tokens: { tokenType: TokenType; image: string }[]) => tokens.map((t) => `${t.tokenType.name}:${t.image}`);
    const same = (text: string) => {
      const ours = tokenize(text);
      const theirs = reference.tokenize(text);
      expect(kinds(ours.tokens)).toEqual(kinds(theirs.tokens));
      expect(kinds(Object.values(ours.groups).flat())).toEqual(kinds(Object.values(theirs.groups).flat()));
    };
    same(SEED);
    fc.assert(
      fc.property(texts, (text) => same(text)),
      { numRuns: 500, seed: 7 },
    );
  });
});
