/**
 * Runs one normaliser stage on a text the way `parseReport` does (parse, then the stage with
 * a fresh context), so a test of that stage sees exactly the stage's own diagnostics.
 */
import type { Block } from "../../src/ast/types.js";
import type { Diagnostic } from "../../src/model/types.js";
import { NormalizeContext } from "../../src/normalize/context.js";
import { parse } from "../../src/parser/index.js";
import { LineIndex } from "../../src/source/line-index.js";

/** The blocks of `text` and a context to run a stage with; `diagnostics` collects the stage's. */
export function stage(text: string): { blocks: Block[]; ctx: NormalizeContext; diagnostics: Diagnostic[] } {
  const index = new LineIndex(text);
  const { tree } = parse(text, index);
  const diagnostics: Diagnostic[] = [];
  return { blocks: tree.children, ctx: new NormalizeContext(text, index, diagnostics), diagnostics };
}

/** The codes of `diagnostics`, in order. */
export const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);
