/**
 * Property 1 — round trip: for every form and artifact, `parseReport(render(m))` equals `m`
 * on every numeric path, `template`, `meta.year` and `meta.agency`, and every identity the
 * model breaks (or leaves incomplete) shows up with that status among the checks.
 *
 * One test per (form, artifact), so a failure names the damage that caused it; then one
 * test per form that mixes all the artifacts the parser supports at random.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import {
  encodeGbk,
  render,
  renderOptionsArbitrary,
  reportTitle,
  type GeneratedReport,
  type RenderForm,
  type RenderOptions,
} from "../../src/testing/index.js";
import { TIMEOUT, check, expectNone, models, roundTripErrors } from "./support.js";

/** Runs per (form, artifact) test in CI; the mixed-artifact tests get {@link MIXED_RUNS}. */
const RUNS = 12;
const MIXED_RUNS = 40;

const FORMS: readonly RenderForm[] = ["cell-lines", "row-lines", "markdown", "html"];

interface Artifact {
  name: string;
  options: RenderOptions;
  /** The forms it applies to (all when absent). */
  forms?: readonly RenderForm[];
  /** Feed the parser GBK bytes instead of a string. */
  gbk?: boolean;
}

const ARTIFACTS: readonly Artifact[] = [
  { name: "clean", options: {} },
  { name: "half-width punctuation", options: { punctuation: "half" } },
  { name: "<br> as a space", options: { br: "space" } },
  { name: "<br> truncated", options: { br: "truncate" } },
  { name: "<br> as a newline", options: { br: "newline" } },
  { name: "spaced labels", options: { spacedLabels: true } },
  { name: "traditional labels", options: { traditional: true } },
  { name: "placeholder blanks", options: { blank: "—" } },
  { name: "&nbsp; blanks", options: { blank: "&nbsp;" } },
  { name: "zero words", options: { zero: "无" } },
  { name: "thousands separators", options: { thousands: true } },
  { name: "full-width digits", options: { fullWidthDigits: true } },
  { name: "plus signs", options: { plusSign: true } },
  { name: "units in cells", options: { units: true } },
  { name: "NBSP", options: { nbsp: true } },
  { name: "CRLF", options: { newline: "\r\n" } },
  { name: "chrome", options: { chrome: true } },
  { name: "no title", options: { title: false } },
  { name: "GBK bytes", options: { charset: "gb2312" }, gbk: true },
  { name: "lone | before rows", options: { rowSeparator: "pipe-before" }, forms: ["cell-lines"] },
  { name: "lone | after rows", options: { rowSeparator: "pipe-after" }, forms: ["cell-lines"] },
  { name: "|| between rows", options: { rowSeparator: "double-pipe" }, forms: ["cell-lines"] },
  { name: "padding on the last cell's line", options: { paddingInline: true }, forms: ["cell-lines"] },
  { name: "span pipes", options: { spanPipes: true }, forms: ["row-lines"] },
  { name: "leading pipe", options: { leadingPipe: true }, forms: ["row-lines"] },
  { name: "double spaces", options: { doubleSpace: true }, forms: ["row-lines"] },
  { name: "filled spans", options: { spans: "fill" }, forms: ["markdown"] },
  { name: "heading hashes", options: { headingHashes: true }, forms: ["markdown"] },
  { name: "Word spans", options: { wordSpans: true }, forms: ["html"] },
];

/**
 * (form / artifact) tests that are skipped, and why: "waits on issue 3" (a form or artifact
 * being implemented) or "BUG" with the regression test in regressions.test.ts tracking it.
 */
const SKIPPED: Record<string, string> = {};

/** Option values left out of each form's mixed test: the skipped cases above, and a literal `&nbsp;` blank. */
const EXCLUDED: Record<RenderForm, (o: RenderOptions) => boolean> = {
  "cell-lines": (o) => o.blank === "&nbsp;",
  "row-lines": (o) => o.blank === "&nbsp;",
  markdown: (o) => o.blank === "&nbsp;",
  html: () => false,
};

/** The models each form is tested on: all of them, in every form. */
const formModels = (_form: RenderForm): fc.Arbitrary<GeneratedReport> => models;

function parseRendered(m: GeneratedReport, form: RenderForm, options: RenderOptions, gbk = false) {
  const text = render(m, form, options);
  return parseReport(gbk ? encodeGbk(text) : text);
}

describe("property 1: parseReport(render(m)) equals m", () => {
  for (const form of FORMS) {
    describe(form, () => {
      for (const artifact of ARTIFACTS) {
        if (artifact.forms && !artifact.forms.includes(form)) continue;
        const key = `${form} / ${artifact.name}`;
        const test = SKIPPED[key] === undefined ? it : it.skip;
        test(
          artifact.name,
          () => {
            check(
              fc.property(formModels(form), (m) => {
                const report = parseRendered(m, form, artifact.options, artifact.gbk);
                expectNone(roundTripErrors(m, report));
              }),
              RUNS,
            );
          },
          TIMEOUT,
        );
      }

      it(
        "mixed artifacts",
        () => {
          const options = renderOptionsArbitrary(form).filter((o) => !EXCLUDED[form](o));
          check(
            fc.property(formModels(form), options, fc.boolean(), (m, options, gbk) => {
              const report = parseRendered(m, form, { ...options, charset: "gb2312" }, gbk);
              expectNone(roundTripErrors(m, report));
            }),
            MIXED_RUNS,
          );
        },
        TIMEOUT,
      );
    });
  }
});

/** Title detection is not part of property 1's contract, but the title is printed: it must come back. */
const TITLE_SKIPPED: Record<string, string> = {
};

describe("meta.title comes back as printed", () => {
  for (const [name, options] of [
    ["clean", {}],
    ["chrome", { chrome: true }],
  ] as const) {
    const test = TITLE_SKIPPED[name] === undefined ? it : it.skip;
    test(
      name,
      () => {
        check(
          fc.property(fc.constantFrom(...FORMS).chain((form) => fc.tuple(fc.constant(form), formModels(form))), ([form, m]) => {
            const report = parseRendered(m, form, options);
            expect(report.meta.title).toBe(reportTitle(m));
          }),
          RUNS * 2,
        );
      },
      TIMEOUT,
    );
  }
});
