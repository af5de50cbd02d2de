/**
 * Text normalisation for matching labels.
 *
 * Scraped reports spell the same label many ways: full- or half-width brackets and
 * digits, white space inserted by `<br>` splits (`商业 企业`, `索 引 号`), curly or
 * straight quotes, dash variants, Kangxi / CJK-radical code points from PDF text
 * layers, and mirror sites that convert the page to traditional characters. Matching
 * compares `normalizeLabel(a) === normalizeLabel(b)`; the original text is always kept
 * for display and positions.
 *
 * This runs for every cell of every report, so the common case (plain simplified CJK
 * with ASCII) is a single read-only scan that returns the input unchanged.
 */

import { isHanCode, isHanExtACode } from "./chars.js";
import { TextMemo } from "./memo.js";

// ---------------------------------------------------------------------------
// Traditional → simplified, for the characters of the official labels.
//
// Built from every label in formats.md §§ A–F and model.md (rows, columns, headings,
// captions, the 勾稽 note, header-block field names, pre-2019 statistics rows): for each
// character that has a traditional form, every traditional form listed for it in
// OpenCC's TSCharacters table. Several keys may share a target (採/埰/寀 → 采,
// 匯/彙/滙 → 汇, 說/説 → 说). Characters whose traditional form equals the simplified
// one (e.g. 申, 政, 府) need no entry. One entry is added by hand: 覆 → 复, because
// OpenCC keeps 覆 (it is also a simplified character, 覆盖) but converters write
// 反覆 for 反复 in 4.无正当理由大量反复申请; folding it costs nothing in label matching,
// where both sides are normalised. Position i of TRADITIONAL maps to position i of
// SIMPLIFIED; both strings are BMP only, one code unit per character.
// ---------------------------------------------------------------------------

const TRADITIONAL =
  "並佈併來侷係俬個備傢傳內兩動務匯區厤問單噹嚴國圍埰執報寀實寧審對導屬廢廣廳強彙後徑復應捲掃採據數於時晉曆會査條業構標機檯權歷氾汎決沒況減準滙漢為無爲獲現甯當發監眞確碼祕稱穩穫箇範糾納級組結絡統經維網編緻縣總織繫繳繼續纍罰脩臺與舉華萬蘭處號衕裏補裡製複覈規訂計訓託訟訪設許訴註評詞詢試認說説請諮議護讀負責費購踰載輯轉辦迴這進過適遷遺邏鄉錯錶鍵鎭鎮門開閤關陽際隱隻頁項領題額類颱體髮麪麫麵齣龍覆";
const SIMPLIFIED =
  "并布并来局系私个备家传内两动务汇区历问单当严国围采执报采实宁审对导属废广厅强汇后径复应卷扫采据数于时晋历会查条业构标机台权历泛泛决没况减准汇汉为无为获现宁当发监真确码秘称稳获个范纠纳级组结络统经维网编致县总织系缴继续累罚修台与举华万兰处号同里补里制复核规订计训托讼访设许诉注评词询试认说说请咨议护读负责费购逾载辑转办回这进过适迁遗逻乡错表键镇镇门开合关阳际隐只页项领题额类台体发面面面出龙复";

// CJK Radicals Supplement (U+2E80–U+2EFF): NFKC leaves these alone (except U+2E9F
// and U+2EF3), but PDF text layers emit them in place of ordinary ideographs
// (`⻔` for 门, `⺠` for 民, `⺝` for 月). Every entry of Unicode's
// EquivalentUnifiedIdeograph.txt for this block whose target is in the BMP; a target
// that is a traditional character is given in its simplified form (⻑ → 長 → 长,
// ⻟ → 飠 → 饣), so every radical lands on what a simplified label would hold.
// Entries whose equivalent is outside the BMP (⺇ ⺑ ⺪ ⺮ ⺵ ⺷ ⺸ ⺽ ⻇ ⻊ ⻕ ⻞ ⻡) are omitted:
// no label character is among them.
const RADICALS =
  "⺁⺂⺃⺄⺅⺆⺈⺉⺊⺋⺌⺍⺎⺏⺐⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺫⺬⺭⺯⺰⺱⺲⺳⺴⺶⺹⺺⺻⺼⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳";
const RADICAL_EQUIVALENTS =
  "厂乛乚乙亻冂刀刂卜㔾小小兀尣尢巳幺彑彐忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王目示礻纟纟罓罒㓁冗羊耂肀聿肉艹艹艹虎衤覀西见角讠贝车辶辶辶邑钅长镸长门阝雨青韦页风飞食饣饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龟亀龟";

/**
 * The traditional → simplified pairs that `normalizeLabel` applies, one character each.
 * Exposed so that other matchers (and tests) use the very same table instead of a copy.
 */
export const traditionalToSimplified: ReadonlyMap<string, string> = buildPairs(TRADITIONAL, SIMPLIFIED);

function buildPairs(from: string, to: string): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) map.set(from[i]!, to[i]!);
  return map;
}

// ---------------------------------------------------------------------------
// One lookup table for every single-code-unit rule (applied after NFKC).
// A Uint16Array indexed by code unit is the cheapest lookup V8 offers: no hashing,
// no allocation, and one table answers "keep, drop or replace" for every rule.
// 0 = keep, DROP = delete, anything else = the replacement code unit.
// ---------------------------------------------------------------------------

const DROP = 0xffff;
const TABLE = new Uint16Array(0x10000);

function setAll(chars: string, to: number): void {
  for (let i = 0; i < chars.length; i++) TABLE[chars.charCodeAt(i)] = to;
}

// White space, including what NFKC leaves alone (zero-width space, BOM, soft hyphen).
for (let c = 0x09; c <= 0x0d; c++) TABLE[c] = DROP;
for (let c = 0x2000; c <= 0x200d; c++) TABLE[c] = DROP;
setAll("\u0020\u0085\u00a0\u00ad\u1680\u180e\u2028\u2029\u202f\u205f\u2060\u3000\ufeff", DROP);
// Quotes: deleted, so `危及“三安全一稳定”`, `危及"三安全一稳定"` and `危及三安全一稳定` agree.
setAll("\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\u301d\u301e\u301f", DROP);
// Brackets: every variant becomes ASCII ( ). Round brackets are what the templates
// print (（一）, 第（五）项); square and lenticular ones are the same marker in other
// hands (〔2019〕, 【一】, [一]), so one canonical pair makes them all match.
setAll("[\u3010\u3014\u3016\u3018\u301a", 0x28);
setAll("]\u3011\u3015\u3017\u3019\u301b", 0x29);
// Dashes and minus signs (NFKC already folds － ﹣ to '-' and ‑ to ‐).
setAll("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b", 0x2d);
for (let i = 0; i < TRADITIONAL.length; i++) TABLE[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i);
for (let i = 0; i < RADICALS.length; i++) TABLE[RADICALS.charCodeAt(i)] = RADICAL_EQUIVALENTS.charCodeAt(i);

/**
 * Whether `s` can be returned untouched: every code unit is printable ASCII that no
 * rule touches, or a CJK unified ideograph (NFKC-stable) with no table entry, or one
 * of the common CJK punctuation marks that NFKC and the table leave alone.
 */
function isAlreadyNormal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHanCode(c)) {
      if (TABLE[c] !== 0) return false;
    } else if (c > 0x20 && c < 0x7f) {
      if (TABLE[c] !== 0) return false;
    } else if (!(isHanExtACode(c) || c === 0x3001 || c === 0x3002 || c === 0x300a || c === 0x300b)) {
      return false;
    }
  }
  return true;
}

/**
 * False when every code unit of `s` is below U+2E80. Then `normalizeLabel(s)` holds no Han
 * character — NFKC folds nothing below U+2E80 into an ideograph, and the table above maps
 * nothing there to one — so it can neither equal nor contain any label or phrase of the
 * templates, all of which hold Han characters. A cheap pre-test that lets readers pass over
 * numbers, blanks and dashes (most cells) without normalising them.
 */
export function mayHoldHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2e80) return true;
  return false;
}

const NORMALIZED = new TextMemo(normalizeFully);

/**
 * Reused output buffer for label-sized input, so the common call allocates nothing but
 * its result; larger input (a whole document) gets a buffer of its own that is not kept.
 */
const SHARED_LIMIT = 0x10000;
let buffer = new Uint16Array(256);
/** `String.fromCharCode.apply` takes its arguments on the stack; stay well under the limit. */
const CHUNK = 8192;

/**
 * Normalise a label for matching (never for display or positions).
 *
 * Two spellings of one official label (full-/half-width, spaced by a `<br>` split,
 * curly or straight quotes, Kangxi radicals, traditional characters from a mirror
 * site) normalise to the same string, so label lookup is a plain `===` or `Map.get`.
 * The result is not meant to be shown: it has no white space at all and its
 * brackets are all ASCII `( )`.
 */
export function normalizeLabel(s: string): string {
  if (isAlreadyNormal(s)) return s;
  // Labels that need work (full-width brackets: `（一）予以公开`) are the template's own and
  // recur in every report; only long text (prose, garbage) is normalised afresh each time.
  return NORMALIZED.get(s);
}

function normalizeFully(s: string): string {
  const t = s.normalize("NFKC");
  const n = t.length;
  if (n > SHARED_LIMIT) return mapInto(t, new Uint16Array(n));
  if (buffer.length < n) buffer = new Uint16Array(Math.min(SHARED_LIMIT, Math.max(n, buffer.length * 2)));
  return mapInto(t, buffer);
}

/** Applies TABLE to the NFKC form `t`, writing into `out`, and builds the string. */
function mapInto(t: string, out: Uint16Array): string {
  const n = t.length;
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    const r = TABLE[c]!;
    if (r === 0) out[len++] = c;
    else if (r !== DROP) out[len++] = r;
  }
  if (len <= CHUNK) return String.fromCharCode.apply(null, out.subarray(0, len) as unknown as number[]);
  let result = "";
  for (let i = 0; i < len; i += CHUNK) {
    result += String.fromCharCode.apply(null, out.subarray(i, Math.min(i + CHUNK, len)) as unknown as number[]);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Chinese numerals
// ---------------------------------------------------------------------------

/** Digit values; 〇/零 are only accepted alone or after 百 (一百零五). */
const DIGITS = new Map<string, number>([
  ["一", 1], ["二", 2], ["两", 2], ["兩", 2], ["三", 3], ["四", 4], ["五", 5],
  ["六", 6], ["七", 7], ["八", 8], ["九", 9],
  ["壹", 1], ["贰", 2], ["貳", 2], ["叁", 3], ["叄", 3], ["參", 3], ["肆", 4], ["伍", 5],
  ["陆", 6], ["陸", 6], ["柒", 7], ["捌", 8], ["玖", 9],
]);
const TEN = new Set(["十", "拾"]);
const HUNDRED = new Set(["百", "佰"]);
const ZERO = new Set(["〇", "零"]);

/** Reads 1–99 written as D, 十, 十D, D十 or D十D; null otherwise. */
function tens(s: string): number | null {
  const n = s.length;
  if (n === 1) return DIGITS.get(s) ?? (TEN.has(s) ? 10 : null);
  if (n === 2) {
    const a = s[0]!;
    const b = s[1]!;
    if (TEN.has(a)) { const d = DIGITS.get(b); return d === undefined ? null : 10 + d; }
    if (TEN.has(b)) { const d = DIGITS.get(a); return d === undefined ? null : d * 10; }
    return null;
  }
  if (n === 3 && TEN.has(s[1]!)) {
    const a = DIGITS.get(s[0]!);
    const b = DIGITS.get(s[2]!);
    return a === undefined || b === undefined ? null : a * 10 + b;
  }
  return null;
}

/**
 * Ordinal of a heading or list marker: `一` → 1, `十二` → 12, `二十` → 20, `〇`/`零` → 0,
 * `两` → 2, financial forms (`壹`…`拾`), `一百零五` → 105, and Arabic or full-width
 * digits (`3`, `１２`). Section numbers are written all these ways, and the outline
 * needs them as numbers to spot restarts and gaps; anything else (including mixed or
 * positional forms like `二〇`) is null, so a caller can tell a marker from prose.
 */
export function chineseNumeral(s: string): number | null {
  const t = s.trim();
  if (t.length === 0) return null;

  let arabic = 0;
  let allDigits = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
    if (d < 0) { allDigits = false; break; }
    arabic = arabic * 10 + d;
  }
  if (allDigits) return Number.isSafeInteger(arabic) ? arabic : null;

  if (t.length === 1 && ZERO.has(t)) return 0;

  let hundredAt = -1;
  for (let i = 0; i < t.length; i++) if (HUNDRED.has(t[i]!)) { hundredAt = i; break; }
  if (hundredAt < 0) return tens(t);

  // [D]百 [零D | tens]
  const head = t.slice(0, hundredAt);
  const rest = t.slice(hundredAt + 1);
  const h = head.length === 0 ? 1 : head.length === 1 ? DIGITS.get(head) : undefined;
  if (h === undefined) return null;
  if (rest.length === 0) return h * 100;
  if (ZERO.has(rest[0]!)) {
    if (rest.length !== 2) return null;
    const d = DIGITS.get(rest[1]!);
    return d === undefined ? null : h * 100 + d;
  }
  // After 百 the tens digit is written out (一百一十 = 110); 一百十 is accepted too,
  // but a lone digit (一百五, colloquial 150) is ambiguous and refused.
  if (rest.length === 1 && !TEN.has(rest)) return null;
  const r = tens(rest);
  return r === null ? null : h * 100 + r;
}

/**
 * `traditionalToSimplified` as a code-unit table (0: no mapping), for {@link simplify}: it
 * runs over every prose line the meta reader looks at, and a typed-array read per character
 * replaces a one-character string and a Map lookup per character.
 */
const SIMPLE = new Uint16Array(0x10000);
for (const [from, to] of traditionalToSimplified) if (to.length === 1) SIMPLE[from.charCodeAt(0)] = to.charCodeAt(0);

/**
 * Traditional → simplified, character for character, keeping the string's length, so that
 * patterns written in simplified characters match mirror pages (`信息公開`, `統計期限`) and
 * the match indices still point into the original text.
 */
export function simplify(s: string): string {
  return mapCodeUnits(s, SIMPLE);
}

/**
 * `s` with every code unit from U+3400 up replaced by `table`'s entry for it (0: kept), the
 * length unchanged. Most strings hold no such character: the first one is found before
 * anything is built, and unchanged runs are copied in slices.
 */
export function mapCodeUnits(s: string, table: Uint16Array): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && table[c] !== 0) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  let last = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x3400) continue;
    const t = table[c]!;
    if (t !== 0) {
      out += s.slice(last, i) + String.fromCharCode(t);
      last = i + 1;
    }
  }
  return out + s.slice(last);
}
