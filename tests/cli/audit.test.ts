/**
 * Issue 15: `zfxxgk audit` in-process — one FILE to the path `-o` names, several to a folder,
 * standard input to standard output; the page holds a span for every value of the report.
 */
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/main/run.js";
import { parseReport } from "../../src/index.js";

const SEED = "corpus/seed/siyang-xzspj-2021.txt";
const HTML = "corpus/real/shuyang-fgj-2023.partial.html";

/** Runs the CLI with fake streams; `stdin` is what standard input holds. */
async function cli(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** How many value spans a page marks. */
const spans = (html: string) => (html.match(/<a id="s-\d+" class="v/g) ?? []).length;

describe("zfxxgk audit", () => {
  const dir = mkdtempSync(join(tmpdir(), "zfxxgk-audit-"));

  it("writes one FILE's page where -o says, with a span per value", async () => {
    const target = join(dir, "sub", "seed.audit.html");
    const r = await cli(["audit", SEED, "-o", target]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(target, "utf8");
    expect(spans(page)).toBe(Object.keys(parseReport(new Uint8Array(readFileSync(SEED))).provenance).length);
    expect(r.stderr).toContain(target);
  });

  it("several FILEs go to a folder, one page each", async () => {
    const folder = join(dir, "pages");
    const r = await cli(["audit", "--out", folder, SEED, HTML]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(folder, "siyang-xzspj-2021.txt.audit.html"))).toBe(true);
    expect(existsSync(join(folder, "shuyang-fgj-2023.partial.html.audit.html"))).toBe(true);
  });

  it("standard input's page goes to standard output; a missing FILE is exit 2", async () => {
    const r = await cli(["audit", "-"], readFileSync(SEED, "utf8"));
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("<!doctype html>")).toBe(true);
    expect((await cli(["audit", join(dir, "nope.txt")])).code).toBe(2);
  });
});
