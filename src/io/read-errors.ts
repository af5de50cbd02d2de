/**
 * Read errors worded for people, shared by the file commands (src/cli) and `bulk` (src/bulk),
 * which must word a failed read the same way and may not import each other.
 */

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
};

/**
 * The short reason shown in `cannot read FILE: reason`. Node's own messages repeat the path
 * and the syscall (`ENOENT: no such file or directory, open 'x'`), which reads badly after ours.
 */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && REASONS[code]) return REASONS[code];
  if (error instanceof Error) return error.message;
  return String(error);
}
