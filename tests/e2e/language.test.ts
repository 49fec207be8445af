import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, screenshot, waitForMounted } from "../support/browser";
import { demoAppInBrowser } from "../support/demo-page";
import { englishFragments, untranslatedOn } from "../support/untranslated";
import { createT } from "@/lib/i18n";

// The language a first visit gets, in real Chromium: the browser's own locale (its Accept-Language)
// with no saved choice, a `?lang=` link, and the switch. The app runs its built-in demo cluster (on
// ports of our own): what is under test is the language, not Patroni.

const demo = demoAppInBrowser(30);

const lang = (page: import("playwright-core").Page) => page.evaluate(() => document.documentElement.lang);
const savedLocale = async (context: import("playwright-core").BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "locale")?.value;

describe("the first visit's language", { timeout: 120_000 }, () => {
  test("a vi-VN browser with no saved choice gets Vietnamese, with no English left", async () => {
    const { page, context, problems } = await openPage(demo.browser, {
      baseUrl: demo.app.url,
      browserLocale: "vi-VN",
    });
    try {
      assert.equal(await savedLocale(context), undefined, "no cookie before the visit");
      const fragments = englishFragments();
      for (const path of ["/", "/clusters/demo"]) {
        await page.goto(`${demo.app.url}${path}`);
        await page.waitForSelector(
          path === "/" ? '[data-testid="cluster-tile"]' : '[data-testid="member-row"]',
        );
        await waitForMounted(page, "vi");
        assert.equal(await lang(page), "vi", `<html lang> on ${path}`);
        const { leftovers } = await untranslatedOn(page, fragments);
        assert.deepEqual(leftovers, [], `English on ${path}`);
      }
      assert.equal(await page.getByTestId("lang-switch").inputValue(), "vi");
      await screenshot(page, "language-vi-VN-first-visit");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("?lang=en wins over the vi-VN browser and is remembered; the switch still wins after it", async () => {
    const { page, context, problems } = await openPage(demo.browser, {
      baseUrl: demo.app.url,
      browserLocale: "vi-VN",
    });
    try {
      const en = createT("en");
      await page.goto(`${demo.app.url}/clusters/demo?lang=en`);
      await page.waitForSelector('[data-testid="member-row"]');
      await waitForMounted(page, "en");
      assert.equal(await lang(page), "en");
      assert.ok((await page.title()).includes(en("app.name")));
      assert.equal(await savedLocale(context), "en", "the link's choice is saved");

      // Without the parameter the saved choice holds, although the browser still asks for Vietnamese.
      await page.goto(`${demo.app.url}/`);
      await page.waitForSelector('[data-testid="cluster-tile"]');
      assert.equal(await lang(page), "en");

      // The switch wins over both and is remembered.
      await page.getByTestId("lang-switch").selectOption("vi");
      await page.waitForFunction(() => document.documentElement.lang === "vi", undefined, {
        timeout: 15_000,
      });
      assert.equal(await savedLocale(context), "vi");
      await page.goto(`${demo.app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="member-row"]');
      assert.equal(await lang(page), "vi");

      // ?lang=vi from an English browser.
      const other = await openPage(demo.browser, { baseUrl: demo.app.url, browserLocale: "en-US" });
      try {
        await other.page.goto(`${demo.app.url}/clusters/demo`);
        await other.page.waitForSelector('[data-testid="member-row"]');
        assert.equal(await lang(other.page), "en", "an en-US browser gets English");
        await other.page.goto(`${demo.app.url}/clusters/demo?lang=vi`);
        await other.page.waitForSelector('[data-testid="member-row"]');
        assert.equal(await lang(other.page), "vi");
        assert.equal(await savedLocale(other.context), "vi");
        assert.deepEqual(other.problems, []);
      } finally {
        await other.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
