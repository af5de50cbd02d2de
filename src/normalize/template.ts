/**
 * Which template a report follows, decided from its table labels — never from the year
 * alone, since 2021–2022 reports on the 2019 labels exist. The notice numbers
 * (〔2019〕60号 / 〔2021〕30号) and the year only break ties.
 */
import type { Block } from "../ast/types.js";
import type { Template } from "../model/types.js";
import { DiagnosticCodes } from "../diagnostics/codes.js";
import type { NormalizeContext } from "./context.js";
import { normalizeLabel } from "./text.js";
import { isNumericText } from "./value.js";
import { TEMPLATE_SIGNALS } from "./templates/grid.js";

const SIGNALS = {
  "2021": TEMPLATE_SIGNALS["2021"].map(normalizeLabel),
  "2019": TEMPLATE_SIGNALS["2019"].map(normalizeLabel),
};
/** Labels that show a report has the post-2019 table family at all. */
const FAMILY = ["本年新收", "申请人情况", "第二十条", "信息内容", "行政复议"].map(normalizeLabel);

/** Detects the template; `year` is a tie-breaker only. */
export function detectTemplate(blocks: Block[], year: number | null, ctx: NormalizeContext): Template {
  let s2021 = 0;
  let s2019 = 0;
  let family = false;
  for (const b of blocks) {
    if (b.type !== "table") continue;
    for (const row of b.children) {
      const cells = row.children;
      for (let i = 0; i < cells.length; i++) {
        const n = normalizeLabel(cells[i]!.value);
        if (n === "") continue;
        if (SIGNALS["2021"].some((s) => n.includes(s))) s2021++;
        if (SIGNALS["2019"].some((s) => n.includes(s))) s2019++;
        if (!family && FAMILY.some((s) => n.includes(s))) family = true;
        // （六）其他处理 followed by numbers is the single 2019 row; followed by a label, 2021 sub-rows.
        if (n.includes("其他处理")) {
          const next = cells[i + 1];
          if (next && isNumericText(next.value)) s2019++;
          else if (next && next.value !== "") s2021++;
        }
      }
    }
  }
  const pos = ctx.index.position(0, 0);
  if (s2021 > 0 && s2019 > 0) {
    const winner: Template = s2021 >= s2019 ? "2021" : "2019";
    ctx.report(
      DiagnosticCodes.templateMixed,
      `the tables carry ${s2021} label(s) of the 2021 template and ${s2019} of the 2019 template; read as ${winner} (表格同时含有2021版与2019版标签)`,
      pos,
    );
    return winner;
  }
  if (s2021 > 0) return "2021";
  if (s2019 > 0) return "2019";
  if (family) {
    const notice = /〔\s*2021\s*〕\s*30\s*号/.test(ctx.text) ? "2021" : /〔\s*2019\s*〕\s*60\s*号/.test(ctx.text) ? "2019" : null;
    const byYear: Template | null = notice ?? (year === null ? null : year >= 2021 ? "2021" : year >= 2019 ? "2019" : null);
    if (byYear) {
      ctx.report(
        DiagnosticCodes.templateUnknown,
        `no label decides the template; ${byYear} assumed from the ${notice ? "notice number" : "year"} (按${notice ? "文号" : "年度"}推定模板)`,
        pos,
      );
      return byYear;
    }
  }
  if (year !== null && year < 2019) return "legacy";
  ctx.report(DiagnosticCodes.templateUnknown, "no template table found (未找到模板表格)", pos);
  return "unknown";
}
