/**
 * The outline: headings nest by the depth their marker style implies (一、 > （一） > 1. >
 * （1）), and each collects the prose directly under it. Tables are not part of the outline.
 * Prose before the first heading (the opening paragraph most reports have) becomes an
 * untitled first section so that no text is dropped.
 */
import type { Block } from "../ast/types.js";
import type { Section } from "../model/types.js";
import { BARE_SECTION_TITLES } from "../templates/titles.js";
import { normalizeLabel } from "../text/labels.js";

/**
 * Section titles of the templates and of pre-2019 reports (templates/titles.ts). A line that
 * is exactly one of these, with no numeral (`概述`, `一 概 述` lost its 一), is a top-level
 * heading: prose never consists of such a phrase alone.
 */
const BARE_TITLES = new Set(BARE_SECTION_TITLES.map(normalizeLabel));

/** Builds the section tree from the document's blocks. */
export function buildSections(blocks: Block[]): Section[] {
  const roots: Section[] = [];
  const stack: Array<{ depth: number; section: Section }> = [];
  let preamble: Section | null = null;
  const addText = (s: Section, value: string) => {
    s.text = s.text === "" ? value : `${s.text}\n${value}`;
  };
  const open = (depth: number, section: Section) => {
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.section.children.push(section);
    else roots.push(section);
    stack.push({ depth, section });
  };
  for (const b of blocks) {
    if (b.type === "heading") {
      open(b.depth, { number: b.marker.ordinal || null, title: b.value, text: "", children: [] });
    } else if (b.type === "paragraph" && b.value.length <= 40 && BARE_TITLES.has(normalizeLabel(b.value))) {
      open(1, { number: null, title: b.value, text: "", children: [] });
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
