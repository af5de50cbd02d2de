/**
 * The `legacy_*` panel columns: the few statistics of a pre-2019 report (`legacyStatistics`,
 * free-form rows as each agency printed them) that clearly match a modern column, so that
 * 2008–2018 can join a panel of 2019+ reports on the figures researchers compare most.
 *
 * "Clearly" is strict, never a guess: a row counts when its label, marker and white space
 * removed, starts with one of the column's phrases and is not an `其中` sub-item; its value is
 * the year's (no column, `本年累计`, `本年` or `<year>年度`; never `历年累计`, and `本期实际`
 * only when it is the row's one column); and exactly one such row may match. Otherwise the
 * column is empty.
 */
import type { LegacyStatistic, Report } from "../model/types.js";
import { normalizeLabel } from "../text/labels.js";

/** One legacy column: its panel name, what it means, and the label phrases that match it. */
export interface LegacyColumn {
  name: string;
  description: string;
  /** A matching label starts with one of these (normalised, marker removed). */
  phrases: readonly string[];
  /** The unit values are given in; `万元` converts 元. Null: counts, taken as printed. */
  unit: "万元" | null;
}

/** The documented set (docs/bulk.md § legacy columns). */
export const LEGACY_COLUMNS: readonly LegacyColumn[] = [
  { name: "legacy_proactive_total", description: "pre-2019: information proactively disclosed this year (主动公开政府信息数)", phrases: ["主动公开政府信息数", "主动公开信息数", "主动公开政府信息"], unit: null },
  { name: "legacy_requests_received", description: "pre-2019: requests received this year (收到申请数 / 申请总数), compare rq_new_total", phrases: ["收到申请数", "收到申请", "申请总数", "受理申请数"], unit: null },
  { name: "legacy_requests_answered", description: "pre-2019: requests answered this year (申请答复数)", phrases: ["申请答复数", "答复申请数"], unit: null },
  { name: "legacy_reviews", description: "pre-2019: administrative reviews about disclosure (行政复议), compare rl_review_total", phrases: ["行政复议"], unit: null },
  { name: "legacy_lawsuits", description: "pre-2019: administrative lawsuits about disclosure (行政诉讼)", phrases: ["行政诉讼"], unit: null },
  { name: "legacy_fees_wan", description: "pre-2019: fees charged this year, in 万元 (收取费用 / 收费金额; 元 converted)", phrases: ["收取费用", "收费金额", "依申请公开信息收取的费用", "收费"], unit: "万元" },
];

/** Leading markers and `其中：` prefixes of a legacy label. */
const MARKER = /^(?:[（(]?[一二三四五六七八九十0-9]{1,3}[)）]?[、.．]?)+/;

/** Whether a statistic's column gives this year's value; `only` when it is its row's one column. */
function yearly(column: string | undefined, year: number | null, only: boolean): boolean {
  if (column === undefined || column === "") return true;
  const c = normalizeLabel(column);
  if (c.includes("历年")) return false;
  if (c.includes("本年") || (year !== null && c.includes(`${year}年`))) return true;
  return only && c.includes("本期");
}

/** The value of `column` for a report, or null when no single statistic clearly gives it. */
export function legacyValue(report: Report, column: LegacyColumn): number | null {
  const stats: readonly LegacyStatistic[] = report.legacyStatistics ?? [];
  const columnsOf = new Map<string, number>();
  for (const s of stats) columnsOf.set(s.label, (columnsOf.get(s.label) ?? 0) + 1);
  const matches = stats.filter((s) => {
    const label = normalizeLabel(s.label);
    if (label.startsWith("其中")) return false;
    const core = label.replace(MARKER, "");
    return column.phrases.some((p) => core.startsWith(p)) && yearly(s.column, report.meta.year, columnsOf.get(s.label) === 1);
  });
  if (matches.length !== 1) return null;
  const { value, unit } = matches[0]!;
  if (value === null) return null;
  if (column.unit === null) return value;
  if (unit === "万元") return value;
  if (unit === "元") return value / 10_000;
  return null;
}
