/**
 * The printed text of the report tables that the template grid (`templates/grid.ts`)
 * does not hold — captions, header cells, group labels, the 勾稽 note — and the text
 * transformations that real scrapers and mirror sites apply to labels (formats.md §§ E–F).
 *
 * Everything the grid does hold (row labels, column labels, model paths) is imported from
 * it, so a template change there shows up here without a copy to update.
 *
 * The simplified → traditional table below is written independently of the parser's
 * traditional → simplified table on purpose: a renderer that inverted the parser's own table
 * could only ever produce characters the parser already knows, and the round trip would prove
 * nothing about mirror-site pages.
 */

/** Section headings of the three tables, as the template prints them: the parser finds each table by its heading. */
export const TABLE_HEADINGS = {
  proactive: "二、主动公开政府信息情况",
  requests: "三、收到和处理政府信息公开申请情况",
  reviewsAndLawsuits: "四、政府信息公开行政复议、行政诉讼情况",
} as const;

/** The sub-table captions of 二 and the row keys under each, per template: real pages print 二 as one table cut by these caption rows. */
export const PROACTIVE_CAPTIONS: Record<"2021" | "2019", ReadonlyArray<readonly [caption: string, keys: readonly string[]]>> = {
  "2021": [
    ["第二十条第（一）项", ["rules", "normativeDocuments"]],
    ["第二十条第（五）项", ["licensing"]],
    ["第二十条第（六）项", ["punishment", "coercion"]],
    ["第二十条第（八）项", ["fees"]],
  ],
  "2019": [
    ["第二十条第（一）项", ["rules", "normativeDocuments"]],
    ["第二十条第（五）项", ["licensing", "otherServices"]],
    ["第二十条第（六）项", ["punishment", "coercion"]],
    ["第二十条第（八）项", ["fees"]],
    ["第二十条第（九）项", ["procurement"]],
  ],
};

/** The top-left cell of 三 (colspan 3, rowspan 3), in both templates; printed so the header block has its real width. */
export const REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/** The header cell over the seven applicant columns of 三 (colspan 7), which parsers must skip as a group header. */
export const REQUESTS_APPLICANTS = "申请人情况";
/** The group header over the five organisation columns of 三 (colspan 5); there is no value column under it. */
export const REQUESTS_ORGANISATIONS = "法人或其他组织";
/** The rowspan label of the result rows of 三: it shares its line with the first sub-row, which parsers must cope with. */
export const REQUESTS_RESULTS = "三、本年度办理结果";

/** Group labels of 三 (the rowspan cell beside the numbered sub-rows), by group key. */
export const REQUEST_GROUP_LABELS: Record<string, string> = {
  withheld: "（三）不予公开",
  unableToProvide: "（四）无法提供",
  notProcessed: "（五）不予处理",
  otherHandling: "（六）其他处理",
};

/**
 * Row labels that the pages print longer than the grid's short official label, by path
 * under `requests`.
 */
export const REQUEST_PRINTED_LABELS: Record<string, string> = {
  "results.partiallyGranted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
};

/**
 * Where a `<br>` sits inside a header cell on real pages (characters before the break),
 * by official label. A scraper turns it into a space (`商业 企业`), a newline, or keeps only
 * the first half (`结果 | 其他 | 尚未` in the seed, `本年新 |` twice in a 2019 report).
 */
export const BREAK_POINTS: Readonly<Record<string, number>> = {
  本年新制作数量: 3,
  本年新公开数量: 3,
  对外公开总数量: 4,
  上一年项目数量: 3,
  "本年增/减": 4,
  处理决定数量: 4,
  采购项目数量: 4,
  采购总金额: 2,
  本年制发件数: 2,
  本年废止件数: 2,
  现行有效件数: 4,
  本年处理决定数量: 2,
  "本年收费金额（单位：万元）": 6,
  商业企业: 2,
  科研机构: 2,
  社会公益组织: 4,
  法律服务机构: 4,
  法人或其他组织: 3,
  结果维持: 2,
  结果纠正: 2,
  其他结果: 2,
  尚未审结: 2,
  未经复议直接起诉: 4,
};

/**
 * Simplified → traditional for every character of the labels and headings above and in
 * the grid that has a distinct traditional form (OpenCC's STCharacters choice; 复 is 復 in
 * 复议 and 複 in 重复, so both are written where they occur).
 */
const S2T: Readonly<Record<string, string>> = {
  发: "發", 数: "數", 废: "廢", 现: "現", 规: "規", 范: "範", 处: "處", 许: "許", 决: "決",
  强: "強", 费: "費", 额: "額", 单: "單", 万: "萬", 项: "項", 条: "條", 内: "內", 业: "業",
  采: "採", 购: "購", 总: "總", 计: "計", 请: "請", 况: "況", 构: "構", 组: "組", 织: "織",
  务: "務", 结: "結", 转: "轉", 办: "辦", 开: "開", 国: "國", 稳: "穩", 权: "權", 类: "類",
  过: "過", 执: "執", 询: "詢", 没: "沒", 补: "補", 确: "確", 访: "訪", 举: "舉", 报: "報",
  诉: "訴", 议: "議", 讼: "訟", 纠: "糾", 维: "維", 审: "審", 经: "經", 护: "護", 关: "關",
  门: "門", 种: "種", 并: "並", 实: "實", 际: "際", 应: "應", 对: "對", 属: "屬", 机: "機",
  获: "獲", 复: "復", 个: "個", 与: "與", 书: "書", 会: "會", 这: "這", 为: "為", 产: "產",
  动: "動", 让: "讓", 读: "讀", 问: "問", 题: "題", 进: "進", 宁: "寧", 级: "級",
  体: "體", 态: "態", 违: "違", 认: "認", 缴: "繳", 纳: "納", 时: "時", 质: "質",
  负: "負", 责: "責", 险: "險", 详: "詳", 严: "嚴", 团: "團", 网: "網", 编: "編",
  统: "統", 轮: "輪", 设: "設", 讯: "訊", 标: "標", 准: "準", 资: "資", 历: "歷", 来: "來",
  据: "據", 两: "兩", 东: "東", 风: "風", 卫: "衛", 县: "縣", 乡: "鄉", 镇: "鎮",
  区: "區", 厅: "廳", 广: "廣", 汇: "匯", 赁: "賃", 层: "層", 录: "錄", 库: "庫", 销: "銷",
};

/** `重复` is written 重複 by converters, not 重復. */
const S2T_WORDS: ReadonlyArray<readonly [string, string]> = [["重复", "重複"], ["反复", "反覆"]];

/** Converts label text to traditional characters the way mirror sites do, so the parser's conversion table is tested against an independent one. */
export function toTraditional(text: string): string {
  let out = text;
  for (const [s, t] of S2T_WORDS) out = out.split(s).join(t);
  let result = "";
  for (const ch of out) result += S2T[ch] ?? ch;
  return result;
}

/** Full-width punctuation the templates print → the half-width form NFKC-scraped copies show. */
const HALF: Readonly<Record<string, string>> = { "（": "(", "）": ")", "：": ":", "，": ",", "；": ";" };

/** Turns the template's full-width brackets, colons and commas into half-width ones: scraped copies often went through NFKC (the seed did). */
export function toHalfWidth(text: string): string {
  let result = "";
  for (const ch of text) result += HALF[ch] ?? ch;
  return result;
}

/** Half-width → full-width: the opposite drift, for label samples that must match in either direction. */
export function toFullWidth(text: string): string {
  let result = "";
  for (const ch of text) {
    const full = Object.entries(HALF).find(([, half]) => half === ch)?.[0];
    result += full ?? ch;
  }
  return result;
}
