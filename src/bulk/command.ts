/**
 * The `bulk` command as the CLI calls it: validated arguments in, an exit code out. Loaded
 * with a dynamic import from src/main/run.ts, so that `parse`, `check` and `summary` (and the
 * library) never load the archive readers, the worker pool or SQLite.
 */
import { resolve } from "node:path";
import { availableParallelism } from "node:os";
import type { BulkArgs } from "./args.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { type BulkEnv, BulkUsageError, runBulk } from "./run-bulk.js";

/** What the command needs from the CLI besides the arguments. */
export interface BulkCommandIO extends Omit<BulkEnv, "signal"> {
  /**
   * Installs a handler for Ctrl-C and returns its remover; absent in tests. The first Ctrl-C
   * stops the run gracefully; the handler is removed then, so a second one kills at once.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

/** Exit statuses of `bulk` (see `zfxxgk --help`). */
export const BulkExit = { ok: 0, usage: 2, interrupted: 130 } as const;

/** Runs `zfxxgk bulk`; usage problems print one line and give exit 2. */
export async function runBulkCommand(args: BulkArgs, io: BulkCommandIO): Promise<number> {
  const controller = new AbortController();
  let remove: (() => void) | undefined;
  remove = io.onInterrupt?.(() => {
    remove?.();
    remove = undefined;
    controller.abort();
  });
  try {
    const outcome = await runBulk(
      {
        inputs: args.inputs,
        out: args.out,
        formats: args.formats,
        full: args.full,
        jobs: args.jobs ?? availableParallelism(),
        resume: args.resume,
        force: args.force,
        keepDuplicates: args.keepDuplicates,
        ...(args.audit !== null ? { auditDir: resolve(args.audit) } : {}),
        shard: args.shard,
        limits: {
          ...DEFAULT_LIMITS,
          ...(args.maxMemberBytes !== null ? { maxMemberBytes: args.maxMemberBytes } : {}),
          ...(args.maxRatio !== null ? { maxRatio: args.maxRatio } : {}),
        },
        timeoutMs: (args.timeoutSeconds ?? 120) * 1000,
        quiet: args.quiet,
      },
      { ...io, signal: controller.signal },
    );
    return outcome.exitCode;
  } catch (error) {
    if (!(error instanceof BulkUsageError)) throw error;
    io.stderr(`zfxxgk: bulk: ${error.message}\n`);
    return BulkExit.usage;
  } finally {
    remove?.();
  }
}
