/**
 * The two other engines the audit page must work in, behind one small interface so one set of
 * assertions runs in both: Firefox ESR (Debian's /usr/bin/firefox-esr) over WebDriver BiDi with
 * puppeteer-core, and WebKitGTK (Debian's webkit2gtk-driver) over classic W3C WebDriver with
 * plain HTTP calls. Neither downloads a browser; playwright-core cannot drive either, since it
 * needs its own patched builds of both.
 *
 * WebKit is spoken to without a client library: the handful of endpoints used here
 * (session, url, element, click, actions, execute) is less code than adapting a client, and a
 * client would pull a dependency tree for it. MiniBrowser has no headless mode, so it draws on
 * an Xvfb display started for it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

/** What the cross-engine assertions need from a browser. */
export interface Engine {
  /** Browser name and version as the driver reports it. */
  readonly version: string;
  /** Opens `url` in a window whose page is `width` × `height` CSS pixels (as near as the engine allows). */
  open(url: string, width?: number, height?: number): Promise<void>;
  /** Runs `body` (a function body, `return …`) in the page and returns its JSON result. */
  run<T>(body: string): Promise<T>;
  /** Clicks the first element matching `selector` as a user would (scrolled into view first). */
  click(selector: string): Promise<void>;
  /** Presses and releases one key on whatever has the focus. */
  press(key: "Tab" | "Enter"): Promise<void>;
  /** Console errors and uncaught exceptions since the last `open`; null where the driver cannot see them. */
  errors(): string[] | null;
  close(): Promise<void>;
}

/** Firefox ESR as Debian installs it. */
export const FIREFOX = "/usr/bin/firefox-esr";
/** WebKitGTK's WebDriver (package webkit2gtk-driver). */
export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
/** The browser WebKitWebDriver automates, in Debian's multiarch library folder (libwebkit2gtk-4.1-0). */
export const MINIBROWSER = `/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu/webkit2gtk-4.1/MiniBrowser`;
/** The X server WebKit draws on (package xvfb). */
export const XVFB = "/usr/bin/Xvfb";

/** Why an engine cannot run here, or null when it can. */
export function missing(engine: "firefox" | "webkit"): string | null {
  const need = engine === "firefox" ? [FIREFOX] : [WEBKIT_DRIVER, MINIBROWSER, XVFB];
  const absent = need.filter((p) => !existsSync(p));
  return absent.length ? `${absent.join(", ")} missing: .ci/run installs ${engine === "firefox" ? "firefox-esr" : "webkit2gtk-driver and xvfb"}` : null;
}

/** Firefox over WebDriver BiDi: puppeteer-core's page API, console included. */
export async function launchFirefox(): Promise<Engine> {
  const puppeteer = (await import("puppeteer-core")).default;
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
  const page = await browser.newPage();
  let errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e instanceof Error ? e.message : String(e)));
  return {
    version: await browser.version(),
    async open(url, width = 1280, height = 900) {
      errors = [];
      await page.setViewport({ width, height });
      await page.goto(url);
    },
    run: <T>(body: string) => page.evaluate(`(() => {${body}})()`) as Promise<T>,
    click: (selector) => page.click(selector),
    press: (key) => page.keyboard.press(key),
    errors: () => errors,
    close: () => browser.close(),
  };
}

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on the first free display and resolves with its number (Xvfb writes it to fd 3). */
function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(XVFB, ["-displayfd", "3", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
    let out = "";
    proc.once("error", reject);
    proc.once("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
    proc.stdio[3]!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ proc, display: `:${out.trim()}` });
    });
  });
}

/** The key codes of the W3C WebDriver spec. */
const KEYS = { Tab: "\uE004", Enter: "\uE007" } as const;
/** The W3C name of an element reference in a JSON result. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** WebKitGTK's MiniBrowser over classic W3C WebDriver, on its own Xvfb display. */
export async function launchWebKit(): Promise<Engine> {
  const x = await startXvfb();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: x.display }, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    driver.kill();
    x.proc.kill();
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    // A driver that hangs would otherwise hang the test run until vitest's own timeout.
    const r = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
    const json = (await r.json()) as { value: T & { error?: string; message?: string } };
    if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error} ${json.value?.message}`);
    return json.value;
  };
  try {
    // The driver takes a moment to listen; its /status says when it is ready.
    for (let i = 0; ; i++) {
      try {
        if ((await call<{ ready: boolean }>("GET", "/status")).ready) break;
      } catch (e) {
        if (i >= 100) throw e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const session = await call<{ sessionId: string; capabilities: { browserName: string; browserVersion: string } }>("POST", "/session", {
      capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } } },
    });
    const s = `/session/${session.sessionId}`;
    const run = <T>(body: string, args: unknown[] = []) => call<T>("POST", `${s}/execute/sync`, { script: body, args });
    return {
      version: `${session.capabilities.browserName} (WebKitGTK) ${session.capabilities.browserVersion}`,
      async open(url, width = 1280, height = 900) {
        await call("POST", `${s}/url`, { url });
        // The window rect includes the browser's chrome: grow it by the difference once measured.
        await call("POST", `${s}/window/rect`, { width, height });
        const inner = await run<{ w: number; h: number }>("return { w: window.innerWidth, h: window.innerHeight }");
        if (inner.w !== width || inner.h !== height) await call("POST", `${s}/window/rect`, { width: 2 * width - inner.w, height: 2 * height - inner.h });
      },
      run: (body) => run(body),
      async click(selector) {
        const el = await call<Record<string, string>>("POST", `${s}/element`, { using: "css selector", value: selector });
        await call("POST", `${s}/element/${el[ELEMENT]}/click`, {});
      },
      async press(key) {
        const value = KEYS[key];
        await call("POST", `${s}/actions`, { actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value }, { type: "keyUp", value }] }] });
      },
      // Classic WebDriver has no console log; the tests see the script work instead.
      errors: () => null,
      async close() {
        await call("DELETE", s).catch(() => undefined);
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
