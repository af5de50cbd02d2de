/**
 * Which template a report follows, decided from its table labels — never from the year
 * alone, since 2021–2022 reports on the 2019 labels exist. The notice numbers
 * (国办公开办函〔2019〕60号 / 〔2021〕30号) and the year only break ties.
 *
 * A report without the post-2019 table family is `legacy` when it looks like a pre-2019
 * report (a statistics table, the old outline, a year before 2019) and `unknown` otherwise.
 */
import type { Block, Position, TableCell } from "../ast/types.js";
import type { Template } from "../model/types.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import type { NormalizeContext } from "./context.js";
import { findStatisticsHeader } from "./legacy.js";
import { isHanCode } from "../text/chars.js";
import { TextMemo } from "../text/memo.js";
import { PhraseIndex } from "../text/phrases.js";
import { mayHoldHan, normalizeLabel } from "../text/labels.js";
import { isValueText } from "../text/value.js";
import { TEMPLATE_SIGNALS, type Family } from "../templates/grid.js";

const SIGNALS: Record<Family, Array<{ label: string; phrases: string[] }>> = {
  "2021": TEMPLATE_SIGNALS["2021"].map((s) => ({ label: s.label, phrases: s.phrases.map(normalizeLabel) })),
  "2019": TEMPLATE_SIGNALS["2019"].map((s) => ({ label: s.label, phrases: s.phrases.map(normalizeLabel) })),
};
/** Every signal of both templates, 2021's first, in one index: each cell is scanned once. */
const ALL_SIGNALS: Array<{ family: Family; label: string }> = [
  ...SIGNALS["2021"].map((s) => ({ family: "2021" as const, label: s.label })),
  ...SIGNALS["2019"].map((s) => ({ family: "2019" as const, label: s.label })),
];
const SIGNAL_INDEX = new PhraseIndex([...SIGNALS["2021"], ...SIGNALS["2019"]].map((s) => s.phrases));

/** Labels that show a report has the post-2019 table family at all. */
const FAMILY = ["本年新收", "申请人情况", "第二十条", "信息内容", "结果维持", "本年度办理结果", "其他处理"].map(normalizeLabel);

/**
 * Top-level headings of the pre-2019 outlines (formats.md § C) that the 2019 and 2021
 * templates do not use. `概述` counts only as a top-level heading: 2021 reports have
 * `（一）概述` under 总体情况.
 */
const LEGACY_HEADINGS = [
  "概述",
  "依申请公开政府信息",
  "依申请公开情况",
  "咨询处理",
  "收费及减免",
  "收费和减免",
  "复议诉讼",
  "复议、诉讼",
  "申诉",
  "改进措施",
  "需要说明的事项",
  "附表",
  "政府信息基本情况",
].map(normalizeLabel);

/**
 * The notice numbers of the two templates, on the raw text (any bracket, either width, any
 * spacing, traditional 號/辦). Not on normalised text: `normalizeLabel` turns 〔〕 into ( )
 * and would make `(2019)60号` of any other document look the same.
 */
const NOTICE: Record<Family, RegExp> = {
  "2019": /[办辦]函\s*[〔［\[（(【]\s*2019\s*[〕］\]）)】]\s*6\s*0\s*[号號]/,
  "2021": /[办辦]函\s*[〔［\[（(【]\s*2021\s*[〕］\]）)】]\s*3\s*0\s*[号號]/,
};

/** A template signal found in a cell. */
interface Hit {
  label: string;
  position: Position;
}

/** Whether `s` contains a CJK unified ideograph (U+4E00–U+9FFF). */
function hasHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHanCode(c)) return true;
  }
  return false;
}

/** What a cell's text says about the template, derived from the text alone. */
interface CellSignals {
  /** Indices into ALL_SIGNALS of the signals it holds, in that order. */
  signals: number[];
  /** `本年新<br>制作数量` cut at the <br>: both 2019 columns of (一) print as `本年新`. */
  cut: boolean;
  /** It holds a label of the post-2019 table family. */
  family: boolean;
  /** It holds 其他处理, whose next cell tells the two templates apart. */
  otherHandling: boolean;
}

const NO_SIGNALS: CellSignals = { signals: [], cut: false, family: false, otherHandling: false };

function cellSignals(text: string): CellSignals {
  const n = normalizeLabel(text);
  if (!hasHan(n)) return NO_SIGNALS;
  const hits = SIGNAL_INDEX.hits(n);
  const signals: number[] = [];
  for (let k = 0; k < hits.length; k++) if (hits[k] === 1) signals.push(k);
  return { signals, cut: n === "本年新", family: FAMILY.some((s) => n.includes(s)), otherHandling: n.includes("其他处理") };
}

const CELL_SIGNALS = new TextMemo(cellSignals);

/** The distinct signals of each template found in the tables, with where each was first seen. */
export function templateSignals(blocks: Block[]): Record<Family, Hit[]> & { family: boolean } {
  const found: Record<Family, Map<string, Hit>> = { "2021": new Map(), "2019": new Map() };
  const add = (family: Family, label: string, cell: TableCell) => {
    if (!found[family].has(label)) found[family].set(label, { label, position: cell.position });
  };
  let family = false;
  for (const b of blocks) {
    if (b.type !== "table") continue;
    for (const row of b.children) {
      const cells = row.children;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        // Every phrase looked for below contains a Han character, so a cell without one (a
        // number, a blank, a dash: most cells) cannot hold any: such cells are passed over
        // before the memo is asked (see mayHoldHan).
        if (!mayHoldHan(cell.value)) continue;
        const sig = CELL_SIGNALS.get(cell.value);
        for (const k of sig.signals) add(ALL_SIGNALS[k]!.family, ALL_SIGNALS[k]!.label, cell);
        if (sig.cut) add("2019", "本年新(制作/公开)数量", cell);
        if (sig.family) family = true;
        // （六）其他处理 followed by values is the single 2019 row; followed by a label, the
        // first of the 2021 sub-rows (its label shares the row, under the group's rowspan).
        if (sig.otherHandling) {
          const next = cells[i + 1];
          if (next) {
            if (!isValueText(next.value)) add("2021", "（六）其他处理 1–3", cell);
            else add("2019", "（六）其他处理 (one row)", cell);
          }
        }
      }
    }
  }
  return { "2021": [...found["2021"].values()], "2019": [...found["2019"].values()], family };
}

/** The template a notice number in the text names, or null (or when it names both). */
export function noticeTemplate(text: string): Family | null {
  const y2021 = NOTICE["2021"].test(text);
  const y2019 = NOTICE["2019"].test(text);
  return y2021 === y2019 ? null : y2021 ? "2021" : "2019";
}

const byYear = (year: number | null): Family | null => (year === null || year < 2019 ? null : year >= 2021 ? "2021" : "2019");

/** Detects the template; the notice number and the year are tie-breakers only. */
export function detectTemplate(blocks: Block[], year: number | null, ctx: NormalizeContext, selfNamed = false): Template {
  // A text that calls itself an annual report and still ends unknown lost its tables: louder.
  const unknownKind = selfNamed ? DiagnosticCodes.reportTemplateUnknown : DiagnosticCodes.templateUnknown;
  const signals = templateSignals(blocks);
  const s2021 = signals["2021"];
  const s2019 = signals["2019"];
  const pos = ctx.index.position(0, 0);
  const notice = () => noticeTemplate(ctx.text);

  if (s2021.length > 0 && s2019.length > 0) {
    let winner: Family;
    let why: string;
    if (s2021.length !== s2019.length) {
      winner = s2021.length > s2019.length ? "2021" : "2019";
      why = "more of its labels";
    } else {
      const n = notice();
      const y = byYear(year);
      winner = n ?? y ?? "2021";
      why = n ? "the notice number, as the labels tie" : y ? "the year, as the labels tie" : "default, as the labels tie";
    }
    const names = (hits: Hit[]) => hits.map((h) => h.label).join("、");
    ctx.report(
      DiagnosticCodes.templateMixed,
      `the tables carry labels of both templates — 2021: ${names(s2021)}; 2019: ${names(s2019)}; read as ${winner} (${why}); each 二 sub-table is still read by its own header (表格同时含有2021版与2019版标签)`,
      (winner === "2021" ? s2019 : s2021)[0]!.position,
    );
    return winner;
  }
  if (s2021.length > 0) return "2021";
  if (s2019.length > 0) return "2019";

  if (signals.family) {
    const n = notice();
    const chosen = n ?? byYear(year);
    if (chosen) {
      ctx.report(
        DiagnosticCodes.templateUnknown,
        `no label decides the template; ${chosen} assumed from the ${n ? "notice number" : "year"} (按${n ? "文号" : "年度"}推定模板)`,
        pos,
      );
      return chosen;
    }
    ctx.report(
      unknownKind,
      "the tables have the post-2019 layout but no label, notice number or year decides between 2019 and 2021 (无法判定模板)",
      pos,
    );
    return "unknown";
  }

  // No post-2019 table family: a pre-2019 report, or something else.
  const statistics = blocks.some((b) => b.type === "table" && findStatisticsHeader(b) !== null);
  const headings = new Set<string>();
  for (const b of blocks) {
    if (b.type !== "heading" || b.depth !== 1) continue;
    const t = normalizeLabel(b.value);
    for (const h of LEGACY_HEADINGS) if (t.includes(h)) headings.add(h);
  }
  const looksLegacy = statistics || headings.size >= 2;
  if (year !== null && year < 2019) return "legacy";
  if (year === null && looksLegacy) return "legacy";
  if (looksLegacy) {
    ctx.report(
      unknownKind,
      `the report has ${statistics ? "a pre-2019 statistics table" : "the pre-2019 outline"} but no template table, and its year ${year} is not before 2019 (年度为${year}年，但版式为2019年以前的格式)`,
      pos,
    );
    return "unknown";
  }
  ctx.report(unknownKind, "no template table found (未找到模板表格)", pos);
  return "unknown";
}
