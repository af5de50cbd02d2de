/**
 * The one error class for "the user typed something wrong", shared by the command-line parser
 * (src/main/args.ts) and `bulk`'s option validation (src/bulk/args.ts), so that `run` reacts to
 * both the same way: message, exit 2, no stack.
 */

/**
 * A mistake in the command line. A distinct class so that `run` can tell "the user typed
 * something wrong" (exit 2, message, no stack) from a bug.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
