/**
 * The outline: headings nest by the depth their marker style implies (一、 > （一） > 1. >
 * （1）), and each collects the prose directly under it. Tables are not part of the outline.
 * Prose before the first heading (the opening paragraph most reports have) becomes an
 * untitled first section so that no text is dropped.
 */
import type { Block } from "../ast/types.js";
import type { Section } from "../model/types.js";

/** Builds the section tree from the document's blocks. */
export function buildSections(blocks: Block[]): Section[] {
  const roots: Section[] = [];
  const stack: Array<{ depth: number; section: Section }> = [];
  let preamble: Section | null = null;
  const addText = (s: Section, value: string) => {
    s.text = s.text === "" ? value : `${s.text}\n${value}`;
  };
  for (const b of blocks) {
    if (b.type === "heading") {
      const section: Section = { number: b.marker.ordinal || null, title: b.value, text: "", children: [] };
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= b.depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.section.children.push(section);
      else roots.push(section);
      stack.push({ depth: b.depth, section });
    } else if (b.type === "paragraph") {
      const top = stack[stack.length - 1];
      if (top) addText(top.section, b.value);
      else {
        if (!preamble) {
          preamble = { number: null, title: "", text: "", children: [] };
          roots.push(preamble);
        }
        addText(preamble, b.value);
      }
    }
  }
  return roots;
}
