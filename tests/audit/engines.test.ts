/**
 * Issue 15 beyond Chromium: the core of browser.test.ts in Firefox ESR and WebKitGTK, the
 * pages opened from disk. Clicking a model cell brings its source span into view and marks
 * it, and the reverse; every value has a span (on an HTML page, one showing the value's text
 * where the page shows it); the keyboard reaches the links with Tab and follows them with
 * Enter; no console error where the driver can see the console (Firefox); at a phone's width
 * nothing is wider than the screen (390 px; WebKit's window stops at its toolbar's ~450).
 *
 * Under CI a missing browser fails the run (.ci/run installs firefox-esr, webkit2gtk-driver
 * and xvfb); locally the engine is skipped with a message.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFile, BROKEN_PATH, brokenReport, corpusPath, type Audited } from "./support.js";
import { launchFirefox, launchWebKit, missing, type Engine } from "./engines.js";

const OUT = fileURLToPath(new URL("../../test-output/audit/", import.meta.url));
const SEED = "corpus/seed/siyang-xzspj-2021.txt";
const HTML = "corpus/real/shuyang-fgj-2023.partial.html";

/** Whether the element is inside the viewport and inside its scrolling pane, and is marked (as in browser.test.ts). */
const shownScript = (selector: string) => `
  const e = document.querySelector(${JSON.stringify(selector)});
  if (!e) return null;
  const r = e.getBoundingClientRect();
  const pane = e.closest(".pane").getBoundingClientRect();
  const inView = r.bottom > Math.max(0, pane.top) && r.top < Math.min(window.innerHeight, pane.bottom);
  return { inView, marked: e.classList.contains("flash") };`;

for (const name of ["firefox", "webkit"] as const) {
  const why = missing(name);
  if (why && !process.env.CI) console.warn(`audit page in ${name}: skipped, ${why}`);

  describe.skipIf(why !== null && !process.env.CI)(`audit page in ${name}`, () => {
    let engine: Engine | undefined;
    const files: Record<string, Audited> = {};

    beforeAll(async () => {
      if (why) return;
      engine = await (name === "firefox" ? launchFirefox() : launchWebKit());
      console.log(`audit page in ${name}: ${engine.version}`);
      mkdirSync(OUT, { recursive: true });
    }, 60_000);

    afterAll(async () => {
      await engine?.close();
    });

    /** Writes the page to test-output and opens it from disk. */
    async function open(key: string, audited: Audited, width?: number): Promise<Engine> {
      const file = join(OUT, `${key}.${name}.audit.html`);
      writeFileSync(file, audited.html);
      files[key] = audited;
      await engine!.open(`file://${file}`, width);
      return engine!;
    }

    const shown = (e: Engine, selector: string) => e.run<{ inView: boolean; marked: boolean } | null>(shownScript(selector));
    const hrefOf = (e: Engine, selector: string) => e.run<string>(`return document.querySelector(${JSON.stringify(selector)}).getAttribute("href")`);
    const count = (e: Engine, selector: string) => e.run<number>(`return document.querySelectorAll(${JSON.stringify(selector)}).length`);

    it("the browser is installed (CI fails without it)", () => {
      expect(why, String(why)).toBeNull();
    });

    it("seed: a cell's click shows its span, a span's click its cell; every value has a span", async () => {
      const audited = auditFile(corpusPath(SEED));
      const e = await open("seed", audited);
      expect(await count(e, "a.v")).toBe(Object.keys(audited.report.provenance).length);
      const path = "reviewsAndLawsuits.lawsuitAfterReview.total";
      const id = await hrefOf(e, `td[data-path="${path}"] a`);
      await e.click(`td[data-path="${path}"] a`);
      expect(await shown(e, id)).toEqual({ inView: true, marked: true });
      const first = Object.keys(audited.report.provenance)[0]!;
      await e.click(`a.v[data-path="${first}"]`);
      expect(await shown(e, `td[data-path="${first}"]`)).toEqual({ inView: true, marked: true });
      expect(e.errors() ?? []).toEqual([]);
    });

    it("a broken identity: the failing cell is marked, and its check's link shows it", async () => {
      const e = await open("broken", brokenReport());
      const cell = `td[data-path="${BROKEN_PATH}"]`;
      expect(await e.run<boolean>(`return document.querySelector('${cell}').classList.contains("check-fail")`)).toBe(true);
      const id = await e.run<string>(`return document.querySelector('${cell}').id`);
      await e.click(`ol.checks a.to-cell[href="#${id}"]`);
      expect(await shown(e, cell)).toEqual({ inView: true, marked: true });
      expect(e.errors() ?? []).toEqual([]);
    });

    it("an HTML page: every value's span shows its text in the readable view, and a cell's click shows it", async () => {
      const audited = auditFile(corpusPath(HTML));
      const e = await open("html", audited);
      const spans = await e.run<Record<string, string>>(
        `const out = {}; for (const a of document.querySelectorAll(".page-view a.v")) out[a.dataset.path] = a.textContent; return out;`,
      );
      const want = Object.fromEntries(Object.entries(audited.report.provenance).map(([p, v]) => [p, load(v.raw).text()]));
      expect(spans).toEqual(want);
      const path = "requests.newReceived.naturalPerson";
      const id = await hrefOf(e, `td[data-path="${path}"] a`);
      await e.click(`td[data-path="${path}"] a`);
      expect(await shown(e, id)).toEqual({ inView: true, marked: true });
      expect(await e.run<string>(`return document.querySelector('${id}').closest("td")?.textContent ?? ""`)).toBe("26");
      expect(e.errors() ?? []).toEqual([]);
    });

    it("keyboard: Tab from the top reaches a value link, Enter on a cell shows its span and on a span its cell", async () => {
      const e = await open("seed-keyboard", auditFile(corpusPath(SEED)));
      let focused = "";
      for (let i = 0; i < 4 && !focused.startsWith("A"); i++) {
        await e.press("Tab");
        focused = await e.run<string>(`return document.activeElement.tagName + "." + document.activeElement.className`);
      }
      expect(focused).toMatch(/^A\.v/);
      const path = "requests.carriedForward.total";
      const id = await hrefOf(e, `td[data-path="${path}"] a`);
      await e.run(`document.querySelector('td[data-path="${path}"] a').focus()`);
      await e.press("Enter");
      expect(await shown(e, id)).toEqual({ inView: true, marked: true });
      const back = "requests.newReceived.total";
      await e.run(`document.querySelector('a.v[data-path="${back}"]').focus()`);
      await e.press("Enter");
      expect(await shown(e, `td[data-path="${back}"]`)).toEqual({ inView: true, marked: true });
    });

    it("phone width: one column, nothing wider than the screen", async () => {
      const e = await open("seed-phone", auditFile(corpusPath(SEED)), 390);
      const layout = await e.run<{ width: number; overflow: number; stacked: boolean }>(
        `return { width: window.innerWidth, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          stacked: document.querySelector(".model-pane").getBoundingClientRect().top >= document.querySelector(".source-pane").getBoundingClientRect().bottom }`,
      );
      // MiniBrowser's window cannot be made narrower than its toolbar (447 px here): still a
      // phone's width, below the 900 px where the panes stack.
      expect(layout.width).toBeLessThanOrEqual(name === "webkit" ? 480 : 390);
      expect({ overflow: layout.overflow, stacked: layout.stacked }).toEqual({ overflow: 0, stacked: true });
    });
  });
}
