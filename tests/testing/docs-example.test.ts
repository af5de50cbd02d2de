/**
 * The runnable example of the README's "Testing your pipeline" section runs: extracted from the markdown and executed by
 * a child Node in the repository, where `zfxxgk` and `zfxxgk/testing` resolve to dist/
 * through the package's own `exports` (skipped when dist/ is missing).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILT = existsSync(join(ROOT, "dist", "testing.js"));

describe.skipIf(!BUILT)("README.md, Testing your pipeline", () => {
  it("its runnable example passes", { timeout: 60_000 }, () => {
    const doc = readFileSync(join(ROOT, "README.md"), "utf8");
    const code = /### A runnable example[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code, "no ```js block under 'A runnable example'").toBeTruthy();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", code!], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("ok: 100 generated pages");
  });
});
