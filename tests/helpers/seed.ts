/**
 * The seed report and ways to derive variants of it by plain string edits, so that a test
 * states its input as "the seed, with this line changed" and its expectation from reading
 * that input — never from what the parser made of it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of the seed report. */
export const SEED_PATH = fileURLToPath(new URL("../../corpus/seed/siyang-xzspj-2021.txt", import.meta.url));
/** Absolute path of the human-made expected values of the seed. */
export const SEED_EXPECTED_PATH = fileURLToPath(
  new URL("../../corpus/seed/siyang-xzspj-2021.expected.json", import.meta.url),
);

/** The seed as text (LF line ends, no BOM, no trailing newline). */
export const SEED: string = readFileSync(SEED_PATH, "utf8");
/** The seed as bytes. */
export const SEED_BYTES: Uint8Array = new Uint8Array(readFileSync(SEED_PATH));
/** `{ "dotted.path": value }`, 203 fields established by a human reading the seed. */
export const SEED_EXPECTED: Record<string, number | string> = JSON.parse(readFileSync(SEED_EXPECTED_PATH, "utf8"));

/** Counts the occurrences of `needle` in `text`. */
export function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Replaces `from` by `to`, insisting that `from` occurs exactly once (so an edit never misses). */
export function replaceOnce(text: string, from: string, to: string): string {
  const n = occurrences(text, from);
  if (n !== 1) throw new Error(`replaceOnce: ${JSON.stringify(from)} occurs ${n} times`);
  return text.replace(from, () => to);
}

/**
 * In the cell-per-line seed, replaces the line `k` lines below the line `${label} |` (k = 1 is
 * the first value cell of that row) by `line`. The label line must be unique.
 */
export function editBelow(text: string, label: string, k: number, line: string): string {
  const lines = text.split("\n");
  const at = uniqueLine(lines, `${label} |`);
  if (at + k >= lines.length) throw new Error(`editBelow: no line ${k} below ${label}`);
  lines[at + k] = line;
  return lines.join("\n");
}

/** The value lines of the row labelled `label` in the cell-per-line seed (the `n` lines below it). */
export function linesBelow(text: string, label: string, n: number): string[] {
  const lines = text.split("\n");
  const at = uniqueLine(lines, `${label} |`);
  return lines.slice(at + 1, at + 1 + n);
}

function uniqueLine(lines: string[], line: string): number {
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`no line ${JSON.stringify(line)}`);
  if (lines.indexOf(line, at + 1) >= 0) throw new Error(`line ${JSON.stringify(line)} is not unique`);
  return at;
}

/** Reads a dotted path (`requests.results.total.naturalPerson`) from an object; undefined if absent. */
export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** In the cell-per-line seed, replaces the value lines below `label` by `values` (`v |` each). */
export function setRow(text: string, label: string, values: Array<string | number>): string {
  let out = text;
  values.forEach((v, i) => {
    out = editBelow(out, label, i + 1, v === "" ? "|" : `${v} |`);
  });
  return out;
}
