import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { waitFor } from "../support/lab";
import { demoAppInBrowser, triggerDemoScenario } from "../support/demo-page";
import { openPage, screenshot, waitForMounted } from "../support/browser";
import { englishFragments, untranslatedOn } from "../support/untranslated";

// The demo panel's guided exercises in real Chromium, on the built app running its own simulator:
// a task is ticked only once the dashboard sees it happen (an explorer answer, a leader change), and
// every browser shows the same ticks because they live on the server.

const demo = demoAppInBrowser(20);

const exercise = (page: Page, id: string) =>
  page.locator(`[data-testid="demo-exercise"][data-exercise="${id}"]`);
const isDone = async (page: Page, id: string) =>
  (await exercise(page, id).getAttribute("data-done")) === "true";

/** Sends one explorer path from a node's page, clicking until the hydrated panel reacts. */
async function explore(page: Page, member: string, pathId: string): Promise<string> {
  await page.goto(`${demo.app.url}/clusters/demo/nodes/${member}`);
  await page.waitForSelector('[data-testid="explorer"]');
  await waitFor(
    `the explorer to send ${pathId} to ${member}`,
    async () => {
      await page.locator(`[data-testid="explorer-path"][data-path-id="${pathId}"]`).click();
      return (await page.getByTestId("explorer-result").getAttribute("data-state")) !== "idle";
    },
    15_000,
    500,
  );
  const exchange = page.getByTestId("explorer-exchange");
  await exchange.waitFor({ timeout: 15_000 });
  return (await exchange.textContent()) ?? "";
}

describe("demo guided exercises", { timeout: 170_000 }, () => {
  test("ticks follow what the dashboard sees, the same in every browser; Vietnamese at 1280×720", async () => {
    const { page, context, problems } = await openPage(demo.browser, { baseUrl: demo.app.url });
    try {
      await page.goto(`${demo.app.url}/clusters/demo`);
      await page.getByTestId("demo-exercises").waitFor({ timeout: 20_000 });
      await waitFor(
        "the five exercises",
        async () => (await page.getByTestId("demo-exercise").count()) === 5,
        15_000,
      );
      for (const id of ["find-primary", "root-503", "pause", "switchover", "failover"])
        assert.equal(await isDone(page, id), false, `${id} is not done at first`);

      // Lab 1 in the explorer: a replica's / answers 503; the leader's /primary answers 200.
      assert.match(await explore(page, "node2", "root"), /^HTTP\/1\.0 503 Service Unavailable\n/);
      assert.match(await explore(page, "node1", "primary"), /^HTTP\/1\.0 200 OK\n/);
      await page.goto(`${demo.app.url}/clusters/demo`);
      await waitFor(
        "the two Lab 1 ticks",
        async () => (await isDone(page, "find-primary")) && (await isDone(page, "root-503")),
        20_000,
      );
      assert.match((await exercise(page, "find-primary").textContent()) ?? "", /node1 answered 200/);
      assert.match((await exercise(page, "root-503").textContent()) ?? "", /node2 answered 503/);

      // A click alone ticks nothing: the switchover's tick waits for the leader change on screen.
      await waitForMounted(page);
      await triggerDemoScenario(page, "switchover");
      assert.equal(await isDone(page, "switchover"), false, "not ticked by the click");
      await waitFor("the switchover tick", () => isDone(page, "switchover"), 40_000);
      assert.match((await exercise(page, "switchover").textContent()) ?? "", /Leader node1 → node2/);
      assert.equal(await isDone(page, "failover"), false, "a switchover is not a failover");

      await triggerDemoScenario(page, "maintenance");
      await waitFor("the pause tick", () => isDone(page, "pause"), 30_000);
      assert.match((await page.getByTestId("demo-exercises-progress").textContent()) ?? "", /4 of 5 done/);

      // Another browser (another student) sees the same ticks, in Vietnamese, at projector size.
      const vi = await openPage(demo.browser, {
        baseUrl: demo.app.url,
        locale: "vi",
        width: 1280,
        height: 720,
      });
      try {
        await vi.page.goto(`${demo.app.url}/clusters/demo`);
        await vi.page.getByTestId("demo-exercises").waitFor({ timeout: 20_000 });
        await waitFor(
          "the same ticks",
          async () =>
            (await vi.page.locator('[data-testid="demo-exercise"][data-done="true"]').count()) === 4,
          15_000,
        );
        assert.match(
          (await vi.page.getByTestId("demo-exercises-progress").textContent()) ?? "",
          /Đã xong 4\/5/,
        );
        await waitForMounted(vi.page, "vi");
        const { leftovers } = await untranslatedOn(vi.page, englishFragments());
        assert.deepEqual(leftovers, []);
        await vi.page.getByTestId("demo-panel").scrollIntoViewIfNeeded();
        await screenshot(vi.page, "demo-panel-exercises-vi-1280x720");
        await vi.page.getByTestId("demo-exercises").scrollIntoViewIfNeeded();
        await screenshot(vi.page, "demo-exercises-vi-1280x720");
        assert.deepEqual(vi.problems, []);
      } finally {
        await vi.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
