/**
 * Command-line parsing on top of `node:util` parseArgs. parseArgs runs non-strict so that we
 * word the usage errors ourselves: its own messages are long and suggest `--` tricks that do
 * not apply to this tool.
 */
import { parseArgs } from "node:util";
import { parseSize } from "../bulk/limits.js";
import { parseShard } from "../bulk/shard.js";
import { FORMATS, type Format } from "../bulk/types.js";
import type { Severity } from "../model/types.js";

/** The commands that read files; `help` and `version` are handled before any file is read. */
export type FileCommand = "parse" | "check" | "summary";

/** `zfxxgk bulk`'s options, validated; null means "the default" (decided by the bulk engine). */
export interface BulkArgs {
  command: "bulk";
  inputs: string[];
  out: string;
  formats: Format[];
  /** Worker threads; null: the available cores. */
  jobs: number | null;
  resume: boolean;
  shard: { index: number; count: number } | null;
  maxMemberBytes: number | null;
  maxRatio: number | null;
  timeoutSeconds: number | null;
  quiet: boolean;
}

/** What the user asked for, validated: one shape for every command keeps dispatch trivial. */
export type CliArgs =
  | { command: "help" }
  | { command: "version" }
  | BulkArgs
  | {
      command: FileCommand;
      files: string[];
      pretty: boolean;
      severity: Severity;
      codeframe: boolean;
    };

/**
 * A mistake in the command line. A distinct class so that `run` can tell "the user typed
 * something wrong" (exit 2, message, no stack) from a bug.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

const OPTIONS = {
  pretty: { type: "boolean" },
  severity: { type: "string" },
  codeframe: { type: "boolean" },
  out: { type: "string", short: "o" },
  format: { type: "string" },
  jobs: { type: "string", short: "j" },
  resume: { type: "boolean" },
  shard: { type: "string" },
  "max-member-size": { type: "string" },
  "max-ratio": { type: "string" },
  timeout: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Which command each command-specific option belongs to, so misuse is reported, not ignored. */
const OPTION_COMMAND: Record<string, FileCommand | "bulk"> = {
  pretty: "parse",
  severity: "check",
  codeframe: "check",
  out: "bulk",
  format: "bulk",
  jobs: "bulk",
  resume: "bulk",
  shard: "bulk",
  "max-member-size": "bulk",
  "max-ratio": "bulk",
  timeout: "bulk",
  quiet: "bulk",
};

const COMMANDS: readonly string[] = ["parse", "check", "summary", "bulk", "help"];
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/**
 * Validates `argv` (without the node and script entries). Throws {@link UsageError} rather
 * than returning a result type because every caller reacts to it the same way: message, exit 2.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });

  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (!Object.hasOwn(OPTIONS, token.name)) {
      throw new UsageError(`unknown option '${token.rawName}'`);
    }
    const type = OPTIONS[token.name as keyof typeof OPTIONS].type;
    if (type === "boolean" && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' does not take a value`);
    }
    if (type === "string" && token.value === undefined) {
      throw new UsageError(`option '${token.rawName}' needs a value`);
    }
  }

  if (values.help === true) return { command: "help" };
  if (values.version === true) return { command: "version" };

  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError("missing command");
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command '${command}'`);
  if (command === "help") return { command: "help" };

  for (const [option, owner] of Object.entries(OPTION_COMMAND)) {
    if (values[option as keyof typeof values] !== undefined && owner !== command) {
      throw new UsageError(`option '--${option}' is only valid with '${owner}'`);
    }
  }
  if (command === "bulk") return bulkArgs(values, files);
  const fileCommand = command as FileCommand;

  const severity = values.severity ?? "info";
  if (typeof severity !== "string" || !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new UsageError(`invalid --severity '${String(severity)}' (expected error, warning or info)`);
  }
  if (files.length === 0) {
    throw new UsageError(`${fileCommand}: no files given (use - to read standard input)`);
  }

  return {
    command: fileCommand,
    files,
    pretty: values.pretty === true,
    severity: severity as Severity,
    codeframe: values.codeframe === true,
  };
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: false; allowPositionals: true }>>["values"];

function stringOption(values: Values, name: keyof typeof OPTIONS): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Validates `bulk`'s options; every mistake is a {@link UsageError} naming the option. */
function bulkArgs(values: Values, inputs: string[]): BulkArgs {
  if (inputs.length === 0) throw new UsageError("bulk: no inputs given (directories, archives, files, or - for a list on stdin)");
  if (inputs.filter((i) => i === "-").length > 1) throw new UsageError("bulk: '-' (the list on stdin) may be given only once");
  const out = stringOption(values, "out");
  if (out === undefined || out === "") throw new UsageError("bulk: --out DIR is required");

  let formats: Format[] = [...FORMATS];
  const format = stringOption(values, "format");
  if (format !== undefined) {
    const names = format.split(",").map((f) => f.trim()).filter((f) => f !== "");
    const aliases: Record<string, Format> = { jsonl: "reports" };
    const chosen = new Set<Format>();
    for (const name of names) {
      const f = aliases[name] ?? name;
      if (!(FORMATS as readonly string[]).includes(f)) {
        throw new UsageError(`invalid --format '${name}' (expected a comma-separated list of ${FORMATS.join(", ")})`);
      }
      chosen.add(f as Format);
    }
    if (chosen.size === 0) throw new UsageError("--format needs at least one format");
    formats = FORMATS.filter((f) => chosen.has(f));
  }

  let jobs: number | null = null;
  const jobsText = stringOption(values, "jobs");
  if (jobsText !== undefined) {
    if (!/^\d+$/.test(jobsText) || Number(jobsText) > 1024) throw new UsageError(`invalid --jobs '${jobsText}' (expected a whole number, 0 to parse on the main thread)`);
    jobs = Number(jobsText);
  }

  let shard: BulkArgs["shard"] = null;
  const shardText = stringOption(values, "shard");
  if (shardText !== undefined) {
    shard = parseShard(shardText);
    if (shard === null) throw new UsageError(`invalid --shard '${shardText}' (expected K/N with 1 <= K <= N, e.g. 2/8)`);
  }

  let maxMemberBytes: number | null = null;
  const sizeText = stringOption(values, "max-member-size");
  if (sizeText !== undefined) {
    maxMemberBytes = parseSize(sizeText);
    if (maxMemberBytes === null) throw new UsageError(`invalid --max-member-size '${sizeText}' (expected a size such as 32M, 512k or 1G)`);
  }

  let maxRatio: number | null = null;
  const ratioText = stringOption(values, "max-ratio");
  if (ratioText !== undefined) {
    maxRatio = Number(ratioText);
    if (!/^\d+(\.\d+)?$/.test(ratioText) || !(maxRatio >= 1)) throw new UsageError(`invalid --max-ratio '${ratioText}' (expected a number >= 1)`);
  }

  let timeoutSeconds: number | null = null;
  const timeoutText = stringOption(values, "timeout");
  if (timeoutText !== undefined) {
    timeoutSeconds = Number(timeoutText);
    if (!/^\d+(\.\d+)?$/.test(timeoutText) || !(timeoutSeconds > 0)) throw new UsageError(`invalid --timeout '${timeoutText}' (expected seconds > 0)`);
  }

  return {
    command: "bulk",
    inputs,
    out,
    formats,
    jobs,
    resume: values.resume === true,
    shard,
    maxMemberBytes,
    maxRatio,
    timeoutSeconds,
    quiet: values.quiet === true,
  };
}
