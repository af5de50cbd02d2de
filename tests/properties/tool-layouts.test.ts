/**
 * Property — every number right or flagged, on the tool layouts of `zfxxgk/testing`
 * (box drawing, aligned columns, glued `get_text`, tabs): `parseReport(renderTool(m))`
 * gives each numeric path of the model its value, or a warning/error diagnostic whose
 * `path` is that path or a prefix of it names it, or a failing check lists it. A value
 * the parser reports at a path the model does not have must be flagged the same way.
 */
import * as fc from "fast-check";
import { describe, it } from "vitest";
import { parseReport } from "../../src/index.js";
import type { Report } from "../../src/model/types.js";
import { numericEntries, renderTool, toolOptionsArbitrary, type ReportModel, type ToolLayout, type ToolOptions } from "../../src/testing/index.js";
import { TIMEOUT, check, expectNone, failingCheckNames, models, namedBy } from "./support.js";

/** Runs per layout variant in CI. */
const RUNS = 40;

/** Each tool and variant the issue lists, so a failure names the layout that caused it. */
const VARIANTS: ReadonlyArray<{ name: string; layout: ToolLayout; fixed: ToolOptions }> = [
  { name: "box (w3m)", layout: "box", fixed: {} },
  { name: "aligned (pandoc plain)", layout: "aligned", fixed: { measure: "display", cellPerLine: false } },
  { name: "aligned (lynx, character widths)", layout: "aligned", fixed: { measure: "chars", cellPerLine: false } },
  { name: "aligned, one cell per line", layout: "aligned", fixed: { cellPerLine: true } },
  { name: 'glued get_text("")', layout: "glued", fixed: { separator: "" } },
  { name: 'glued get_text("") of a minified page', layout: "glued", fixed: { separator: "", source: "minified" } },
  { name: 'glued get_text(" ")', layout: "glued", fixed: { separator: " " } },
  { name: 'glued get_text("\\n")', layout: "glued", fixed: { separator: "\n" } },
  { name: 'glued get_text("\\t")', layout: "glued", fixed: { separator: "\t" } },
  { name: "tabs (innerText)", layout: "tabs", fixed: {} },
];

/** Every value that differs from the model and that nothing flags. */
function unflagged(model: ReportModel, report: Report): string[] {
  const want = numericEntries(model);
  const got = numericEntries(report);
  const flagged = (path: string) => namedBy(report.diagnostics, path) !== undefined || failingCheckNames(report, path);
  const errors: string[] = [];
  for (const [path, value] of want) {
    const have = got.has(path) ? got.get(path) : undefined;
    if (Object.is(have, value) || flagged(path)) continue;
    errors.push(`${path}: got ${have === undefined ? "(absent)" : have}, want ${value}, and nothing flags it`);
  }
  for (const [path, value] of got) if (!want.has(path) && !flagged(path)) errors.push(`${path}: got ${value}, not in the model, and nothing flags it`);
  return errors;
}

describe("tool layouts: every number right or flagged", () => {
  for (const v of VARIANTS) {
    it(
      v.name,
      () => {
        check(
          fc.property(models, fc.oneof(fc.constant<ToolOptions>({}), toolOptionsArbitrary(v.layout)), (m, options) => {
            const text = renderTool(m, v.layout, { ...options, ...v.fixed });
            expectNone(unflagged(m, parseReport(text)));
          }),
          RUNS,
        );
      },
      TIMEOUT,
    );
  }
});
