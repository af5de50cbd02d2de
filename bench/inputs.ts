/**
 * Generated benchmark inputs, as issue #7 asks for them: reports of about 25 KB in every
 * form (cell lines, row lines, markdown, HTML) and of both templates (2021 and 2019).
 *
 * The tables come from the `zfxxgk/testing` arbitraries and renderers, sampled with fixed
 * seeds so that every run measures the same bytes. Those renderers print only a sentence
 * of prose per section, while a real report's text is mostly prose (概述, the narrative of
 * 主动公开, 存在的主要问题, 其他需要报告的事项): paragraphs and numbered sub-headings drawn
 * from a pool of sentences fill each report up to the target size, the way a real one
 * reads.
 *
 * {@link unpaddedInputs} are the same renderings without that prose: table-heavy reports of
 * ~4–5 KB, where the parser's per-cell work (not its line scan) dominates — issue #13's
 * text target is measured on them, apart from the padded ones.
 */
import fc from "fast-check";
import { render, reportArbitrary, type RenderForm } from "../src/testing/index.js";
import { random } from "../tests/helpers/random.js";

/** The size the issue gives for a typical report. */
const TARGET_BYTES = 25 * 1024;

/** Sentences in the register of the reports' narrative sections (written for this benchmark). */
const SENTENCES = [
  "坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。",
  "围绕重点领域信息公开要求，及时发布政策文件、规划计划、财政预决算等信息，全年通过门户网站主动公开政府信息一千二百余条。",
  "严格落实政策解读与政策文件同步组织、同步审签、同步部署工作机制，采用图文、视频等多种形式开展解读。",
  "进一步规范依申请公开办理流程，严格执行登记、审核、办理、答复、归档等环节要求，确保答复内容准确、程序合法。",
  "健全信息发布保密审查机制，落实“先审查、后公开”和“一事一审”制度，全年未发生泄密事件。",
  "加强政务新媒体管理，建立健全内容发布审核制度，做到信息发布及时、准确、权威。",
  "组织开展政府信息公开专题培训两次，参训人员一百余人次，工作人员业务能力进一步提升。",
  "对照《中华人民共和国政府信息公开条例》要求，动态调整主动公开基本目录，持续优化栏目设置。",
  "政府信息公开工作仍存在一些不足：一是公开内容的深度和广度有待拓展；二是政策解读形式还不够丰富；三是基层工作人员业务水平有待提高。",
  "下一步，将进一步加强组织领导，压实工作责任，提升政府信息公开工作的标准化、规范化水平。",
  "本机关依申请公开政府信息未收取任何费用，未发生因政府信息公开工作被追责的情况。",
  "认真办理人大代表建议和政协委员提案，办理结果全部按要求在门户网站公开，主动接受社会监督。",
];
const SUB_HEADINGS = ["（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）平台建设情况", "（五）监督保障情况"];

/** Prose of about `chars` characters: numbered sub-headings, each over a few paragraphs. */
function prose(rand: () => number, chars: number): string[] {
  const lines: string[] = [];
  let n = 0;
  let sub = 0;
  while (n < chars) {
    if (lines.length % 4 === 0) {
      const heading = SUB_HEADINGS[sub++ % SUB_HEADINGS.length]!;
      lines.push(heading);
      n += heading.length;
    }
    let paragraph = "";
    const count = 2 + Math.floor(rand() * 4);
    for (let i = 0; i < count; i++) paragraph += SENTENCES[Math.floor(rand() * SENTENCES.length)]!;
    lines.push(paragraph);
    n += paragraph.length;
  }
  return lines;
}

/**
 * Adds prose to a rendered report until it is about {@link TARGET_BYTES}: half after the
 * first section heading (一、总体情况), half at the end (六、其他需要报告的事项).
 */
function lengthen(text: string, form: RenderForm, rand: () => number): string {
  const missing = TARGET_BYTES - Buffer.byteLength(text);
  if (missing <= 0) return text;
  // Nearly all of the prose is CJK: three bytes a character in UTF-8.
  const half = Math.round(missing / 3 / 2);
  const html = form === "html";
  const block = (lines: string[]) =>
    lines.map((l) => (html ? `<p style="text-indent:2em">${l}</p>\n` : `${l}\n`)).join("");
  const anchor = html ? '<p style="text-indent:2em"><strong>二、' : "\n二、";
  const at = text.indexOf(anchor);
  const end = html ? text.lastIndexOf("</div>") : text.length;
  if (at < 0 || end < 0) return text;
  const skip = html ? 0 : 1;
  const tail = text.endsWith("\n") || html ? "" : "\n";
  return (
    text.slice(0, at + skip) + block(prose(rand, half)) + text.slice(at + skip, end) + tail + block(prose(rand, half)) + text.slice(end)
  );
}

/** The forms {@link generatedInputs} renders, the line-oriented ones first. */
export const FORMS: readonly RenderForm[] = ["cell-lines", "row-lines", "markdown", "html"];

/**
 * `count` reports in each form, templates 2021 and 2019 alternating, each about 25 KB. The
 * i-th report of every form prints the same model, so the forms' figures compare.
 */
export function generatedInputs(count: number): Record<RenderForm, Uint8Array[]> {
  const enc = new TextEncoder();
  const out = Object.fromEntries(FORMS.map((f) => [f, [] as Uint8Array[]])) as Record<RenderForm, Uint8Array[]>;
  for (let i = 0; i < count; i++) {
    const template = i % 2 === 0 ? "2021" : "2019";
    const [model] = fc.sample(reportArbitrary({ template }), { seed: 20261126 + i, numRuns: 1 });
    for (const form of FORMS) {
      const rendered = render(model!, form, form === "html" ? { chrome: true } : {});
      out[form].push(enc.encode(lengthen(rendered, form, random(i + 1))));
    }
  }
  return out;
}

/** The line-oriented forms {@link unpaddedInputs} renders (HTML is measured on the padded set). */
export const UNPADDED_FORMS: readonly RenderForm[] = ["cell-lines", "row-lines", "markdown"];

/**
 * `count` reports in each line-oriented form as the renderer prints them, with no prose
 * added (the models of {@link generatedInputs}, so the two sets compare): mostly table lines.
 */
export function unpaddedInputs(count: number): Record<string, Uint8Array[]> {
  const enc = new TextEncoder();
  const out: Record<string, Uint8Array[]> = Object.fromEntries(UNPADDED_FORMS.map((f) => [f, [] as Uint8Array[]]));
  for (let i = 0; i < count; i++) {
    const template = i % 2 === 0 ? "2021" : "2019";
    const [model] = fc.sample(reportArbitrary({ template }), { seed: 20261126 + i, numRuns: 1 });
    for (const form of UNPADDED_FORMS) out[form]!.push(enc.encode(render(model!, form)));
  }
  return out;
}
