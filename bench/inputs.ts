/**
 * Generated benchmark inputs: ~25 KB reports in the text (cell-line) form and as HTML
 * pages, made from the seed report with varied numbers and longer prose, so that the
 * benchmark measures report-sized inputs rather than one small file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "../src/parser/index.js";
import { random } from "../tests/helpers/random.js";

const seedText = readFileSync(join(import.meta.dirname, "..", "corpus", "seed", "siyang-xzspj-2021.txt"), "utf8");

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** `count` text reports and `count` HTML pages of about 25 KB each. */
export function generatedInputs(count: number): { text: Uint8Array[]; html: Uint8Array[] } {
  const text: Uint8Array[] = [];
  const html: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < count; i++) {
    const rand = random(i + 1);
    // Vary every number cell; lengthen the prose to report size.
    let t = seedText.replace(/^(\d+) \|$/gm, () => `${rand() < 0.6 ? 0 : Math.floor(rand() ** 3 * 5000)} |`);
    const prose = t.slice(t.indexOf("(一)概述"), t.indexOf("二、主动公开"));
    t = t.replace("二、主动公开", `${prose}${prose}二、主动公开`);
    text.push(enc.encode(t));
    const tree = parse(t).tree;
    const body: string[] = [];
    for (const b of tree.children) {
      if (b.type === "table") {
        body.push("<table border=1>");
        for (const r of b.children) body.push(`<tr>${r.children.map((c) => `<td><p><span>${esc(c.value)}</span></p></td>`).join("")}</tr>`);
        body.push("</table>");
      } else {
        body.push(`<p style="text-indent:2em"><span>${esc((b.type === "heading" ? b.marker.raw : "") + b.value)}</span></p>`);
      }
    }
    const chrome = `<div class="nav"><ul>${"<li><a href='#'>栏目</a></li>".repeat(30)}</ul></div><script>${"var x=1;".repeat(200)}</script>`;
    html.push(enc.encode(`<!doctype html><html><head><meta charset="utf-8"><title>报告</title></head><body>${chrome}<div class="content">${body.join("\n")}</div><div class="footer">版权所有</div></body></html>`));
  }
  return { text, html };
}
