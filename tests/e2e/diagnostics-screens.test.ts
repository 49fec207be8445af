import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { englishFragments, untranslatedOn } from "../support/untranslated";
import { getJson, lab, waitFor } from "../support/lab";
import { startApp, type AppServer } from "../support/app-server";
import {
  launchBrowser,
  openPage,
  screenshot,
  waitForClientRefresh,
  waitForMounted,
} from "../support/browser";

// The diagnostics screens in real Chromium, against the built app polling the REAL lab cluster:
// the endpoint matrix against plain GETs, failover readiness, the alerts banner and the tab title
// through a real `patronictl pause`, the node page, haproxy.cfg, Vietnamese, screenshots.

const INTERVAL = 5000;
/** Health endpoints are probed every probe_interval (15 s by default): a change shows within two rounds. */
const PROBE_ROUNDS = 2 * 15_000 + INTERVAL;
const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 1;
const cluster = lab("plain");
let app: AppServer;
let browser: Browser;
let urls: string[];

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  app = await startApp({ PATRONI_NODES: urls.join(",") }, PORT);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

/** Member name → REST base URL, from /cluster's api_url (3.0.2's /patroni does not carry the name). */
async function nodesByName(): Promise<Map<string, string>> {
  const { members } = (await getJson(`${urls[0]}/cluster`)).body as {
    members: { name: string; api_url: string }[];
  };
  const out = new Map<string, string>();
  for (const m of members) {
    const url = urls.find((u) => new URL(u).host === new URL(m.api_url).host);
    if (url) out.set(m.name, url);
  }
  assert.equal(out.size, urls.length, "every configured node is a member");
  return out;
}

/** Whether an English fragment occurs as words, not inside a path or identifier ("async" in /asynchronous). */
/** The alert count in a title like "(2) ⚠ demo — Patroni Dashboard"; 0 without a count. */
function titleCount(title: string): number {
  const match = /^\((\d+)\) /.exec(title);
  return match ? Number(match[1]) : 0;
}

async function cellStatus(page: Page, member: string, path: string): Promise<string | null> {
  return page
    .locator(`[data-testid="endpoint-cell"][data-member="${member}"][data-path="${path}"]`)
    .getAttribute("data-status");
}

async function show(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

/** The node page has run its effects: the uptime (client clock) shows a number. */
async function waitForNodeMounted(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      /\d/.test(
        document.querySelector('[data-testid="node-field"][data-field="uptime"] td')?.textContent ?? "",
      ),
    undefined,
    { timeout: 10_000 },
  );
}

describe("diagnostics screens against a real Patroni cluster", () => {
  test("the endpoint matrix equals plain GETs of /primary and /replica; failover readiness is safe", async () => {
    cluster.run("wait-healthy", "120");
    const nodes = await nodesByName();
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="endpoint-matrix"]');
      // The GETs and the dashboard's probe are seconds apart: compare until one probe round agrees.
      await waitFor(
        "the matrix to match plain GETs",
        async () => {
          for (const [name, url] of nodes) {
            for (const path of ["/primary", "/replica"]) {
              const plain = await getJson(`${url}${path}`);
              if ((await cellStatus(page, name, path)) !== String(plain.status)) return false;
            }
          }
          return true;
        },
        PROBE_ROUNDS,
        1000,
      );
      const leader = cluster.run("leader").trim();
      assert.equal(await cellStatus(page, leader, "/primary"), "200");
      const verdict = page.getByTestId("readiness-verdict");
      await waitFor(
        "a safe verdict",
        async () => (await verdict.getAttribute("data-verdict")) === "safe",
        PROBE_ROUNDS,
      );
      assert.match((await verdict.textContent()) ?? "", /^Safe: \d candidates? \(/);
      const sync = (await getJson(`${urls[0]}/cluster`)).body as {
        members: { name: string; role: string }[];
      };
      const syncName = sync.members.find((m) => m.role === "sync_standby")!.name;
      assert.equal(
        await page
          .locator(`[data-testid="readiness-member"][data-member="${syncName}"]`)
          .getAttribute("data-candidate"),
        "true",
      );
      const primaryRoute = page.locator('[data-testid="routing-row"][data-port="5000"]');
      assert.equal(await primaryRoute.getAttribute("data-up"), leader);
      await show(page, "endpoint-matrix");
      await screenshot(page, "health-matrix-1366x768-light");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("pause: the maintenance alert appears and the tab title counts it, on the cluster page and the overview; resume: gone", async () => {
    cluster.run("wait-healthy", "120");
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="alerts-banner"]');
      await waitFor(
        "the tab title",
        async () => (await page.title()).endsWith("demo — Patroni Dashboard"),
        2 * INTERVAL,
      );
      const before = titleCount(await page.title());
      const paused = page.locator('[data-testid="alert"][data-code="paused"]');
      try {
        cluster.run("pause");
        await paused.waitFor({ timeout: 3 * INTERVAL });
        assert.match(
          (await paused.textContent()) ?? "",
          /Maintenance mode.*Patroni is paused: it does not fail over automatically/,
        );
        await waitFor(
          "the title count to go up",
          async () => titleCount(await page.title()) > before,
          2 * INTERVAL,
        );
        assert.match(await page.title(), /^\(\d+\) [⚠✖] demo — Patroni Dashboard$/);
        const icon = await page.locator('link[rel~="icon"]').first().getAttribute("href");
        assert.ok(icon?.startsWith("data:image/svg+xml,"), `favicon ${icon}`);
        // "for N s" starts with the client clock, after mount.
        await waitFor(
          "the alert's age",
          async () => /^for \d+ s$/.test((await paused.getByTestId("alert-since").textContent()) ?? ""),
          10_000,
        );
        await show(page, "alerts-banner");
        await screenshot(page, "health-alerts-paused-1366x768-light");
        await page.goto(`${app.url}/`);
        await page.waitForSelector('[data-testid="cluster-tile"]');
        await waitFor(
          "the overview's title to count the alert",
          async () => /^\(\d+\) [⚠✖] Clusters — Patroni Dashboard$/.test(await page.title()),
          2 * INTERVAL,
        );
        await page.goto(`${app.url}/clusters/demo`);
        await paused.waitFor();
      } finally {
        cluster.run("resume");
      }
      await paused.waitFor({ state: "detached", timeout: 3 * INTERVAL });
      await waitFor(
        "the title count to go back",
        async () => titleCount(await page.title()) === before,
        2 * INTERVAL,
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the leader's node page, reached from the member table: role primary, PostgreSQL 15.x, raw JSON on click", async () => {
    cluster.run("wait-healthy", "120");
    const leader = cluster.run("leader").trim();
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/demo`);
      await page
        .locator(`[data-testid="member-row"][data-member="${leader}"] [data-testid="node-link"]`)
        .click();
      await page.waitForSelector(`[data-testid="node-page"][data-member="${leader}"]`);
      assert.equal(new URL(page.url()).pathname, `/clusters/demo/nodes/${leader}`);
      const field = (name: string) =>
        page.locator(`[data-testid="node-field"][data-field="${name}"] td`).first();
      assert.equal((await field("role").textContent())?.trim(), "primary");
      assert.match((await field("serverVersion").textContent()) ?? "", /^15\.\d+$/);
      assert.match((await field("walLocation").textContent()) ?? "", /^[0-9A-F]+\/[0-9A-F]+[\d,]+ bytes$/);
      assert.ok((await page.getByTestId("node-replication-row").count()) >= 1);
      // The uptime is computed against the client clock, after mount.
      await waitFor(
        "the uptime",
        async () => /\d+ (s|min|h|d)/.test((await field("uptime").textContent()) ?? ""),
        10_000,
      );
      await screenshot(page, "health-node-1366x768-light");
      const raw = page.getByTestId("node-raw-json");
      assert.equal(await raw.locator("pre").isVisible(), false);
      await raw.locator("summary").focus();
      await page.keyboard.press("Enter"); // keyboard, not only the mouse
      assert.match((await raw.locator("pre").textContent()) ?? "", /"server_version": 15\d{4}/);
      assert.equal(await raw.locator("pre").isVisible(), true);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("haproxy.cfg on demand, the config view, dark at 1920×1080", async () => {
    const leader = cluster.run("leader").trim();
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      width: 1920,
      height: 1080,
      colorScheme: "dark",
    });
    try {
      let cfgRequests = 0;
      page.on("request", (req) => void (req.url().endsWith("/haproxy.cfg") && cfgRequests++));
      await page.goto(`${app.url}/clusters/demo`);
      await page.waitForSelector('[data-testid="haproxy-config"]');
      await waitForClientRefresh(page, 3 * INTERVAL); // a poll went by
      assert.equal(cfgRequests, 0, "not fetched until asked, not polled");
      await page.getByTestId("haproxy-config-load").click();
      const text = page.getByTestId("haproxy-config-text");
      await text.waitFor();
      const cfg = (await text.textContent()) ?? "";
      assert.match(
        cfg,
        /listen primary\n\s+bind \*:5000\n\s+option httpchk GET \/primary\n\s+http-check expect status 200/,
      );
      assert.doesNotMatch(cfg, /^\s*tcp-check/m, "no course tcp-check directive (the comment explains it)");
      assert.equal(cfgRequests, 1);
      await show(page, "endpoint-matrix");
      await screenshot(page, "health-matrix-1920x1080-dark");
      await show(page, "haproxy-config-text");
      await screenshot(page, "health-haproxy-1920x1080-dark");
      await show(page, "config-view");
      assert.ok((await page.getByTestId("config-parameter").count()) > 3);
      await screenshot(page, "health-config-1920x1080-dark");
      await page.goto(`${app.url}/clusters/demo/nodes/${leader}`);
      await page.waitForSelector('[data-testid="node-page"]');
      await waitForNodeMounted(page);
      await screenshot(page, "health-node-1920x1080-dark");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the Vietnamese health panels and node page have no untranslated English", async () => {
    const leader = cluster.run("leader").trim();
    const fragments = englishFragments();
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url, locale: "vi" });
    try {
      for (const path of ["/clusters/demo", `/clusters/demo/nodes/${leader}`]) {
        await page.goto(`${app.url}${path}`);
        await page.waitForSelector(
          path.includes("/nodes/") ? '[data-testid="node-page"]' : '[data-testid="endpoint-matrix"]',
        );
        if (path.includes("/nodes/")) await waitForNodeMounted(page);
        else await waitForMounted(page, "vi");
        const { leftovers, text } = await untranslatedOn(page, fragments);
        assert.deepEqual(leftovers, [], `English on ${path}`);
        if (!path.includes("/nodes/")) {
          assert.match(text, /Mức sẵn sàng failover/);
          await show(page, "endpoint-matrix");
          await screenshot(page, "health-vi-matrix");
        } else {
          assert.match(text, /Phiên bản PostgreSQL/);
          await screenshot(page, "health-vi-node");
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
