/**
 * The Report types, derived from the schemas in `schema.ts` so that the shipped JSON
 * Schema and the TypeScript types are one definition.
 */
import type { Static } from "@sinclair/typebox";
import type {
  ApplicantsSchema,
  CheckSchema,
  DiagnosticSchema,
  LegacyStatisticSchema,
  MetaSchema,
  OutcomesSchema,
  PointSchema,
  PositionSchema,
  ProactiveSchema,
  ProvenanceEntrySchema,
  ReportSchema,
  RequestsSchema,
  ReviewsAndLawsuitsSchema,
  SectionSchema,
  SourceSchema,
} from "./schema.js";

/** A parsed 政府信息公开工作年度报告: the JSON contract of `docs/model.md`. */
export type Report = Static<typeof ReportSchema>;
/** Which official template the tables follow. */
export type Template = Report["template"];
/** Title, agency, year and header-block fields of a report. */
export type Meta = Static<typeof MetaSchema>;
/** One heading of the outline with its prose and sub-headings. */
export type Section = Static<typeof SectionSchema>;
/** 二、主动公开政府信息情况. */
export type Proactive = Static<typeof ProactiveSchema>;
/** 三、收到和处理政府信息公开申请情况. */
export type Requests = Static<typeof RequestsSchema>;
/** A row of 三 split by applicant type. */
export type Applicants = Static<typeof ApplicantsSchema>;
/** 四、行政复议、行政诉讼情况. */
export type ReviewsAndLawsuits = Static<typeof ReviewsAndLawsuitsSchema>;
/** One group of 四 split by outcome. */
export type Outcomes = Static<typeof OutcomesSchema>;
/** A row of a pre-2019 statistics table. */
export type LegacyStatistic = Static<typeof LegacyStatisticSchema>;
/** One accounting identity instance and its outcome. */
export type Check = Static<typeof CheckSchema>;
/** A problem found, or an assumption made, while parsing. */
export type Diagnostic = Static<typeof DiagnosticSchema>;
/** Severity of a diagnostic. */
export type Severity = Diagnostic["severity"];
/** Where one model value came from in the decoded text. */
export type ProvenanceEntry = Static<typeof ProvenanceEntrySchema>;
/** Encoding, form, size and digest of the input. */
export type Source = Static<typeof SourceSchema>;
/** A unist point (re-exported for model consumers). */
export type ModelPoint = Static<typeof PointSchema>;
/** A unist position (re-exported for model consumers). */
export type ModelPosition = Static<typeof PositionSchema>;
