/**
 * meta: title, agency, year, publication date and the page's header block, read from the
 * content. No single regex is trusted for the year: the statistics period, the title and
 * the report's own mentions of itself are collected as separate witnesses, the strongest
 * wins, and a disagreement between them is reported rather than resolved silently.
 */
import type { Block, Position } from "../ast/types.js";
import type { Meta } from "../model/types.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import type { NormalizeContext } from "./context.js";
import { HAN } from "../text/chars.js";
import { mayHoldHan, normalizeLabel, simplify } from "../text/labels.js";

/** Header-block labels (spaces removed) and the meta field they fill. */
const HEADER_LABELS = [
  "索引号", "信息索引号", "索引編號", "分类", "组配分类", "主题分类", "体裁分类", "发布机构", "发文机关",
  "发文日期", "发布日期", "成文日期", "公文生成日期", "文号", "发文字号", "发布文号", "备注/文号", "有效性",
  "信息有效性", "时效", "名称", "信息名称", "文件名称", "关键词", "信息来源", "主题导航", "内容概述", "公开方式",
  "公开日期", "发布时间", "生成日期", "信息分类", "所属机构", "主题词", "来源", "公开时限", "公开范围", "公开形式",
  // A crawler's own header lines (`标题: …`, `栏目: …`, `原文链接: …`) before the page text.
  "标题", "文章标题", "栏目", "所属栏目", "原文链接", "原文地址", "链接", "网址", "文章来源", "发布单位",
];
const HEADER_SET = new Set(HEADER_LABELS.map(normalizeLabel));

/** Header labels whose value is the page's title: `标题：…` names the report, the label is not part of it. */
const TITLE_KEYS = new Set(["标题", "文章标题", "名称", "信息名称", "文件名称"].map(normalizeLabel));

/**
 * A `label：value` header line whose label is a header field: `标题：…` yields its value
 * (the title without its label); any other field yields null, because a `栏目：政府信息公开年报`
 * or `当前位置：首页 > …` line names the report's category, not the report. Undefined for a
 * line that is not a header field, which the title test then reads as it stands.
 */
function headerFieldTitle(v: string): { value: string; skip: number } | null | undefined {
  const m = /^([^:：]{1,12})[:：][ \t\u3000]*/.exec(v);
  if (!m) return undefined;
  const key = normalizeLabel(m[1]!);
  if (TITLE_KEYS.has(key)) {
    const rest = v.slice(m[0].length).split(/\s{2,}|\t/)[0]!.trim();
    return { value: rest, skip: m[0].length };
  }
  return HEADER_SET.has(key) || key === "当前位置" || key === "您的位置" || key === "您所在的位置" ? null : undefined;
}

import { agencyKey, agencyKind, resolveDivision } from "./agency.js";

/** Suffixes that end the name of a reporting body. */
const AGENCY_END =
  "(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|管理委员会|委员会|管委会|办事处|街道|机关|局|厅|委|办|院|部|署|中心|公司|集团|处|所|站|队|社|馆|会|镇|乡)";
const CJK = `[${HAN}（）()]`;

/** A year witness: where it was read and how much it is trusted. */
interface YearWitness {
  year: number;
  source: string;
  rank: number;
  position: Position;
}

const plausibleYear = (y: number) => y >= 2007 && y <= 2100;

/** Reads meta from the blocks before/around the body. */
export function readMeta(blocks: Block[], ctx: NormalizeContext): Meta {
  const header = readHeaderBlock(blocks);
  const title = findTitle(blocks);
  const prose = lines(blocks);
  const year = findYear(prose, title, ctx);
  const agency = findAgency(prose, title, header, year);
  if (agency === null) {
    ctx.report(
      DiagnosticCodes.agencyNotFound,
      "no reporting agency found in the title, header block or opening sentence (未找到报告机关)",
      ctx.index.position(0, 0),
      "meta.agency",
    );
  }
  if (year === null) {
    ctx.report(
      DiagnosticCodes.yearNotFound,
      "no reporting year found in the title, statistics period or opening sentence (未找到报告年度)",
      ctx.index.position(0, 0),
      "meta.year",
    );
  }
  const place = resolveDivision(agency, [title?.value ?? "", ...Object.values(header), ...prose.slice(0, 3).map((l) => l.value)]);
  if (agency !== null && place.division === null) {
    const at = title?.position ?? ctx.index.position(0, 0);
    if (place.candidates.length > 0) {
      const list = place.candidates.map((c) => `${c.code} ${c.province ?? ""}${c.city ?? ""}${c.county ?? ""}`).join(", ");
      ctx.report(DiagnosticCodes.divisionAmbiguous, `agency ${agency} fits ${place.candidates.length} divisions and nothing in the text decides: ${list} (行政区划不唯一)`, at, "meta.division");
    } else {
      ctx.report(DiagnosticCodes.divisionNotFound, `agency ${agency} names no administrative division (未识别行政区划)`, at, "meta.division");
    }
  }
  return {
    title: title?.value ?? null,
    agency,
    year,
    publishedAt: findPublishedAt(blocks, prose, header),
    indexNumber: pick(header, ["索引号", "信息索引号", "索引編號"]),
    documentNumber: pick(header, ["文号", "发文字号", "发布文号", "备注/文号"]),
    header,
    agencyKey: agencyKey(agency),
    agencyKind: agencyKind(agency),
    division: place.division,
  };
}

function pick(header: Record<string, string>, keys: string[]): string | null {
  for (const k of keys) {
    const v = header[k];
    if (v !== undefined && v.trim() !== "") return v.trim();
  }
  return null;
}

/** The most prose lines any reader below looks at (findYear: 60, findAgency: 30, dates: 6). */
const MAX_PROSE_LINES = 60;

/**
 * The first prose-like blocks (headings and paragraphs) with their positions, their text
 * simplified character for character so that the simplified patterns below also read
 * traditional pages. Computed once per report and shared by the readers, which used to
 * simplify the same lines once each.
 */
function lines(blocks: Block[]): Array<{ value: string; position: Position }> {
  const out: Array<{ value: string; position: Position }> = [];
  for (const b of blocks) {
    if (b.type === "table") continue;
    if (out.length === MAX_PROSE_LINES) break;
    out.push({ value: simplify(b.value), position: b.position });
  }
  return out;
}

/**
 * The header block: `索 引 号：xxx` lines, or table rows alternating label and value
 * cells, found before the body starts. Keys are labels with inner spaces removed.
 */
function readHeaderBlock(blocks: Block[]): Record<string, string> {
  const header: Record<string, string> = {};
  const limit = Math.min(blocks.length, 40);
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (b.type === "heading" && b.depth === 1 && b.marker.style !== "markdown") break;
    if (b.type === "paragraph") {
      for (const part of b.value.split(/\s{2,}|\t/)) {
        const m = /^([^:：]{1,12})[:：]\s*(.*)$/.exec(part.trim());
        if (!m) continue;
        const key = normalizeLabel(m[1]!);
        if (HEADER_SET.has(key) && header[key] === undefined) header[key] = m[2]!.trim();
      }
    } else if (b.type === "table") {
      for (const [r, row] of b.children.entries()) {
        const cells = row.children;
        // "" (no header label) for a cell that cannot normalise to one (see mayHoldHan):
        // this runs over every cell of the tables near the top, report tables included.
        const keys = cells.map((c) => (mayHoldHan(c.value) ? normalizeLabel(c.value.replace(/[:：]$/, "")) : ""));
        const next = b.children[r + 1];
        if (keys.length >= 2 && keys.every((k) => HEADER_SET.has(k)) && next && next.children.length === keys.length) {
          // A header row over a value row: `索引号 | 发布机构 | 发文日期` / `… | … | …`.
          keys.forEach((k, j) => {
            if (header[k] === undefined) header[k] = next.children[j]!.value;
          });
          continue;
        }
        for (let j = 0; j + 1 < cells.length; j++) {
          const key = keys[j]!;
          if (HEADER_SET.has(key) && header[key] === undefined) {
            header[key] = cells[j + 1]!.value;
            j++;
          }
        }
      }
    }
  }
  return header;
}

/** The title: a short line near the top naming a 政府信息公开 annual report. */
function findTitle(blocks: Block[]): { value: string; position: Position } | null {
  const prose = blocks.filter((b) => b.type !== "table").slice(0, 30);
  const isTitle = (v: string) => {
    // Breadcrumbs (`首页/ 政府信息公开 / 年报`) name the report too, but are not its title.
    if (v.length > 80 || /[。；]$/.test(v) || /[，,。《》/>»›]/.test(v)) return false;
    return /(?:信息公开|政务公开).*(?:年度报告|年报)/.test(normalizeLabel(v));
  };
  for (let i = 0; i < prose.length; i++) {
    const b = prose[i]!;
    const v = b.value.replace(/^#+\s*/, "");
    const field = headerFieldTitle(v);
    if (field === null) continue;
    if (field !== undefined) {
      if (!isTitle(field.value)) continue;
      const skip = b.value.length - v.length + field.skip;
      const { start } = b.position;
      const at = { line: start.line, column: start.column + skip, offset: start.offset + skip };
      return { value: field.value, position: { start: at, end: { ...at, column: at.column + field.value.length, offset: at.offset + field.value.length } } };
    }
    if (isTitle(v)) return { value: v, position: b.position };
    // A title hard-wrapped over two lines (PDF text): `2024 年上海市科委政府信息公开工作` / `年度报告`.
    const next = prose[i + 1];
    if (next && v.length <= 40 && next.value.length <= 20 && !isTitle(next.value) && isTitle(v + next.value)) {
      return { value: v + next.value, position: { start: b.position.start, end: next.position.end } };
    }
  }
  return null;
}

/** A sentence of the report naming itself: `2021年度…政府信息公开工作年度报告`. */
const REPORT_MENTION = /(\d{4})\s*年度?[^，,。；;《》“”]{0,40}?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)/;

function findYear(
  prose: ReadonlyArray<{ value: string; position: Position }>,
  title: { value: string; position: Position } | null,
  ctx: NormalizeContext,
): number | null {
  const witnesses: YearWitness[] = [];
  const add = (y: number, source: string, rank: number, position: Position) => {
    if (plausibleYear(y)) witnesses.push({ year: y, source, rank, position });
  };
  if (title) {
    const m = /(\d{4})\s*年/.exec(title.value);
    if (m) add(Number(m[1]), "title 标题", 2, title.position);
  }
  let seen = 0;
  for (const b of prose) {
    if (++seen > 60) break;
    const period = /(?:统计期限|统计时限|统计期间|统计时间|统计周期|数据统计)[^。]{0,24}?(\d{4})\s*年?\s*0?1\s*月?\s*0?1\s*日/.exec(b.value);
    if (period) add(Number(period[1]), "statistics period 统计期限", 1, b.position);
    const mention = REPORT_MENTION.exec(b.value);
    if (mention) add(Number(mention[1]), "report mention 年度报告", 3, b.position);
    if (seen <= 3) {
      const opening = /^(\d{4})\s*年/.exec(b.value);
      if (opening) add(Number(opening[1]), "opening sentence 开头", 4, b.position);
    }
  }
  if (witnesses.length === 0) return null;
  witnesses.sort((a, b) => a.rank - b.rank);
  const best = witnesses[0]!;
  const strong = witnesses.filter((w) => w.rank <= 2);
  const disagree = strong.find((w) => w.year !== best.year);
  if (disagree) {
    ctx.report(
      DiagnosticCodes.yearMismatch,
      `the ${best.source} says ${best.year} but the ${disagree.source} says ${disagree.year}; ${best.year} is used (年度不一致)`,
      disagree.position,
      "meta.year",
    );
  }
  return best.year;
}

/** The whole of an agency name: CJK characters ending in a body suffix. */
const AGENCY_NAME = new RegExp(`^${CJK}+${AGENCY_END}$`);

/** Cleans an agency candidate; null when it does not look like the name of a body. */
function cleanAgency(s: string | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/^[\s,，:：]+|[\s,，:：]+$/g, "").replace(/^(?:关于|本|我)/, "");
  if (t.length < 3 || t.length > 40) return null;
  if (!AGENCY_NAME.test(t)) return null;
  return t;
}

function findAgency(
  prose: ReadonlyArray<{ value: string; position: Position }>,
  title: { value: string; position: Position } | null,
  header: Record<string, string>,
  year: number | null,
): string | null {
  if (title) {
    const t = simplify(title.value).replace(/\s+/g, "");
    const before = /^(.+?)\d{4}年度?/.exec(t);
    const fromTitle = cleanAgency(before?.[1]) ?? cleanAgency(/\d{4}年度?(.+?)(?:政府)?(?:信息公开|政务公开)/.exec(t)?.[1]);
    if (fromTitle) return fromTitle;
  }
  const fromHeader = cleanAgency(simplify(header["发布机构"] ?? header["发文机关"] ?? header["发布单位"] ?? ""));
  if (fromHeader) return fromHeader;
  const yearRe = year ? String(year) : "\\d{4}";
  const mention = new RegExp(`${yearRe}\\s*年度?([^，,。；;《》“”\\s]{2,40}?)(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)`);
  const opening = new RegExp(`^(?:${yearRe}\\s*年度?[,，、]?)(${CJK}{2,30}?${AGENCY_END})(?=[^${HAN}]|坚持|积极|认真|深入|严格|紧紧|全面|始终|按照|根据|围绕|在|以|结合|高度)`);
  let seen = 0;
  let fallback: string | null = null;
  for (const b of prose) {
    if (++seen > 30) break;
    const m = cleanAgency(mention.exec(b.value)?.[1]);
    if (m) return m;
    if (fallback === null && seen <= 3) fallback = cleanAgency(opening.exec(b.value)?.[1]);
  }
  return fallback;
}

/** `2022年1月20日`, `2022-01-20`, `2022/1/20`, `2022.01.20` → `2022-01-20`. */
export function readDate(s: string): string | null {
  const m = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!plausibleYear(y) || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function findPublishedAt(
  blocks: Block[],
  prose: ReadonlyArray<{ value: string; position: Position }>,
  header: Record<string, string>,
): string | null {
  for (const k of ["发文日期", "发布日期", "成文日期", "公文生成日期", "公开日期", "发布时间", "生成日期"]) {
    const v = header[k];
    const d = v ? readDate(v) : null;
    if (d) return d;
  }
  // A dated line right under the title: `（2026年1月23日）` or `发布日期：2022-01-20`.
  let seen = 0;
  for (const b of prose) {
    if (++seen > 6) break;
    if (/^[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$/.test(b.value) || /^(?:发布|成文)(?:日期|时间)[:：]/.test(b.value)) {
      const d = readDate(b.value);
      if (d) return d;
    }
  }
  // A dated signature line among the last blocks.
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 4); i--) {
    const b = blocks[i]!;
    if (b.type === "paragraph" && /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(b.value)) return readDate(b.value);
  }
  return null;
}
