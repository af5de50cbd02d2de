/**
 * `parse`: text → AST plus diagnostics. The public face of lexer + parser + tree builder.
 */
import type { Root } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import { buildTree } from "./tree.js";
import { tokenize } from "../lexer/lexer.js";
import { LineIndex } from "../source/line-index.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { diagnostic } from "../diagnostics/diagnostic.js";
import { parseTokens } from "./parser.js";

/** What {@link parse} returns: the tree, and what went wrong or was assumed on the way. */
export interface ParseResult {
  tree: Root;
  diagnostics: Diagnostic[];
}

/**
 * Parses decoded text into the syntax tree. Never throws on input: the grammar accepts
 * every token sequence and the lexer has a catch-all token.
 */
export function parse(text: string, index: LineIndex = new LineIndex(text)): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = tokenize(text);
  for (const e of lexed.errors) {
    diagnostics.push(
      diagnostic(DiagnosticCodes.internalError, `lexer: ${e.message}`, index.position(e.offset, e.offset + e.length)),
    );
  }
  const { blocks, errors } = parseTokens(lexed.tokens);
  if (errors > 0) {
    diagnostics.push(
      diagnostic(DiagnosticCodes.internalError, `parser reported ${errors} error(s)`, index.position(0, 0)),
    );
  }
  const tree = buildTree(blocks, index, diagnostics);
  return { tree, diagnostics };
}
