/**
 * Table rows → the numeric parts of the model (二 proactive, 三 requests, 四 reviews).
 *
 * Rows are read in document order; which table a row belongs to comes from the section
 * heading above it and from anchor labels in the row itself (a scraper may merge two
 * tables into one). A row is identified by its label, matched by key phrases after
 * normalisation; its values are the cells after its last label cell. When a label is
 * truncated or garbled, the row's place in the template grid decides, and a diagnostic
 * says which label was assumed — a number is never placed silently on a guess.
 *
 * This module is the walk over the blocks (the section context) and its dispatch to the
 * readers: parts.ts says which table a heading or row belongs to, row-view.ts splits a row
 * into labels and values, and proactive.ts, requests.ts and reviews.ts read 二, 三 and 四.
 */
import type { Block, Table } from "../../ast/types.js";
import type { LegacyStatistic, Proactive, Requests, ReviewsAndLawsuits, Template } from "../../model/types.js";
import { DiagnosticCodes } from "../../diagnostics/codes.js";
import type { NormalizeContext } from "../context.js";
import { findStatisticsHeader, LegacyReader, statisticsLayout } from "../legacy.js";
import { placeShortRows } from "../short-rows.js";
import { normalizeLabel } from "../../text/labels.js";
import { isNumericText } from "../../text/value.js";
import { headingInfo, namesTableRow, partOfHeading, partOfRow, type Part } from "./parts.js";
import { ProactiveReader } from "./proactive.js";
import { RequestsReader } from "./requests.js";
import { ReviewsReader } from "./reviews.js";
import { proseRow, view } from "./row-view.js";

export { partOfHeading } from "./parts.js";

/** The numeric parts read from the tables. Absent tables stay undefined. */
export interface TableParts {
  proactive?: Proactive;
  requests?: Requests;
  reviewsAndLawsuits?: ReviewsAndLawsuits;
  /** Rows of pre-2019 statistics tables, in document order. */
  legacyStatistics?: LegacyStatistic[];
}

/** Reads every table of the document into the model's numeric parts. */
export function readTables(blocks: Block[], template: Template, ctx: NormalizeContext): TableParts {
  const proactive = new ProactiveReader(ctx, template);
  const requests = new RequestsReader(ctx, template);
  const reviews = new ReviewsReader(ctx);
  const legacy = new LegacyReader(ctx);
  let part: Part | null = null;
  for (const block of blocks) {
    if (block.type === "heading") {
      // A heading that names a row or group of the current table (markdown conversions put
      // one above every row group: `### （三）不予公开`) keeps the table's context; another
      // top-level heading ends it.
      const announced = partOfHeading(block.value);
      if (announced) part = announced;
      else if (part === "requests" && requests.heading(block)) part = "requests";
      else if (block.depth === 1 && !namesTableRow(block.value) && headingInfo(block.value).sectionTitle) part = null;
      if (part === "reviews") reviews.heading(block.value);
      legacy.close();
      continue;
    }
    if (block.type === "paragraph") {
      // PDF text prints a row of 二 as a line of its own: `行政许可 97`, `规章 0 7 12`.
      if (part === "proactive" && template !== "legacy") {
        const row = proseRow(block, ctx);
        if (row) proactive.row(view(row, "plain"));
      }
      continue;
    }
    if (block.type !== "table") continue;
    // Pre-2019 statistics tables are recognised by their own header, whatever the template.
    const stats = findStatisticsHeader(block);
    if (stats) {
      legacy.table(block, stats.row, stats.layout);
      continue;
    }
    if (legacy.continues(block)) {
      legacy.table(block, -1, null);
      continue;
    }
    legacy.close();
    if (template === "legacy") {
      unreadTable(block, ctx);
      continue;
    }
    for (let i = 0; i < block.children.length; i++) {
      const row = block.children[i]!;
      const v = view(row, block.form);
      // A statistics table run on below a template table (no blank line between them).
      const stats = v.hasNumbers ? null : statisticsLayout(row.children);
      if (stats) {
        legacy.table(block, i, stats);
        break;
      }
      part = partOfRow(v) ?? part;
      if (part === "proactive") proactive.row(v);
      else if (part === "requests") requests.row(v);
      else if (part === "reviews") reviews.row(v);
    }
  }
  const out: TableParts = {};
  const p = proactive.result();
  if (p) out.proactive = p;
  const r = requests.result();
  if (r) out.requests = r;
  const rv = reviews.result();
  if (rv) out.reviewsAndLawsuits = rv;
  const short = [...requests.short, ...reviews.short];
  if (short.length > 0) placeShortRows(short, { requests: out.requests, reviewsAndLawsuits: out.reviewsAndLawsuits }, ctx);
  if (legacy.entries.length > 0) out.legacyStatistics = legacy.entries;
  return out;
}

/** Cell labels of the page's metadata box, which holds numbers (索引号) but no statistics. */
const META_LABELS = ["索引号", "发布机构", "发文日期", "成文日期", "文号"].map(normalizeLabel);

/**
 * A table of a pre-2019 report that is not a statistics table: its numbers are not guessed
 * into the model, and an info diagnostic says so (unless it is the page's metadata box).
 */
export function unreadTable(table: Table, ctx: NormalizeContext): void {
  const cells = table.children.flatMap((r) => r.children);
  if (!cells.some((c) => isNumericText(c.value))) return;
  if (cells.some((c) => META_LABELS.some((m) => normalizeLabel(c.value).includes(m)))) return;
  ctx.report(
    DiagnosticCodes.legacyTableUnread,
    "a table of this pre-2019 report has no statistics header (统计指标/指标名称 | 单位); its numbers are not read into the model (表格无统计表表头，未读取)",
    table.position,
    "legacyStatistics",
  );
}
