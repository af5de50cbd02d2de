/**
 * The whole CLI as a function of (argv, io) → exit code. No `process` access happens here,
 * so tests run the real command paths in-process with fake streams, a fake file system and a
 * fake parseReport. It sits above both command families: the file commands (src/cli) and
 * `bulk` (src/bulk), which never import each other.
 */
import type { BulkEnv } from "../bulk/run-bulk.js";
import { type CliIO, ExitCode, type FileOverrides, runFileCommand } from "../cli/run.js";
import { COMMAND_USAGE, USAGE } from "../cli/usage.js";
import { readPackageVersion } from "../cli/version.js";
import { UsageError } from "../io/usage-error.js";
import { type CliArgs, parseCliArgs } from "./args.js";

export { type CliIO, ExitCode };

/** Seams for tests: every field defaults to the real thing. */
export interface RunOverrides extends FileOverrides {
  version?: string;
  /** bulk: the SQLite loader and worker file (tests make them fail or point elsewhere). */
  bulk?: Pick<BulkEnv, "loadSqlite" | "workerFile" | "progressIntervalMs">;
}

/** Runs one CLI invocation and resolves to its exit code; never rejects for bad input. */
export async function run(argv: readonly string[], io: CliIO, overrides: RunOverrides = {}): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`zfxxgk: ${error.message}\nTry 'zfxxgk --help' for usage.\n`);
    return ExitCode.usage;
  }

  switch (args.command) {
    case "help":
      io.stdout(args.topic ? COMMAND_USAGE[args.topic] : USAGE);
      return ExitCode.ok;
    case "version":
      io.stdout(`${overrides.version ?? readPackageVersion()}\n`);
      return ExitCode.ok;
    case "bulk": {
      // Loaded on demand: the other commands never pay for archive readers, workers or SQLite.
      const { runBulkCommand } = await import("../bulk/command.js");
      return runBulkCommand(args, {
        stdin: io.stdin,
        stdout: io.stdout,
        stderr: io.stderr,
        stderrIsTTY: io.stderrIsTTY === true,
        ...(io.stderrColumns !== undefined ? { stderrColumns: io.stderrColumns } : {}),
        ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}),
        version: overrides.version ?? readPackageVersion(),
        ...overrides.bulk,
      });
    }
    default:
      return runFileCommand(args, io, overrides);
  }
}

