/**
 * A guard against pathological nesting, run before the page is parsed.
 *
 * htmlparser2 keeps its open-element stack with `unshift`/`shift`, so every tag costs time in
 * the current depth: 100k nested `<div>`s take ~5 s in htmlparser2 alone (quadratic), and the
 * walks over the tree that follow recurse once per level. No real report page nests more than
 * a few dozen elements, so tags below {@link MAX_DEPTH} levels are blanked out before parsing —
 * replaced by spaces of the same length, which keeps every source offset (and so every
 * position and provenance span) valid. Their text stays, joined to the element at the limit.
 */
import { Tokenizer } from "htmlparser2";

/** Elements nested deeper than this are flattened into their ancestor at this depth… */
export const MAX_DEPTH = 512;

/**
 * …except the elements that carry a report's structure (tables, paragraphs, headings), which
 * are kept for this many further levels: a report wrapped in thousands of `<div>`s is still
 * read, and 20k nested tables still cannot exhaust the stack.
 */
const STRUCTURE_DEPTH = 256;
const STRUCTURE = new Set(["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "body", "html"]);

/** Elements that never hold children (HTML's void elements): they open no level. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

/** Elements whose content is raw text: a `</x>` inside them closes nothing. */
const RAW = ["script", "style", "textarea", "title", "xmp", "noscript"];

/** An open tag that implicitly closes an open element of these names at the top of the stack. */
const IMPLIES_CLOSE: Readonly<Record<string, readonly string[]>> = {
  p: ["p"], li: ["li"], dt: ["dt", "dd"], dd: ["dt", "dd"], option: ["option"],
  td: ["td", "th"], th: ["td", "th"], tr: ["tr", "td", "th"], tbody: ["tbody", "thead", "tr", "td", "th"],
  div: ["p"], table: ["p"], ul: ["p"], ol: ["p"], h1: ["p"], h2: ["p"], h3: ["p"], h4: ["p"], h5: ["p"], h6: ["p"],
};

/** How far below the top a close tag is looked for; one further away closes nothing here. */
const CLOSE_WINDOW = 64;

/**
 * An upper bound on the page's element depth, cheap enough for every page: one pass over the
 * `<`s, counting opens of non-void tags against closes, skipping comments and raw-text
 * elements (whose `</x>` would hide depth). It overcounts unclosed `<p>`/`<td>` — harmless,
 * since a count above the limit only asks {@link flattenDeepNesting} to look properly.
 */
export function depthBound(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf("<"); i >= 0 && i < html.length; i = html.indexOf("<", i + 1)) {
    const next = html.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      if (html.startsWith("<!--", i)) {
        const end = html.indexOf("-->", i + 4);
        if (end < 0) break;
        i = end;
      }
      continue;
    }
    if (next === 0x2f /* / */) {
      if (depth > 0) depth--;
      continue;
    }
    const name = tagName(html, i + 1);
    if (name === "" || VOID.has(name)) continue;
    if (RAW.includes(name)) {
      const closing = new RegExp(`</${name}`, "gi");
      closing.lastIndex = i;
      const end = closing.exec(html);
      if (!end) break;
      i = end.index;
      continue;
    }
    if (++depth > max) max = depth;
  }
  return max;
}

/** The lower-cased tag name starting at `at` (ASCII letters, digits, `-`), or "" if none. */
function tagName(html: string, at: number): string {
  let end = at;
  for (; end < html.length; end++) {
    const c = html.charCodeAt(end) | 0x20;
    if (!((c >= 0x61 && c <= 0x7a) || (end > at && ((c >= 0x30 && c <= 0x39) || c === 0x2d)))) break;
  }
  return html.slice(at, end).toLowerCase();
}

/** What {@link flattenDeepNesting} did: the page to parse, and the tags it blanked. */
export interface Flattened {
  /** The page with every tag below {@link MAX_DEPTH} blanked; `html` itself when none was. */
  html: string;
  /** How many tags were blanked. */
  blanked: number;
  /** Source offset of the first blanked tag (for the diagnostic's position). */
  first: number;
}

/**
 * The page with tags nested deeper than {@link MAX_DEPTH} blanked (structure tags a little
 * deeper, see `STRUCTURE_DEPTH`). Pages whose
 * {@link depthBound} stays under the limit (every real page) are returned as they are
 * without being tokenised; others are tokenised by htmlparser2's own tokenizer (linear: it
 * keeps no stack), with a push/pop stack that follows the parser's close rules closely enough
 * to find the deep tags.
 */
export function flattenDeepNesting(html: string): Flattened {
  if (depthBound(html) <= MAX_DEPTH) return { html, blanked: 0, first: -1 };
  const names: string[] = [];
  const deep: boolean[] = [];
  let kept = 0; // open elements not blanked: the depth the parser and the walks will see
  const spans: number[] = []; // start, end (inclusive) pairs of tags to blank
  let openStart = -1;
  let openName = "";
  const close = (at: number) => {
    for (let i = at; i < deep.length; i++) if (!deep[i]) kept--;
    names.length = at;
    deep.length = at;
  };
  const isDeep = (name: string) => kept >= MAX_DEPTH + STRUCTURE_DEPTH || (kept >= MAX_DEPTH && !STRUCTURE.has(name));
  const open = (end: number) => {
    const blanked = isDeep(openName);
    if (blanked) spans.push(openStart, end);
    // HTML ignores the slash of `<div/>` on non-void elements: the element stays open, as in the parser.
    if (!VOID.has(openName)) {
      names.push(openName);
      deep.push(blanked);
      if (!blanked) kept++;
    }
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, {
    onopentagname(start, end) {
      openStart = start - 1;
      openName = html.slice(start, end).toLowerCase();
      const implied = IMPLIES_CLOSE[openName];
      while (implied && names.length > 0 && implied.includes(names[names.length - 1]!)) close(names.length - 1);
    },
    onopentagend: open,
    onselfclosingtag: open,
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      const stop = Math.max(0, names.length - CLOSE_WINDOW);
      for (let i = names.length - 1; i >= stop; i--) {
        if (names[i] !== name) continue;
        if (deep[i]) spans.push(start - 2, Math.max(end, html.indexOf(">", end)));
        close(i);
        return;
      }
    },
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    onattribname() {},
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onend() {},
    onprocessinginstruction() {},
    ontext() {},
    ontextentity() {},
  });
  tokenizer.write(html);
  tokenizer.end();
  if (spans.length === 0) return { html, blanked: 0, first: -1 };
  return { html: blank(html, spans), blanked: spans.length / 2, first: spans[0]! };
}

/** `html` with each [start, end] span's characters replaced by spaces, line breaks kept. */
function blank(html: string, spans: readonly number[]): string {
  // One buffer rewritten in place: slicing and joining 2 × 10⁵ small strings costs more.
  const units = Buffer.from(html, "utf16le");
  for (let k = 0; k < spans.length; k += 2) {
    for (let i = spans[k]!; i <= spans[k + 1]!; i++) {
      const c = units[2 * i]! | (units[2 * i + 1]! << 8);
      if (c !== 0x0a && c !== 0x0d) units.writeUInt16LE(0x20, 2 * i);
    }
  }
  return units.toString("utf16le");
}
