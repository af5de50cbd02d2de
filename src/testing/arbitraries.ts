/**
 * fast-check arbitraries for reports, cells, labels and headings. fast-check is imported only
 * here and by the tool-layout options (tools.ts), both reached only through `zfxxgk/testing`,
 * so the main entry never loads the optional peer.
 *
 * Models are built bottom-up so the accounting identities hold by construction: sub-rows,
 * then each row's 总计, then （七）总计 as the column sums of the result rows, then
 * 一、本年新收 chosen so that 一 + 二 = （七） + 四. Breaking identities is a separate,
 * explicit step, so a property can tell "the parser flagged a real inconsistency" from
 * "the generator produced one".
 *
 * Why one file: the generators build on one another bottom-up (values → rows → tables → the
 * report; cells, labels and headings reuse the value, space and null-policy pieces), and the
 * render-option arbitrary is the one list of artifacts per form. It is sectioned: values,
 * meta, tables, cells, labels, headings, render options.
 */
import * as fc from "fast-check";
import {
  APPLICANT_COLUMNS,
  OUTCOME_COLUMNS,
  OUTCOME_GROUPS,
  PROACTIVE_ROWS_2019,
  PROACTIVE_ROWS_2021,
  REQUEST_ROWS_2019,
  REQUEST_ROWS_2021,
  type ProactiveColumnDef,
} from "../templates/grid.js";
import type { Applicants, Outcomes, Proactive, Requests, ReviewsAndLawsuits } from "../model/types.js";
import { TABLE_HEADINGS, toFullWidth, toHalfWidth, toTraditional } from "./labels.js";
import { layoutTables } from "./layout.js";
import { expectedChecks, type GeneratedReport, type RenderTemplate } from "./model.js";
import type { BrMode, RenderForm, RenderOptions } from "./options.js";

// ---------------------------------------------------------------------------------------
// Values

/** How full a generated report's tables are; real reports range from all-zero to busy. */
type Density = "empty" | "sparse" | "busy";

/** A count: mostly 0, often small, sometimes in the thousands, rarely in the millions (汇总 reports). */
function count(density: Density, max = 20_000_000): fc.Arbitrary<number> {
  if (density === "empty") return fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) });
  return fc.oneof(
    { weight: density === "sparse" ? 16 : 4, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 9 }) },
    { weight: 3, arbitrary: fc.integer({ min: 10, max: Math.min(999, max) }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(1000, max), max }) },
  );
}

/** Money in 万元 or 元: integers and decimals with at most three places (`1424.4`, `4068.208`). */
const money: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 10_000_000 }).map((k) => k / 1000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map((k) => k / 10) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99_999_999 }) },
);

/** 本年增/减: signed, mostly 0 or small. */
const change: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: -50, max: 50 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5000, max: 5000 }) },
);

/** Where nulls (blank cells) may appear. */
export type NullPolicy = "none" | "safe" | "anywhere";

/** `value` or, with probability 1/`oneIn`, null. */
function maybeNull(value: fc.Arbitrary<number>, oneIn: number): fc.Arbitrary<number | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

// ---------------------------------------------------------------------------------------
// Meta

const PLACES = [
  "泗阳县", "城口县", "武汉市", "宿迁市", "南京市江宁区", "上海市", "汉阳区", "兰溪市", "宁国市", "会昌县",
  "孝感市", "乌海市", "湖里区", "龙岗区", "铜陵市", "济南市历下区", "三明市", "阿坝州", "九原区", "海淀区",
];
const BODIES = [
  "人民政府", "人民政府办公室", "行政审批局", "生态环境局", "教育局", "财政局", "卫生健康委员会", "市场监督管理局",
  "自然资源和规划局", "住房和城乡建设局", "发展和改革委员会", "统计局", "审计局", "信访局", "司法局", "民政局",
  "交通运输局", "水利局", "农业农村局", "文化广电和旅游局", "应急管理局", "医疗保障局", "城市管理局",
  "人力资源和社会保障局", "国有资产监督管理委员会",
];
const TOWNS = ["城厢", "众兴", "王集", "新袁", "李口", "临河", "东关", "西城", "高渡", "卢集"];

/**
 * Names of reporting bodies as they appear in titles: county and city bureaus, governments
 * and their offices, townships (镇人民政府) and sub-districts (街道办事处).
 */
export function agencyArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...BODIES)).map(([p, b]) => p + b) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...TOWNS)).map(([p, t]) => `${p}${t}镇人民政府`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...TOWNS)).map(([p, t]) => `${p}${t}街道办事处`) },
  );
}

const TITLE_PATTERNS: ReadonlyArray<(agency: string, year: number) => string> = [
  (a, y) => `${a}${y}年政府信息公开工作年度报告`,
  (a, y) => `${a}${y}年度政府信息公开工作年度报告`,
  (a, y) => `${y}年${a}政府信息公开工作年度报告`,
];

// ---------------------------------------------------------------------------------------
// Tables

function proactiveArbitrary(template: RenderTemplate, density: Density, nulls: NullPolicy): fc.Arbitrary<Proactive> {
  const defs = template === "2019" ? PROACTIVE_ROWS_2019 : PROACTIVE_ROWS_2021;
  const cell = (c: ProactiveColumnDef): fc.Arbitrary<number | null> => {
    const base = c.key === "change" ? change : c.key === "amount" || c.key === "totalAmount" ? money : count(density);
    return nulls === "none" ? base : maybeNull(base, 10);
  };
  const rows: Record<string, fc.Arbitrary<Record<string, number | null>>> = {};
  for (const def of defs) {
    const columns: Record<string, fc.Arbitrary<number | null>> = {};
    for (const c of def.columns) columns[c.key] = cell(c);
    rows[def.key] = fc.record(columns);
  }
  return fc.record(rows) as unknown as fc.Arbitrary<Proactive>;
}

const PARTS = APPLICANT_COLUMNS.filter((c) => c.key !== "total").map((c) => c.key);

function applicants(values: readonly number[]): Applicants {
  const row: Record<string, number> = {};
  PARTS.forEach((k, i) => (row[k] = values[i]!));
  row.total = values.reduce((a, b) => a + b, 0);
  return row as unknown as Applicants;
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function requestsArbitrary(template: RenderTemplate, density: Density): fc.Arbitrary<Requests> {
  const defs = template === "2019" ? REQUEST_ROWS_2019 : REQUEST_ROWS_2021;
  const results = defs.filter((d) => d.path.startsWith("results.") && d.path !== "results.total");
  const six = (max: number) => fc.array(count(density, max), { minLength: PARTS.length, maxLength: PARTS.length });
  return fc
    .record({
      results: fc.array(six(50_000), { minLength: results.length, maxLength: results.length }),
      carriedOver: six(3000),
      carriedForward: six(3000),
    })
    .map(({ results: rows, carriedOver, carriedForward }) => {
      const model: Record<string, unknown> = {};
      const totals = PARTS.map(() => 0);
      const resultRows = new Map<string, Applicants>();
      results.forEach((def, i) => {
        const values = rows[i]!;
        values.forEach((v, c) => (totals[c]! += v));
        resultRows.set(def.path, applicants(values));
      });
      // 一 + 二 = （七） + 四, per column: pick 一 from the others, raising 四 when 二 alone exceeds （七）.
      const forward = carriedForward.slice();
      const received = PARTS.map((_, c) => {
        const n = Math.max(0, totals[c]! + forward[c]! - carriedOver[c]!);
        forward[c] = n + carriedOver[c]! - totals[c]!;
        return n;
      });
      for (const def of defs) {
        if (def.path === "newReceived") setPath(model, def.path, applicants(received));
        else if (def.path === "carriedOver") setPath(model, def.path, applicants(carriedOver));
        else if (def.path === "results.total") setPath(model, def.path, applicants(totals));
        else if (def.path === "carriedForward") setPath(model, def.path, applicants(forward));
        else setPath(model, def.path, resultRows.get(def.path));
      }
      return model as Requests;
    });
}

function reviewsArbitrary(density: Density): fc.Arbitrary<ReviewsAndLawsuits> {
  const parts = OUTCOME_COLUMNS.filter((c) => c.key !== "total").map((c) => c.key);
  const group = fc.array(count(density === "busy" ? "sparse" : density, 2000), { minLength: parts.length, maxLength: parts.length }).map((values) => {
    const g: Record<string, number> = {};
    parts.forEach((k, i) => (g[k] = values[i]!));
    g.total = values.reduce((a, b) => a + b, 0);
    return g as unknown as Outcomes;
  });
  const groups: Record<string, fc.Arbitrary<Outcomes>> = {};
  for (const g of OUTCOME_GROUPS) groups[g.key] = group;
  return fc.record(groups) as fc.Arbitrary<ReviewsAndLawsuits>;
}

/** Paths of every operand of an identity (all numbers of 三 and 四), for breaking and for nulls. */
function identityPaths(report: GeneratedReport): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === "number" || node === null) paths.push(path);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
  };
  walk(report.requests, "requests");
  walk(report.reviewsAndLawsuits, "reviewsAndLawsuits");
  return paths;
}

function getNum(root: unknown, path: string): number | null {
  let node = root;
  for (const k of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
  return typeof node === "number" ? node : null;
}

function setNum(root: unknown, path: string, value: number | null): void {
  const keys = path.split(".");
  let node = root as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/** A change that breaks identities: one cell, or a cell and its row's 总计 together (the row still adds up, the column does not). */
interface Break {
  pick: number;
  delta: number;
  withTotal: boolean;
}

function applyBreaks(report: GeneratedReport, breaks: readonly Break[]): void {
  const paths = identityPaths(report).filter((p) => getNum(report, p) !== null);
  if (paths.length === 0) return;
  for (const b of breaks) {
    const path = paths[b.pick % paths.length]!;
    setNum(report, path, getNum(report, path)! + b.delta);
    const total = path.replace(/\.[^.]+$/, ".total");
    if (b.withTotal && total !== path && getNum(report, total) !== null) setNum(report, total, getNum(report, total)! + b.delta);
  }
  // Breaks can cancel out (the same delta on both sides of a balance); make sure one fails.
  const statuses = expectedChecks(report);
  if ([...statuses.values()].includes("fail")) return;
  const id = [...statuses.entries()].find(([, s]) => s === "pass")?.[0];
  if (id === undefined) return;
  const target = id.startsWith("reviewsAndLawsuits.total.")
    ? `reviewsAndLawsuits.${id.split(".")[2]}.total`
    : id.startsWith("requests.rowTotal.")
      ? `requests.${id.slice("requests.rowTotal.".length)}.total`
      : `requests.results.total.${id.split(".")[2]}`;
  setNum(report, target, getNum(report, target)! + 1);
}

/** Options of {@link reportArbitrary}. */
export interface ReportArbitraryOptions {
  /** Which template's tables to fill. */
  template: RenderTemplate;
  /**
   * `true`: every model has at least one failing identity (a cell, or a cell together with
   * its row's 总计, changed after construction). Default `false`: every identity holds.
   */
  breakIdentities?: boolean;
  /**
   * Where blank (null) cells may appear. `safe` (default): only in 二, which no identity
   * reads, so every check stays decidable; `anywhere`: also in 三 and 四, where they make
   * checks `incomplete`; `none`: never.
   */
  nulls?: NullPolicy;
}

/**
 * Report models of one template as a page would print them: realistic value distributions
 * (mostly zeros, occasional large 汇总 figures, 万元 decimals, signed 本年增/减, blanks) with
 * every accounting identity holding unless `breakIdentities` asks otherwise. The result
 * carries only what the renderers print: `template`, `meta.{title,agency,year}` and the
 * three tables.
 */
export function reportArbitrary(options: ReportArbitraryOptions): fc.Arbitrary<GeneratedReport> {
  const { template } = options;
  const nulls = options.nulls ?? "safe";
  const years = template === "2021" ? { min: 2021, max: 2025 } : { min: 2019, max: 2022 };
  const density = fc.constantFrom<Density>("empty", "sparse", "sparse", "busy");
  const breaks = fc.array(
    fc.record({ pick: fc.nat(), delta: fc.integer({ min: 1, max: 120 }), withTotal: fc.boolean() }),
    { minLength: 1, maxLength: 3 },
  );
  const blanks = fc.array(fc.nat(), { maxLength: 4 });
  return density.chain((d) =>
    fc
      .record({
        agency: agencyArbitrary(),
        year: fc.integer(years),
        titlePattern: fc.nat(TITLE_PATTERNS.length - 1),
        proactive: proactiveArbitrary(template, d, nulls),
        requests: requestsArbitrary(template, d),
        reviewsAndLawsuits: reviewsArbitrary(d),
        breaks: options.breakIdentities ? breaks : fc.constant([]),
        blanks: nulls === "anywhere" ? blanks : fc.constant([]),
      })
      .map((r) => {
        const report: GeneratedReport = {
          template,
          meta: { title: TITLE_PATTERNS[r.titlePattern]!(r.agency, r.year), agency: r.agency, year: r.year },
          proactive: r.proactive,
          requests: r.requests,
          reviewsAndLawsuits: r.reviewsAndLawsuits,
        };
        if (r.breaks.length > 0) applyBreaks(report, r.breaks);
        if (r.blanks.length > 0) {
          const paths = identityPaths(report);
          for (const pick of r.blanks) setNum(report, paths[pick % paths.length]!, null);
        }
        return report;
      }),
  );
}

// ---------------------------------------------------------------------------------------
// Cells

/** A cell text and what it must read as (model.md § Values). */
export interface CellTextSample {
  text: string;
  value: number | null;
  kind: "number" | "zero-word" | "blank" | "placeholder";
}

const SPACE = fc.constantFrom("", "", "", " ", "\u00a0", "\u3000", "&nbsp;", "  ");
const UNIT = fc.constantFrom("", "", "", "件", "条", "元", "万元", "项", "人次");

function groupThousands(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Cell texts in every spelling model.md § Values accepts — full-width digits, either comma
 * as thousands separator, signs, decimals, units, 无/〇/零, blanks with `&nbsp;`, the
 * placeholder dashes and slashes — each with the value it must read as.
 */
export function cellTextArbitrary(): fc.Arbitrary<CellTextSample> {
  const number = fc
    .record({
      magnitude: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1000, max: 99_999_999 }), fc.integer({ min: 1, max: 9_999_999 }).map((k) => k / 1000)),
      sign: fc.constantFrom("", "", "+", "-"),
      thousands: fc.constantFrom("", "", ",", "，"),
      fullWidth: fc.boolean(),
      unit: UNIT,
      before: SPACE,
      after: SPACE,
    })
    .map(({ magnitude, sign, thousands, fullWidth, unit, before, after }): CellTextSample => {
      const [int = "", frac] = String(magnitude).split(".");
      let body = (thousands ? groupThousands(int, thousands) : int) + (frac === undefined ? "" : `.${frac}`);
      if (fullWidth) body = body.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(".", "．");
      const signed = magnitude === 0 ? "" : sign;
      const value = signed === "-" ? -magnitude : magnitude;
      return { text: `${before}${signed}${body}${unit}${after}`, value: value === 0 ? 0 : value, kind: "number" };
    });
  const zero = fc.tuple(fc.constantFrom("无", "〇", "零"), SPACE, SPACE).map(([w, a, b]): CellTextSample => ({ text: `${a}${w}${b}`, value: 0, kind: "zero-word" }));
  const blank = fc.constantFrom("", " ", "\u00a0", "\u3000", "&nbsp;", " &nbsp; ", "\t").map((text): CellTextSample => ({ text, value: null, kind: "blank" }));
  const placeholder = fc
    .tuple(fc.constantFrom("-", "—", "–", "--", "——", "/", "／", "\\"), SPACE)
    .map(([p, s]): CellTextSample => ({ text: `${s}${p}${s}`, value: null, kind: "placeholder" }));
  return fc.oneof({ weight: 6, arbitrary: number }, { weight: 1, arbitrary: zero }, { weight: 1, arbitrary: blank }, { weight: 1, arbitrary: placeholder });
}

// ---------------------------------------------------------------------------------------
// Labels

/** An official label and a drifted spelling of it that must match it after normalisation. */
export interface LabelSample {
  /** The layout cell id (or `heading.<part>` for a section heading). */
  id: string;
  official: string;
  text: string;
}

function officialLabels(template: RenderTemplate): Array<{ id: string; text: string }> {
  const zero = { template, meta: { title: null, agency: null, year: null }, proactive: {}, requests: {}, reviewsAndLawsuits: {} };
  const labels: Array<{ id: string; text: string }> = [];
  for (const table of layoutTables(zero)) {
    labels.push({ id: `heading.${table.part}`, text: table.heading });
    for (const row of table.rows) for (const cell of row) if (cell.role !== "value") labels.push({ id: cell.id, text: cell.text });
  }
  return labels;
}

/**
 * Official labels (captions, headers, row and group labels, section headings) with the
 * drift of real pages: white space inserted anywhere (space, NBSP, U+3000), brackets,
 * colons and commas of the other width, curly quotes made straight or dropped, and some or
 * all characters in traditional form. `<br>` truncation is not drift — it changes what the
 * label says — and is left to the renderers.
 */
export function labelArbitrary(options: { template?: RenderTemplate } = {}): fc.Arbitrary<LabelSample> {
  const labels = options.template ? officialLabels(options.template) : [...officialLabels("2021"), ...officialLabels("2019")];
  return fc
    .record({
      label: fc.constantFrom(...labels),
      width: fc.constantFrom("keep", "half", "full", "mixed"),
      quotes: fc.constantFrom("keep", "straight", "none", "corner"),
      traditional: fc.constantFrom("none", "all", "some"),
      some: fc.array(fc.boolean(), { maxLength: 64 }),
      spaces: fc.array(fc.record({ at: fc.nat(), space: fc.constantFrom(" ", "\u00a0", "\u3000", "  ") }), { maxLength: 3 }),
    })
    .map(({ label, width, quotes, traditional, some, spaces }): LabelSample => {
      let t = label.text;
      if (width === "half") t = toHalfWidth(t);
      else if (width === "full") t = toFullWidth(toHalfWidth(t));
      else if (width === "mixed") t = t.replace("（", "(");
      if (quotes === "straight") t = t.replace(/[“”]/g, '"');
      else if (quotes === "none") t = t.replace(/[“”]/g, "");
      else if (quotes === "corner") t = t.replace("“", "「").replace("”", "」");
      if (traditional === "all") t = toTraditional(t);
      else if (traditional === "some") t = [...t].map((ch, i) => (some[i % Math.max(1, some.length)] ? toTraditional(ch) : ch)).join("");
      const chars = [...t];
      for (const { at, space } of spaces) chars.splice(1 + (at % Math.max(1, chars.length - 1)), 0, space);
      return { id: label.id, official: label.text, text: chars.join("") };
    });
}

// ---------------------------------------------------------------------------------------
// Headings

/** A heading line and what the parser must read from it. */
export interface HeadingSample {
  text: string;
  /** The number the marker stands for (一 → 1, （三） → 3, 12. → 12). */
  ordinal: number;
  /** The title without its marker (spaces of a spaced `一 概 述` removed). */
  title: string;
  style: "chinese" | "paren-chinese" | "arabic" | "paren-arabic" | "ordinal";
}

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const TITLES = [
  "总体情况", "概述", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
  "存在的主要问题及改进情况", "其他需要报告的事项", "主动公开情况", "依申请公开情况", "政府信息管理", "平台建设",
  "监督保障", "组织领导和制度建设", "重点领域信息公开情况", "政策解读", "回应社会关切",
];

/**
 * Heading lines in the numbering styles of real reports: `一、` `一.` `一．` `一 概 述`
 * (spaced, no comma) `—、` (a dash for 一), `（一）` `(一)`, `1.` `1、` `1. `, `（1）`, `第一，`,
 * optionally behind markdown `## `.
 */
export function headingArbitrary(): fc.Arbitrary<HeadingSample> {
  const title = fc.constantFrom(...TITLES);
  const cn = fc.integer({ min: 1, max: 12 });
  const chinese = fc.tuple(cn, title, fc.constantFrom("、", ".", "．", "，", "spaced", "dash")).map(([n, t, sep]): HeadingSample => {
    // Spaced titles (`一 概 述`) come from justified Word headings: short, no punctuation.
    if (sep === "spaced" && !/[、，]/.test(t)) return { text: `${CN[n]} ${[...t].join(" ")}`, ordinal: n, title: t, style: "chinese" };
    if (sep === "spaced") return { text: `${CN[n]}、${t}`, ordinal: n, title: t, style: "chinese" };
    if (sep === "dash") return { text: `—、${t}`, ordinal: 1, title: t, style: "chinese" };
    return { text: `${CN[n]}${sep}${t}`, ordinal: n, title: t, style: "chinese" };
  });
  const paren = fc.tuple(cn, title, fc.constantFrom(["（", "）"], ["(", ")"])).map(([n, t, [o, c]]): HeadingSample => ({ text: `${o}${CN[n]}${c}${t}`, ordinal: n, title: t, style: "paren-chinese" }));
  const arabic = fc.tuple(fc.integer({ min: 1, max: 20 }), title, fc.constantFrom(".", "、", ". ", "．")).map(([n, t, sep]): HeadingSample => ({ text: `${n}${sep}${t}`, ordinal: n, title: t, style: "arabic" }));
  const parenArabic = fc.tuple(fc.integer({ min: 1, max: 20 }), title).map(([n, t]): HeadingSample => ({ text: `（${n}）${t}`, ordinal: n, title: t, style: "paren-arabic" }));
  const ordinal = fc.tuple(fc.integer({ min: 1, max: 10 }), title, fc.constantFrom("，", "、")).map(([n, t, sep]): HeadingSample => ({ text: `第${CN[n]}${sep}${t}`, ordinal: n, title: t, style: "ordinal" }));
  const plain = fc.oneof(chinese, paren, arabic, parenArabic, ordinal);
  return fc.tuple(plain, fc.boolean()).map(([h, md]) => (md && h.style === "chinese" ? { ...h, text: `## ${h.text}` } : h));
}

/** The section headings of the three tables, for callers that build pages by hand. */
export const SECTION_HEADINGS = TABLE_HEADINGS;

// ---------------------------------------------------------------------------------------
// Render options

/** The artifact switches of {@link RenderOptions} that {@link renderOptionsArbitrary} can vary. */
export type ArtifactName = Exclude<keyof RenderOptions, "charset">;

const FORM_ARTIFACTS: Record<RenderForm, readonly ArtifactName[]> = {
  "cell-lines": ["punctuation", "br", "spacedLabels", "traditional", "blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp", "newline", "chrome", "title", "rowSeparator", "paddingInline"],
  "row-lines": ["punctuation", "br", "spacedLabels", "traditional", "blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp", "newline", "chrome", "title", "spanPipes", "leadingPipe", "doubleSpace"],
  markdown: ["punctuation", "br", "spacedLabels", "traditional", "blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp", "newline", "chrome", "title", "spans", "headingHashes"],
  html: ["punctuation", "br", "spacedLabels", "traditional", "blank", "zero", "thousands", "fullWidthDigits", "plusSign", "units", "nbsp", "newline", "chrome", "title", "wordSpans"],
};

const ARTIFACT_VALUES: { [K in ArtifactName]: fc.Arbitrary<RenderOptions[K]> } = {
  punctuation: fc.constantFrom("full", "half"),
  br: fc.constantFrom<BrMode>("none", "space", "newline", "truncate"),
  spacedLabels: fc.boolean(),
  traditional: fc.boolean(),
  blank: fc.constantFrom("", "-", "—", "/", "&nbsp;"),
  zero: fc.constantFrom("0", "无", "〇", "零"),
  thousands: fc.boolean(),
  fullWidthDigits: fc.boolean(),
  plusSign: fc.boolean(),
  units: fc.boolean(),
  nbsp: fc.boolean(),
  newline: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
  chrome: fc.boolean(),
  title: fc.boolean(),
  rowSeparator: fc.constantFrom("none", "pipe-before", "pipe-after", "double-pipe"),
  paddingInline: fc.boolean(),
  spanPipes: fc.boolean(),
  leadingPipe: fc.boolean(),
  doubleSpace: fc.boolean(),
  spans: fc.constantFrom("visible", "fill"),
  headingHashes: fc.boolean(),
  wordSpans: fc.boolean(),
};

/** The artifacts that apply to a form, for properties that range over all of them. */
export function formArtifacts(form: RenderForm): readonly ArtifactName[] {
  return FORM_ARTIFACTS[form];
}

/**
 * Render options for a form with each listed artifact switched on or off at random (all
 * that apply to the form by default). Lets a property range over artifact combinations
 * while naming, through `artifacts`, the ones a given parser version supports.
 */
export function renderOptionsArbitrary(form: RenderForm, artifacts: readonly ArtifactName[] = FORM_ARTIFACTS[form]): fc.Arbitrary<RenderOptions> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of artifacts) fields[name] = ARTIFACT_VALUES[name];
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<RenderOptions>;
}
