/**
 * Markup a text converter leaves around the words, erased in place. `pandoc -t markdown` keeps
 * the `<span>`s of Word-pasted pages as bracketed spans, `[一、本年新收政府]{style="…"}[信息公开申请数量]{…}`
 * and `[ ]{lang="EN-US"}[0]{lang="EN-US"}`, which makes every label and number unreadable.
 * The erasure keeps every offset and line: a run of adjacent spans on one line is replaced by
 * the spans' texts joined, then spaces to the run's length. Columns still start where the
 * converter aligned them (a cell's first character stays put), and positions still point
 * into the input, at the run the text came from.
 */

/** One bracketed span: text without brackets or braces, then pandoc attributes (`.class`, `#id`, `key=`). */
const SPAN_SOURCE = String.raw`\[([^[\]{}\n]*)\]\{(?:[.#][\w-]+|[\w-]+=)[^{}\n]*\}`;
const SPAN = new RegExp(SPAN_SOURCE, "y");
const SPANS = new RegExp(SPAN_SOURCE, "g");

/** Whether `text` may hold pandoc bracketed spans (a cheap test before the scan). */
export function hasBracketedSpans(text: string): boolean {
  return text.includes("]{") && /\]\{(?:[.#][\w-]+|[\w-]+=)/.test(text);
}

/**
 * `text` with every bracketed span replaced by its words (shorter, offsets not kept): for a
 * cell joined from the pieces of spans pandoc wrapped across lines, which the in-place
 * erasure, one line at a time, cannot see whole.
 */
export function stripBracketedSpans(text: string): string {
  let plain = text;
  for (let prev = ""; prev !== plain; ) plain = (prev = plain).replace(SPANS, "$1");
  return plain;
}

/**
 * `text` with each run of pandoc bracketed spans replaced by its words and padding, same
 * length, same line breaks. Text with no span is returned as it is.
 */
export function eraseBracketedSpans(text: string): string {
  if (!hasBracketedSpans(text)) return text;
  let out = "";
  let last = 0;
  for (let i = text.indexOf("["); i >= 0 && i < text.length; ) {
    let end = i;
    let words = "";
    for (;;) {
      SPAN.lastIndex = end;
      const m = SPAN.exec(text);
      if (!m) break;
      words += m[1];
      end = SPAN.lastIndex;
    }
    if (end === i) {
      i = text.indexOf("[", i + 1);
      continue;
    }
    out += text.slice(last, i) + words + " ".repeat(end - i - words.length);
    last = end;
    i = text.indexOf("[", end);
  }
  return out + text.slice(last);
}
