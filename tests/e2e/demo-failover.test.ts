import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_SCENARIOS } from "@/lib/domain/demo";
import { waitFor } from "../support/lab";
import { demoAppInBrowser, triggerDemoScenario } from "../support/demo-page";
import { openPage, screenshot, waitForClientRefresh, waitForMounted } from "../support/browser";

// The classroom demo in real Chromium: the built app with NO configuration runs its own simulated
// Patroni cluster (on ports away from 8008, so a real lab or a student's cluster is never touched),
// and a click on "Failover" in the demo panel plays a failover the screen must follow.

const demo = demoAppInBrowser(10);
/** ttl 20 s for the dead leader's key to expire, plus a 5 s poll and the browser's 5 s refresh. */
const FAILOVER_MS = 45_000;
const LEADER = '[data-testid="topology-node"][data-leader="true"]';

async function leaderOnScreen(page: Page): Promise<string | null> {
  return page
    .locator(LEADER)
    .getAttribute("data-member", { timeout: 1000 })
    .catch(() => null);
}

describe("classroom demo: a failover triggered from the dashboard", () => {
  test("badge, node addresses, failover: the leader moves, history/event log/banner follow; presentation mode", async () => {
    const { page, context, problems } = await openPage(demo.browser, { baseUrl: demo.app.url });
    try {
      await page.goto(`${demo.app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="member-row"]');
      assert.match((await page.getByTestId("demo-badge").first().textContent()) ?? "", /Demo cluster/);
      const panel = page.getByTestId("demo-panel");
      await waitFor(
        "the three simulated nodes in the panel",
        async () => (await page.getByTestId("demo-node").count()) === 3,
        15_000,
      );
      const listed = (await page.getByTestId("demo-node").allTextContents()).join(" ");
      for (const port of demo.ports)
        assert.ok(listed.includes(`127.0.0.1:${port}`), `panel lists 127.0.0.1:${port}: ${listed}`);
      assert.equal(await panel.locator('[data-testid="demo-scenario"]').count(), DEMO_SCENARIOS.length);

      const before = await waitFor("a leader on screen", () => leaderOnScreen(page), 15_000);
      const oldLeader = before.value;
      const historyBefore = await page.getByTestId("history-row").count();
      await waitForMounted(page);
      await waitForClientRefresh(page);
      await screenshot(page, "demo-failover-1-healthy");

      // Scrolled down to the last scenario, the event log beside the panel is still on screen.
      await panel.locator('[data-testid="demo-scenario"]').last().scrollIntoViewIfNeeded();
      const log = await page.getByTestId("event-log").boundingBox();
      assert.ok(
        log && log.y >= 0 && log.y + log.height <= 768 && (await page.evaluate(() => window.scrollY)) > 0,
        `the event log stays in view beside the demo panel: ${JSON.stringify(log)}`,
      );
      await triggerDemoScenario(page, "failover");
      await waitFor(
        `${oldLeader} shown unreachable`,
        async () =>
          (await page
            .locator(`[data-testid="topology-node"][data-member="${oldLeader}"]`)
            .getAttribute("data-condition")) === "unreachable",
        15_000,
      );
      await page.evaluate(() => window.scrollTo(0, 0)); // the click scrolled down to the panel
      await screenshot(page, "demo-failover-2-leader-down");

      const moved = await waitFor(
        "the leader highlight to move to another node",
        async () => {
          const now = await leaderOnScreen(page);
          return now !== null && now !== oldLeader ? now : null;
        },
        FAILOVER_MS,
      );
      const newLeader = moved.value;
      await waitFor(
        "a new timeline history row",
        async () => (await page.getByTestId("history-row").count()) > historyBefore,
        20_000,
      );
      await waitFor(
        "new-leader and timeline entries in the event log",
        async () =>
          (await page
            .locator(`[data-testid="event-entry"][data-kind="leader_elected"][data-member="${newLeader}"]`)
            .count()) > 0 &&
          (await page.locator('[data-testid="event-entry"][data-kind="timeline_changed"]').count()) > 0,
        20_000,
      );
      const banner = page.getByTestId("leader-change-banner");
      await banner.waitFor({ state: "visible", timeout: 10_000 });
      assert.match(
        (await banner.textContent()) ?? "",
        new RegExp(`New leader: ${newLeader} \\(was ${oldLeader}\\) · timeline \\d+ → \\d+`),
      );
      assert.equal(
        await page.locator('[aria-live="polite"] > [data-testid="leader-change-banner"]').count(),
        1,
      );
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, "demo-failover-3-new-leader");
      await page.getByTestId("event-log").scrollIntoViewIfNeeded();
      await screenshot(page, "demo-failover-4-event-log");

      // The projector view, in light and dark: large type, the banner and the new leader on the first screen.
      for (const scheme of ["light", "dark"] as const) {
        const present = await openPage(demo.browser, {
          baseUrl: demo.app.url,
          width: 1280,
          height: 720,
          colorScheme: scheme,
        });
        try {
          await present.page.goto(`${demo.app.url}/clusters/demo?present=1`);
          await present.page
            .getByTestId("leader-change-banner")
            .waitFor({ state: "visible", timeout: 10_000 });
          assert.equal(await leaderOnScreen(present.page), newLeader);
          const rootPx = await present.page.evaluate(() =>
            parseFloat(getComputedStyle(document.documentElement).fontSize),
          );
          assert.ok(rootPx >= 18, `root font size ${rootPx}px in presentation mode`);
          assert.equal(
            await present.page.getByRole("columnheader", { name: "Host:Port" }).isVisible(),
            false,
            "long columns hidden",
          );
          const log = await present.page.getByTestId("event-log").boundingBox();
          const drawing = await present.page.locator(LEADER).boundingBox();
          assert.ok(
            log && log.y < 720 && drawing && drawing.y + drawing.height < 720,
            "leader box and event log on the first screen",
          );
          await waitForMounted(present.page);
          await screenshot(present.page, `demo-failover-5-present-1280x720-${scheme}`);
          if (scheme === "light") {
            // The overview keeps the mode on its links, and its tile says "Demo cluster" too.
            await present.page.goto(`${demo.app.url}/?present=1`);
            const tile = present.page.locator('[data-testid="cluster-tile"][data-cluster="demo"]');
            assert.equal(await tile.getAttribute("href"), "/clusters/demo?present=1");
            assert.equal(await tile.getByTestId("demo-badge").count(), 1);
            await screenshot(present.page, "demo-failover-6-overview-present-1280x720");
          }
          assert.deepEqual(present.problems, []);
        } finally {
          await present.context.close();
        }
      }

      // Vietnamese: the log, the banner and the panel speak it too.
      const vi = await openPage(demo.browser, { baseUrl: demo.app.url, locale: "vi" });
      try {
        await vi.page.goto(`${demo.app.url}/clusters/demo`);
        await vi.page.getByTestId("leader-change-banner").waitFor({ state: "visible", timeout: 10_000 });
        assert.match(
          (await vi.page.getByTestId("leader-change-banner").textContent()) ?? "",
          new RegExp(`Leader mới: ${newLeader} \\(trước đó là ${oldLeader}\\)`),
        );
        assert.match((await vi.page.getByTestId("event-log").textContent()) ?? "", /Nhật ký sự kiện/);
        // The classroom's screenshot shows the screen settled: the lag chart drawn and the exercises
        // listed, not their loading placeholders.
        await vi.page.waitForSelector('[data-testid="lag-chart"] .recharts-surface', { timeout: 10_000 });
        await vi.page.getByTestId("demo-exercises-progress").waitFor({ state: "visible", timeout: 10_000 });
        await vi.page.getByTestId("event-log").scrollIntoViewIfNeeded();
        // Two frames, so the sticky log beside the taller panel is painted, not only laid out.
        await vi.page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        await screenshot(vi.page, "demo-failover-7-vi");
        assert.deepEqual(vi.problems, []);
      } finally {
        await vi.context.close();
      }

      await triggerDemoScenario(page, "healthy");
      assert.deepEqual(problems, [], "no console errors or hydration warnings");
    } finally {
      await context.close();
    }
  });
});
