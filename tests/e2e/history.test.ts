import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { eventsResponseSchema } from "@/lib/domain/history-events";
import { CATALOGS } from "@/lib/i18n";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage, screenshot } from "../support/browser";
import { lab, waitFor } from "../support/lab";
import { englishFragments, untranslatedOn } from "../support/untranslated";

// The history screens in real Chromium, against the built app polling the REAL lab: maintenance mode
// on and off and a switchover are recorded, then shown, filtered and ranged on /clusters/lab/history
// and /history; the lag chart's stored ranges; English, dark and Vietnamese screenshots.

const cluster = lab("plain");
const root = mkdtempSync(join(tmpdir(), "pd-history-e2e-"));
let app: AppServer;
let browser: Browser;

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  const config = join(root, "dashboard.yml");
  const nodes = cluster
    .urls()
    .map((u) => `      - ${u}\n`)
    .join("");
  writeFileSync(config, `poll_interval: 2\nclusters:\n  - name: lab\n    nodes:\n${nodes}`);
  app = await startApp({ DASHBOARD_CONFIG: config, DATA_DIR: join(root, "data") });
  browser = await launchBrowser();
  // Let the dashboard see the cluster once, then make history: pause, resume, switch over.
  await waitFor("a first view", async () => (await fetch(`${app.url}/api/clusters/lab`)).ok, 20_000);
  await new Promise((r) => setTimeout(r, 4000));
  cluster.run("pause");
  // Resume only once the dashboard has seen the pause: both within one poll would be no change.
  await waitFor(
    "the dashboard to see the pause",
    async () => ((await (await fetch(`${app.url}/api/clusters/lab`)).json()) as { paused: boolean }).paused,
    20_000,
  );
  cluster.run("resume");
  // Switch over only once the resume is stored, so the newest-first order below is the order of events.
  await waitFor(
    "the resume to be stored",
    async () => {
      const res = await fetch(`${app.url}/api/clusters/lab/events?kind=resumed`);
      return eventsResponseSchema.parse(await res.json()).events.length > 0;
    },
    20_000,
  );
  cluster.run("switchover");
  await waitFor(
    "the switchover to be stored",
    async () => {
      const res = await fetch(`${app.url}/api/clusters/lab/events?kind=leader_changed,paused,resumed`);
      const kinds = eventsResponseSchema.parse(await res.json()).events.map((e) => e.kind);
      return ["leader_changed", "paused", "resumed"].every((k) => kinds.includes(k as never));
    },
    30_000,
  );
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(root, { recursive: true, force: true });
});

const en = CATALOGS.en;

describe("history screens", { timeout: 300_000 }, () => {
  test(
    "a cluster's history lists the stored incidents and filters them by kind and range",
    { timeout: 90_000 },
    async () => {
      const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
      try {
        await page.goto(`${app.url}/clusters/lab`);
        await page.getByTestId("cluster-history-link").click();
        await page.waitForURL(/\/clusters\/lab\/history$/);
        await page.getByTestId("history-event").first().waitFor();
        const kinds = await page
          .getByTestId("history-event")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
        for (const kind of ["leader_changed", "paused", "resumed"])
          assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(",")}`);
        // Newest first: the switchover came after maintenance mode was turned off.
        assert.ok(kinds.indexOf("leader_changed") < kinds.indexOf("resumed"), kinds.join(","));
        assert.ok(kinds.indexOf("resumed") < kinds.indexOf("paused"), kinds.join(","));
        const paused = page.locator('[data-testid="history-event"][data-kind="paused"]').first();
        assert.match(
          await paused.innerText(),
          new RegExp(en["historyView.text.paused"].replace(/[()]/g, ".")),
        );
        await screenshot(page, "history-cluster-light");

        await page.locator('select[name="kind"]').selectOption("paused");
        await page.waitForURL(/kind=paused/);
        await waitFor(
          "only paused events",
          async () => {
            const shown = await page
              .getByTestId("history-event")
              .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
            return shown.length > 0 && shown.every((k) => k === "paused");
          },
          10_000,
        );
        // A link with the filter in it opens on the same view.
        await page.reload();
        assert.equal(await page.locator('select[name="kind"]').inputValue(), "paused");
        await page.locator('button[data-range="1h"]').click();
        assert.equal(await page.locator('button[data-range="1h"]').getAttribute("aria-pressed"), "true");
        await page.getByTestId("history-event").first().waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    },
  );

  test(
    "every cluster's history links to each cluster; a kind with nothing says so",
    { timeout: 60_000 },
    async () => {
      const { page, context, problems } = await openPage(browser, {
        baseUrl: app.url,
        width: 1920,
        height: 1080,
        colorScheme: "dark",
      });
      try {
        await page.goto(`${app.url}/`);
        await page.getByTestId("nav-history").click();
        await page.waitForURL(/\/history$/);
        await page.getByTestId("history-event").first().waitFor();
        assert.equal(
          (await page.locator('[data-testid="history-event"] a[href="/clusters/lab/history"]').count()) > 0,
          true,
        );
        await screenshot(page, "history-all-dark");
        await page.locator('select[name="kind"]').selectOption("notification_failed");
        await page.getByText(en["historyView.empty"]).waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    },
  );

  test("the lag chart's stored ranges draw from the rollups", { timeout: 60_000 }, async () => {
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/lab`);
      const chart = page.getByTestId("lag-chart");
      await chart.locator('button[data-range="6h"]').click();
      await chart.locator('[data-range="6h"][data-state="ready"]').waitFor({ timeout: 15_000 });
      await chart.getByText(/Worst value per 1 min/).waitFor();
      await chart.locator('button[data-range="7d"]').click();
      await chart.locator('[data-range="7d"][data-state="ready"]').waitFor({ timeout: 15_000 });
      await chart.scrollIntoViewIfNeeded();
      await screenshot(page, "lag-chart-7d");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("in Vietnamese, no English is left on the history screen", { timeout: 60_000 }, async () => {
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      width: 1280,
      height: 720,
      locale: "vi",
    });
    try {
      await page.goto(`${app.url}/clusters/lab/history`);
      await page.getByTestId("history-event").first().waitFor();
      const { leftovers } = await untranslatedOn(page, englishFragments());
      assert.deepEqual(leftovers, []);
      await screenshot(page, "history-vi");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
