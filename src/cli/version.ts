/**
 * The package version, read at run time so that a release never needs a rebuild to report
 * the right number.
 */
import { createRequire } from "node:module";

/**
 * Finds zfxxgk's own package.json next to this module. The bundled CLI lives in `dist/` (one
 * level down) while the TypeScript source, as run by the tests, lives in `src/cli/` (two
 * levels down); the name check keeps us from picking up a parent project's package.json.
 */
export function readPackageVersion(from: string | URL = import.meta.url): string {
  const load = createRequire(from);
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      const pkg = load(candidate) as { name?: unknown; version?: unknown };
      if (pkg.name === "zfxxgk" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // not at this level: try the next one
    }
  }
  return "0.0.0-unknown";
}
