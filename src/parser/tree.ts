/**
 * Line blocks (Chevrotain tokens) → the unist-style AST: this module only assembles the
 * productions, each in a file of its own — headings and prose (lines.ts), rows (rows.ts),
 * split cells (split-cells.ts), pipe-less tables (pipeless.ts). Only src/lexer and
 * src/parser see Chevrotain's types; everything downstream reads our nodes.
 */
import type { Block, Root } from "../ast/types.js";
import type { Diagnostic } from "../model/types.js";
import type { LineBlock } from "./parser.js";
import type { LineIndex } from "../source/line-index.js";
import { buildHeading, buildParagraph } from "./lines.js";
import { pipelessTables } from "./pipeless.js";
import { buildTable } from "./rows.js";
import { mergeSplitCells } from "./split-cells.js";

/** Builds the root node from the parser's blocks. Diagnostics are appended to `out`. */
export function buildTree(blocks: LineBlock[], index: LineIndex, out: Diagnostic[]): Root {
  const children: Block[] = [];
  for (const block of mergeSplitCells(blocks)) {
    switch (block.kind) {
      case "table": {
        const table = buildTable(block.lines, index, out);
        if (table) children.push(table);
        break;
      }
      case "heading":
        children.push(...buildHeading(block.token, index));
        break;
      case "paragraph": {
        const p = buildParagraph(block.token.image, block.token.startOffset, index);
        if (p) children.push(p);
        break;
      }
      case "break":
        break;
    }
  }
  return { type: "root", children: pipelessTables(children, index), position: index.position(0, index.text.length) };
}
