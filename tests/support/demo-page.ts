import assert from "node:assert/strict";
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startApp, type AppServer } from "./app-server";
import { launchBrowser } from "./browser";
import { waitFor } from "./lab";

/**
 * For an e2e file on the built app running its own demo cluster: starts the app (its simulated nodes
 * on three ports from TEST_SIM_PORT + `portOffset`, away from any real Patroni) and Chromium before the
 * file, stops both after it.
 */
export function demoAppInBrowser(portOffset: number): {
  readonly app: AppServer;
  readonly browser: Browser;
  readonly ports: readonly number[];
} {
  const base = Number(process.env.TEST_SIM_PORT ?? 28208) + portOffset;
  const ports = [base, base + 1, base + 2];
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    app = await startApp({ DEMO_PORTS: ports.join(",") });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });
  const ready = <T>(what: T | undefined): T => {
    if (what === undefined) throw new Error("the demo app is used before its before() hook ran");
    return what;
  };
  return {
    get app() {
      return ready(app);
    },
    get browser() {
      return ready(browser);
    },
    ports,
  };
}

/**
 * Clicks a demo scenario button until the simulator accepts it: right after start-up it may still be
 * choosing a sync standby and refuse (409), so each refusal is retried on waitFor's next round.
 */
export async function triggerDemoScenario(page: Page, scenario: string): Promise<void> {
  const result = page.getByTestId("demo-result");
  await waitFor(
    `the demo cluster to accept "${scenario}"`,
    async () => {
      const last = await result.getAttribute("data-submitted-at");
      await page.locator(`[data-testid="demo-scenario"][data-scenario="${scenario}"]`).click();
      await waitFor(
        "its answer",
        async () =>
          (await result.getAttribute("data-submitted-at")) !== last &&
          (await result.getAttribute("data-ok")) !== null,
        10_000,
        100,
      );
      assert.equal(await result.getAttribute("data-scenario"), scenario);
      return (await result.getAttribute("data-ok")) === "true";
    },
    30_000,
    2000,
  );
}
