#!/usr/bin/env node
/**
 * Writes `dist/schema.json`, the standalone JSON Schema (draft-07) of a Report, from the
 * `ReportSchema` that tsup just built into `dist/index.js`. Run by `npm run build` after tsup.
 *
 * TypeBox schemas are plain JSON Schema objects plus symbol keys (dropped by JSON.stringify).
 * The one thing a standalone file needs fixed is `Type.Recursive`: it emits the recursive
 * schema inline with a relative `$id` (`"Section"`) and refers to itself by `$ref: "Section"`.
 * Validators differ on embedded relative `$id`s, so every such schema is hoisted into
 * `definitions` and every reference to it becomes a JSON pointer (`#/definitions/Section`).
 * The script then fails the build if any `$ref` is left that does not point into this file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/**
 * Whether `id` is an embedded, relative `$id` such as TypeBox's `Type.Recursive` emits
 * (`"Section"`), as opposed to an absolute URI or a fragment.
 * @param {unknown} id
 * @returns {id is string}
 */
function isRelativeId(id) {
  return typeof id === "string" && id !== "" && !id.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(id);
}

/**
 * Turns a TypeBox schema into a standalone draft-07 JSON Schema object: symbol keys dropped,
 * embedded relative `$id` schemas hoisted into `definitions`, `$ref`s rewritten to pointers.
 * Throws when two different schemas share an `$id` or a `$ref` resolves to nothing.
 * @param {object} typeboxSchema the root schema (e.g. `ReportSchema`)
 * @returns {Record<string, unknown>} the JSON Schema, `$schema` first, `definitions` last
 */
export function toStandaloneSchema(typeboxSchema) {
  /** @type {Record<string, unknown>} */
  const root = JSON.parse(JSON.stringify(typeboxSchema));
  /** @type {Map<string, unknown>} */
  const definitions = new Map();

  /** @param {unknown} node @param {boolean} isRoot @returns {unknown} */
  const hoist = (node, isRoot) => {
    if (Array.isArray(node)) return node.map((item) => hoist(item, false));
    if (node === null || typeof node !== "object") return node;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, value] of Object.entries(node)) out[key] = hoist(value, false);
    if (!isRoot && isRelativeId(out.$id)) {
      const { $id: id, ...body } = out;
      const seen = definitions.get(id);
      if (seen !== undefined && !isDeepStrictEqual(seen, body)) {
        throw new Error(`two different schemas share $id ${JSON.stringify(id)}`);
      }
      definitions.set(id, body);
      return { $ref: `#/definitions/${id}` };
    }
    return out;
  };

  /** @param {unknown} node @param {string} where @returns {unknown} */
  const relink = (node, where) => {
    if (Array.isArray(node)) return node.map((item, i) => relink(item, `${where}/${i}`));
    if (node === null || typeof node !== "object") return node;
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (definitions.has(value)) out[key] = `#/definitions/${value}`;
        else if (value.startsWith("#/definitions/") && definitions.has(value.slice(14))) out[key] = value;
        else throw new Error(`unresolved $ref ${JSON.stringify(value)} at ${where}`);
      } else {
        out[key] = relink(value, `${where}/${key}`);
      }
    }
    return out;
  };

  const hoisted = /** @type {Record<string, unknown>} */ (hoist(root, true));
  if ("definitions" in hoisted) throw new Error("ReportSchema already has `definitions`; merge them here");
  const body = /** @type {Record<string, unknown>} */ (relink(hoisted, "#"));
  /** @type {Record<string, unknown>} */
  const defs = {};
  for (const [id, schema] of [...definitions].sort(([a], [b]) => a.localeCompare(b))) {
    defs[id] = relink(schema, `#/definitions/${id}`);
  }
  const { $schema: _ignored, ...rest } = body;
  return definitions.size > 0 ? { $schema: DRAFT_07, ...rest, definitions: defs } : { $schema: DRAFT_07, ...rest };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  const { ReportSchema } = await import(pathToFileURL(`${dist}index.js`).href);
  if (ReportSchema === undefined) throw new Error("dist/index.js does not export ReportSchema");
  const schema = toStandaloneSchema(ReportSchema);
  const out = `${dist}schema.json`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
  const size = Buffer.byteLength(JSON.stringify(schema, null, 2));
  console.log(`wrote ${relative(process.cwd(), out) || out} (${(size / 1024).toFixed(1)} KB)`);
}
