/**
 * Dotted model paths (`results.granted`) set and read on a plain object: table 三's
 * template rows name their place in the model this way.
 */

/** Template row paths split into keys, once each (the paths are the grid's fixed vocabulary). */
const PATH_KEYS = new Map<string, readonly string[]>();

/** Sets `value` at a dotted path, creating the objects on the way: the model of 三 is built row by row. */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  let keys = PATH_KEYS.get(path);
  if (keys === undefined) PATH_KEYS.set(path, (keys = path.split(".")));
  let obj = root;
  for (const k of keys.slice(0, -1)) {
    obj[k] ??= {};
    obj = obj[k] as Record<string, unknown>;
  }
  obj[keys[keys.length - 1]!] = value;
}

/** The value at a dotted path, or undefined: to tell which template rows a table left unfilled. */
export function getPath(root: Record<string, unknown>, path: string): unknown {
  let obj: unknown = root;
  for (const k of path.split(".")) {
    if (obj === null || typeof obj !== "object") return undefined;
    obj = (obj as Record<string, unknown>)[k];
  }
  return obj;
}
