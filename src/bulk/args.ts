/**
 * `zfxxgk bulk`'s options: their parseArgs declarations and their validation. Bulk owns its
 * arguments so that it never imports the file commands (src/cli); src/main/args.ts merges
 * these declarations into the one command line.
 */
import { UsageError } from "../io/usage-error.js";
import { parseSize } from "./limits.js";
import { parseShard } from "./shard.js";
import { DEFAULT_FORMATS, FORMATS, type Format } from "./types.js";

/** `zfxxgk bulk`'s options, validated; null means "the default" (decided by the bulk engine). */
export interface BulkArgs {
  command: "bulk";
  inputs: string[];
  out: string;
  formats: Format[];
  /** `--full`: every output by default, and checks with their operand paths (see docs/bulk.md). */
  full: boolean;
  /** Worker threads; null: the available cores. */
  jobs: number | null;
  resume: boolean;
  /** Write into a non-empty `--out` (see docs/bulk.md). */
  force: boolean;
  /** `--audit DIR`: write an audit page per report with an error or a failing check. */
  audit: string | null;
  /** Keep every row of a duplicate group in panel.csv (duplicates.csv lists them either way). */
  keepDuplicates: boolean;
  shard: { index: number; count: number } | null;
  maxMemberBytes: number | null;
  maxRatio: number | null;
  timeoutSeconds: number | null;
  quiet: boolean;
}

/** The `node:util` parseArgs declarations of `bulk`'s options, in the order `--help` lists them. */
export const BULK_OPTIONS = {
  out: { type: "string", short: "o" },
  format: { type: "string" },
  full: { type: "boolean" },
  jobs: { type: "string", short: "j" },
  resume: { type: "boolean" },
  force: { type: "boolean" },
  "keep-duplicates": { type: "boolean" },
  audit: { type: "string" },
  shard: { type: "string" },
  "max-member-size": { type: "string" },
  "max-ratio": { type: "string" },
  timeout: { type: "string" },
  quiet: { type: "boolean", short: "q" },
} as const;

/** What parseArgs (non-strict) gives for the options: a string, a boolean, or nothing. */
export type BulkOptionValues = { [K in keyof typeof BULK_OPTIONS]?: string | boolean | (string | boolean)[] | undefined };

function stringOption(values: BulkOptionValues, name: keyof typeof BULK_OPTIONS): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Validates `bulk`'s options (already split from the command line by src/main/args.ts); every
 * mistake is a {@link UsageError} naming the option.
 */
export function bulkArgs(values: BulkOptionValues, inputs: string[]): BulkArgs {
  if (inputs.length === 0) throw new UsageError("bulk: no inputs given (directories, archives, files, or - for a list on stdin)");
  if (inputs.filter((i) => i === "-").length > 1) throw new UsageError("bulk: '-' (the list on stdin) may be given only once");
  const out = stringOption(values, "out");
  if (out === undefined || out === "") throw new UsageError("bulk: --out DIR is required");

  const full = values.full === true;
  let formats: Format[] = [...(full ? FORMATS : DEFAULT_FORMATS)];
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
    full,
    jobs,
    resume: values.resume === true,
    force: values.force === true,
    keepDuplicates: values["keep-duplicates"] === true,
    audit: stringOption(values, "audit") ?? null,
    shard,
    maxMemberBytes,
    maxRatio,
    timeoutSeconds,
    quiet: values.quiet === true,
  };
}
