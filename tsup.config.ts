import { defineConfig } from "tsup";

// Two builds: the library (ESM + CJS + .d.ts for both) and the CLI (ESM only, with a shebang).
// The CLI imports the library through a relative path, so it is bundled into one file that
// starts fast and never resolves `zfxxgk` from node_modules.
export default defineConfig([
  {
    entry: { index: "src/index.ts" },
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
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
