/**
 * Property 4 — positions: every node of the syntax tree (`parse`) lies inside the text and
 * inside its parent, with line/column consistent with its offset; every table cell's
 * position slices back to its value; and every provenance entry of `parseReport` slices the
 * decoded text to exactly its `raw`.
 */
import * as fc from "fast-check";
import { describe, it } from "vitest";
import type { AstNode } from "../../src/ast/types.js";
import { parseReport } from "../../src/index.js";
import { parse } from "../../src/parser/index.js";
import { inlineText } from "../../src/parser/cells.js";
import { decode } from "../../src/source/decode.js";
import { encodeGbk, render, renderOptionsArbitrary, type RenderForm } from "../../src/testing/index.js";
import { TIMEOUT, check, expectNone, models, positionErrors } from "./support.js";

/** Position errors of a tree: each node inside the text and inside its parent; cells slice to their value. */
function treeErrors(text: string, node: AstNode, parent: AstNode | null, path: string): string[] {
  const errors = positionErrors(text, node.position, path);
  if (parent) {
    if (node.position.start.offset < parent.position.start.offset || node.position.end.offset > parent.position.end.offset) {
      errors.push(
        `${path}: [${node.position.start.offset}, ${node.position.end.offset}) outside its parent [${parent.position.start.offset}, ${parent.position.end.offset})`,
      );
    }
  }
  if (node.type === "tableCell") {
    // A header cell broken over two lines (`本年新` / `制作数量 |`) is one cell whose value
    // joins the halves: its slice holds the line break the value leaves out.
    const raw = text.slice(node.position.start.offset, node.position.end.offset);
    const slice = /[\r\n]/.test(raw) ? raw.replace(/\s*(?:\r\n|\r|\n)\s*/g, "") : raw;
    // A markdown cell with inline HTML or escapes keeps the raw span and gives its plain text.
    if (slice !== node.value && inlineText(slice) !== node.value) errors.push(`${path}: slices to ${JSON.stringify(slice)} but its value is ${JSON.stringify(node.value)}`);
  }
  if ("children" in node) {
    (node.children as AstNode[]).forEach((child, i) => errors.push(...treeErrors(text, child, node, `${path}.${child.type}[${i}]`)));
  }
  return errors;
}

/** Any rendering of any model: every form, every artifact (supported or not), as text. */
const renderings = fc
  .tuple(models, fc.constantFrom<RenderForm>("cell-lines", "row-lines", "markdown", "html"))
  .chain(([m, form]) => renderOptionsArbitrary(form).map((options) => render(m, form, options)));

const PIECES = ["|", "||", " |", "\n", "\r\n", "\r", "一、总体情况", "（一）概述", "1.", "规章 |", "0 |", "&nbsp; |", "本年新", "制作数量 |", "| a | b |", "|---|---|", "## 二、", "\u00a0", "\u3000"];
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 300, size: "medium" }).map((p) => p.join(""));

describe("property 4: positions", () => {
  it(
    "every AST node lies inside its parent and inside the text; cells slice to their value",
    () => {
      check(
        fc.property(fc.oneof(renderings, pieceText), (text) => {
          const { tree } = parse(text);
          expectNone(treeErrors(text, tree, null, "root"));
        }),
        80,
      );
    },
    TIMEOUT,
  );

  it(
    "every provenance entry slices the text to its raw (text input)",
    () => {
      check(
        fc.property(renderings, (text) => {
          const report = parseReport(text);
          const errors: string[] = [];
          for (const [path, p] of Object.entries(report.provenance)) {
            errors.push(...positionErrors(text, p, path));
            const slice = text.slice(p.start.offset, p.end.offset);
            if (slice !== p.raw) errors.push(`${path}: slices to ${JSON.stringify(slice)}, raw is ${JSON.stringify(p.raw)}`);
          }
          expectNone(errors);
        }),
        80,
      );
    },
    TIMEOUT,
  );

  it(
    "every provenance entry slices the decoded text to its raw (GBK bytes)",
    () => {
      check(
        fc.property(renderings, (text) => {
          const bytes = encodeGbk(text);
          const decoded = decode(bytes).text;
          const report = parseReport(bytes);
          const errors: string[] = [];
          for (const [path, p] of Object.entries(report.provenance)) {
            errors.push(...positionErrors(decoded, p, path));
            const slice = decoded.slice(p.start.offset, p.end.offset);
            if (slice !== p.raw) errors.push(`${path}: slices to ${JSON.stringify(slice)}, raw is ${JSON.stringify(p.raw)}`);
          }
          expectNone(errors);
        }),
        40,
      );
    },
    TIMEOUT,
  );
});
