import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { getJson, lab, waitFor } from "../support/lab";
import { startApp, type AppServer } from "../support/app-server";
import {
  launchBrowser,
  openPage,
  screenshot,
  waitForClientRefresh,
  waitForMounted,
} from "../support/browser";
import { englishFragments, untranslatedOn } from "../support/untranslated";

// The dashboard screens in real Chromium, against the built app polling the REAL lab cluster.

const INTERVAL = 5000;
const cluster = lab("plain");
let app: AppServer;
let browser: Browser;
let urls: string[];

async function patroniLeader(): Promise<{ leader: string; members: { name: string; role: string }[] }> {
  for (const url of urls) {
    try {
      const res = await getJson(`${url}/cluster`);
      const members = (res.body as { members: { name: string; role: string }[] }).members;
      const leader = members.find((m) => m.role === "leader");
      if (leader) return { leader: leader.name, members };
    } catch {
      /* try the next node */
    }
  }
  throw new Error("no node names a leader");
}

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  app = await startApp({ PATRONI_NODES: urls.join(",") });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

describe("cluster screens against a real Patroni cluster", () => {
  test("the first paint is server-rendered with data: the leader is in the HTML before any script runs", async () => {
    const { leader } = await patroniLeader();
    const html = await (await fetch(`${app.url}/clusters/demo`)).text();
    assert.match(html, new RegExp(`data-testid="leader-name"[^>]*>(<[^>]+>)*${leader}<`));
    const overview = await (await fetch(`${app.url}/`)).text();
    assert.match(
      overview,
      /data-testid="cluster-tile"[^>]*data-cluster="demo"|data-cluster="demo"[^>]*data-testid="cluster-tile"/,
    );
  });

  test("the highlighted leader equals Patroni's, with no console errors or hydration warnings", async () => {
    const { leader, members } = await patroniLeader();
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="member-row"]');
      assert.equal((await page.getByTestId("leader-name").first().textContent())?.trim(), leader);
      const highlighted = await page
        .locator('[data-testid="topology-node"][data-leader="true"]')
        .getAttribute("data-member");
      assert.equal(highlighted, leader);
      assert.equal(await page.getByTestId("member-row").count(), members.length);
      for (const m of members) {
        assert.equal(
          await page.locator(`[data-testid="member-row"][data-member="${m.name}"]`).getAttribute("data-role"),
          m.role,
        );
      }
      await waitForMounted(page);
      await waitForClientRefresh(page);
      assert.deepEqual(problems, []);
      await screenshot(page, "cluster-1366x768-light");
      await page.goto(`${app.url}/`);
      await page.waitForSelector('[data-testid="cluster-tile"]');
      await screenshot(page, "overview-1366x768-light");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("dark theme at 1920×1080", async () => {
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      width: 1920,
      height: 1080,
      colorScheme: "dark",
    });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="member-row"]');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      assert.ok(r! + g! + b! < 3 * 80, `body background ${background} is not dark`);
      await page.waitForSelector('[data-testid="lag-chart"] [data-state="ready"]');
      await waitForMounted(page); // the "updated N s ago" clock starts after mount
      await screenshot(page, "cluster-1920x1080-dark");
      await page.goto(`${app.url}/`);
      await page.waitForSelector('[data-testid="cluster-tile"]');
      await screenshot(page, "overview-1920x1080-dark");
      // Choosing "light" pins it even though the OS prefers dark.
      await page.getByTestId("theme-switch").selectOption("light");
      await waitFor(
        "the light theme",
        async () => {
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          return (
            bg
              .match(/\d+/g)!
              .slice(0, 3)
              .map(Number)
              .reduce((a, b) => a + b, 0) >
            3 * 180
          );
        },
        5000,
      );
      await page.reload();
      assert.equal(
        await page.evaluate(() => document.documentElement.dataset.theme),
        "light",
        "remembered across a reload",
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("after a switchover the highlight moves within two intervals without a reload, and a timeline row appears", async () => {
    cluster.run("wait-healthy", "120");
    const { page, context } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="member-row"]');
      const before = await patroniLeader();
      const candidate = before.members.find((m) => m.role === "sync_standby")!.name;
      const rowsBefore = await page.getByTestId("history-row").count();
      await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
      cluster.run("switchover", candidate);
      const moved = await waitFor(
        "the leader highlight to move",
        async () =>
          (await page
            .locator('[data-testid="topology-node"][data-leader="true"]')
            .getAttribute("data-member")) === candidate &&
          (await page.getByTestId("leader-name").first().textContent())?.trim() === candidate,
        2 * INTERVAL + 1000,
        100,
      );
      assert.ok(moved.ms <= 2 * INTERVAL, `took ${moved.ms} ms`);
      await waitFor(
        "a new timeline row",
        async () => (await page.getByTestId("history-row").count()) > rowsBefore,
        3 * INTERVAL,
      );
      assert.equal(
        await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
        true,
        "the page was not reloaded",
      );
      await screenshot(page, "cluster-after-switchover");
    } finally {
      await context.close();
    }
  });

  test("a hard-killed node is shown unreachable, then recovers", async () => {
    cluster.run("wait-healthy", "120");
    const { members } = await patroniLeader();
    const victim = members.find((m) => m.role === "replica")!.name;
    const { page, context } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      const row = page.locator(`[data-testid="member-row"][data-member="${victim}"]`);
      await row.waitFor();
      cluster.run("kill", victim);
      try {
        await waitFor(
          "the row to say unreachable",
          async () => (await row.getAttribute("data-reachable")) === "false",
          3 * INTERVAL,
        );
        const text = (await row.textContent()) ?? "";
        assert.match(text, /refused/i, "the row names the reason");
        await screenshot(page, "cluster-node-killed");
      } finally {
        cluster.run("start", victim);
      }
      await waitFor(
        "the row to recover",
        async () => (await row.getAttribute("data-reachable")) === "true",
        6 * INTERVAL + 30_000,
      );
    } finally {
      await context.close();
    }
    cluster.run("wait-healthy", "120");
  });

  test("the Vietnamese UI has no untranslated English strings on these screens", async () => {
    const fragments = englishFragments();
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url, locale: "vi" });
    try {
      for (const path of ["/", "/clusters/demo"]) {
        await page.goto(`${app.url}${path}`);
        await page.waitForSelector(
          path === "/" ? '[data-testid="cluster-tile"]' : '[data-testid="member-row"]',
        );
        await waitForMounted(page, "vi"); // client-rendered text too, not only the server's
        const { leftovers } = await untranslatedOn(page, fragments);
        assert.deepEqual(leftovers, [], `English on ${path}`);
        assert.equal(await page.evaluate(() => document.documentElement.lang), "vi");
      }
      await screenshot(page, "cluster-vi");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
