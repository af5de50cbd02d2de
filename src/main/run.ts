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

/**
 * The packages only `zfxxgk bulk` loads: optional dependencies, so that a library user can
 * install with `--omit=optional` and get parseReport and the file commands alone (the native
 * SQLite build and the archive readers are most of the install). Kept equal to
 * package.json's optionalDependencies but better-sqlite3, whose absence bulk turns into a
 * warning (tests/package asserts it).
 */
export const BULK_PACKAGES = ["cli-progress", "piscina", "proper-lockfile", "tar-stream", "warcio", "yauzl"] as const;

/** The bulk package a failed import of the bulk engine names as missing, or null for any other failure. */
function missingBulkPackage(error: unknown): string | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== "object" || (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "MODULE_NOT_FOUND")) return null;
  const message = String(e.message);
  return BULK_PACKAGES.find((p) => message.includes(`'${p}'`) || message.includes(`"${p}"`)) ?? null;
}

/** Seams for tests: every field defaults to the real thing. */
export interface RunOverrides extends FileOverrides {
  version?: string;
  /** bulk: how the bulk engine is loaded (tests make a package missing). */
  importBulk?: () => Promise<typeof import("../bulk/command.js")>;
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
      let runBulkCommand: typeof import("../bulk/command.js").runBulkCommand;
      try {
        ({ runBulkCommand } = await (overrides.importBulk ?? (() => import("../bulk/command.js")))());
      } catch (error) {
        const missing = missingBulkPackage(error);
        if (missing === null) throw error;
        io.stderr(
          `zfxxgk: bulk needs the package ${missing}, one of its optional dependencies (${BULK_PACKAGES.join(", ")}), which this install left out: ` +
            "install zfxxgk without `--omit=optional` (the library and the file commands need none of them)\n",
        );
        return ExitCode.usage;
      }
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

