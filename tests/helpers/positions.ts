/**
 * Position helpers written independently of `src/source/line-index.ts`, so that a test can
 * say where a point must be without trusting the code under test.
 */
import type { AstNode, Point, Position, Root } from "../../src/ast/types.js";

/**
 * The unist point of `offset` in `text`, by a plain scan: CRLF, CR and LF each end a line,
 * lines and columns are 1-based, columns count UTF-16 units.
 */
export function pointAt(text: string, offset: number): Point {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Every node of the tree with its parent (null for the root), depth first, in text order. */
export function* walk(root: Root): Generator<{ node: AstNode; parent: AstNode | null }> {
  const stack: Array<{ node: AstNode; parent: AstNode | null }> = [{ node: root, parent: null }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    yield item;
    const children = "children" in item.node ? (item.node.children as AstNode[]) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: item.node });
  }
}

/** Whether `inner` lies within `outer` (offsets; ends exclusive, so equal ends are inside). */
export function contains(outer: Position, inner: Position): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

/** Problems with one position against `text`: empty when the position is well formed. */
export function positionProblems(text: string, p: Position): string[] {
  const problems: string[] = [];
  if (!(p.start.offset >= 0 && p.end.offset <= text.length)) problems.push(`outside the text: ${p.start.offset}–${p.end.offset}`);
  if (p.start.offset > p.end.offset) problems.push(`start ${p.start.offset} after end ${p.end.offset}`);
  for (const which of ["start", "end"] as const) {
    const want = pointAt(text, p[which].offset);
    if (want.line !== p[which].line || want.column !== p[which].column) {
      problems.push(`${which} ${p[which].line}:${p[which].column} should be ${want.line}:${want.column} (offset ${want.offset})`);
    }
  }
  return problems;
}
