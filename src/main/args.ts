/**
 * Command-line parsing on top of `node:util` parseArgs (the file commands' options here, `bulk`'s
 * declared and validated in src/bulk/args.ts). parseArgs runs non-strict so that we
 * word the usage errors ourselves: its own messages are long and suggest `--` tricks that do
 * not apply to this tool.
 */
import { parseArgs } from "node:util";
import { BULK_OPTIONS, type BulkArgs, bulkArgs } from "../bulk/args.js";
import type { FileArgs } from "../cli/args.js";
import { DEFAULT_MAX_MEMBER_BYTES, parseSize } from "../io/size.js";
import { UsageError } from "../io/usage-error.js";
import type { Severity } from "../model/types.js";

/** What the user asked for, validated: one shape for every command keeps dispatch trivial. */
export type CliArgs =
  /** `topic`: the command whose help was asked for (`zfxxgk parse --help`, `zfxxgk help bulk`). */
  | { command: "help"; topic?: HelpTopic }
  | { command: "version" }
  | BulkArgs
  | FileArgs;

const OPTIONS = {
  pretty: { type: "boolean" },
  severity: { type: "string" },
  codeframe: { type: "boolean" },
  ...BULK_OPTIONS,
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** A command with a help text of its own. */
export type HelpTopic = FileArgs["command"] | "bulk";

/**
 * Which command each command-specific option belongs to, so misuse is reported, not ignored.
 * `--max-member-size` is left out: every command that reads reports takes it.
 */
const OPTION_COMMAND: Record<string, readonly HelpTopic[]> = {
  pretty: ["parse"],
  severity: ["check"],
  codeframe: ["check"],
  ...Object.fromEntries(Object.keys(BULK_OPTIONS).filter((name) => name !== "max-member-size").map((name) => [name, ["bulk"] as const])),
  // `--out` names where `audit` writes its pages too.
  out: ["bulk", "audit"],
};

const COMMANDS: readonly string[] = ["parse", "check", "summary", "audit", "compare", "bulk", "help"];
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

  const [command, ...files] = positionals;
  const topicOf = (name: string | undefined): HelpTopic | undefined =>
    name !== undefined && name !== "help" && COMMANDS.includes(name) ? (name as HelpTopic) : undefined;
  if (values.help === true) {
    const topic = topicOf(command === "help" ? files[0] : command);
    return topic ? { command: "help", topic } : { command: "help" };
  }
  if (values.version === true) return { command: "version" };

  if (command === undefined) throw new UsageError("missing command");
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command '${command}'`);
  if (command === "help") {
    const topic = topicOf(files[0]);
    if (files[0] !== undefined && topic === undefined) throw new UsageError(`no help for '${files[0]}' (commands: parse, check, summary, audit, compare, bulk)`);
    return topic ? { command: "help", topic } : { command: "help" };
  }

  for (const [option, owners] of Object.entries(OPTION_COMMAND)) {
    if (values[option as keyof typeof values] !== undefined && !owners.includes(command as HelpTopic)) {
      throw new UsageError(`option '--${option}' is only valid with '${owners.join("' or '")}'`);
    }
  }
  if (command === "bulk") return bulkArgs(values, files);
  const fileCommand = command as FileArgs["command"];

  const severity = values.severity ?? "info";
  if (typeof severity !== "string" || !(SEVERITIES as readonly string[]).includes(severity)) {
    throw new UsageError(`invalid --severity '${String(severity)}' (expected error, warning or info)`);
  }
  if (files.length === 0) {
    throw new UsageError(`${fileCommand}: no files given (use - to read standard input)`);
  }
  if (fileCommand === "compare" && files.length !== 2) {
    throw new UsageError(`compare: give exactly two files (an agency's reports of two years), not ${files.length}`);
  }
  let maxBytes = DEFAULT_MAX_MEMBER_BYTES;
  const sizeText = values["max-member-size"];
  if (typeof sizeText === "string") {
    const parsed = parseSize(sizeText);
    if (parsed === null) throw new UsageError(`invalid --max-member-size '${sizeText}' (expected a size such as 32M, 512k or 1G)`);
    maxBytes = parsed;
  }

  return {
    command: fileCommand,
    files,
    pretty: values.pretty === true,
    severity: severity as Severity,
    codeframe: values.codeframe === true,
    maxBytes,
    ...(typeof values.out === "string" ? { out: values.out } : {}),
  };
}
