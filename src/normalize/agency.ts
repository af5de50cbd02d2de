/**
 * Who reported, and where: a normalised agency key to join on, the agency's kind, and its
 * administrative division (GB/T 2260 code and names) resolved from the agency name, the title
 * and the page's header block.
 *
 * Never a guess. A name that fits several divisions (鼓楼区 is in 南京, 福州, 徐州 and 开封) is
 * resolved only when the text names one of their parents; otherwise the division is null and
 * the caller gets the candidates to list in a diagnostic.
 */
import { mapCodeUnits, traditionalToSimplified } from "../text/labels.js";
import { DIVISIONS } from "./divisions-data.js";

/** Government level of a division, or of a township agency (乡镇, 街道) within it. */
export type DivisionLevel = "province" | "city" | "county" | "township";

/** A resolved administrative division: its code and the names along its path. */
export interface Division {
  /** Six-digit GB/T 2260 code of the most specific division named. */
  code: string;
  province: string | null;
  city: string | null;
  county: string | null;
  /**
   * The agency's level: a 街道/乡镇 body is `township`, whatever division its code is (its
   * county's, or a city's where towns sit directly under the city: 东莞市虎门镇).
   */
  level: DivisionLevel;
}

/** One row of the bundled table. */
interface Entry {
  code: string;
  name: string;
  level: "province" | "city" | "county";
}

/** Suffixes removed to get a province's or city's short name (江苏省 → 江苏). */
const SHORT_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟)$/;

/**
 * An autonomous prefecture's usual name: its place name and 州, the peoples named in the
 * official name dropped (阿坝藏族羌族自治州 → 阿坝州, 海西蒙古族藏族自治州 → 海西州). Agencies
 * write it so (阿坝州财政局); it names one prefecture, so it counts like a full name.
 */
const PREFECTURE = /^(.+?)(?:(?:藏|羌|彝|朝鲜|土家|苗|侗|布依|白|傣|景颇|傈僳|哈尼|壮|回|蒙古|哈萨克|柯尔克孜)族?)+自治州$/;

/** A name in the index: the division it names, and whether it is a short form. */
interface Name {
  entry: Entry;
  short: boolean;
}

let index:
  | { byCode: Map<string, Entry>; byName: Map<string, Name[]>; lengthsByPrefix: Map<number, number[]>; firsts: Uint8Array }
  | undefined;

/**
 * The key of a name's first two UTF-16 code units in `lengthsByPrefix`: a number, so that
 * {@link named}'s look-up at every place of a 600-character context makes no string.
 */
const pairKey = (s: string, i: number) => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);

/** The division table, parsed on first use (most reports ask; a library import need not pay). */
function divisions() {
  if (index) return index;
  const byCode = new Map<string, Entry>();
  const byName = new Map<string, Name[]>();
  // Name lengths by their first two characters: most places in a text start no name, and
  // are passed over with one lookup.
  const lengthsByPrefix = new Map<number, number[]>();
  // 1 for each code unit that starts a name: most characters of a text start none, and are
  // passed over with one typed-array read instead of a Map look-up.
  const firsts = new Uint8Array(0x10000);
  const add = (name: string, entry: Entry, short: boolean) => {
    if (name.length < 2) return;
    const list = byName.get(name) ?? [];
    if (!list.some((n) => n.entry === entry)) list.push({ entry, short });
    byName.set(name, list);
    const lengths = lengthsByPrefix.get(pairKey(name, 0)) ?? [];
    if (!lengths.includes(name.length)) lengths.push(name.length);
    lengthsByPrefix.set(pairKey(name, 0), lengths);
    firsts[name.charCodeAt(0)] = 1;
  };
  for (const line of DIVISIONS.split("\n")) {
    const code = line.slice(0, 6);
    const name = line.slice(7);
    const level = code.endsWith("0000") ? "province" : code.endsWith("00") ? "city" : "county";
    const e: Entry = { code, name, level };
    byCode.set(code, e);
    add(name, e, false);
    // Short names only above county level: 海淀 or 城区 alone is too easily part of a word.
    if (level !== "county") add(name.replace(SHORT_SUFFIX, ""), e, true);
    // Only from three characters on: 博州, 巴州, 克州 are also parts of other names (巴州区).
    const prefecture = PREFECTURE.exec(name)?.[1];
    if (level === "city" && prefecture !== undefined && prefecture.length >= 2) add(`${prefecture}州`, e, false);
  }
  index = { byCode, byName, lengthsByPrefix, firsts };
  return index;
}

/** The parents of a division entry: its city (if any, and not itself) and its province. */
function parents(e: Entry): Entry[] {
  const { byCode } = divisions();
  const out: Entry[] = [];
  if (e.level === "county") {
    const city = byCode.get(`${e.code.slice(0, 4)}00`);
    if (city) out.push(city);
  }
  if (e.level !== "province") {
    const province = byCode.get(`${e.code.slice(0, 2)}0000`);
    if (province) out.push(province);
  }
  return out;
}

/** What follows a place name that is really a street's: 中山路, 北京东路, 南京街. */
const STREET = /^(?:[东西南北中]?路|[东西南北]?街|大道|大街)/;

/**
 * Every division named in `text`. With `answers`, only those that can be the agency's own
 * place: a full name anywhere, a short name only at the start (宿迁住建局) — inside a name a
 * short form is too often something else (中山路街道 is not 中山市).
 */
function named(text: string, answers = false): Set<Entry> {
  const { byName, lengthsByPrefix, firsts } = divisions();
  const found = new Set<Entry>();
  for (let i = 0; i + 2 <= text.length; i++) {
    if (firsts[text.charCodeAt(i)] === 0) continue;
    const lengths = lengthsByPrefix.get(pairKey(text, i));
    if (!lengths) continue;
    for (const len of lengths) {
      if (i + len > text.length) continue;
      const list = byName.get(text.slice(i, i + len));
      if (!list) continue;
      const street = STREET.test(text.slice(i + len, i + len + 2));
      for (const n of list) if (!answers || (!street && (!n.short || i === 0))) found.add(n.entry);
    }
  }
  return found;
}

/**
 * Traditional forms common in agency and place names that the label table (text/labels.ts,
 * made for table labels) does not hold; position i of one string maps to position i of the other.
 */
const NAME_TRADITIONAL = "員衛營農東財稅資環運輸劃場價質醫療險檔館僑聯軍訊電視層藝術圖書隊勞戶證齡樂禮義蘇遼嶺貴雲陝齊魯閩贛粵瓊灣園藥檢糧儲濟貿";
const NAME_SIMPLIFIED = "员卫营农东财税资环运输划场价质医疗险档馆侨联军讯电视层艺术图书队劳户证龄乐礼义苏辽岭贵云陕齐鲁闽赣粤琼湾园药检粮储济贸";
/**
 * The label table, then the name table, as one code-unit table (0: no mapping): {@link plain}
 * runs over 600 characters of every report, and a typed-array read per code unit replaces a
 * string and two Map look-ups per character. Every character of both tables is a single BMP
 * code unit outside the surrogates, so reading code units maps what reading code points did.
 */
const PLAIN = new Uint16Array(0x10000);
for (let i = 0; i < NAME_TRADITIONAL.length; i++) PLAIN[NAME_TRADITIONAL.charCodeAt(i)] = NAME_SIMPLIFIED.charCodeAt(i);
// The label table wins where both map a character, as its look-up came first.
for (const [from, to] of traditionalToSimplified) PLAIN[from.charCodeAt(0)] = to.charCodeAt(0);

/** The normal form that keys and matching read: NFKC, simplified characters, no white space. */
function plain(name: string): string {
  return mapCodeUnits(name.normalize("NFKC").replace(/\s+/g, ""), PLAIN);
}

/** The last agency {@link agencyKey} was asked about, and its key: each report asks four times. */
let lastAgency: string | null = null;
let lastKey: string | null = null;

/**
 * A join key for the agency: the name in plain form without the report wrapper
 * (`关于…的`, a year, `…政府信息公开工作年度报告`), so the same body's reports of different
 * years, pages and encodings share one key. Null when nothing of a name is left.
 */
export function agencyKey(agency: string | null): string | null {
  if (agency === null) return null;
  if (agency === lastAgency) return lastKey;
  const key = computeAgencyKey(agency);
  lastAgency = agency;
  lastKey = key;
  return key;
}

function computeAgencyKey(agency: string): string | null {
  let s = plain(agency);
  s = s.replace(/^关于/, "").replace(/的$/, "");
  s = s.replace(/(?:19|20)\d{2}年(?:度)?/g, "");
  s = s.replace(/(?:政府信息公开)?(?:工作)?(?:年度)?(?:报告)$/, "");
  s = s.replace(/[（(][^）)]*[）)]$/, "");
  return s === "" ? null : s;
}

/** Kinds of reporting bodies, most specific suffix first. */
const KINDS: ReadonlyArray<[RegExp, string]> = [
  [/人民政府办公[室厅]$/, "人民政府办公室/厅"],
  [/(?:乡|镇)人民政府$/, "乡镇人民政府"],
  [/人民政府$/, "人民政府"],
  [/街道办事处$|街道$/, "街道办事处"],
  [/(?:管理委员会|管委会)$/, "管理委员会"],
  [/委员会$|委$/, "委员会"],
  [/局$/, "局"],
  [/厅$/, "厅"],
  [/办公[室厅]$|办$/, "办公室"],
  [/中心$/, "中心"],
];

/** The kind of body an agency is (人民政府, 局, 街道办事处, …), or null when none fits. */
export function agencyKind(agency: string | null): string | null {
  const key = agencyKey(agency);
  if (key === null) return null;
  for (const [re, kind] of KINDS) if (re.test(key)) return kind;
  return null;
}

/** The division an entry stands for, with the level the agency's kind implies. */
function divisionOf(e: Entry, kind: string | null): Division {
  const { byCode } = divisions();
  const province = byCode.get(`${e.code.slice(0, 2)}0000`)?.name ?? null;
  const city = e.level === "province" ? null : (byCode.get(`${e.code.slice(0, 4)}00`)?.name ?? null);
  const township = kind === "乡镇人民政府" || kind === "街道办事处";
  return { code: e.code, province, city, county: e.level === "county" ? e.name : null, level: township ? "township" : e.level };
}

/** What {@link resolveDivision} found: the division, or the candidates that tie. */
export interface DivisionResolution {
  division: Division | null;
  /** When the name fits several divisions that the text does not tell apart. */
  candidates: Division[];
}

const RANK = { county: 3, city: 2, province: 1 } as const;

/** How much of the context is searched: a title, a header block and an opening sentence. */
const CONTEXT_CHARS = 600;

/**
 * Resolves the agency's division. The most specific division the agency name names is the
 * answer when it is unique; several of the same name are told apart only by a parent named
 * in the agency, title or header (`context`). A two-character county name counts only with
 * its parent named, since such names (城区, 矿区) also occur inside other words.
 */
export function resolveDivision(agency: string | null, context: readonly string[] = []): DivisionResolution {
  const key = agencyKey(agency);
  if (key === null) return { division: null, candidates: [] };
  const kind = agencyKind(agency);
  const inAgency = named(key, true);
  // The title, header and opening lines, as far as a place name is looked for in them.
  const around = named(plain(context.join("\n").slice(0, CONTEXT_CHARS)));
  const all = new Set([...named(key), ...around]);
  const support = (e: Entry) => parents(e).filter((p) => all.has(p)).length;
  // Parents named beside a child are not answers themselves: 江苏省宿迁市 is 宿迁市.
  const covered = new Set([...inAgency].flatMap(parents));
  const answers = [...inAgency].filter((e) => !covered.has(e));
  const candidates = answers.filter((e) => !(e.level === "county" && e.name.length === 2 && support(e) === 0));
  if (candidates.length === 0) return { division: null, candidates: [] };
  const best = Math.max(...candidates.map((e) => RANK[e.level]));
  let top = candidates.filter((e) => RANK[e.level] === best);
  if (top.length > 1) {
    const most = Math.max(...top.map(support));
    top = top.filter((e) => support(e) === most);
  }
  if (top.length === 1) return { division: divisionOf(top[0]!, kind), candidates: [] };
  return { division: null, candidates: top.map((e) => divisionOf(e, kind)) };
}
