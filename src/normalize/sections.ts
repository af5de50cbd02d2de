/**
 * The outline: headings nest by the depth their marker style implies (一、 > （一） > 1. >
 * （1）), and each collects the prose directly under it. Tables are not part of the outline.
 * Prose before the first heading (the opening paragraph most reports have) becomes an
 * untitled first section so that no text is dropped.
 */
import type { Block } from "../ast/types.js";
import type { Section } from "../model/types.js";
import { normalizeLabel } from "../text/labels.js";

/**
 * Section titles of the templates and of pre-2019 reports (formats.md §§ A–C). A line that
 * is exactly one of these, with no numeral (`概述`, `一 概 述` lost its 一), is a top-level
 * heading: prose never consists of such a phrase alone.
 */
const BARE_TITLES = new Set(
  [
    "概述", "总体情况", "主动公开政府信息情况", "依申请公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "政府信息公开的收费及减免情况", "收费及减免情况", "咨询处理情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况", "复议、诉讼和申诉情况", "存在的主要问题及改进情况",
    "存在的主要问题和改进措施", "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项",
    "需要说明的事项与附表", "其他需要说明的事项",
  ].map(normalizeLabel),
);

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
