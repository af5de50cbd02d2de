/**
 * The template grids as data: which rows and columns each table has, the model path of
 * each, and the key phrases that identify a label once normalised. The normaliser is
 * generic over these tables, so a template is added by adding data, not code.
 *
 * Key phrases are short distinctive substrings rather than whole labels, because real
 * labels drift (`只计这一情况`, `三类内容事务信息`, `其他法律行政止公开`) and are cut at `<br>`.
 */

/** The applicant columns of 三, in template order. */
export const APPLICANT_COLUMNS = [
  { key: "naturalPerson", label: "自然人", phrases: ["自然人"] },
  { key: "commercialEnterprise", label: "商业企业", phrases: ["商业企业", "商业"] },
  { key: "researchInstitution", label: "科研机构", phrases: ["科研机构", "科研"] },
  { key: "socialWelfareOrganization", label: "社会公益组织", phrases: ["社会公益", "公益组织"] },
  { key: "legalServiceAgency", label: "法律服务机构", phrases: ["法律服务"] },
  { key: "otherOrganization", label: "其他", phrases: ["其他"] },
  { key: "total", label: "总计", phrases: ["总计", "合计"] },
] as const;

/** The outcome columns of 四, in template order (three groups of these five). */
export const OUTCOME_COLUMNS = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
] as const;

/** The groups of 四, in the order their 15 numbers are printed. */
export const OUTCOME_GROUPS = [
  { key: "review", label: "行政复议" },
  { key: "lawsuitDirect", label: "行政诉讼 未经复议直接起诉" },
  { key: "lawsuitAfterReview", label: "行政诉讼 复议后起诉" },
] as const;

/** Group labels of 三、本年度办理结果 whose sub-rows are numbered 1., 2., … */
export const REQUEST_GROUPS = [
  { key: "withheld", phrases: ["不予公开"] },
  { key: "unableToProvide", phrases: ["无法提供"] },
  { key: "notProcessed", phrases: ["不予处理"] },
  { key: "otherHandling", phrases: ["其他处理"] },
] as const;

/** A group key of {@link REQUEST_GROUPS}. */
export type RequestGroup = (typeof REQUEST_GROUPS)[number]["key"];

/** Which of the two post-2019 templates a row or column belongs to. */
export type Family = "2021" | "2019";

/** One data row of 三. */
export interface RequestRowDef {
  /** Path under `requests`, e.g. `results.withheld.stateSecret`. */
  path: string;
  /** The official label, for diagnostics and codebooks. */
  label: string;
  /** Distinctive phrases, any of which identifies the row (after normalisation). */
  phrases: string[];
  /** The group the row is a sub-row of, if any. */
  group?: RequestGroup;
  /** Match only when the label, marker stripped, equals a phrase (for the bare `3.其他`). */
  exact?: boolean;
  /** Set on the rows that exist in one template only (the two shapes of （六）其他处理). */
  variant?: Family;
}

const shared = (tail: RequestRowDef[]): RequestRowDef[] => [
  { path: "newReceived", label: "一、本年新收政府信息公开申请数量", phrases: ["本年新收", "新收政府信息"] },
  { path: "carriedOver", label: "二、上年结转政府信息公开申请数量", phrases: ["上年结转"] },
  { path: "results.granted", label: "（一）予以公开", phrases: ["予以公开"] },
  { path: "results.partiallyGranted", label: "（二）部分公开", phrases: ["部分公开"] },
  { path: "results.withheld.stateSecret", label: "1.属于国家秘密", phrases: ["国家秘密"], group: "withheld" },
  { path: "results.withheld.prohibitedByLaw", label: "2.其他法律行政法规禁止公开", phrases: ["法律行政法规", "禁止公开", "法律行政"], group: "withheld" },
  { path: "results.withheld.endangersSecurity", label: "3.危及“三安全一稳定”", phrases: ["三安全一稳定", "三安全"], group: "withheld" },
  { path: "results.withheld.thirdPartyRights", label: "4.保护第三方合法权益", phrases: ["第三方合法权益", "第三方"], group: "withheld" },
  { path: "results.withheld.internalAffairs", label: "5.属于三类内部事务信息", phrases: ["内部事务", "三类内", "事务信息"], group: "withheld" },
  { path: "results.withheld.processInformation", label: "6.属于四类过程性信息", phrases: ["过程性信息", "过程性"], group: "withheld" },
  { path: "results.withheld.enforcementFiles", label: "7.属于行政执法案卷", phrases: ["执法案卷"], group: "withheld" },
  { path: "results.withheld.administrativeQuery", label: "8.属于行政查询事项", phrases: ["行政查询", "查询事项"], group: "withheld" },
  { path: "results.unableToProvide.notHeld", label: "1.本机关不掌握相关政府信息", phrases: ["不掌握"], group: "unableToProvide" },
  { path: "results.unableToProvide.needsCreation", label: "2.没有现成信息需要另行制作", phrases: ["另行制作", "没有现成"], group: "unableToProvide" },
  { path: "results.unableToProvide.unclear", label: "3.补正后申请内容仍不明确", phrases: ["仍不明确", "不明确"], group: "unableToProvide" },
  { path: "results.notProcessed.complaint", label: "1.信访举报投诉类申请", phrases: ["信访", "举报投诉"], group: "notProcessed" },
  { path: "results.notProcessed.repeated", label: "2.重复申请", phrases: ["重复申请"], group: "notProcessed" },
  { path: "results.notProcessed.publication", label: "3.要求提供公开出版物", phrases: ["公开出版物", "出版物"], group: "notProcessed" },
  { path: "results.notProcessed.excessive", label: "4.无正当理由大量反复申请", phrases: ["大量反复", "反复申请"], group: "notProcessed" },
  { path: "results.notProcessed.confirmation", label: "5.要求行政机关确认或重新出具已获取信息", phrases: ["重新出具", "确认或重新"], group: "notProcessed" },
  ...tail,
  { path: "results.total", label: "（七）总计", phrases: ["总计", "合计"] },
  { path: "carriedForward", label: "四、结转下年度继续办理", phrases: ["结转下年", "继续办理"] },
];

/**
 * Every row of 三 in table order, both templates together: （六）其他处理 is three sub-rows
 * in 2021 and one row in 2019, and a report can print either shape whatever its detected
 * template, so the reader matches against the union and lets the rows it saw decide.
 * `variant` marks the rows that belong to one shape only.
 */
export const REQUEST_ROWS: RequestRowDef[] = shared([
  {
    path: "results.otherHandling.overdueCorrection",
    label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    phrases: ["逾期不补正", "不补正"],
    group: "otherHandling",
    variant: "2021",
  },
  {
    path: "results.otherHandling.overdueFee",
    label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    phrases: ["缴纳费用", "收费通知"],
    group: "otherHandling",
    variant: "2021",
  },
  { path: "results.otherHandling.other", label: "3.其他", phrases: ["其他"], group: "otherHandling", exact: true, variant: "2021" },
  { path: "results.otherHandling.total", label: "（六）其他处理", phrases: ["其他处理"], variant: "2019" },
]);

/** 三 rows of the 2021 template: （六）其他处理 has three sub-rows. */
export const REQUEST_ROWS_2021: RequestRowDef[] = REQUEST_ROWS.filter((d) => d.variant !== "2019");

/** 三 rows of the 2019 template: （六）其他处理 is a single row. */
export const REQUEST_ROWS_2019: RequestRowDef[] = REQUEST_ROWS.filter((d) => d.variant !== "2021");

/** A column of a 二 sub-table. */
export interface ProactiveColumnDef {
  /** Key under the row object, e.g. `issued`. */
  key: string;
  label: string;
  /**
   * Distinctive phrases, any of which identifies the column's header once normalised. When
   * two columns of a row both match a header cell, the phrase that occurs first wins, so an
   * annotation after the label (`本年增/减(…减用负值表示,如-8)`) cannot outvote it.
   */
  phrases: string[];
  /** The unit the column is in; a cell unit that differs is flagged. Null: counts. */
  unit: string | null;
}

/** A row of one 二 template: its label and its columns in template order. */
export interface ProactiveRowDef {
  /** Key under `proactive`, e.g. `rules`. */
  key: string;
  label: string;
  phrases: string[];
  /** The columns in template order (used when the header is missing or truncated). */
  columns: ProactiveColumnDef[];
}

/**
 * A row of 二 across both templates. The 2019 and 2021 templates share most row labels but
 * give them different columns, so the reader keeps the column list of each template the row
 * occurs in and picks one from the sub-table's own header, never from the detected template
 * alone.
 */
export interface ProactiveRowSpec {
  /** Key under `proactive`, e.g. `rules`. */
  key: string;
  /** The official label (the 2021 wording where the templates differ). */
  label: string;
  /** The 2019 wording, where it differs (`规范性文件`). */
  label2019?: string;
  phrases: string[];
  /** The 第二十条 item (第（N）项) whose sub-table holds the row. */
  item: number;
  /** The columns in template order, per template the row belongs to. */
  columns: Partial<Record<Family, ProactiveColumnDef[]>>;
}

const col = (key: string, label: string, phrases: string[], unit: string | null = null): ProactiveColumnDef => ({
  key,
  label,
  phrases,
  unit,
});

const C2021 = {
  issued: col("issued", "本年制发件数", ["制发"]),
  repealed: col("repealed", "本年废止件数", ["废止"]),
  inForce: col("inForce", "现行有效件数", ["现行有效", "有效件数"]),
  decisions: col("decisions", "本年处理决定数量", ["处理决定", "决定数量"]),
  amount: col("amount", "本年收费金额（单位：万元）", ["收费金额"], "万元"),
};

const C2019 = {
  made: col("made", "本年新制作数量", ["新制作", "制作数量"]),
  published: col("published", "本年新公开数量", ["新公开", "公开数量"]),
  totalPublished: col("totalPublished", "对外公开总数量", ["对外公开", "公开总数"]),
  previousYear: col("previousYear", "上一年项目数量", ["上一年", "上年项目"]),
  change: col("change", "本年增/减", ["增/减", "增减", "增(减)", "本年增"]),
  decisions: col("decisions", "处理决定数量", ["处理决定", "决定数量"]),
  projects: col("projects", "采购项目数量", ["采购项目", "项目数量"]),
  totalAmount: col("totalAmount", "采购总金额", ["总金额", "采购金额"]),
};

const DOCUMENTS = { "2021": [C2021.issued, C2021.repealed, C2021.inForce], "2019": [C2019.made, C2019.published, C2019.totalPublished] };
const MATTERS = { "2021": [C2021.decisions], "2019": [C2019.previousYear, C2019.change, C2019.decisions] };

/** 二 rows of both templates, in table order. */
export const PROACTIVE_ROWS: ProactiveRowSpec[] = [
  { key: "rules", label: "规章", phrases: ["规章"], item: 1, columns: DOCUMENTS },
  { key: "normativeDocuments", label: "行政规范性文件", label2019: "规范性文件", phrases: ["规范性文件"], item: 1, columns: DOCUMENTS },
  { key: "licensing", label: "行政许可", phrases: ["行政许可"], item: 5, columns: MATTERS },
  { key: "otherServices", label: "其他对外管理服务事项", phrases: ["其他对外管理", "对外管理服务"], item: 5, columns: { "2019": MATTERS["2019"] } },
  { key: "punishment", label: "行政处罚", phrases: ["行政处罚"], item: 6, columns: MATTERS },
  { key: "coercion", label: "行政强制", phrases: ["行政强制"], item: 6, columns: MATTERS },
  { key: "fees", label: "行政事业性收费", phrases: ["事业性收费"], item: 8, columns: { "2021": [C2021.amount], "2019": [C2019.previousYear, C2019.change] } },
  { key: "procurement", label: "政府集中采购", phrases: ["集中采购"], item: 9, columns: { "2019": [C2019.projects, C2019.totalAmount] } },
];

/** The rows of one template, in the one-template shape. */
function rowsOf(family: Family): ProactiveRowDef[] {
  return PROACTIVE_ROWS.flatMap((r) => {
    const columns = r.columns[family];
    if (!columns) return [];
    const label = family === "2019" ? (r.label2019 ?? r.label) : r.label;
    return [{ key: r.key, label, phrases: r.phrases, columns }];
  });
}

/** 二 rows of the 2021 template. */
export const PROACTIVE_ROWS_2021: ProactiveRowDef[] = rowsOf("2021");

/** 二 rows of the 2019 template. */
export const PROACTIVE_ROWS_2019: ProactiveRowDef[] = rowsOf("2019");

/** Phrases that mark a 二 header row's first cell. */
export const PROACTIVE_HEADER = ["信息内容"];

/**
 * Cell text signals that decide the template (see formats.md § B "What changed"), as key
 * phrases matched inside a normalised cell. Each signal counts once however often it occurs,
 * so a long table does not outvote a short one; the label is what a diagnostic names.
 * The shape of （六）其他处理 (one row or three) is a signal too, read by the detector itself.
 */
export const TEMPLATE_SIGNALS: Record<Family, Array<{ label: string; phrases: string[] }>> = {
  "2021": [
    { label: "本年制发件数", phrases: ["制发件数", "本年制发"] },
    { label: "本年废止件数", phrases: ["废止件数", "本年废止"] },
    { label: "现行有效件数", phrases: ["现行有效件数"] },
    { label: "本年收费金额", phrases: ["收费金额"] },
    { label: "逾期不补正", phrases: ["逾期不补正"] },
    { label: "逾期未按收费通知要求缴纳费用", phrases: ["缴纳费用"] },
  ],
  "2019": [
    { label: "本年新制作数量", phrases: ["新制作"] },
    { label: "本年新公开数量", phrases: ["本年新公开"] },
    { label: "对外公开总数量", phrases: ["对外公开总数"] },
    { label: "上一年项目数量", phrases: ["上一年项目"] },
    { label: "本年增/减", phrases: ["本年增/减", "本年增减"] },
    { label: "第二十条第（九）项", phrases: ["第二十条第(九)项", "第二十条第九项"] },
    { label: "政府集中采购", phrases: ["集中采购"] },
    { label: "采购总金额", phrases: ["采购总金额"] },
    { label: "其他对外管理服务事项", phrases: ["对外管理服务"] },
  ],
};
