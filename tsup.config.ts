import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

// tsup leaves `dependencies` and `peerDependencies` external but bundles the rest: the
// optional ones (bulk's archive readers, workers, lock, progress bar and SQLite) must stay
// packages too, so that `--omit=optional` leaves them out and bulk can say which is missing.
const optional = Object.keys((JSON.parse(readFileSync("package.json", "utf8")) as { optionalDependencies?: Record<string, string> }).optionalDependencies ?? {});

// Two builds: the library (ESM + CJS + .d.ts for both) and the CLI (ESM only, with a shebang).
// The CLI imports the library through a relative path, so it is bundled into one file that
// starts fast and never resolves `zfxxgk` from node_modules.
export default defineConfig([
  {
    // `testing` is the `zfxxgk/testing` subpath (arbitraries + renderers). It alone imports
    // fast-check, an optional peer: external, so neither entry bundles it and `zfxxgk` never loads it.
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    external: ["fast-check"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
  },
  {
    // bulk-worker is the piscina worker of `zfxxgk bulk`, loaded by path at run time; the bulk
    // engine itself is a chunk that the CLI imports on demand. Its packages are optional
    // dependencies, never bundled (above); better-sqlite3 is loaded (or not) when a run
    // writes reports.sqlite.
    entry: { cli: "src/main/main.ts", "bulk-worker": "src/bulk/worker.ts" },
    external: optional,
    // Loading chevrotain and lodash-es as packages was most of the CLI's cold start; bundled
    // into the CLI they load as one file (the library build keeps them as dependencies).
    noExternal: ["chevrotain", /^@chevrotain\//, "lodash-es"],
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
