/// <reference lib="dom" />
/**
 * Issue 15 in a real browser: Debian's Chromium, driven headless by playwright-core (nothing
 * downloads a browser). The audit pages of the seed, of a report with a broken identity and of
 * every corpus file open from disk with no console error; clicking a model cell brings its
 * source span into view and marks it, and the reverse; the keyboard does the same; text can
 * be selected with the mouse; the page fits a phone's width. Screenshots go to test-output/audit/.
 *
 * Under CI a missing browser fails the run (.ci/run installs chromium); locally it is skipped.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFile, BROKEN_PATH, brokenReport, corpusPath, type Audited } from "./support.js";

const CHROMIUM = "/usr/bin/chromium";
const OUT = fileURLToPath(new URL("../../test-output/audit/", import.meta.url));
const haveBrowser = existsSync(CHROMIUM);

/** The parts of playwright-core's API these tests use. */
interface Handle {
  evaluate<T>(fn: (el: Element) => T): Promise<T>;
}
interface PageLike {
  on(event: "console" | "pageerror", fn: (x: { type?: () => string; text?: () => string; message?: string }) => void): void;
  goto(url: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void>; down(): Promise<void>; up(): Promise<void> };
  waitForTimeout(ms: number): Promise<void>;
  $(selector: string): Promise<Handle | null>;
  $$eval<T>(selector: string, fn: (els: Element[]) => T): Promise<T>;
  evaluate<T>(fn: () => T): Promise<T>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
interface BrowserLike {
  newPage(options?: { viewport: { width: number; height: number } }): Promise<PageLike>;
  close(): Promise<void>;
}

let browser: BrowserLike | undefined;

beforeAll(async () => {
  if (!haveBrowser) return;
  const { chromium } = await import("playwright-core");
  browser = (await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] })) as unknown as BrowserLike;
  mkdirSync(OUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Writes the page to test-output and opens it from disk, collecting console errors. */
async function open(name: string, audited: Audited, width = 1280, height = 900): Promise<{ page: PageLike; errors: string[] }> {
  const file = join(OUT, `${name}.audit.html`);
  writeFileSync(file, audited.html);
  const page = await browser!.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type?.() === "error") errors.push(m.text?.() ?? "");
  });
  page.on("pageerror", (e) => errors.push(e.message ?? String(e)));
  await page.goto(`file://${file}`);
  return { page, errors };
}

/** Whether the element is inside the viewport and inside its scrolling pane, and is marked. */
async function shownAndMarked(page: PageLike, selector: string): Promise<{ inView: boolean; marked: boolean }> {
  await page.waitForTimeout(150);
  const el = await page.$(selector);
  expect(el, selector).not.toBeNull();
  return el!.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const pane = e.closest(".pane")!.getBoundingClientRect();
    const inView = r.bottom > Math.max(0, pane.top) && r.top < Math.min(window.innerHeight, pane.bottom);
    return { inView, marked: e.classList.contains("flash") };
  });
}

describe.skipIf(!haveBrowser && !process.env.CI)("audit page in Chromium", () => {
  it("the browser is installed (CI fails without it)", () => {
    expect(haveBrowser, `${CHROMIUM} missing: .ci/run installs chromium`).toBe(true);
  });

  it("seed: click a model cell → its source span scrolls into view and blinks; and back", async () => {
    const audited = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt"));
    const { page, errors } = await open("seed", audited);
    // A value far down the source: 四's last cell.
    const path = "reviewsAndLawsuits.lawsuitAfterReview.total";
    const id = await page.$$eval(`td[data-path="${path}"] a`, (els) => els[0]!.getAttribute("href")!);
    await page.click(`td[data-path="${path}"] a`);
    expect(await shownAndMarked(page, id)).toEqual({ inView: true, marked: true });
    // And back: a span near the top of the source leads to its cell.
    const first = Object.keys(audited.report.provenance)[0]!;
    await page.click(`a.v[data-path="${first}"]`);
    expect(await shownAndMarked(page, `td[data-path="${first}"]`)).toEqual({ inView: true, marked: true });
    // Every value has a span on the page.
    expect(await page.$$eval("a.v", (els) => els.length)).toBe(Object.keys(audited.report.provenance).length);
    // At 1280 px: source and model side by side, nothing wider than the window.
    const layout = await page.evaluate(() => {
      const [source, model] = [".source-pane", ".model-pane"].map((q) => document.querySelector(q)!.getBoundingClientRect());
      return { sideBySide: source!.top === model!.top && source!.right <= model!.left + 1, overflow: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(layout).toEqual({ sideBySide: true, overflow: 0 });
    await page.screenshot({ path: join(OUT, "seed-1280.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a broken identity: the failing cell is marked, and its check links to it", async () => {
    const audited = brokenReport();
    const { page, errors } = await open("broken", audited);
    const cell = `td[data-path="${BROKEN_PATH}"]`;
    expect(await page.$$eval(cell, (els) => els[0]!.classList.contains("check-fail"))).toBe(true);
    const link = `ol.checks a.to-cell[href="${await page.$$eval(cell, (els) => `#${els[0]!.id}`)}"]`;
    await page.click(link);
    expect(await shownAndMarked(page, cell)).toEqual({ inView: true, marked: true });
    await page.screenshot({ path: join(OUT, "broken-1280.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("at 1280 × 640 under a two-line header, only the panes scroll: the header stays in view", async () => {
    const audited = brokenReport();
    const { page } = await open("broken-640", audited, 1280, 640);
    for (const path of ["reviewsAndLawsuits.lawsuitAfterReview.total", BROKEN_PATH]) {
      const id = await page.$$eval(`td[data-path="${path}"] a`, (els) => els[0]!.getAttribute("href")!);
      await page.click(`td[data-path="${path}"] a`);
      expect(await shownAndMarked(page, id)).toEqual({ inView: true, marked: true });
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop), path).toBe(0);
    }
    // The panes end at the window's bottom edge.
    expect(await page.evaluate(() => Math.round(document.querySelector(".source-pane")!.getBoundingClientRect().bottom) - window.innerHeight)).toBe(0);
    await page.close();
  });

  it("keyboard: a focused cell link opened with Enter shows its span", async () => {
    const audited = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt"));
    const { page } = await open("seed-keyboard", audited);
    const path = "requests.carriedForward.total";
    const id = await page.$$eval(`td[data-path="${path}"] a`, (els) => els[0]!.getAttribute("href")!);
    await page.focus(`td[data-path="${path}"] a`);
    await page.keyboard.press("Enter");
    expect(await shownAndMarked(page, id)).toEqual({ inView: true, marked: true });
    await page.close();
  });

  it("keyboard: Tab reaches the value links, and Enter on a source span shows its cell", async () => {
    const audited = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt"));
    const { page } = await open("seed-keyboard-back", audited);
    // From the top of the page, a few Tabs land on a link of the page (the source pane first).
    let focused = "";
    for (let i = 0; i < 4 && !focused.startsWith("A"); i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}`);
    }
    expect(focused).toMatch(/^A\.v/);
    const path = "requests.newReceived.total";
    await page.focus(`a.v[data-path="${path}"]`);
    await page.keyboard.press("Enter");
    expect(await shownAndMarked(page, `td[data-path="${path}"]`)).toEqual({ inView: true, marked: true });
    await page.close();
  });

  it("text is selectable: a mouse drag over the source selects its text", async () => {
    const audited = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt"));
    const { page } = await open("seed-select", audited);
    const box = await page.evaluate(() => {
      const r = document.querySelector("pre.source")!.getBoundingClientRect();
      return { x: r.left + 4, y: r.top + 8, w: Math.min(r.width - 8, 400) };
    });
    await page.mouse.move(box.x, box.y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.w, box.y + 40);
    await page.mouse.up();
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? "");
    expect(selected.length).toBeGreaterThan(5);
    expect(audited.text).toContain(selected.split("\n")[0]!.slice(0, 5));
    // Nothing on the page turns selection off.
    const none = await page.$$eval("body *", (els) => els.filter((e) => getComputedStyle(e).userSelect === "none").length);
    expect(none).toBe(0);
    await page.close();
  });

  it("phone width: one column, nothing wider than the screen, even under a long unbroken file name", async () => {
    // The seed has no title, so the heading is the file's name: an archive path with no break
    // opportunity in it (CI's clone directory was one) must wrap, not widen the page.
    const longName = `/tmp/tmp.WR4kpObKqX/${"scraped_report_archive_".repeat(4)}siyang-xzspj-2021.txt`;
    const audited = auditFile(corpusPath("corpus/seed/siyang-xzspj-2021.txt"), longName);
    const { page, errors } = await open("seed-phone", audited, 390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Stacked: the model below the source.
    expect(await page.evaluate(() => document.querySelector(".model-pane")!.getBoundingClientRect().top >= document.querySelector(".source-pane")!.getBoundingClientRect().bottom)).toBe(true);
    await page.screenshot({ path: join(OUT, "seed-390.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const file of ["corpus/real/shuyang-fgj-2023.partial.html", "corpus/real/shuyang-county-2025.md", "corpus/real/shanghai-stcsm-2024.pdf-markdown.txt", "corpus/real/shanghai-gov-office-2025.pdf-markdown.txt"]) {
    it(`${file} opens with no console error and a span per value, showing the value's text`, async () => {
      const audited = auditFile(corpusPath(file));
      const { page, errors } = await open(file.split("/").pop()!, audited);
      // An HTML page's spans are in its readable view, showing the raw text without markup.
      const spans = await page.$$eval("a.v", (els) => Object.fromEntries(els.map((a) => [(a as HTMLElement).dataset.path!, a.textContent ?? ""])));
      const html = audited.report.source.form === "html";
      expect(spans).toEqual(Object.fromEntries(Object.entries(audited.report.provenance).map(([p, v]) => [p, html ? load(v.raw).text() : v.raw])));
      if (html) expect(await page.$$eval(".page-view a.v", (els) => els.length)).toBe(Object.keys(spans).length);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("every corpus/cases page (legacy, 2019, 2021; rows and cells) opens with no console error and a span per value", async () => {
    const cases = readdirSync(corpusPath("corpus/cases")).filter((f) => f.endsWith(".txt"));
    expect(cases.length).toBeGreaterThan(0);
    for (const file of cases) {
      const audited = auditFile(corpusPath(`corpus/cases/${file}`));
      const { page, errors } = await open(file, audited);
      expect(await page.$$eval("a.v", (els) => els.length), file).toBe(Object.keys(audited.report.provenance).length);
      expect(errors, file).toEqual([]);
      await page.close();
    }
  }, 60_000);
});
