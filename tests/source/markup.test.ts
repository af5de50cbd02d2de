/**
 * Pandoc's bracketed spans erased in place: the words stay, every offset and line break stays
 * (positions and provenance still point into the input), and text without spans is untouched.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eraseBracketedSpans } from "../../src/source/markup.js";

describe("eraseBracketedSpans", () => {
  it("joins a run of spans into its words, padded to the run's length", () => {
    const line = '  [一、本年新收政府]{style="font-family:仿宋_GB2312"}[信息公开申请数量]{style="font-family:仿宋_GB2312"}   [ ]{lang="EN-US"}[12]{lang="EN-US"}';
    const out = eraseBracketedSpans(line);
    expect(out.length).toBe(line.length);
    expect(out.trim().split(/\s{2,}/)).toEqual(["一、本年新收政府信息公开申请数量", "12"]);
    // The number's run starts where the converter aligned the cell: a column's start stays put.
    expect(out.indexOf(" 12")).toBe(line.indexOf('[ ]{lang="EN-US"}'));
  });

  it("leaves brackets that are not spans alone: links, citations, prose", () => {
    for (const s of ["见[附件](a.pdf)", "[1] 引文", "数组[0]{不是属性}", "《条例》[2021]30号"]) expect(eraseBracketedSpans(s)).toBe(s);
  });

  it("keeps length and line breaks for any text", () => {
    const piece = fc.constantFrom("[", "]", "{", "}", '[0]{lang="EN-US"}', "[文]{.c}", "\n", " ", "1", "字", "=", "style=");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join("")), (s) => {
        const out = eraseBracketedSpans(s);
        expect(out.length).toBe(s.length);
        expect([...out].every((c, i) => (c === "\n") === (s[i] === "\n"))).toBe(true);
      }),
    );
  });
});
