/**
 * The main entry point: bytes or text in, a checked Report out. Never throws on input. It only
 * wires the stages; what they decide lives in them (the whole-report decisions in normalize/).
 *
 *   bytes ─decode─▶ text ─parse─▶ AST ─normalise─▶ meta, template, tables ─▶ checks
 */
import { createHash } from "node:crypto";
import type { Root } from "./ast/types.js";
import type { Diagnostic, Report, Source } from "./model/types.js";
import { runChecks } from "./checks/index.js";
import { DiagnosticCodes } from "./diagnostics/codes.js";
import { diagnostic } from "./diagnostics/diagnostic.js";
import { NormalizeContext } from "./normalize/context.js";
import { checkIsReport, inputForm, normalizeReport } from "./normalize/index.js";
import { applyLayouts } from "./layouts/index.js";
import { parse } from "./parser/index.js";
import { eraseBracketedSpans } from "./source/markup.js";
import { unifyRadicals } from "./source/radicals.js";
import { decode, encodingName } from "./source/decode.js";
import { looksLikeHtml, parseHtml } from "./html/index.js";
import { LineIndex } from "./source/line-index.js";

/** Options of {@link parseReport}. Every field is optional: the input is detected by itself. */
export interface ParseOptions {
  /**
   * The encoding of a byte input (`"utf-8"`, `"gb18030"`, `"gbk"`, `"big5"`, any name
   * iconv-lite knows); leave unset to detect. An unknown name is a programmer error and
   * throws. Ignored for string input.
   */
  encoding?: string;
  /** Force reading the input as an HTML page or as flattened text; leave unset to detect. */
  format?: "html" | "text";
}

/** Control characters other than tab, LF, VT, FF, CR: a sign of binary input. */
const BINARY = /[\u0000-\u0008\u000E-\u001F]/g;

/**
 * Parses one report. `input` is the decoded text, or the raw bytes of a file (UTF-8, with or
 * without BOM). Bad input never throws: it yields a Report whose `diagnostics` say what was
 * wrong, with positions into the decoded text. Only invalid arguments throw: an input that is
 * neither text nor bytes (`undefined` from a failed read, an ArrayBuffer) is a caller's bug,
 * and a TypeError naming it beats a TypeError from deep inside the decoder.
 */
export function parseReport(input: string | Uint8Array, options: ParseOptions = {}): Report {
  // The tag, not instanceof: bytes made in another realm (a vm context, a jsdom test) are bytes too.
  if (typeof input !== "string" && Object.prototype.toString.call(input) !== "[object Uint8Array]") {
    const what = input === null ? "null" : input instanceof ArrayBuffer ? "an ArrayBuffer (wrap it: new Uint8Array(buffer))" : typeof input;
    throw new TypeError(`zfxxgk: parseReport takes a string or a Uint8Array, not ${what}`);
  }
  if (options.encoding !== undefined && encodingName(options.encoding) === null) {
    throw new TypeError(`zfxxgk: unsupported encoding option ${JSON.stringify(options.encoding)}`);
  }
  if (options.format !== undefined && options.format !== "html" && options.format !== "text") {
    throw new TypeError(`zfxxgk: format must be "html" or "text", not ${JSON.stringify(options.format)}`);
  }
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const decoded = typeof input === "string" ? { text: input, encoding: "utf-8", replaced: [] } : decode(input, options.encoding);
  const html = options.format ? options.format === "html" : looksLikeHtml(decoded.text);
  // Converter markup erased and PDF radicals mended in place (same offsets and lines), so
  // positions still fit the input.
  const radicals = unifyRadicals(decoded.text);
  const text = html ? radicals.text : eraseBracketedSpans(radicals.text);
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  if (radicals.count > 0) {
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.radicalsUnified,
        `${radicals.count} Kangxi radical${radicals.count === 1 ? "" : "s"} (PDF text, e.g. ⼆ for 二) read as the characters they stand for (康熙部首按对应汉字读取)`,
        index.position(radicals.first, radicals.first + 1),
      ),
    );
  }
  const source: Source = {
    encoding: decoded.encoding,
    form: "plain",
    bytes: bytes.byteLength,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
  const report: Report = {
    schemaVersion: 1,
    template: "unknown",
    meta: { title: null, agency: null, year: null, publishedAt: null, indexNumber: null, documentNumber: null, header: {}, agencyKey: null, agencyKind: null, division: null },
    sections: [],
    checks: [],
    diagnostics,
    provenance: {},
    source,
  };

  if (decoded.replaced.length > 0) {
    const at = decoded.replaced[0]!;
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.invalidEncoding,
        `${decoded.replaced.length}${decoded.replaced.length >= 1000 ? "+" : ""} byte sequence(s) are not valid ${decoded.encoding} and were replaced by U+FFFD (编码错误)`,
        index.position(at, at + 1),
      ),
    );
  }
  if (text.trim() === "") {
    diagnostics.push(diagnostic(DiagnosticCodes.emptyInput, "the input holds no text (输入为空)", index.position(0, text.length)));
    return report;
  }
  const binary = text.search(BINARY);
  if (binary >= 0) {
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.binaryContent,
        "the input contains control characters typical of binary files (含有二进制控制字符)",
        index.position(binary, binary + 1),
      ),
    );
  }

  let tree: Root | null = null;
  try {
    const parsed = html ? parseHtml(text, index) : parse(text, index);
    diagnostics.push(...parsed.diagnostics);
    tree = html ? parsed.tree : applyLayouts(parsed.tree, index, diagnostics);
    const blocks = tree.children;
    const ctx = new NormalizeContext(text, index, diagnostics);
    normalizeReport(blocks, report, ctx);
    report.checks = runChecks(report);
    const form = inputForm(blocks, html);
    if (form !== null) source.form = form;
    checkIsReport(report, ctx);
  } catch (error) {
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.internalError,
        `internal error while parsing: ${error instanceof Error ? error.message : String(error)} (解析器内部错误)`,
        index.position(0, 0),
      ),
    );
  }
  diagnostics.sort((a, b) => a.position.start.offset - b.position.start.offset);
  return report;
}
