/**
 * Property 2 — totality: whatever the input (arbitrary strings, strings built from the
 * pieces reports are made of, arbitrary bytes, real corpus files with random byte edits),
 * `parseReport` returns a Report and never throws, and every diagnostic position lies in
 * the decoded text with line and column consistent with its offset.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/index.js";
import type { Report } from "../../src/model/types.js";
import { decode } from "../../src/source/decode.js";
import { encodeGbk } from "../../src/testing/index.js";
import { TIMEOUT, check, expectNone, positionErrors } from "./support.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every file under corpus/, inputs and expectations alike (a JSON file is input too). */
function corpusFiles(dir = join(ROOT, "corpus")): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...corpusFiles(path));
    else out.push(path);
  }
  return out.sort();
}

/** The Report is well formed and every diagnostic points into `text`. */
function expectTotal(report: Report, text: string): void {
  expect(typeof report).toBe("object");
  expect(Array.isArray(report.diagnostics)).toBe(true);
  expect(Array.isArray(report.checks)).toBe(true);
  const errors: string[] = [];
  for (const d of report.diagnostics) errors.push(...positionErrors(text, d.position, `diagnostic ${d.code}`));
  for (const [path, p] of Object.entries(report.provenance)) errors.push(...positionErrors(text, p, `provenance ${path}`));
  expectNone(errors);
}

/** Parses a string and checks totality against the string itself. */
function totalOnText(text: string): void {
  let report: Report | undefined;
  expect(() => (report = parseReport(text))).not.toThrow();
  expectTotal(report!, text);
}

/** Parses bytes and checks totality against the text the library decodes them to. */
function totalOnBytes(bytes: Uint8Array): void {
  let report: Report | undefined;
  expect(() => (report = parseReport(bytes))).not.toThrow();
  expectTotal(report!, decode(bytes).text);
}

/** The pieces reports are made of: pipes, line ends, markers, labels, numbers, markup. */
const PIECES = [
  "|", "||", "|||", " |", "| ", "\n", "\n", "\n", "\r\n", "\r", " ", "\u00a0", "\u3000", "\t",
  "一、", "二、", "三、", "四、", "（一）", "(二)", "1.", "2、", "第一，", "## ", "—、",
  "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
  "第二十条第（一）项", "信息内容", "本年制发件数", "规章", "行政许可", "本年新收政府信息公开申请数量", "三、本年度办理结果",
  "（七）总计", "自然人", "商业 企业", "结果", "维持", "行政复议", "行政诉讼", "申请人情况", "总计",
  "0", "1", "12", "1,234", "３", "-", "—", "/", "无", "+2", "-1", "4068.208", "251000元", "&nbsp;", "99999999999999999999999",
  "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="3" colspan="2">', "<br>", "<br />", "<span>", "</span>",
  "<o:p></o:p>", "<p>", "</p>", "<!--", "-->", "<script>", "&amp;", "&#160;", "<meta charset=\"gbk\">",
  "| --- | --- |", "|---|", "索 引 号", "发布机构", "2021年", "统计期限为2021年1月1日至12月31日", "政府信息公开工作年度报告",
  "\uFFFD", "\uD800", "\uDC00", "\u0000", "\u2028", "\u202e", "𠀀", "⻔", "總計", "規範性文件",
];

const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 2000, size: "large" }).map((parts) => parts.join(""));

/** Byte prefixes that steer the decoder: BOMs and charset declarations. */
const PREFIXES = [
  [], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff],
  [...Buffer.from('<meta charset="gb2312">')], [...Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=big5">')],
];

describe("property 2: parseReport is total", () => {
  it(
    "on arbitrary strings (every UTF-16 unit, lone surrogates included)",
    () => {
      check(fc.property(fc.string({ unit: "binary", maxLength: 4000, size: "large" }), totalOnText), 150);
    },
    TIMEOUT,
  );

  it(
    "on strings built from report pieces (pipes, markers, labels, numbers, markup)",
    () => {
      check(fc.property(pieceText, totalOnText), 300);
    },
    TIMEOUT,
  );

  it(
    "on arbitrary bytes, with or without a BOM or a charset declaration",
    () => {
      const bytes = fc
        .tuple(fc.constantFrom(...PREFIXES), fc.oneof(fc.uint8Array({ maxLength: 4000, size: "large" }), pieceText.map((t) => encodeGbk(t)), pieceText.map((t) => new Uint8Array(Buffer.from(t, "utf8")))))
        .map(([prefix, body]) => new Uint8Array([...prefix, ...body]));
      check(fc.property(bytes, totalOnBytes), 200);
    },
    TIMEOUT,
  );

  const files = corpusFiles();

  it("has corpus files to mutate", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it(
    "on real corpus files with random byte edits (insert, delete, replace, truncate)",
    () => {
      const contents = files.map((f) => new Uint8Array(readFileSync(f)));
      const edit = fc.record({
        at: fc.nat(),
        op: fc.constantFrom("insert", "delete", "replace", "truncate", "duplicate"),
        byte: fc.constantFrom(0x7c, 0x0a, 0x0d, 0x20, 0x00, 0xff, 0xe4, 0xa0, 0x3c, 0x3e),
        length: fc.integer({ min: 1, max: 64 }),
      });
      const input = fc.tuple(fc.nat(contents.length - 1), fc.array(edit, { minLength: 1, maxLength: 8 })).map(([i, edits]) => {
        let bytes = Array.from(contents[i]!);
        for (const e of edits) {
          const at = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
          if (e.op === "insert") bytes.splice(at, 0, ...new Array<number>(e.length).fill(e.byte));
          else if (e.op === "delete") bytes.splice(at, e.length);
          else if (e.op === "replace") bytes.splice(at, e.length, ...new Array<number>(Math.min(e.length, bytes.length - at)).fill(e.byte));
          else if (e.op === "truncate") bytes = bytes.slice(0, at);
          else bytes.splice(at, 0, ...bytes.slice(at, at + e.length * 16));
        }
        return new Uint8Array(bytes);
      });
      check(fc.property(input, totalOnBytes), 60);
    },
    TIMEOUT,
  );

  it("on every corpus file as it is", () => {
    for (const f of files) totalOnBytes(new Uint8Array(readFileSync(f)));
  }, TIMEOUT);
});
