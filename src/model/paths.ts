/**
 * Reading the model by its public paths (`requests.newReceived.total`, docs/model.md), the
 * one implementation every stage uses: the checks, the normaliser's short rows, the panel
 * and the audit page all name values by these paths.
 */

/**
 * The value at a dotted path or its segments (array indices as segments), undefined when
 * absent. Own properties only, so a key such as `constructor` never reads the prototype.
 */
export function valueAt(root: unknown, path: string | readonly string[]): unknown {
  let node: unknown = root;
  for (const key of typeof path === "string" ? path.split(".") : path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
