/**
 * The normaliser's entry: the tree's blocks → the report's model fields, and the decisions
 * that concern the whole report — which tables are missing, the form the input was printed
 * in, whether it is a report at all. parse-report.ts only wires the stages around it.
 */
import type { Block } from "../ast/types.js";
import type { Report, Source } from "../model/types.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import { REPORT_TITLE, REPORT_WORDS, TABLE_TITLES, TEMPLATE_TABLE_LABELS } from "../templates/titles.js";
import type { NormalizeContext } from "./context.js";
import { readMeta } from "./meta.js";
import { buildSections } from "./sections.js";
import { readTables } from "./tables/index.js";
import { detectTemplate } from "./template.js";

/** How far into the text an opening sentence may name the report (a crawler header, a cover line). */
const OPENING = 2000;

/**
 * Reads meta, template, sections and tables into `report`, and reports each template table
 * that was not found. Diagnostics go to the context.
 *
 * A table is required when the template is 2019/2021, and also when the template stayed
 * unknown but the text promises the tables: it prints their labels, or it names itself an
 * annual report of 2019 or later (a pre-2019 report had no national tables). A required table
 * that was not read is an error on its path, so no panel row of blanks looks like a report.
 */
export function normalizeReport(blocks: Block[], report: Report, ctx: NormalizeContext): void {
  report.meta = readMeta(blocks, ctx);
  const selfNamed = REPORT_TITLE.test(report.meta.title ?? "") || REPORT_TITLE.test(ctx.text.slice(0, OPENING));
  report.template = detectTemplate(blocks, report.meta.year, ctx, selfNamed);
  report.sections = buildSections(blocks);
  const parts = readTables(blocks, report.template, ctx);
  if (parts.proactive) report.proactive = parts.proactive;
  if (parts.requests) report.requests = parts.requests;
  if (parts.reviewsAndLawsuits) report.reviewsAndLawsuits = parts.reviewsAndLawsuits;
  if (parts.legacyStatistics) report.legacyStatistics = parts.legacyStatistics;
  report.provenance = ctx.provenance;
  const modern = report.template === "2021" || report.template === "2019";
  const promised =
    report.template === "unknown" && (TEMPLATE_TABLE_LABELS.test(ctx.text) || (selfNamed && (report.meta.year === null || report.meta.year >= 2019)));
  if (modern || promised) {
    for (const key of Object.keys(TABLE_TITLES) as Array<keyof typeof TABLE_TITLES>) {
      if (report[key] === undefined) {
        ctx.report(DiagnosticCodes.missingTable, `table ${TABLE_TITLES[key]} was not found (未找到该表)`, ctx.index.position(0, 0), key);
      }
    }
  }
}

/**
 * The form the input was printed in: `html`, or the form that holds most table rows (the
 * grammar decides each table's form); `plain` when there is no table.
 */
export function inputForm(blocks: Block[], html: boolean): Source["form"] | null {
  if (html) return "html";
  const forms = new Map<string, number>();
  for (const b of blocks) if (b.type === "table") forms.set(b.form, (forms.get(b.form) ?? 0) + b.children.length);
  if (forms.size === 0) return null;
  return [...forms.entries()].sort((a, b) => b[1] - a[1])[0]![0] as Source["form"];
}

/**
 * Says when the input does not look like an annual report: no template table was read and the
 * text never mentions information disclosure.
 */
export function checkIsReport(report: Report, ctx: NormalizeContext): void {
  const text = ctx.text;
  const anyTable = report.proactive || report.requests || report.reviewsAndLawsuits;
  if (!anyTable && !REPORT_WORDS.test(text)) {
    ctx.report(
      DiagnosticCodes.notAReport,
      "no report table and no mention of 政府信息公开: this does not look like an annual report (不像政府信息公开年度报告)",
      ctx.index.position(0, Math.min(text.length, 1)),
    );
  }
}
