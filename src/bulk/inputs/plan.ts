/**
 * Inputs → an ordered list of sources, before anything is read. Directories are walked here
 * (names sorted by their bytes, so the order is the same on every machine and locale) and
 * every file is classified by name, so the run knows its total size for the ETA and the
 * resume fingerprint knows exactly what the run covers.
 */
import { type Dirent, promises as fs } from "node:fs";
import { normalize, sep } from "node:path";
import { describeReadError } from "../../io/read-errors.js";
import { decodeName } from "../names.js";

/** How a source is read. */
export type SourceKind = "file" | "zip" | "tar" | "warc";

/** One thing to read, in run order. */
export interface InputSource {
  /**
   * `unreadable`: it could not be opened or listed; it becomes an `input-unreadable` record.
   * `special`: a FIFO, socket or device found in a folder; it becomes a `member-not-regular` record.
   */
  kind: SourceKind | "unreadable" | "special";
  /** The path to open (bytes, for names on disk that are not valid UTF-8). */
  fsPath: string | Buffer;
  /** The path as shown in outputs: normalised, `/`-separated, relative if given relative. */
  path: string;
  /** For a file found by walking a directory: the directory as given, and the path below it. */
  directory?: { path: string; member: string };
  size: number;
  /** Why an `unreadable` source could not be read, or what a `special` one is. */
  error?: string;
}

/** The planned run. */
export interface Plan {
  sources: InputSource[];
  /** The inputs after stdin's list was expanded, normalised: part of the resume fingerprint. */
  inputs: string[];
  totalBytes: number;
}

/** An input named on the command line does not exist or cannot be read: a usage error (exit 2). */
export class InputError extends Error {
  override name = "InputError";
}

/** Normalises a path for display and keys: `./a//b/` → `a/b`, separators as `/`. */
export function normalizeInput(path: string): string {
  let out = normalize(path).split(sep).join("/");
  if (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
  return out;
}

/** Which reader a file name calls for; anything else is read as one report. */
export function kindByName(name: string): SourceKind {
  const lower = name.toLowerCase();
  if (lower.endsWith(".zip")) return "zip";
  if (lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tar";
  if (lower.endsWith(".warc") || lower.endsWith(".warc.gz")) return "warc";
  return "file";
}

/**
 * Splits the list of paths read from stdin: NUL-separated when it contains a NUL (`find
 * -print0`), else one per line; CR and empty lines are dropped.
 */
export function splitPathList(text: string): string[] {
  const parts = text.includes("\0") ? text.split("\0") : text.split("\n");
  return parts.map((p) => p.replace(/\r$/, "")).filter((p) => p.trim() !== "");
}

const SEP = Buffer.from("/");

/**
 * Resolves the inputs in order. `-` is replaced by the paths listed on stdin. A path named
 * on the command line that cannot be read throws {@link InputError}; one listed on stdin
 * becomes an unreadable source (a list of thousands should not fail for one stale line).
 * An input folder that is `exclude` itself (the output folder) throws {@link InputError}.
 */
export async function planInputs(
  args: readonly string[],
  readStdin: () => Promise<string>,
  options: { exclude?: string } = {},
): Promise<Plan> {
  const sources: InputSource[] = [];
  const inputs: string[] = [];
  // The output directory of an earlier run inside an input folder must not be read back in.
  let skip: DirId | null = null;
  if (options.exclude) {
    try {
      const stat = await fs.stat(options.exclude);
      skip = { dev: stat.dev, ino: stat.ino };
    } catch {
      skip = null;
    }
  }
  for (const arg of args) {
    const fromStdin = arg === "-";
    const paths = fromStdin ? splitPathList(await readStdin()) : [arg];
    for (const raw of paths) {
      const path = normalizeInput(raw);
      inputs.push(path);
      let stat;
      try {
        stat = await fs.stat(raw);
      } catch (error) {
        if (!fromStdin) throw new InputError(`cannot read ${raw}: ${describeReadError(error)}`);
        sources.push({ kind: "unreadable", fsPath: raw, path, size: 0, error: describeReadError(error) });
        continue;
      }
      if (stat.isDirectory()) {
        // Walking it would skip everything (it is the output) and end with zero records.
        if (sameDir(stat, skip)) throw new InputError(`the input folder ${raw} is the --out folder; write the outputs somewhere else`);
        await walk(Buffer.from(raw), path, [], sources, skip);
      }
      else sources.push({ kind: kindByName(path), fsPath: raw, path, size: stat.size });
    }
  }
  return { sources, inputs, totalBytes: sources.reduce((sum, s) => sum + s.size, 0) };
}

/** What a file that is neither a regular file nor a folder is, for its manifest row. */
function specialKind(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return "FIFO (named pipe)";
  if (stat.isSocket()) return "socket";
  if (stat.isCharacterDevice()) return "character device";
  if (stat.isBlockDevice()) return "block device";
  return "special file";
}

/** A directory's identity on disk. */
interface DirId {
  dev: number;
  ino: number;
}

const sameDir = (stat: DirId, dir: DirId | null) => dir !== null && stat.dev === dir.dev && stat.ino === dir.ino;

/**
 * Depth-first, names sorted by bytes; symbolic links to files are followed, to folders not
 * (no cycles); the directory `skip` (the run's own output) is left out.
 */
async function walk(dir: Buffer, root: string, below: string[], out: InputSource[], skip: DirId | null): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true, encoding: "buffer" })) as unknown as Dirent<Buffer>[];
  } catch (error) {
    const path = below.length === 0 ? root : `${root}/${below.join("/")}`;
    out.push({ kind: "unreadable", fsPath: dir, path, size: 0, error: describeReadError(error) });
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const fsPath = Buffer.concat([dir, SEP, entry.name]);
    const name = decodeName(entry.name);
    const member = [...below, name].join("/");
    if (entry.isDirectory()) {
      const stat = skip ? await fs.stat(fsPath).catch(() => null) : null;
      if (stat && sameDir(stat, skip)) continue;
      await walk(fsPath, root, [...below, name], out, skip);
      continue;
    }
    let size: number;
    try {
      const stat = await fs.stat(fsPath);
      if (!stat.isFile()) {
        // Listed, never opened: reading a FIFO blocks, a device never ends.
        out.push({ kind: "special", fsPath, path: `${root}/${member}`, directory: { path: root, member }, size: 0, error: specialKind(stat) });
        continue;
      }
      size = stat.size;
    } catch (error) {
      out.push({ kind: "unreadable", fsPath, path: `${root}/${member}`, size: 0, error: describeReadError(error) });
      continue;
    }
    const kind = kindByName(name);
    out.push(
      kind === "file"
        ? { kind, fsPath, path: `${root}/${member}`, directory: { path: root, member }, size }
        : { kind, fsPath, path: `${root}/${member}`, size },
    );
  }
}
