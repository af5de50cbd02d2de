/**
 * Report texts for bulk tests and the benchmark: the seed report with its agency, year and
 * figures changed programmatically, so thousands of distinct (and distinctly hashed) reports
 * can be made from the one real report the repository holds.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { random } from "../../helpers/random.js";

/** The seed report's text. */
export const SEED_TEXT = readFileSync(fileURLToPath(new URL("../../../corpus/seed/siyang-xzspj-2021.txt", import.meta.url)), "utf8");

const COUNTIES = ["泗阳县", "城口县", "沭阳县", "宿豫区", "泗洪县", "灌南县", "涟水县", "盱眙县", "金湖县", "洪泽区"];
const BODIES = ["行政审批局", "财政局", "教育局", "民政局", "卫生健康委员会", "交通运输局", "自然资源局", "住房和城乡建设局"];

/**
 * Variant `i` of the seed: another agency and reporting year, every figure of 二 (the
 * proactive table, outside all identities) replaced by a random number, and in one variant
 * out of seven one figure of 三 bumped so that its accounting identities fail.
 */
export function seedVariant(i: number): string {
  const next = random(i + 1);
  const county = COUNTIES[i % COUNTIES.length]!;
  const body = BODIES[Math.floor(i / COUNTIES.length) % BODIES.length]!;
  const year = 2020 + (i % 4);
  const agency = "\u0000AGENCY\u0000";
  const text = SEED_TEXT.replaceAll("泗阳县县行政审批局", agency)
    .replaceAll("泗阳县行政审批局", agency)
    .replaceAll("县行政审批局", agency)
    .replaceAll(agency, `${county}${body}`)
    .replaceAll("2021", String(year));
  const split = text.indexOf("三、收到和处理");
  const figure = () => `${Math.floor(next() * (next() < 0.7 ? 10 : 3000))} |`;
  const proactive = text.slice(0, split).replace(/^\d+ \|$/gm, figure);
  let requests = text.slice(split);
  if (i % 7 === 3) {
    let n = 0;
    const target = 1 + Math.floor(next() * 20);
    requests = requests.replace(/^\d+ \|$/gm, (m) => (++n === target ? `${Number.parseInt(m, 10) + 1 + Math.floor(next() * 9)} |` : m));
  }
  return proactive + requests;
}
