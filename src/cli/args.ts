/**
 * Command-line parsing on top of `node:util` parseArgs. parseArgs runs non-strict so that we
 * word the usage errors ourselves: its own messages are long and suggest `--` tricks that do
 * not apply to this tool.
 */
import { parseArgs } from "node:util";
import type { Severity } from "../model/types.js";

/** The commands that read files; `help` and `version` are handled before any file is read. */
export type FileCommand = "parse" | "check" | "summary";

/** What the user asked for, validated: one shape for every command keeps dispatch trivial. */
export type CliArgs =
  | { command: "help" }
  | { command: "version" }
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
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Which command each command-specific option belongs to, so misuse is reported, not ignored. */
const OPTION_COMMAND: Record<string, FileCommand> = {
  pretty: "parse",
  severity: "check",
  codeframe: "check",
};

const COMMANDS: readonly string[] = ["parse", "check", "summary", "help"];
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
  const fileCommand = command as FileCommand;

  for (const [option, owner] of Object.entries(OPTION_COMMAND)) {
    if (values[option as keyof typeof values] !== undefined && owner !== fileCommand) {
      throw new UsageError(`option '--${option}' is only valid with '${owner}'`);
    }
  }

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
