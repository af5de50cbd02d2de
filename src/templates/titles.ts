/**
 * The titles and section words of the templates: the one home of the words that name the
 * report's sections and tables (formats.md §§ A–C). The grids (grid.ts) hold the rows and
 * columns; this file holds what stands above them.
 */

/** The official titles of the three tables of the 2019/2021 templates, by model key. */
export const TABLE_TITLES = {
  proactive: "二、主动公开政府信息情况",
  requests: "三、收到和处理政府信息公开申请情况",
  reviewsAndLawsuits: "四、政府信息公开行政复议、行政诉讼情况",
} as const;

/** The model keys of the template tables, in report order. */
export type TableKey = keyof typeof TABLE_TITLES;

/**
 * The words by which a section title names a template table, in report order. A title naming
 * none of them is not a table's (it may still be a section's: {@link SECTION_WORDS}).
 */
export const TABLE_TITLE_WORDS: ReadonlyArray<readonly [TableKey, RegExp]> = [
  ["proactive", /主动公开/],
  ["requests", /收到和处理|依申请/],
  ["reviewsAndLawsuits", /行政复议|行政诉讼/],
];

/**
 * Which template table a section title names, or null. A title holding words of two tables
 * names the later one: a later section's title cites an earlier one's subject
 * (`因依申请公开申请行政复议、提起行政诉讼的情况` is 四's, not 三's), never the reverse — so the
 * tables are tried from the last back.
 */
export function tableOfTitle(text: string): TableKey | null {
  for (let k = TABLE_TITLE_WORDS.length - 1; k >= 0; k--) {
    const [key, words] = TABLE_TITLE_WORDS[k]!;
    if (words.test(text)) return key;
  }
  return null;
}

/**
 * Section titles of the templates and of pre-2019 reports, written without numerals. A line
 * that is exactly one of these (after normalisation) is a top-level heading.
 */
export const BARE_SECTION_TITLES: readonly string[] = [
  "概述", "总体情况", "主动公开政府信息情况", "依申请公开政府信息情况", "收到和处理政府信息公开申请情况",
  "政府信息公开行政复议、行政诉讼情况", "政府信息公开的收费及减免情况", "收费及减免情况", "咨询处理情况",
  "因政府信息公开申请行政复议、提起行政诉讼的情况", "复议、诉讼和申诉情况", "存在的主要问题及改进情况",
  "存在的主要问题和改进措施", "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项",
  "需要说明的事项与附表", "其他需要说明的事项",
];

/**
 * Words of the report's sections that bound a pipe-less table: a top-level heading holding
 * one ends the run of cell-like lines (parser/pipeless.ts).
 */
export const SECTION_WORDS = /主动公开|收到和处理|依申请|行政复议|行政诉讼|总体情况|存在的主要问题|改进情况|其他需要报告/;

/**
 * Words of a top-level heading that names a row group of 三 rather than a section (so it does
 * not bound a pipe-less table).
 */
export const REQUEST_GROUP_WORDS = /本年新收|上年结转|办理结果|结转下年/;

/**
 * Titles of the report's sections other than the tables: only these end a table's context
 * (normalize/tables/). Tested against normalised headings.
 */
export const OTHER_SECTION_WORDS = /总体情况|概述|存在的主要问题|改进|其他需要报告|需要说明|附表|咨询|收费|减免|工作考核|监督保障|平台建设/;

/** What every information-disclosure report mentions: without it and without a table, the input is not one. */
export const REPORT_WORDS = /信息公开|信息公開|政务公开/;

/**
 * A title that names itself an annual information-disclosure report (`…政府信息公开工作年度报告`).
 * Such a text promises the template's tables: when none can be read, that is loud.
 */
export const REPORT_TITLE = /(?:信息公开|信息公開|政务公开|政務公開).{0,12}(?:年度报告|年度報告|年报|年報)/;

/**
 * Labels that only the 2019/2021 template tables print: a text holding one of them has those
 * tables somewhere, whatever its title or year says.
 */
export const TEMPLATE_TABLE_LABELS = /本年新收|新收政府信息|第二十条第|第二十條第|申请人情况|申請人情況|结转下年度|結轉下年度|本年度办理结果|本年度辦理結果/;
