/**
 * Sizes as people write them (`32M`) and read them (`32 MiB`), and the one default limit on
 * a report read into memory. Shared by `bulk` (src/bulk) and the file commands (src/cli),
 * which may not import each other but must spell `--max-member-size` the same way.
 */

/** The default `--max-member-size`: real reports are kilobytes; HTML pages with inline images reach a few megabytes. */
export const DEFAULT_MAX_MEMBER_BYTES = 32 * 1024 * 1024;

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** `32M`, `512k`, `1G`, `1000` → bytes; null when the text is not a size. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 ? bytes : null;
}

/** Bytes for messages: `32 MiB` when exact, else the plain count. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
