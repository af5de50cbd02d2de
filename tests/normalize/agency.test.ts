/**
 * Issue 14: who reported and where. Codes below are GB/T 2260's (read from the official list,
 * not from the resolver): 沭阳县 321322, 泗阳县 321323, 海淀区 110108, 南京市鼓楼区 320106,
 * 徐州市鼓楼区 320302, 福州市鼓楼区 350102, 开封市鼓楼区 410204, 宿迁市 321300, 阿坝藏族羌族自治州 513200,
 * 海西蒙古族藏族自治州 632800, 黔东南苗族侗族自治州 522600, 海南藏族自治州 632500, 东莞市 441900, 中山市 442000.
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import { agencyKey, agencyKind, resolveDivision } from "../../src/normalize/agency.js";

describe("agency key", () => {
  it("one key for one body across wrappers, white space, full-width and traditional forms", () => {
    const forms = ["沭阳县发展和改革委员会", " 沭阳县 发展和改革委员会 ", "关于沭阳县发展和改革委员会2021年度政府信息公开工作年度报告", "沭陽縣發展和改革委員會"];
    expect(new Set(forms.map(agencyKey))).toEqual(new Set(["沭阳县发展和改革委员会"]));
    expect(agencyKey(null)).toBeNull();
  });

  it("kinds: office before government, township before government", () => {
    expect(agencyKind("宿迁市人民政府办公室")).toBe("人民政府办公室/厅");
    expect(agencyKind("江苏省人民政府办公厅")).toBe("人民政府办公室/厅");
    expect(agencyKind("沭阳县人民政府")).toBe("人民政府");
    expect(agencyKind("沭阳县钱集镇人民政府")).toBe("乡镇人民政府");
    expect(agencyKind("南京市鼓楼区宁海路街道办事处")).toBe("街道办事处");
    expect(agencyKind("泗阳县行政审批局")).toBe("局");
    expect(agencyKind("上海市科学技术委员会")).toBe("委员会");
  });
});

describe("division", () => {
  it("a unique county name resolves, with its city and province", () => {
    expect(resolveDivision("沭阳县发展和改革局").division).toEqual({ code: "321322", province: "江苏省", city: "宿迁市", county: "沭阳县", level: "county" });
    expect(resolveDivision("北京市海淀区住房和城乡建设委员会").division?.code).toBe("110108");
    expect(resolveDivision("宿迁市住房和城乡建设局").division).toEqual({ code: "321300", province: "江苏省", city: "宿迁市", county: null, level: "city" });
  });

  it("an ambiguous name is resolved only by a parent the text names, else null with the candidates", () => {
    const alone = resolveDivision("鼓楼区人民政府");
    expect(alone.division).toBeNull();
    expect(alone.candidates.map((c) => c.code).sort()).toEqual(["320106", "320302", "350102", "410204"]);
    expect(resolveDivision("鼓楼区人民政府", ["南京市鼓楼区人民政府2021年政府信息公开工作年度报告"]).division?.code).toBe("320106");
    expect(resolveDivision("鼓楼区人民政府", ["发布机构 福州市鼓楼区人民政府"]).division?.code).toBe("350102");
  });

  it("an autonomous prefecture by its usual short name (阿坝州 for 阿坝藏族羌族自治州)", () => {
    expect(resolveDivision("阿坝州财政局").division).toEqual({ code: "513200", province: "四川省", city: "阿坝藏族羌族自治州", county: null, level: "city" });
    expect(resolveDivision("四川省阿坝州人民政府").division?.code).toBe("513200");
    expect(resolveDivision("海西州生态环境局").division?.code).toBe("632800");
    expect(resolveDivision("黔东南州统计局").division?.code).toBe("522600");
    // 海南州 is not 海南省.
    expect(resolveDivision("海南州人民政府").division?.code).toBe("632500");
  });

  it("unknown names and street names are not places", () => {
    expect(resolveDivision("国家税务总局").division).toBeNull();
    expect(resolveDivision("中山路街道办事处").division).toBeNull();
    expect(resolveDivision(null)).toEqual({ division: null, candidates: [] });
  });

  it("a township body gets its county's code and the township level", () => {
    expect(resolveDivision("南京市鼓楼区宁海路街道办事处").division).toEqual({ code: "320106", province: "江苏省", city: "南京市", county: "鼓楼区", level: "township" });
  });

  it("a township body of a city without counties is still township level (东莞 has towns, no counties)", () => {
    expect(resolveDivision("东莞市虎门镇人民政府").division).toEqual({ code: "441900", province: "广东省", city: "东莞市", county: null, level: "township" });
    expect(resolveDivision("中山市石岐街道办事处").division).toEqual({ code: "442000", province: "广东省", city: "中山市", county: null, level: "township" });
  });

  it("parseReport: the page's header block decides an ambiguous name (text and HTML)", () => {
    const body = "鼓楼区人民政府2021年政府信息公开工作年度报告\n一、总体情况\n2021年，鼓楼区人民政府认真贯彻落实《条例》。";
    expect(parseReport(`发布机构：福州市鼓楼区人民政府\n发布时间：2022-01-20\n${body}`).meta.division?.code).toBe("350102");
    expect(parseReport(`索引号：000\n来源：南京市鼓楼区人民政府\n${body}`).meta.division?.code).toBe("320106");
    const html = "<html><body><table><tr><td>发布机构：</td><td>开封市鼓楼区人民政府</td></tr></table><h1>鼓楼区人民政府2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>2021年，鼓楼区人民政府认真贯彻落实。</p></body></html>";
    const report = parseReport(html);
    expect(report.meta.division?.code).toBe("410204");
    expect(report.diagnostics.filter((d) => d.code.startsWith("division-"))).toEqual([]);
  });

  it("parseReport fills meta and says why a division is missing", () => {
    const seed = parseReport("泗阳县行政审批局2021年政府信息公开工作年度报告\n一、总体情况\n2021年，泗阳县行政审批局认真贯彻落实《条例》。");
    expect(seed.meta.division?.code).toBe("321323");
    expect(seed.meta.agencyKey).toBe("泗阳县行政审批局");
    const ambiguous = parseReport("鼓楼区人民政府2021年政府信息公开工作年度报告\n一、总体情况\n2021年，鼓楼区人民政府认真贯彻落实《条例》。");
    expect(ambiguous.meta.division).toBeNull();
    const d = ambiguous.diagnostics.find((x) => x.code === "division-ambiguous");
    expect(d?.severity).toBe("info");
    expect(d?.path).toBe("meta.division");
    for (const code of ["320106", "320302", "350102", "410204"]) expect(d?.message).toContain(code);
  });
});
