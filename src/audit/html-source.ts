/**
 * The source pane of an HTML input: the page as the parser saw it — its lines and its tables,
 * rebuilt from the parser's own tree — instead of the markup, which nobody reads to check a
 * number. Positions in the model stay offsets into the decoded HTML; this view maps them onto
 * the visible characters of each line and cell, so every value is still one marked span.
 * The markup itself stays one click away (a collapsed raw view), for a doubt about the parser.
 */
import type { Block, TableCell } from "../ast/types.js";
import { parseHtml } from "../html/index.js";
import { LineIndex } from "../source/line-index.js";
import { decodeHTML } from "entities";

/** What the view marks: a value's span or a diagnostic's anchor, at source offsets. */
export interface SourceMark {
  /** Source offsets `[start, end)`; `end === start` for an anchor or a blank value. */
  start: number;
  end: number;
  /** The markup that opens the mark (`<a …>`), and closes it (`</a>`, or "" for an anchor). */
  open: string;
  close: string;
  /** A value's span is placed only inside one line or cell; an anchor goes to the nearest one. */
  kind: "span" | "anchor";
}


/** One visible character and the source offset it was read from. */
interface Char {
  ch: string;
  at: number;
}

/**
 * The visible characters of `html[start, end)`: tags and comments dropped, entities decoded,
 * white space runs shown as one space (as a browser shows them), each with its source offset.
 */
function visibleChars(html: string, start: number, end: number): Char[] {
  const out: Char[] = [];
  let i = start;
  const push = (ch: string, at: number) => {
    if (/[ \t\n\r\f]/.test(ch)) {
      if (out.length === 0 || out[out.length - 1]!.ch === " ") return;
      out.push({ ch: " ", at });
    } else out.push({ ch, at });
  };
  while (i < end) {
    const c = html[i]!;
    if (c === "<") {
      const close = html.startsWith("<!--", i) ? html.indexOf("-->", i) + 2 : html.indexOf(">", i);
      if (close > i) {
        i = close + 1;
        continue;
      }
    } else if (c === "&") {
      // An entity is decoded by the same tables htmlparser2 reads it with (the entities
      // package): a reference it leaves as written is shown as written.
      const m = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/.exec(html.slice(i, Math.min(end, i + 40)));
      const ch = m ? decodeHTML(m[0]) : undefined;
      if (m && ch !== undefined && ch !== m[0]) {
        for (const one of ch) push(one, i);
        i += m[0].length;
        continue;
      }
    }
    push(c, i);
    i++;
  }
  while (out.length > 0 && out[out.length - 1]!.ch === " ") out.pop();
  return out;
}

/** A line or a cell of the view: the source range it shows. */
interface Segment {
  start: number;
  end: number;
  marks: SourceMark[];
}

/**
 * Renders a segment: its visible text with each mark opened before the first character read
 * at or after the mark's start and closed before the first read at or after its end.
 */
function renderSegment(html: string, seg: Segment, esc: (s: string) => string): string {
  const chars = visibleChars(html, seg.start, seg.end);
  const marks = [...seg.marks].sort((a, b) => a.start - b.start || a.end - b.end);
  type Event = { before: number; html: string; order: number };
  const events: Event[] = [];
  const indexOf = (at: number) => {
    const k = chars.findIndex((c) => c.at >= at);
    return k < 0 ? chars.length : k;
  };
  for (const m of marks) {
    const from = indexOf(m.start);
    if (m.close === "" || m.end === m.start) events.push({ before: from, html: m.open + m.close, order: 1 });
    else events.push({ before: from, html: m.open, order: 2 }, { before: Math.max(from, indexOf(m.end)), html: m.close, order: 0 });
  }
  events.sort((a, b) => a.before - b.before || a.order - b.order);
  const out: string[] = [];
  let k = 0;
  for (const e of events) {
    out.push(esc(chars.slice(k, e.before).map((c) => c.ch).join("")), e.html);
    k = e.before;
  }
  out.push(esc(chars.slice(k).map((c) => c.ch).join("")));
  return out.join("");
}

/**
 * The readable view of an HTML page: one line per heading or paragraph and one table per
 * table, with `marks` placed inside. A span lies inside the line or cell whose range holds it;
 * one that lies in none (the parser read it from text outside its blocks) is shown after the
 * page with its own text, so no value is left without a span.
 */
export function htmlSourceView(html: string, marks: readonly SourceMark[], esc: (s: string) => string): string {
  const { tree } = parseHtml(html, new LineIndex(html));
  const segments: Segment[] = [];
  const seg = (n: { position: { start: { offset: number }; end: { offset: number } } }): Segment => {
    const s = { start: n.position.start.offset, end: n.position.end.offset, marks: [] };
    segments.push(s);
    return s;
  };
  type Part = { kind: "line"; tag: string; seg: Segment } | { kind: "table"; rows: Array<Array<{ cell: TableCell; seg: Segment }>> };
  const parts: Part[] = tree.children.map((b: Block): Part => {
    if (b.type === "table") return { kind: "table", rows: b.children.map((r) => r.children.map((cell) => ({ cell, seg: seg(cell) }))) };
    return { kind: "line", tag: b.type === "heading" ? "h3" : "p", seg: seg(b) };
  });
  const outside: Segment[] = [];
  for (const m of marks) {
    if (m.kind === "span") {
      const home = segments.find((s) => s.start <= m.start && m.end <= s.end);
      if (home) home.marks.push(m);
      else outside.push({ start: m.start, end: m.end, marks: [m] });
    } else {
      // An anchor goes to the first line or cell that ends at or after it (the last if none).
      const home = segments.find((s) => s.end >= m.start) ?? segments[segments.length - 1];
      if (home) home.marks.push({ ...m, start: Math.max(m.start, home.start), end: Math.max(m.start, home.start) });
      else outside.push({ start: m.start, end: m.start, marks: [m] });
    }
  }
  const body = parts.map((p) => {
    if (p.kind === "line") return `<${p.tag} class="line">${renderSegment(html, p.seg, esc)}</${p.tag}>`;
    const rows = p.rows.map(
      (r) =>
        `<tr>${r
          .map(({ cell, seg: s }) => `<td${cell.colspan ? ` colspan="${cell.colspan}"` : ""}${cell.rowspan ? ` rowspan="${cell.rowspan}"` : ""}>${renderSegment(html, s, esc)}</td>`)
          .join("")}</tr>`,
    );
    return `<div class="scroll"><table class="page-table"><tbody>${rows.join("")}</tbody></table></div>`;
  });
  if (outside.length > 0) {
    body.push(
      `<p class="outside-note">Read from outside the page's lines and tables:</p>`,
      ...outside.map((s) => `<p class="line outside">${renderSegment(html, s, esc) || s.marks.map((m) => m.open + m.close).join("")}</p>`),
    );
  }
  return body.join("");
}
