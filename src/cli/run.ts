/**
 * The file commands (`parse`, `check`, `summary`) as a function of (args, io) → exit code;
 * src/main/run.ts dispatches to them and to `bulk`. No `process` access happens here,
 * so tests run the real command paths in-process with fake streams, a fake file system and,
 * while the parser is still being written, a fake parseReport.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  checkAsDiagnostic,
  formatCheckLine,
  formatCodeFrame,
  formatDiagnosticLine,
  isUnsettledCheck,
} from "../diagnostics/format.js";
import type { Report, Severity } from "../model/types.js";
import { parseReport as realParseReport } from "../parse-report.js";
import type { FileArgs } from "./args.js";
import { describeReadError } from "../io/read-errors.js";
import { decodeLikeReport, type FileReader, readAll, readFileBytes, tooLarge } from "./inputs.js";
import { formatSummary, makeStyle } from "./summary.js";
import { auditPage } from "../audit/page.js";
import { formatComparison } from "./compare.js";

/**
 * The streams the CLI talks to. Writers are plain functions rather than Writable streams so
 * that a test can collect output in an array and `main.ts` alone deals with EPIPE.
 */
export interface CliIO {
  /** Standard input, read only when a FILE is `-`. */
  stdin: AsyncIterable<Uint8Array | string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether human output may use ANSI colours (main.ts: stdout is a TTY and NO_COLOR unset). */
  color?: boolean;
  /** bulk: whether stderr is a terminal (a progress bar) or not (NDJSON progress events). */
  stderrIsTTY?: boolean;
  /** bulk: the terminal width for the progress bar. */
  stderrColumns?: number;
  /** bulk: installs a Ctrl-C handler and returns its remover (main.ts binds it to SIGINT). */
  onInterrupt?: (handler: () => void) => () => void;
}

/** Seams for tests of the file commands: every field defaults to the real thing. */
export interface FileOverrides {
  parseReport?: (input: Uint8Array) => Report;
  readFile?: FileReader;
  /** audit: writes a page (default: the file system, creating the directory). */
  writeFile?: (path: string, text: string) => void;
}

/** Exit statuses, named because scripts depend on them (see `--help`). */
export const ExitCode = {
  ok: 0,
  /** `check` found at least one error diagnostic. */
  errors: 1,
  /** Bad command line, or a FILE that could not be read. */
  usage: 2,
  /** parseReport threw, which its contract forbids: a bug in zfxxgk. */
  internal: 3,
  /** bulk: interrupted by Ctrl-C after a checkpoint; rerun with --resume. */
  interrupted: 130,
} as const;

const STDIN_NAME = "<stdin>";

interface Parsed {
  /** Display name: the path as given, or `<stdin>`. */
  name: string;
  bytes: Uint8Array;
  report: Report;
}

/** Runs `parse`, `check` or `summary` over its files and resolves to the exit code. */
export async function runFileCommand(args: FileArgs, io: CliIO, overrides: FileOverrides = {}): Promise<number> {
  const parse = overrides.parseReport ?? ((bytes: Uint8Array) => realParseReport(bytes));
  const readFile = overrides.readFile ?? readFileBytes;
  let ioFailed = false;
  let crashed = false;
  let stdinBytes: Promise<Uint8Array> | undefined;

  /** Reads and parses each FILE in order, reporting (not throwing) what goes wrong. */
  async function* reports(): AsyncGenerator<Parsed> {
    for (const file of args.files) {
      const name = file === "-" ? STDIN_NAME : file;
      let bytes: Uint8Array;
      try {
        bytes = file === "-" ? await (stdinBytes ??= readAll(io.stdin, args.maxBytes)) : await readFile(file, args.maxBytes);
        // A test's reader may ignore the limit: the guard holds whatever read the bytes.
        if (bytes.byteLength > args.maxBytes) throw tooLarge(bytes.byteLength, args.maxBytes);
      } catch (error) {
        io.stderr(`zfxxgk: cannot read ${name}: ${describeReadError(error)}\n`);
        ioFailed = true;
        continue;
      }
      let report: Report;
      try {
        report = parse(bytes);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`zfxxgk: internal error while parsing ${name}: ${message} (this is a bug in zfxxgk)\n`);
        crashed = true;
        continue;
      }
      yield { name, bytes, report };
    }
  }

  let foundErrors = false;
  switch (args.command) {
    case "parse":
      for await (const { report } of reports()) {
        io.stdout(`${args.pretty ? JSON.stringify(report, null, 2) : JSON.stringify(report)}\n`);
      }
      break;
    case "summary": {
      const style = makeStyle(io.color === true);
      let first = true;
      for await (const { name, report } of reports()) {
        io.stdout(`${first ? "" : "\n"}${formatSummary(name, report, style)}\n`);
        first = false;
      }
      break;
    }
    case "check":
      foundErrors = await check(args, reports(), io);
      break;
    case "compare": {
      const both: Parsed[] = [];
      for await (const parsed of reports()) both.push(parsed);
      if (both.length === 2) io.stdout(formatComparison(both[0]!, both[1]!));
      break;
    }
    case "audit":
      if (!(await audit(args, reports(), io, overrides.writeFile ?? writeWithDirs))) ioFailed = true;
      break;
  }

  if (crashed) return ExitCode.internal;
  if (ioFailed) return ExitCode.usage;
  return foundErrors ? ExitCode.errors : ExitCode.ok;
}

/** Writes `text` to `path`, creating its directory. */
function writeWithDirs(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * `zfxxgk audit`: one self-contained HTML page per FILE (src/audit/page.ts). With one FILE,
 * `--out` is the page's path; with several, a directory; without it each page goes beside its
 * FILE as FILE.audit.html, and standard input's to standard output. Resolves false when a
 * page could not be written.
 */
async function audit(args: FileArgs, parsed: AsyncIterable<Parsed>, io: CliIO, write: (path: string, text: string) => void): Promise<boolean> {
  let ok = true;
  const several = args.files.length > 1;
  for await (const { name, bytes, report } of parsed) {
    const page = auditPage({ report, text: decodeLikeReport(bytes, report.source.encoding), name });
    const target =
      args.out === undefined ? (name === STDIN_NAME ? null : `${name}.audit.html`) : several ? join(args.out, `${basename(name)}.audit.html`) : args.out;
    if (target === null) {
      io.stdout(page);
      continue;
    }
    try {
      write(target, page);
      io.stderr(`zfxxgk: ${name}: audit page written to ${target}\n`);
    } catch (error) {
      io.stderr(`zfxxgk: cannot write ${target}: ${describeReadError(error)}\n`);
      ok = false;
    }
  }
  return ok;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Finding {
  file: string;
  line: number;
  column: number;
  seq: number;
  text: string;
}

/** `zfxxgk check`: prints the findings, a summary on stderr, and says whether errors exist. */
async function check(args: FileArgs, parsed: AsyncIterable<Parsed>, io: CliIO): Promise<boolean> {
  const findings: Finding[] = [];
  let files = 0;
  let errors = 0;
  let warnings = 0;
  let failing = 0;

  for await (const { name, bytes, report } of parsed) {
    files += 1;
    let text: string | undefined;
    const frameText = () => (text ??= decodeLikeReport(bytes, report.source.encoding));

    for (const d of report.diagnostics) {
      if (d.severity === "error") errors += 1;
      if (d.severity === "warning") warnings += 1;
      if (RANK[d.severity] > RANK[args.severity]) continue;
      findings.push({
        file: name,
        line: d.position.start.line,
        column: d.position.start.column,
        seq: findings.length,
        text: args.codeframe ? formatCodeFrame(frameText(), d, { file: name }) : formatDiagnosticLine(name, d),
      });
    }
    // Failing checks only: an incomplete one (a null operand) is not printed, nor counted.
    for (const c of report.checks.filter(isUnsettledCheck)) {
      if (c.status !== "fail") continue;
      failing += 1;
      const d = checkAsDiagnostic(c, report);
      if (RANK[d.severity] > RANK[args.severity]) continue;
      findings.push({
        file: name,
        line: d.position.start.line,
        column: d.position.start.column,
        seq: findings.length,
        text: args.codeframe ? formatCodeFrame(frameText(), d, { file: name }) : formatCheckLine(name, c, report),
      });
    }
  }

  findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.seq - b.seq,
  );
  const separator = args.codeframe ? "\n\n" : "\n";
  if (findings.length > 0) io.stdout(`${findings.map((f) => f.text).join(separator)}\n`);

  io.stderr(
    `${plural(files, "file")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}, ` +
      `${plural(failing, "failing check")}\n`,
  );
  return errors > 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
