import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { createT, type Locale } from "@/lib/i18n";

// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core. The flags keep it from
// reaching out to the network, which this machine does not have.

export const ARTIFACTS = join(process.cwd(), "test-artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and warnings (hydration mismatches show up here) and uncaught page errors. */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  options: {
    width?: number;
    height?: number;
    colorScheme?: "light" | "dark";
    locale?: "en" | "vi";
    /** The browser's own language (its Accept-Language), e.g. "vi-VN"; distinct from the saved cookie. */
    browserLocale?: string;
    baseUrl: string;
  },
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 768 },
    colorScheme: options.colorScheme ?? "light",
    ...(options.browserLocale ? { locale: options.browserLocale } : {}),
  });
  if (options.locale) {
    await context.addCookies([{ name: "locale", value: options.locale, url: options.baseUrl }]);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  return { page, context, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Waits until the page has hydrated and run its effects: every "updated …" placeholder (shown on the
 * server and during hydration) has become an age ("updated 3 s ago") or "no answer yet". Hydration
 * warnings are logged before this, so a console check after it is meaningful.
 */
export async function waitForMounted(page: Page, locale: Locale = "en", timeout = 15_000): Promise<void> {
  const t = createT(locale);
  const [before, after] = t("fresh.updatedAgo", { age: "\u0001" }).split("\u0001");
  await page.waitForFunction(
    ({ pending, never, before, after }) => {
      const texts = [...document.querySelectorAll("span")].map((s) => s.textContent ?? "");
      return (
        !texts.includes(pending) &&
        texts.some(
          (x) =>
            x === never ||
            (x.startsWith(before) && x.endsWith(after) && x.length > before.length + after.length),
        )
      );
    },
    { pending: t("fresh.pending"), never: t("fresh.never"), before: before!, after: after! },
    { timeout },
  );
}

/** Waits for the page's next poll of the dashboard's API (the browser's own refresh, not the page load). */
export async function waitForClientRefresh(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForResponse(
    (res) =>
      res.request().resourceType() === "fetch" && new URL(res.url()).pathname.startsWith("/api/clusters"),
    { timeout },
  );
}
