/**
 * zfxxgk: scraped 政府信息公开工作年度报告 → typed, checked, citable data.
 * This module only re-exports; each piece lives in its own folder.
 */
export { parseReport, type ParseOptions } from "./parse-report.js";
export { ReportSchema } from "./model/schema.js";
export type * from "./model/types.js";
export type * from "./ast/types.js";
export { DiagnosticCodes, type DiagnosticCode, type DiagnosticKind } from "./diagnostics/codes.js";
export { parse, type ParseResult } from "./parser/index.js";
export { CHECK_DESCRIPTIONS, describeCheck, runChecks, type CheckInput } from "./checks/index.js";
export { formatCodeFrame, formatDiagnosticLine } from "./diagnostics/format.js";
export { decode, type Decoded } from "./source/decode.js";
