/**
 * The real text-extraction tools that scrapers and researchers run on report pages, each
 * wrapped as `html → the text the tool prints`. Issue 12 measures the parser on what these
 * tools really print, not on our idea of it, so every runner calls the tool itself (a
 * Debian binary, /usr/bin/python3 with bs4/html2text, an npm package, or Chromium through
 * playwright-core) with the options people use.
 *
 * A runner whose tool is missing says so through `available()`: the zoo test skips it
 * locally and fails under `CI` (.ci/run installs the Debian tools; see README § tests).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One tool with one set of options: what the zoo runs every page through. */
export interface ToolRunner {
  /** Stable name used in the threshold table and the printed report (`w3m-80`, `bs4-newline`, …). */
  readonly tool: string;
  /** The command line or call it stands for, for humans reading the report. */
  readonly command: string;
  /** Whether the tool can run on this machine; cached after the first call. */
  available(): Promise<boolean>;
  /** The text the tool prints for `html` (UTF-8 in, UTF-8 out). */
  run(html: string): Promise<string>;
}

/** Python that prints what a scraper's html2text / get_text call returns for stdin. */
const PYTHON = "/usr/bin/python3";
const PY_SCRIPT = String.raw`
import sys
mode = sys.argv[1]
html = sys.stdin.buffer.read().decode("utf-8")
if mode.startswith("html2text"):
    import html2text
    h = html2text.HTML2Text()
    if mode == "html2text-nowrap":
        h.body_width = 0
    if mode == "html2text-bypass":
        h.bypass_tables = True
    out = h.handle(html)
else:
    from bs4 import BeautifulSoup
    sep = {"bs4-empty": "", "bs4-space": " ", "bs4-newline": "\n", "bs4-tab": "\t"}[mode]
    out = BeautifulSoup(html, "html.parser").get_text(sep)
sys.stdout.buffer.write(out.encode("utf-8"))
`;

/** A UTF-8 locale for every child, whatever the caller's (CI's environment may have none). */
const CHILD_ENV = { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

let scratch: string | undefined;
/** Some tools (links, elinks) read a file more reliably than stdin: one scratch dir per process. */
function scratchFile(html: string): string {
  scratch ??= mkdtempSync(join(tmpdir(), "zfxxgk-zoo-"));
  const file = join(scratch, `page-${process.pid}-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html, "utf8");
  return file;
}

/** Runs a command, failing loudly on a non-zero exit: a broken tool must not look like an empty page. */
function exec(cmd: string, args: readonly string[], input?: string, gives = false): string {
  const r = spawnSync(cmd, args, { input, encoding: "utf8", env: CHILD_ENV, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw r.error;
  // A tool that gives up on a page with status 1 leaves a scraper what it printed (often nothing).
  if (gives && r.status === 1) return r.stdout;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return r.stdout;
}

/** Whether `cmd args` runs at all (exit status ignored: some tools print their version with 1). */
function probe(cmd: string, args: readonly string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: CHILD_ENV, timeout: 20_000 });
  return r.error === undefined && r.status !== null;
}

/** Caches an availability check: each probe spawns a process or imports a package. */
function once(check: () => boolean | Promise<boolean>): () => Promise<boolean> {
  let cached: Promise<boolean> | undefined;
  return () => (cached ??= Promise.resolve().then(check).catch(() => false));
}

function commandRunner(
  tool: string,
  cmd: string,
  args: readonly string[],
  how: "stdin" | "file",
  probeArgs: readonly string[] = ["-version"],
  givesUp = false,
): ToolRunner {
  return {
    tool,
    command: `${cmd} ${args.join(" ")}${how === "file" ? " page.html" : " < page.html"}`,
    available: once(() => probe(cmd, probeArgs)),
    async run(html) {
      if (how === "stdin") return exec(cmd, args, html, givesUp);
      const file = scratchFile(html);
      try {
        return exec(cmd, [...args, file], undefined, givesUp);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

function pythonRunner(tool: string, mode: string, command: string, module: string): ToolRunner {
  return {
    tool,
    command,
    available: once(() => existsSync(PYTHON) && spawnSync(PYTHON, ["-c", `import ${module}`], { env: CHILD_ENV }).status === 0),
    async run(html) {
      return exec(PYTHON, ["-c", PY_SCRIPT, mode], html);
    },
  };
}

/** Imports an npm package lazily, so a missing optional dev tool only fails its own runner. */
function importable(name: string): () => Promise<boolean> {
  return once(async () => {
    await import(name);
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// Chromium: one browser for every page, launched on first use.

/** What the page-reading half of playwright-core needs; kept structural to avoid a hard type import. */
interface BrowserLike {
  newPage(): Promise<{
    setContent(html: string, options?: { waitUntil?: "load" | "domcontentloaded" }): Promise<void>;
    evaluate<T>(fn: () => T): Promise<T>;
    pdf(options: { format: string; printBackground?: boolean }): Promise<Uint8Array>;
    close(): Promise<void>;
  }>;
  close(): Promise<void>;
}

/** The few DOM members the in-page readers touch (tsconfig has no DOM lib). */
interface PageGlobal {
  document: { body: { innerText: string } };
  getSelection(): { selectAllChildren(node: unknown): void; toString(): string };
}

const CHROMIUM = "/usr/bin/chromium";
/** The launch flags of a scraper's headless browser with no network chatter of its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser: Promise<BrowserLike> | undefined;
/** The one shared browser (a fresh temporary profile, which playwright's launch creates and removes). */
function sharedBrowser(): Promise<BrowserLike> {
  browser ??= import("playwright-core").then(
    ({ chromium }) =>
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }) as unknown as Promise<BrowserLike>,
  );
  return browser;
}

/** Closes the shared browser; call once after the last page (afterAll / end of script). */
export async function closeRunners(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close().catch(() => undefined);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

function browserRunner(tool: string, command: string, read: () => string): ToolRunner {
  return {
    tool,
    command,
    available: once(async () => {
      if (!existsSync(CHROMIUM)) return false;
      await import("playwright-core");
      return true;
    }),
    async run(html) {
      const page = await (await sharedBrowser()).newPage();
      try {
        // No network: generated pages have no subresources and the corpus page's are not wanted.
        await page.setContent(html, { waitUntil: "domcontentloaded" });
        return await page.evaluate(read);
      } finally {
        await page.close();
      }
    },
  };
}

/**
 * Many agencies publish the report as a PDF, and researchers turn it into text with poppler's
 * pdftotext. The page is printed to A4 by the shared Chromium (what "save as PDF" gives) and
 * pdftotext reads that file with `args`: `-layout` keeps columns by position, no flag gives
 * its reading order (a cell's text where its block sorts, not always after its row's label),
 * `-raw` the order of the content stream.
 */
function pdfRunner(tool: string, args: readonly string[]): ToolRunner {
  return {
    tool,
    command: `chromium print to PDF (A4) → pdftotext ${args.join(" ")}${args.length ? " " : ""}page.pdf -`,
    available: once(async () => {
      if (!existsSync(CHROMIUM) || !probe("pdftotext", ["-v"])) return false;
      await import("playwright-core");
      return true;
    }),
    async run(html) {
      const page = await (await sharedBrowser()).newPage();
      let pdf: Uint8Array;
      try {
        await page.setContent(html, { waitUntil: "domcontentloaded" });
        pdf = await page.pdf({ format: "A4", printBackground: false });
      } finally {
        await page.close();
      }
      scratch ??= mkdtempSync(join(tmpdir(), "zfxxgk-zoo-"));
      const file = join(scratch, `page-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, pdf);
      try {
        return exec("pdftotext", [...args, "-enc", "UTF-8", file, "-"]);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

/**
 * Agencies publish the report as a Word file too, and researchers turn it into text with
 * pandoc. The page becomes a .docx through pandoc (images dropped: a Word file carries its
 * own), and pandoc reads that back `-t to`: a Word table prints as a multiline table under
 * dash rules, a blank line between its rows.
 */
function docxRunner(tool: string, to: string): ToolRunner {
  return {
    tool,
    command: `pandoc -f html -t docx -o page.docx; pandoc -f docx -t ${to} page.docx`,
    available: once(() => probe("pandoc", ["--version"])),
    async run(html) {
      scratch ??= mkdtempSync(join(tmpdir(), "zfxxgk-zoo-"));
      const file = join(scratch, `page-${process.pid}-${Math.random().toString(36).slice(2)}.docx`);
      try {
        exec("pandoc", ["-f", "html", "-t", "docx", "-o", file], html.replace(/<img\b[^>]*>/gi, ""));
        return exec("pandoc", ["-f", "docx", "-t", to, file]);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// The zoo

/** Every runner, in the order the report prints them. */
export const RUNNERS: readonly ToolRunner[] = [
  commandRunner("w3m-80", "w3m", ["-dump", "-T", "text/html", "-cols", "80", "-I", "UTF-8", "-O", "UTF-8"], "stdin"),
  commandRunner("w3m-200", "w3m", ["-dump", "-T", "text/html", "-cols", "200", "-I", "UTF-8", "-O", "UTF-8"], "stdin"),
  commandRunner("lynx-80", "lynx", ["-dump", "-nolist", "-width=80", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"], "stdin"),
  commandRunner("lynx-200", "lynx", ["-dump", "-nolist", "-width=200", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"], "stdin"),
  commandRunner("elinks", "elinks", ["-dump", "-dump-charset", "utf-8"], "file", ["-version"]),
  commandRunner("links", "links", ["-dump", "-codepage", "utf-8"], "file", ["-version"]),
  commandRunner("pandoc-plain", "pandoc", ["-f", "html", "-t", "plain"], "stdin", ["--version"]),
  commandRunner("pandoc-plain-200", "pandoc", ["-f", "html", "-t", "plain", "--columns=200"], "stdin", ["--version"]),
  commandRunner("pandoc-gfm", "pandoc", ["-f", "html", "-t", "gfm"], "stdin", ["--version"]),
  commandRunner("pandoc-markdown", "pandoc", ["-f", "html", "-t", "markdown"], "stdin", ["--version"]),
  // Debian's `html2text` package is the C tool (python3-html2text installs html2markdown): it
  // draws tables with `|` and `_`, and measures cells in characters but cuts them in bytes.
  // It gives up on some real pages (status 1, nothing printed): the parser must say so.
  commandRunner("html2text-c", "html2text", ["-utf8"], "stdin", ["-version"], true),
  pythonRunner("html2text", "html2text", "html2text.HTML2Text().handle(html)", "html2text"),
  pythonRunner("html2text-nowrap", "html2text-nowrap", "HTML2Text(); body_width = 0; handle(html)", "html2text"),
  pythonRunner("html2text-bypass", "html2text-bypass", "HTML2Text(); bypass_tables = True; handle(html)", "html2text"),
  pythonRunner("bs4-empty", "bs4-empty", 'BeautifulSoup(html, "html.parser").get_text("")', "bs4"),
  pythonRunner("bs4-space", "bs4-space", 'BeautifulSoup(html, "html.parser").get_text(" ")', "bs4"),
  pythonRunner("bs4-newline", "bs4-newline", 'BeautifulSoup(html, "html.parser").get_text("\\n")', "bs4"),
  pythonRunner("bs4-tab", "bs4-tab", 'BeautifulSoup(html, "html.parser").get_text("\\t")', "bs4"),
  {
    tool: "html-to-text",
    command: "html-to-text convert(html)",
    available: importable("html-to-text"),
    async run(html) {
      const { convert } = await import("html-to-text");
      return convert(html);
    },
  },
  {
    tool: "turndown",
    command: "new TurndownService().turndown(html)",
    available: importable("turndown"),
    async run(html) {
      const { default: TurndownService } = await import("turndown");
      return new TurndownService().turndown(html);
    },
  },
  {
    tool: "cheerio-text",
    command: 'cheerio.load(html)("body").text()',
    available: importable("cheerio"),
    async run(html) {
      const { load } = await import("cheerio");
      return load(html)("body").text();
    },
  },
  // These functions run inside the page; the project compiles without the DOM lib, hence `PageGlobal`.
  browserRunner("chromium-innerText", "chromium headless: document.body.innerText", () => (globalThis as unknown as PageGlobal).document.body.innerText),
  browserRunner("chromium-copy", "chromium headless: select all + getSelection().toString() (copy-paste)", () => {
    const page = globalThis as unknown as PageGlobal;
    const selection = page.getSelection();
    selection.selectAllChildren(page.document.body);
    return selection.toString();
  }),
  docxRunner("docx-pandoc-plain", "plain"),
  docxRunner("docx-pandoc-markdown", "markdown"),
  pdfRunner("pdftotext-layout", ["-layout"]),
  pdfRunner("pdftotext", []),
  pdfRunner("pdftotext-raw", ["-raw"]),
];
