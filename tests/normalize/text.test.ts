import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { normalizeLabel, chineseNumeral, traditionalToSimplified } from "../../src/text/labels.js";

const cp = (...codes: number[]): string => String.fromCodePoint(...codes);

describe("normalizeLabel: brackets and width", () => {
  it.each([
    ["（一）予以公开", "(一)予以公开"],
    ["(一)予以公开", "(一)予以公开"],
    ["第二十条第（一）项", "第二十条第(一)项"],
    ["第二十条 第(一)项", "第二十条第(一)项"],
    ["【一】", "(一)"],
    ["〔2019〕60号", "(2019)60号"],
    ["［2019］", "(2019)"],
    ["[2019]", "(2019)"],
    ["〖一〗", "(一)"],
    ["本年收费金额（单位：万元）", "本年收费金额(单位:万元)"],
    ["１２３ＡＢＣ", "123ABC"],
    ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"],
    ["本年增/减", "本年增/减"],
    ["《条例》", "《条例》"],
    ["㈠予以公开", "(一)予以公开"],
    ["⒈属于国家秘密", "1.属于国家秘密"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe("normalizeLabel: white space", () => {
  it.each([
    ["商业 企业", "商业企业"],
    ["索 引 号", "索引号"],
    ["本年 制发件数", "本年制发件数"],
    ["本年新\n制作数量", "本年新制作数量"],
    ["\t总计\r\n", "总计"],
    ["总\u00a0计", "总计"],
    ["总\u3000计", "总计"],
    ["总\u200b计", "总计"],
    ["\ufeff总计", "总计"],
    ["总\u2002\u2003\u202f计", "总计"],
    ["   ", ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe("normalizeLabel: quotes are deleted", () => {
  it.each([
    ["3.危及“三安全一稳定”", "3.危及三安全一稳定"],
    ['3.危及"三安全一稳定"', "3.危及三安全一稳定"],
    ["3.危及‘三安全一稳定’", "3.危及三安全一稳定"],
    ["3.危及「三安全一稳定」", "3.危及三安全一稳定"],
    ["3.危及『三安全一稳定』", "3.危及三安全一稳定"],
    ["3.危及＂三安全一稳定＂", "3.危及三安全一稳定"],
    ["“信息不存在”数", "信息不存在数"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe("normalizeLabel: dashes", () => {
  it.each([
    ["a—b", "a-b"],
    ["a–b", "a-b"],
    ["a－b", "a-b"],
    ["a‐b", "a-b"],
    ["a‑b", "a-b"],
    ["a−b", "a-b"],
    ["——", "--"],
    ["a-b", "a-b"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe("normalizeLabel: traditional characters", () => {
  it.each([
    ["總計", "总计"],
    ["總 計", "总计"],
    ["申請人情況", "申请人情况"],
    ["處理決定數量", "处理决定数量"],
    ["本年處理決定數量", "本年处理决定数量"],
    ["第二十條", "第二十条"],
    ["第二十條第（一）項", "第二十条第(一)项"],
    ["規范性文件", "规范性文件"],
    ["規範性文件", "规范性文件"],
    ["行政規範性文件", "行政规范性文件"],
    ["索引號", "索引号"],
    ["分類", "分类"],
    ["發布機構", "发布机构"],
    ["文號", "文号"],
    ["名稱", "名称"],
    ["發文字號", "发文字号"],
    ["一、本年新收政府信息公開申請數量", "一、本年新收政府信息公开申请数量"],
    ["（二）部分公開（區分處理的，只計這一情形，不計其他情形）", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"],
    ["3.危及“三安全一穩定”", "3.危及三安全一稳定"],
    ["4.保護第三方合法權益", "4.保护第三方合法权益"],
    ["5.屬於三類內部事務信息", "5.属于三类内部事务信息"],
    ["6.屬於四類過程性信息", "6.属于四类过程性信息"],
    ["1.本機關不掌握相關政府信息", "1.本机关不掌握相关政府信息"],
    ["2.沒有現成信息需要另行製作", "2.没有现成信息需要另行制作"],
    ["3.補正後申請內容仍不明確", "3.补正后申请内容仍不明确"],
    ["1.信訪舉報投訴類申請", "1.信访举报投诉类申请"],
    ["2.重複申請", "2.重复申请"],
    ["3.要求提供公開出版物", "3.要求提供公开出版物"],
    ["4.無正當理由大量反覆申請", "4.无正当理由大量反复申请"],
    ["5.要求行政機關確認或重新出具已獲取信息", "5.要求行政机关确认或重新出具已获取信息"],
    ["四、結轉下年度繼續辦理", "四、结转下年度继续办理"],
    ["法律服務機構", "法律服务机构"],
    ["社會公益組織", "社会公益组织"],
    ["商業企業", "商业企业"],
    ["科研機構", "科研机构"],
    ["行政複議", "行政复议"],
    ["行政訴訟", "行政诉讼"],
    ["未經複議直接起訴", "未经复议直接起诉"],
    ["結果糾正", "结果纠正"],
    ["尚未審結", "尚未审结"],
    ["本年收費金額（單位：萬元）", "本年收费金额(单位:万元)"],
    ["對外公開總數量", "对外公开总数量"],
    ["上一年項目數量", "上一年项目数量"],
    ["政府集中採購", "政府集中采购"],
    ["採購總金額", "采购总金额"],
    ["現行有效件數", "现行有效件数"],
    ["本年廢止件數", "本年废止件数"],
    ["二、主動公開政府信息情況", "二、主动公开政府信息情况"],
    ["四、政府信息公開行政複議、行政訴訟情況", "四、政府信息公开行政复议、行政诉讼情况"],
    ["五、存在的主要問題及改進情況", "五、存在的主要问题及改进情况"],
    ["六、其他需要報告的事項", "六、其他需要报告的事项"],
    ["（本列數據的勾稽關係為：第一項加第二項之和，等於第三項加第四項之和）", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"],
    ["有效性", "有效性"],
    ["成文日期", "成文日期"],
    ["發布日期", "发布日期"],
    ["主題分類", "主题分类"],
    ["信息來源", "信息来源"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it("maps 總 計 and 总计 to the same string", () => {
    expect(normalizeLabel("總 計")).toBe("总计");
    expect(normalizeLabel("總 計")).toBe(normalizeLabel("总计"));
  });

  it("applies every pair of the table, and no key is also a target (one pass suffices)", () => {
    expect(traditionalToSimplified.size).toBeGreaterThanOrEqual(190);
    const targets = new Set(traditionalToSimplified.values());
    for (const [trad, simp] of traditionalToSimplified) {
      expect(trad).not.toBe(simp);
      expect(targets.has(trad)).toBe(false);
      expect(normalizeLabel(trad)).toBe(simp);
    }
  });

  it("leaves simplified label characters alone", () => {
    const simplified = [...new Set(traditionalToSimplified.values())].join("");
    expect(normalizeLabel(simplified)).toBe(simplified);
  });
});

describe("normalizeLabel: Kangxi radicals, radicals supplement, compatibility ideographs", () => {
  it("maps Kangxi radicals to unified ideographs (NFKC)", () => {
    // ⼀ U+2F00 → 一, ⼆ U+2F06 → 二, ⼗ U+2F17 → 十, ⼈ U+2F08 → 人
    expect(normalizeLabel(cp(0x2f00) + "、总体情况")).toBe("一、总体情况");
    expect(normalizeLabel("第" + cp(0x2f06, 0x2f17) + "条")).toBe("第二十条");
    expect(normalizeLabel("自然" + cp(0x2f08))).toBe("自然人");
  });
  it("maps a Kangxi radical that NFKC turns traditional all the way to simplified", () => {
    // ⾨ U+2FA8 → 門 (NFKC) → 门 (table)
    expect(normalizeLabel("部" + cp(0x2fa8))).toBe("部门");
  });
  it("maps CJK Radicals Supplement forms that NFKC leaves alone", () => {
    expect(cp(0x2ed4).normalize("NFKC")).toBe(cp(0x2ed4)); // NFKC does nothing here…
    expect(normalizeLabel("部" + cp(0x2ed4))).toBe("部门"); // …the table does: ⻔ → 门
    expect(normalizeLabel("人" + cp(0x2ea0) + "政府")).toBe("人民政府"); // ⺠ → 民
    expect(normalizeLabel("1" + cp(0x2e9d) + "1" + cp(0x2e9c))).toBe("1月1日"); // ⺝ ⺜
    expect(normalizeLabel("第1" + cp(0x2eda))).toBe("第1页"); // ⻚ → 页
    expect(normalizeLabel(cp(0x2ed1))).toBe("长"); // ⻑ → 長 → 长
  });
  it("maps CJK compatibility ideographs (NFKC)", () => {
    // U+F9B2 is a compatibility form of 零
    expect(normalizeLabel(cp(0xf9b2))).toBe("零");
  });
});

describe("normalizeLabel: general properties", () => {
  it("returns plain simplified input unchanged", () => {
    const s = "三、收到和处理政府信息公开申请情况";
    expect(normalizeLabel(s)).toBe(s);
  });

  const alphabet = fc.constantFrom(
    ..."总计請況處決數條規範务機構 （）()【】〔〕［］[]“”‘’「」\"'—–－-\u00a0\u3000\u200b\ufeff一二十12１２：:，,".split(""),
    cp(0x2f00),
    cp(0x2ed4),
  );
  const labels = fc.array(alphabet, { maxLength: 30 }).map((a) => a.join(""));

  it("is idempotent", () => {
    fc.assert(
      fc.property(labels, (s) => {
        const once = normalizeLabel(s);
        expect(normalizeLabel(once)).toBe(once);
      }),
    );
  });

  it("never leaves white space, quotes or non-ASCII brackets", () => {
    fc.assert(
      fc.property(labels, (s) => {
        expect(normalizeLabel(s)).not.toMatch(/[\s\u200b\ufeff"'“”‘’「」【】〔〕［］\[\]（）—–－]/u);
      }),
    );
  });

  it("gives the same answer at every length (shared buffer, chunked output, own buffer)", () => {
    for (const n of [1, 100, 8192, 8193, 20_000, 65_536, 70_000]) {
      const input = "總 計".repeat(n);
      expect(normalizeLabel(input)).toBe("总计".repeat(n));
      expect(normalizeLabel("（二） 部分公开")).toBe("(二)部分公开"); // the buffer is reused safely
    }
  });

  it("normalises a 1 MB string (long output path)", () => {
    const unit = "總 計（一）“三安全一稳定”";
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const out = normalizeLabel(big);
    expect(out).toBe("总计(一)三安全一稳定".repeat(Math.ceil(1_000_000 / unit.length)));
  });
});

describe("chineseNumeral", () => {
  it.each([
    ["一", 1],
    ["二", 2],
    ["三", 3],
    ["九", 9],
    ["十", 10],
    ["十一", 11],
    ["十二", 12],
    ["十九", 19],
    ["二十", 20],
    ["二十一", 21],
    ["九十九", 99],
    ["〇", 0],
    ["零", 0],
    ["两", 2],
    ["壹", 1],
    ["贰", 2],
    ["叁", 3],
    ["拾", 10],
    ["拾壹", 11],
    ["贰拾叁", 23],
    ["一百", 100],
    ["百", 100],
    ["一百零五", 105],
    ["一百一十", 110],
    ["一百二十三", 123],
    ["1", 1],
    ["12", 12],
    ["１２", 12],
    ["0", 0],
    [" 三 ", 3],
  ])("%j → %d", (input, expected) => {
    expect(chineseNumeral(input)).toBe(expected);
  });

  it.each([
    [""],
    [" "],
    ["abc"],
    ["一一"],
    ["十十"],
    ["二〇"],
    ["二十十"],
    ["十二三"],
    ["零一"],
    ["一百五"],
    ["一百零"],
    ["百百"],
    ["1二"],
    ["-1"],
    ["1.5"],
    ["总"],
    ["—"],
  ])("%j → null", (input) => {
    expect(chineseNumeral(input)).toBeNull();
  });

  it("agrees with the Arabic form for every value 1–99", () => {
    const d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    for (let n = 1; n <= 99; n++) {
      const tens = Math.floor(n / 10);
      const ones = n % 10;
      const written = tens === 0 ? d[ones]! : (tens === 1 ? "" : d[tens]!) + "十" + d[ones]!;
      expect(chineseNumeral(written)).toBe(n);
      expect(chineseNumeral(String(n))).toBe(n);
    }
  });
});
