import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { waitFor } from "../support/lab";
import { openPage, screenshot, waitForMounted, type WatchedPage } from "../support/browser";
import { demoAppInBrowser } from "../support/demo-page";

// Presentation mode at a projector's 1280×720, in Vietnamese and English, at the moment the lesson is
// about: the demo's leader is down and the failover is pending. The first screen (no scrolling) must hold
// the active alert, the topology and the event log, and nothing in them may overflow its box: no element
// wider inside than its own box (scrollWidth > clientWidth), no SVG label outside its node or link pill.

const demo = demoAppInBrowser(20);
const W = 1280;
const H = 720;
const REGIONS = {
  // The alerts' column (it scrolls when there are many; the active one is checked on its own below).
  alerts: '[data-testid="present-alerts"]',
  topology: 'section[aria-labelledby="topology-title"]',
  events: '[data-testid="event-log"]',
} as const;

interface Fit {
  boxes: Record<string, { top: number; bottom: number; left: number; right: number } | null>;
  overflowing: string[];
  svgOutside: string[];
  scrollY: number;
}

/** Where each region is, and every element in them whose content is wider than its box. */
async function measure(page: Page): Promise<Fit> {
  // NOTE: the test runner's transform names inner functions with a __name helper the page lacks.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate((regions) => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 50)}"`;
    const boxes: Fit["boxes"] = {};
    const overflowing: string[] = [];
    for (const [name, selector] of Object.entries(regions)) {
      const region = document.querySelector(selector);
      if (!region) {
        boxes[name] = null;
        continue;
      }
      const r = region.getBoundingClientRect();
      boxes[name] = { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      for (const el of [region, ...region.querySelectorAll("*")]) {
        if (!(el instanceof HTMLElement) || el.closest(".sr-only")) continue;
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
          overflowing.push(`${name}: ${describe(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    // SVG text has no scrollWidth: each label must lie inside the shape drawn around it.
    const svgOutside: string[] = [];
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5;
    for (const group of document.querySelectorAll(
      '[data-testid="topology-node"], [data-testid="topology-edge"] g',
    )) {
      const shape = group.querySelector(":scope > rect");
      if (!shape) continue;
      const outer = shape.getBoundingClientRect();
      for (const text of group.querySelectorAll(":scope > text"))
        if (!inside(text.getBoundingClientRect(), outer))
          svgOutside.push(
            `"${text.textContent}" outside its box (${Math.round(text.getBoundingClientRect().width)} px in ${Math.round(outer.width)} px)`,
          );
    }
    return { boxes, overflowing, svgOutside, scrollY: window.scrollY };
  }, REGIONS);
}

function assertFits(fit: Fit, where: string, w = W, h = H): void {
  assert.equal(fit.scrollY, 0, `${where}: measured without scrolling`);
  for (const [name, box] of Object.entries(fit.boxes)) {
    assert.ok(box, `${where}: ${name} is on the page`);
    assert.ok(
      box.top >= 0 && box.bottom <= h && box.left >= 0 && box.right <= w,
      `${where}: ${name} within ${w}×${h}: ${JSON.stringify(box)}`,
    );
  }
  assert.deepEqual(fit.overflowing, [], `${where}: no text wider than its box`);
  assert.deepEqual(fit.svgOutside, [], `${where}: no topology label outside its box`);
}

/**
 * The empty band under the header: the distance from the screen's header to its first screen, less the
 * column's own gap. An empty flex item between them (a live region waiting for a banner) adds a gap.
 */
async function bandUnderHeader(page: Page): Promise<number> {
  return page.evaluate(() => {
    const column = document.querySelector('[data-present="true"]')!;
    const header = column.firstElementChild!.getBoundingClientRect();
    const first = document.querySelector('[data-testid="present-first-screen"]')!.getBoundingClientRect();
    return first.top - header.bottom - parseFloat(getComputedStyle(column).rowGap);
  });
}

/** The lag chart's axis label size against the page's root size (the projector's large type). */
async function chartTextSize(page: Page): Promise<{ tick: number; root: number }> {
  const tick = page.locator('[data-testid="lag-chart"] .recharts-cartesian-axis-tick-value').first();
  await tick.waitFor({ state: "attached", timeout: 15_000 });
  return {
    tick: parseFloat(await tick.evaluate((el) => getComputedStyle(el).fontSize)),
    root: parseFloat(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)),
  };
}

async function post(scenario: string): Promise<number> {
  const res = await fetch(`${demo.app.url}/api/demo`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ scenario }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("presentation mode fits a 1280×720 projector", () => {
  test("during the demo's failover, in vi and en: alert, topology and event log on the first screen, nothing overflows", async () => {
    const pages: Record<"vi" | "en", WatchedPage> = {
      vi: await openPage(demo.browser, { baseUrl: demo.app.url, width: W, height: H, locale: "vi" }),
      en: await openPage(demo.browser, { baseUrl: demo.app.url, width: W, height: H, locale: "en" }),
    };
    try {
      for (const [locale, { page }] of Object.entries(pages)) {
        await page.goto(`${demo.app.url}/clusters/demo?present=1`);
        await page.waitForSelector('[data-testid="topology-node"][data-leader="true"]', { timeout: 20_000 });
        await waitForMounted(page, locale as "vi" | "en");
        // The healthy cluster fits too (its sync standby's long Vietnamese role is the known overflow).
        assertFits(await measure(page), `${locale} healthy`);
        assert.ok(
          Math.abs(await bandUnderHeader(page)) <= 1,
          `${locale}: no empty band under the header before any banner (${await bandUnderHeader(page)} px)`,
        );
      }
      await screenshot(pages.vi.page, "present-fit-1-healthy-1280x720-vi");
      // Right after start the simulator may still be choosing its sync standby (409): retry.
      await waitFor(
        "the demo to accept a failover",
        async () => (await post("failover")) === 200,
        30_000,
        2000,
      );
      for (const [locale, { page }] of Object.entries(pages)) {
        await page
          .locator('[data-testid="alert"][data-code="failover_pending"]')
          .waitFor({ state: "visible", timeout: 20_000 });
        assertFits(await measure(page), `${locale} failover pending`);
        const alert = await page.locator('[data-testid="alert"][data-code="failover_pending"]').boundingBox();
        assert.ok(
          alert && alert.y >= 0 && alert.y + alert.height <= H,
          `${locale}: the alert itself on screen`,
        );
        await screenshot(page, `present-fit-2-failover-pending-1280x720-${locale}`);
      }
      for (const [locale, { page }] of Object.entries(pages)) {
        await page.getByTestId("leader-change-banner").waitFor({ state: "visible", timeout: 45_000 });
        assertFits(await measure(page), `${locale} new leader`);
        // The chart (below the first screen, with samples by now) has labels that grow with the
        // projector's type: they were a fixed 12 px beside 20 px text.
        const size = await chartTextSize(page);
        assert.ok(
          size.root >= 18 && size.tick >= 0.7 * size.root,
          `${locale}: chart text ${JSON.stringify(size)}`,
        );
        await screenshot(page, `present-fit-3-new-leader-1280x720-${locale}`);
      }
      // The same moment on the other screens the dashboard is looked at on, light and dark.
      for (const view of [
        { width: 1366, height: 768, colorScheme: "light" },
        { width: 1920, height: 1080, colorScheme: "dark" },
      ] as const) {
        const other = await openPage(demo.browser, { baseUrl: demo.app.url, locale: "en", ...view });
        try {
          await other.page.goto(`${demo.app.url}/clusters/demo?present=1`);
          await other.page.getByTestId("leader-change-banner").waitFor({ state: "visible", timeout: 20_000 });
          await waitForMounted(other.page);
          const where = `${view.width}×${view.height} ${view.colorScheme}`;
          assertFits(await measure(other.page), where, view.width, view.height);
          await screenshot(
            other.page,
            `present-fit-4-new-leader-${view.width}x${view.height}-${view.colorScheme}`,
          );
          assert.deepEqual(other.problems, []);
        } finally {
          await other.context.close();
        }
      }
      for (const { problems } of Object.values(pages)) assert.deepEqual(problems, []);
    } finally {
      for (const { context } of Object.values(pages)) await context.close();
    }
  });
});
