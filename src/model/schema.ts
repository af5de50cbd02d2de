/**
 * The Report contract (`docs/model.md`), written once as TypeBox schemas. The
 * TypeScript types in `types.ts` are derived from these with `Static<>`, and the build
 * writes the same objects to `dist/schema.json`, so the types, the shipped JSON Schema
 * and the validation in tests cannot drift apart.
 */
import { Type, type TSchema } from "@sinclair/typebox";

/** `number | null`: null is "not reported", never 0. */
const Num = Type.Union([Type.Number(), Type.Null()]);

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** A point in the decoded text (unist). */
export const PointSchema = Type.Object(
  {
    line: Type.Integer({ minimum: 1, description: "1-based line" }),
    column: Type.Integer({ minimum: 1, description: "1-based column (UTF-16 units)" }),
    offset: Type.Integer({ minimum: 0, description: "0-based UTF-16 offset" }),
  },
  { additionalProperties: false },
);

/** A span of the decoded text with an exclusive end (unist). */
export const PositionSchema = Type.Object(
  { start: PointSchema, end: PointSchema },
  { additionalProperties: false },
);

/** Any numeric row of 三: the applicant breakdown. */
export const ApplicantsSchema = Type.Object(
  {
    naturalPerson: Num,
    commercialEnterprise: Num,
    researchInstitution: Num,
    socialWelfareOrganization: Num,
    legalServiceAgency: Num,
    otherOrganization: Num,
    total: Num,
  },
  { description: "自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他 / 总计" },
);

/** One group of 四: the five outcome columns. */
export const OutcomesSchema = Type.Object(
  { upheld: Num, corrected: Num, other: Num, pending: Num, total: Num },
  { description: "结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计" },
);

const ProactiveDocuments = Type.Object({
  issued: opt(Num),
  repealed: opt(Num),
  inForce: opt(Num),
  made: opt(Num),
  published: opt(Num),
  totalPublished: opt(Num),
});

const ProactiveMatters = Type.Object({
  decisions: opt(Num),
  previousYear: opt(Num),
  change: opt(Num),
});

/** 二、主动公开政府信息情况 (2021 and 2019 keys side by side; each report fills its own). */
export const ProactiveSchema = Type.Object({
  rules: opt(ProactiveDocuments),
  normativeDocuments: opt(ProactiveDocuments),
  licensing: opt(ProactiveMatters),
  otherServices: opt(ProactiveMatters),
  punishment: opt(ProactiveMatters),
  coercion: opt(ProactiveMatters),
  fees: opt(Type.Object({ amount: opt(Num), previousYear: opt(Num), change: opt(Num) })),
  procurement: opt(Type.Object({ projects: opt(Num), totalAmount: opt(Num) })),
  extraRows: opt(
    Type.Array(Type.Object({ label: Type.String(), values: Type.Array(Num) }), {
      description: "rows a report adds beyond the template, e.g. 其他主动公开文件",
    }),
  ),
});

/** 三、收到和处理政府信息公开申请情况. */
export const RequestsSchema = Type.Object({
  newReceived: opt(ApplicantsSchema),
  carriedOver: opt(ApplicantsSchema),
  results: opt(
    Type.Object({
      granted: opt(ApplicantsSchema),
      partiallyGranted: opt(ApplicantsSchema),
      withheld: opt(
        Type.Object({
          stateSecret: opt(ApplicantsSchema),
          prohibitedByLaw: opt(ApplicantsSchema),
          endangersSecurity: opt(ApplicantsSchema),
          thirdPartyRights: opt(ApplicantsSchema),
          internalAffairs: opt(ApplicantsSchema),
          processInformation: opt(ApplicantsSchema),
          enforcementFiles: opt(ApplicantsSchema),
          administrativeQuery: opt(ApplicantsSchema),
        }),
      ),
      unableToProvide: opt(
        Type.Object({
          notHeld: opt(ApplicantsSchema),
          needsCreation: opt(ApplicantsSchema),
          unclear: opt(ApplicantsSchema),
        }),
      ),
      notProcessed: opt(
        Type.Object({
          complaint: opt(ApplicantsSchema),
          repeated: opt(ApplicantsSchema),
          publication: opt(ApplicantsSchema),
          excessive: opt(ApplicantsSchema),
          confirmation: opt(ApplicantsSchema),
        }),
      ),
      otherHandling: opt(
        Type.Object({
          overdueCorrection: opt(ApplicantsSchema),
          overdueFee: opt(ApplicantsSchema),
          other: opt(ApplicantsSchema),
          total: opt(ApplicantsSchema),
        }),
      ),
      total: opt(ApplicantsSchema),
    }),
  ),
  carriedForward: opt(ApplicantsSchema),
});

/** 四、政府信息公开行政复议、行政诉讼情况. */
export const ReviewsAndLawsuitsSchema = Type.Object({
  review: opt(OutcomesSchema),
  lawsuitDirect: opt(OutcomesSchema),
  lawsuitAfterReview: opt(OutcomesSchema),
});

/** One row of a pre-2019 statistics table. */
export const LegacyStatisticSchema = Type.Object({
  label: Type.String(),
  unit: Type.Union([Type.String(), Type.Null()]),
  value: Num,
  group: Type.Union([Type.String(), Type.Null()]),
  column: opt(Type.String()),
});

/** One accounting identity instance. */
export const CheckSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal("pass"), Type.Literal("fail"), Type.Literal("incomplete")]),
  expected: Num,
  actual: Num,
  paths: Type.Array(Type.String()),
  // Not written since the descriptions moved to one catalogue (describeCheck, CHECK_DESCRIPTIONS);
  // kept optional so that a Report saved by an earlier version still validates.
  description: opt(Type.String({ description: "deprecated: not written; see describeCheck(id)" })),
});

/** A problem or assumption, with a stable kebab-case code and a position. */
export const DiagnosticSchema = Type.Object({
  code: Type.String({ pattern: "^[a-z]+(-[a-z]+)*$" }),
  severity: Type.Union([Type.Literal("error"), Type.Literal("warning"), Type.Literal("info")]),
  message: Type.String(),
  position: PositionSchema,
  path: opt(Type.String()),
  raw: opt(Type.String()),
});

/** Where one value came from: `text.slice(start.offset, end.offset) === raw`. */
export const ProvenanceEntrySchema = Type.Object({
  start: PointSchema,
  end: PointSchema,
  raw: Type.String(),
});

/** One entry of the outline: a heading, the prose under it, and its sub-headings. */
export const SectionSchema = Type.Recursive(
  (This) =>
    Type.Object({
      number: Type.Union([Type.Integer(), Type.Null()]),
      title: Type.String(),
      text: Type.String(),
      children: Type.Array(This),
    }),
  { $id: "Section" },
);

/** The reporting agency's administrative division (GB/T 2260), resolved from its name. */
export const DivisionSchema = Type.Object({
  code: Type.String({ pattern: "^\\d{6}$" }),
  province: Type.Union([Type.String(), Type.Null()]),
  city: Type.Union([Type.String(), Type.Null()]),
  county: Type.Union([Type.String(), Type.Null()]),
  level: Type.Union([Type.Literal("province"), Type.Literal("city"), Type.Literal("county"), Type.Literal("township")]),
});

/** Page metadata and identity of the report. */
export const MetaSchema = Type.Object({
  title: Type.Union([Type.String(), Type.Null()]),
  agency: Type.Union([Type.String(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }), Type.Null()]),
  indexNumber: Type.Union([Type.String(), Type.Null()]),
  documentNumber: Type.Union([Type.String(), Type.Null()]),
  header: Type.Record(Type.String(), Type.String()),
  agencyKey: Type.Union([Type.String(), Type.Null()]),
  agencyKind: Type.Union([Type.String(), Type.Null()]),
  division: Type.Union([DivisionSchema, Type.Null()]),
});

/** What was read: encoding, flattening form, size and digest of the input. */
export const SourceSchema = Type.Object({
  encoding: Type.String(),
  form: Type.Union([
    Type.Literal("cell-lines"),
    Type.Literal("row-lines"),
    Type.Literal("html"),
    Type.Literal("markdown"),
    Type.Literal("plain"),
    Type.Literal("box"),
    Type.Literal("aligned"),
    Type.Literal("tabs"),
    Type.Literal("pipes"),
    Type.Literal("glued"),
  ]),
  bytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: "^[0-9a-f]{64}$" }),
});

/** The whole parsed report. */
export const ReportSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    template: Type.Union([
      Type.Literal("2021"),
      Type.Literal("2019"),
      Type.Literal("legacy"),
      Type.Literal("unknown"),
    ]),
    meta: MetaSchema,
    sections: Type.Array(SectionSchema),
    proactive: opt(ProactiveSchema),
    requests: opt(RequestsSchema),
    reviewsAndLawsuits: opt(ReviewsAndLawsuitsSchema),
    legacyStatistics: opt(Type.Array(LegacyStatisticSchema)),
    checks: Type.Array(CheckSchema),
    diagnostics: Type.Array(DiagnosticSchema),
    provenance: Type.Record(Type.String(), ProvenanceEntrySchema),
    source: SourceSchema,
  },
  {
    $id: "https://unpkg.com/zfxxgk/dist/schema.json",
    title: "zfxxgk Report",
    description: "A parsed 政府信息公开工作年度报告 (see docs/model.md)",
  },
);
