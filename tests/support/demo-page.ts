import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { waitFor } from "./lab";

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
