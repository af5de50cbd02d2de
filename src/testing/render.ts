/**
 * Renderers: a model → the text a scraper would have saved from the report's page.
 *
 * All four forms print the same document (title, statistics-period sentence, the six
 * sections, the three tables from `layout.ts`) and differ only in how the tables are
 * flattened. The line-oriented forms are built as {@link RenderedLine} records first, so a
 * property can mutate one table line and still know which row and cell it was.
 *
 * Why one file: the four forms print one document through the same private helpers (the
 * resolved options, the text of labels and values with their artifacts, the document's
 * blocks); split by form, those helpers would be exported only to each other. The file is
 * sectioned: text of cells, the document, the line-oriented forms, HTML.
 */
import { layoutTables, renderTemplate, type LayoutCell, type LayoutTable, type TablePart } from "./layout.js";
import { toHalfWidth, toTraditional } from "./labels.js";
import type { ReportModel } from "./model.js";
import type { BrMode, Chrome, ChromeLine, RenderForm, RenderOptions } from "./options.js";

/** What a rendered line is, for mutation properties and for users who post-process lines. */
export type LineKind =
  | "chrome"
  | "title"
  | "prose"
  | "heading"
  | "cell"
  | "padding"
  | "separator"
  | "row"
  | "delimiter"
  | "blank"
  | "markup";

/**
 * One line of output with where it came from. `text` may itself hold a line break when a
 * `<br>` became a newline inside a cell; {@link joinLines} writes it with the chosen ending.
 */
export interface RenderedLine {
  text: string;
  kind: LineKind;
  /** The table the line belongs to, for table lines. */
  table?: TablePart;
  /** The `<tr>` index within the table, for cell, padding, separator and row lines. */
  row?: number;
  /** The cells the line prints (one for a cell line, the row's for a row line). */
  cells?: LayoutCell[];
}

type Resolved = Required<Omit<RenderOptions, "chrome" | "br">> & { chrome: Chrome | null; br: (cell: LayoutCell) => BrMode };

function resolve(model: ReportModel, o: RenderOptions): Resolved {
  const br = o.br;
  return {
    punctuation: o.punctuation ?? "full",
    br: typeof br === "function" ? br : () => br ?? "none",
    spacedLabels: o.spacedLabels ?? false,
    traditional: o.traditional ?? false,
    blank: o.blank ?? "",
    zero: o.zero ?? "0",
    thousands: o.thousands ?? false,
    fullWidthDigits: o.fullWidthDigits ?? false,
    plusSign: o.plusSign ?? false,
    units: o.units ?? false,
    nbsp: o.nbsp ?? false,
    newline: o.newline ?? "\n",
    chrome: o.chrome === true ? defaultChrome(model) : o.chrome === false || o.chrome === undefined ? null : o.chrome,
    title: o.title ?? true,
    rowSeparator: o.rowSeparator ?? "none",
    paddingInline: o.paddingInline ?? false,
    spanPipes: o.spanPipes ?? false,
    leadingPipe: o.leadingPipe ?? false,
    doubleSpace: o.doubleSpace ?? false,
    spans: o.spans ?? "visible",
    headingHashes: o.headingHashes ?? false,
    wordSpans: o.wordSpans ?? false,
    charset: o.charset ?? "utf-8",
  };
}

/**
 * The chrome `chrome: true` prints: a breadcrumb, the metadata box as two row lines, a
 * font-size widget, a 300-pipe run from a flattened box, an image placeholder; after the
 * report, the signature, a date and the page's share/print widgets.
 */
export function defaultChrome(model: ReportModel): Chrome {
  const year = model.meta.year ?? 2021;
  const agency = model.meta.agency ?? "某某县人民政府办公室";
  return {
    before: [
      "首页/ 政府信息公开 / 年报 / 正文",
      ["索 引 号", `014416330/${year + 1}-00013`, "分 类", "政府信息公开年报"],
      ["发布机构", agency, "发文日期", `${year + 1}-01-20`],
      "字号:大 中 小",
      "|".repeat(300),
      "![]() |",
    ],
    after: [agency, `${year + 1}年1月20日`, "扫一扫在手机上查看当前页面", "【打印本页】 【关闭窗口】"],
  };
}

// ---------------------------------------------------------------------------------------
// Text of cells

const MARKER = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/;

/** The printed text of a text cell after the label artifacts; `br` "html" inserts `<br />`. */
function labelText(cell: LayoutCell, o: Resolved, html = false): string {
  let t = cell.text;
  const mode = cell.role === "header" && cell.br !== undefined ? o.br(cell) : "none";
  if (cell.br !== undefined && mode !== "none") {
    const head = t.slice(0, cell.br);
    const tail = t.slice(cell.br);
    t = html ? `${head}\u0000${tail}` : mode === "space" ? `${head} ${tail}` : mode === "newline" ? `${head}\n${tail}` : head;
  } else if (o.spacedLabels) {
    if (cell.br !== undefined) t = `${t.slice(0, cell.br)} ${t.slice(cell.br)}`;
    else if (cell.role === "caption") t = t.replace("第二十条", "第二十条 ");
    else if (cell.role === "label") t = t.replace(MARKER, (m) => `${m} `);
  }
  return prose(t, o, true);
}

/** Applies the page-wide text artifacts; `label` text also gets the mirror's traditional characters. */
function prose(t: string, o: Resolved, label = false): string {
  let s = t;
  if (label && o.traditional) s = toTraditional(s);
  if (o.punctuation === "half") s = toHalfWidth(s);
  return s;
}

const FULL_DIGITS: Record<string, string> = { ",": "，", ".": "．", "+": "＋", "-": "－" };

/** The printed text of a value cell. */
function valueText(cell: LayoutCell, o: Resolved): string {
  const v = cell.value ?? null;
  if (v === null) return o.nbsp && o.blank === "" ? "\u00a0" : o.blank;
  let s: string;
  if (v === 0) s = o.zero;
  else {
    const [int = "", frac] = String(Math.abs(v)).split(".");
    const grouped = o.thousands ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
    s = frac === undefined ? grouped : `${grouped}.${frac}`;
    if (v < 0) s = `-${s}`;
    else if (cell.signed && o.plusSign) s = `+${s}`;
    if (o.units && cell.unit) s += cell.unit;
    if (o.fullWidthDigits) s = s.replace(/[0-9,.+-]/g, (c) => FULL_DIGITS[c] ?? String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
  return o.nbsp ? `\u00a0${s}` : s;
}

function cellText(cell: LayoutCell, o: Resolved): string {
  return cell.role === "value" ? valueText(cell, o) : labelText(cell, o);
}

// ---------------------------------------------------------------------------------------
// The document

type DocBlock =
  | { kind: "chrome"; line: ChromeLine }
  | { kind: "title"; text: string }
  | { kind: "prose"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "table"; table: LayoutTable };

/** The report's title as printed: the model's, or the usual one built from agency and year. */
export function reportTitle(model: ReportModel): string {
  return model.meta.title ?? `${model.meta.agency ?? ""}${model.meta.year ?? ""}年政府信息公开工作年度报告`;
}

function documentBlocks(model: ReportModel, o: Resolved): DocBlock[] {
  const template = renderTemplate(model.template);
  const year = model.meta.year;
  const agency = model.meta.agency ?? "本机关";
  const notice = template === "2021" ? "国办公开办函〔2021〕30号" : "国办公开办函〔2019〕60号";
  const tables = new Map(layoutTables(model).map((t) => [t.part, t]));
  const blocks: DocBlock[] = [];
  const p = (text: string) => blocks.push({ kind: "prose", text: prose(text, o) });
  const h = (text: string) => blocks.push({ kind: "heading", text: prose(text, o, true) });
  for (const line of o.chrome?.before ?? []) blocks.push({ kind: "chrome", line });
  if (o.title) blocks.push({ kind: "title", text: prose(reportTitle(model), o) });
  p(
    `本年度报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${notice}）要求编制。` +
      (year === null ? "" : `本年度报告中所列数据统计期限为${year}年1月1日至${year}年12月31日。`),
  );
  h("一、总体情况");
  p(`${year ?? ""}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。`);
  h("（一）主动公开");
  p("依托门户网站、政务新媒体等平台，及时主动公开机构职能、政策文件、财政预决算等政府信息。");
  h("（二）依申请公开");
  p("严格按照法定程序和时限办理政府信息公开申请，做到依法依规、答复规范。");
  h("（三）政府信息管理");
  p("健全政府信息公开审查机制，做好公开前保密审查。");
  h("（四）平台建设");
  p("持续优化政府网站信息公开专栏，提升平台服务能力。");
  h("（五）监督保障");
  p("将政务公开工作纳入年度绩效考核，加强工作人员业务培训。");
  for (const part of ["proactive", "requests", "reviewsAndLawsuits"] as const) {
    const table = tables.get(part);
    if (!table) continue;
    h(table.heading);
    blocks.push({ kind: "table", table });
  }
  h("五、存在的主要问题及改进情况");
  p("政府信息公开工作取得了一定成效，但仍存在公开内容不够全面、政策解读形式较为单一等问题。下一步将进一步加强政策解读，提高公开质量。");
  h("六、其他需要报告的事项");
  p("本机关本年度未收取信息处理费。");
  for (const line of o.chrome?.after ?? []) blocks.push({ kind: "chrome", line });
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Line-oriented forms

function chromeLine(line: ChromeLine, form: RenderForm): RenderedLine {
  if (typeof line === "string") return { text: line, kind: "chrome" };
  const text = form === "markdown" ? `| ${line.join(" | ")} |` : `${line.map((c) => `${c} |`).join(" ")}`;
  return { text, kind: "chrome" };
}

function cellLines(table: LayoutTable, o: Resolved): RenderedLine[] {
  const out: RenderedLine[] = [];
  const part = table.part;
  const last = table.rows.length - 1;
  table.rows.forEach((row, r) => {
    if (o.rowSeparator === "pipe-before") out.push({ text: "|", kind: "separator", table: part, row: r });
    const padding = r < last && row.length < table.width ? "|".repeat(table.width - row.length) : "";
    row.forEach((cell, i) => {
      const t = cellText(cell, o);
      const inline = o.paddingInline && padding !== "" && i === row.length - 1 ? ` ${padding}` : "";
      out.push({ text: `${t === "" ? "|" : `${t} |`}${inline}`, kind: "cell", table: part, row: r, cells: [cell] });
    });
    if (padding !== "" && !o.paddingInline) out.push({ text: padding, kind: "padding", table: part, row: r });
    if (r < last && o.rowSeparator === "pipe-after") out.push({ text: "|", kind: "separator", table: part, row: r });
    if (r < last && o.rowSeparator === "double-pipe") out.push({ text: "||", kind: "separator", table: part, row: r });
  });
  return out;
}

function rowLines(table: LayoutTable, o: Resolved): RenderedLine[] {
  const last = table.rows.length - 1;
  const space = o.doubleSpace ? "  " : " ";
  return table.rows.map((row, r) => {
    let text = row.map((cell) => `${cellText(cell, o)}${space}|`).join(" ");
    if (o.leadingPipe) text = `| ${text}`;
    if (o.spanPipes && r < last && row.length < table.width) text += ` ${"|".repeat(table.width - row.length)}`;
    return { text, kind: "row" as const, table: table.part, row: r, cells: row };
  });
}

/** The grid of a table, W cells per row, with `null` where a span covers the place. */
function fillGrid(table: LayoutTable): Array<Array<LayoutCell | null>> {
  const grid: Array<Array<LayoutCell | null | undefined>> = table.rows.map(() => new Array(table.width).fill(undefined));
  table.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (grid[r]![col] !== undefined) col++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          const target = grid[r + dr];
          if (target) target[col + dc] = dr === 0 && dc === 0 ? cell : null;
        }
      }
      col += cell.colspan;
    }
  });
  return grid.map((row) => row.map((c) => c ?? null));
}

function markdownLines(table: LayoutTable, o: Resolved): RenderedLine[] {
  const out: RenderedLine[] = [];
  const rows = o.spans === "fill" ? fillGrid(table) : table.rows;
  rows.forEach((row, r) => {
    const texts = row.map((cell) => (cell ? cellText(cell, o).replace(/\n/g, "<br>") : ""));
    const cells = row.filter((c): c is LayoutCell => c !== null);
    out.push({ text: `| ${texts.join(" | ")} |`, kind: "row", table: table.part, row: r, cells });
    if (r === 0) out.push({ text: `| ${texts.map(() => "---").join(" | ")} |`, kind: "delimiter", table: table.part, row: r });
  });
  return out;
}

/**
 * The page as line records, for the line-oriented forms (`cell-lines`, `row-lines`,
 * `markdown`); HTML comes back as one `markup` line per tag line. Use it to mutate a
 * rendering line by line while knowing which table, row and cells each line carries.
 */
export function renderLines(model: ReportModel, form: RenderForm, options: RenderOptions = {}): RenderedLine[] {
  const o = resolve(model, options);
  if (form === "html") return htmlLines(model, o);
  const out: RenderedLine[] = [];
  const md = form === "markdown";
  const blank = () => {
    if (md && out.length > 0 && out[out.length - 1]!.kind !== "blank") out.push({ text: "", kind: "blank" });
  };
  for (const b of documentBlocks(model, o)) {
    switch (b.kind) {
      case "chrome":
        out.push(chromeLine(b.line, form));
        break;
      case "title":
        blank();
        out.push({ text: md && o.headingHashes ? `# ${b.text}` : b.text, kind: "title" });
        blank();
        break;
      case "prose":
        out.push({ text: b.text, kind: "prose" });
        blank();
        break;
      case "heading":
        out.push({ text: md && o.headingHashes ? `## ${b.text}` : b.text, kind: "heading" });
        blank();
        break;
      case "table":
        out.push(...(form === "cell-lines" ? cellLines(b.table, o) : form === "row-lines" ? rowLines(b.table, o) : markdownLines(b.table, o)));
        blank();
        break;
    }
  }
  while (out.length > 0 && out[out.length - 1]!.kind === "blank") out.pop();
  return out;
}

/** Joins line records with `newline`, also inside cells whose text holds a break. */
export function joinLines(lines: readonly RenderedLine[], newline: "\n" | "\r\n" = "\n"): string {
  const text = lines.map((l) => l.text).join("\n");
  return newline === "\n" ? text : text.replace(/\r?\n/g, newline);
}

/**
 * One `<td>` per line with ` |`, and after each row a line of W − n pipes (n: the cells the
 * row printed; cells under a rowspan print nothing; the last row of a table prints none):
 * the form of the seed report, which `SEED_STYLE` reproduces exactly.
 */
export function renderCellLines(model: ReportModel, options: RenderOptions = {}): string {
  return joinLines(renderLines(model, "cell-lines", options), options.newline);
}

/** One `<tr>` per line, `规章 | 0 | 0 | 0 |`, the other common scraper output. */
export function renderRowLines(model: ReportModel, options: RenderOptions = {}): string {
  return joinLines(renderLines(model, "row-lines", options), options.newline);
}

/** Markdown pipe tables (`| a | b |` + `| --- |`) and blank-line-separated paragraphs, as from an HTML→markdown converter. */
export function renderMarkdown(model: ReportModel, options: RenderOptions = {}): string {
  return joinLines(renderLines(model, "markdown", options), options.newline);
}

/** The page before scraping: real `<table>`s with rowspan/colspan, optionally Word-pasted spans. */
export function renderHtml(model: ReportModel, options: RenderOptions = {}): string {
  return joinLines(renderLines(model, "html", options), options.newline);
}

/** Renders in the named form; the dispatcher for properties that range over forms. */
export function render(model: ReportModel, form: RenderForm, options: RenderOptions = {}): string {
  return joinLines(renderLines(model, form, options), options.newline);
}

// ---------------------------------------------------------------------------------------
// HTML

const escapeHtml = (s: string) => (s === "&nbsp;" ? s : s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));

/** Word splits runs at arbitrary places; here, deterministically, in the middle. */
function wordRuns(t: string, isValue: boolean): string {
  const chars = [...t];
  const attr = isValue ? ' lang="EN-US"' : ' style="font-family:仿宋_GB2312"';
  if (chars.length < 2) return `<span${attr}>${escapeHtml(t)}</span>`;
  const mid = Math.floor(chars.length / 2);
  return `<span${attr}>${escapeHtml(chars.slice(0, mid).join(""))}</span><span${attr}>${escapeHtml(chars.slice(mid).join(""))}</span>`;
}

function htmlCell(cell: LayoutCell, o: Resolved): string {
  const attrs = `${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ""}${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ""}`;
  let inner: string;
  if (cell.role === "value") {
    const t = valueText(cell, o);
    // In HTML a blank written `&nbsp;` is the entity, not text: never split or escape it.
    const blank = t.trim() === "" || t.trim() === "&nbsp;";
    if (o.wordSpans) inner = `<p class="MsoNormal" align="center">${blank ? `<span lang="EN-US"><o:p>&nbsp;</o:p></span>` : wordRuns(t, true)}</p>`;
    else inner = blank ? (t === "" ? "" : "&nbsp;") : escapeHtml(t);
  } else {
    const t = labelText(cell, o, true);
    const parts = t.split("\u0000");
    inner = o.wordSpans
      ? `<p class="MsoNormal" align="center">${parts.map((x) => wordRuns(x, false)).join("<br />")}</p>`
      : parts.map(escapeHtml).join("<br />");
  }
  return `<td${attrs} valign="center">${inner}</td>`;
}

function htmlLines(model: ReportModel, o: Resolved): RenderedLine[] {
  const title = escapeHtml(prose(reportTitle(model), o));
  const out: RenderedLine[] = [];
  const m = (text: string) => out.push({ text, kind: "markup" });
  m("<!DOCTYPE html>");
  m("<html>");
  m("<head>");
  m(`<meta http-equiv="Content-Type" content="text/html; charset=${o.charset}">`);
  m(`<title>${title}</title>`);
  m("</head>");
  m("<body>");
  const blocks = documentBlocks(model, o);
  let inside = false;
  for (const b of blocks) {
    if (b.kind !== "chrome" && !inside) {
      m('<div class="article">');
      inside = true;
    }
    switch (b.kind) {
      case "chrome":
        if (inside) {
          m("</div>");
          inside = false;
        }
        if (typeof b.line === "string") m(`<div class="chrome">${escapeHtml(b.line)}</div>`);
        else m(`<table class="xxgk"><tr>${b.line.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr></table>`);
        break;
      case "title":
        m(`<h1 class="title">${escapeHtml(b.text)}</h1>`);
        break;
      case "prose":
        m(`<p style="text-indent:2em">${escapeHtml(b.text)}</p>`);
        break;
      case "heading":
        m(`<p style="text-indent:2em"><strong>${escapeHtml(b.text)}</strong></p>`);
        break;
      case "table":
        m('<table border="1" cellspacing="0" cellpadding="0" width="100%">');
        m("<tbody>");
        b.table.rows.forEach((row, r) => {
          out.push({ text: `<tr>${row.map((cell) => htmlCell(cell, o)).join("")}</tr>`, kind: "row", table: b.table.part, row: r, cells: row });
        });
        m("</tbody>");
        m("</table>");
        break;
    }
  }
  if (inside) m("</div>");
  m("</body>");
  m("</html>");
  return out;
}
