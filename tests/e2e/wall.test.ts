import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { faviconDataUrl } from "@/lib/domain/tab-status";
import { en } from "@/lib/i18n/en";
import { spawn, type ChildProcess } from "node:child_process";
import { fleetConfigYaml, fleetScopes } from "@/lib/server/demo";
import { fleetPorts } from "@/lib/server/demo/fleet";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage, screenshot, waitForClientRefresh } from "../support/browser";
import { waitFor } from "../support/lab";

// The NOC wall in real Chromium on the fleet simulator: 100 simulated 3-node clusters polled by the
// built app, two of them in trouble. (The simulator stands in for a fleet here because no machine
// runs 100 real Patroni clusters; the data path itself is tested against the real lab elsewhere.)

const FLEET_PORT = Number(process.env.TEST_FLEET_PORT ?? 28400);
/** The default poll interval (at 2 s this machine, shared by several jobs, falls behind on 100 clusters). */
const INTERVAL_S = 5;
const ALERTING = { "demo-042": "node-down", "demo-077": "maintenance" } as const;

const FLEET_SIZE = 300;

let fleet: ChildProcess;
let dir: string;
let browser: Browser;

/** The simulator as users run it (npm run demo:sim -- --clusters 300), in its own process. */
async function startFleet(): Promise<ChildProcess> {
  const scenarios = Object.entries(ALERTING)
    .map(([scope, name]) => `${scope}=${name}`)
    .join(",");
  const args = ["--clusters", String(FLEET_SIZE), "--base-port", String(FLEET_PORT), "--scenario", scenarios];
  const child = spawn(
    process.execPath,
    ["--import", "./scripts/register.mjs", "scripts/demo-sim.ts", ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    "the fleet simulator to listen",
    async () => {
      if (child.exitCode !== null) throw new Error(`demo-sim exited ${child.exitCode}: ${output}`);
      return output.includes("demo fleet: 300 clusters");
    },
    60_000,
    100,
  );
  return child;
}

function writeConfig(name: string, count: number, pollInterval: number): string {
  const file = join(dir, name);
  const clusters = fleetScopes(count).map((scope, i) => ({
    scope,
    urls: fleetPorts(FLEET_PORT, i).map((port) => `http://127.0.0.1:${port}`),
  }));
  // A generous request timeout: on a loaded test machine a simulated node may take over a second to
  // answer, which the dashboard rightly flags (api_slow); this test is about the screen, not latency.
  writeFileSync(file, fleetConfigYaml(clusters, { poll_interval: pollInterval, request_timeout: 10 }));
  return file;
}

/** Waits until the dashboard has seen every configured cluster and the troubled ones as troubled. */
async function waitForData(app: AppServer, count: number, alerting: readonly string[]) {
  await waitFor(
    `all ${count} clusters observed`,
    async () => {
      const body = (await (await fetch(`${app.url}/api/clusters`)).json()) as {
        clusters: { name: string; observedAt: number | null; problems: unknown[] }[];
      };
      return (
        body.clusters.length === count &&
        body.clusters.every((c) => c.observedAt !== null) &&
        // Exactly the clusters we broke: the first cycles of a fresh server polling hundreds of
        // nodes are slow (api_slow everywhere), and the screen is checked once that has settled.
        body.clusters.every((c) => c.problems.length > 0 === alerting.includes(c.name))
      );
    },
    90_000,
    500,
  );
}

async function noScrollbar(page: Page) {
  const sizes = await page.evaluate(() => ({
    sh: document.documentElement.scrollHeight,
    sw: document.documentElement.scrollWidth,
    ih: window.innerHeight,
    iw: window.innerWidth,
  }));
  assert.ok(sizes.sh <= sizes.ih && sizes.sw <= sizes.iw, `page scrolls: ${JSON.stringify(sizes)}`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "wall-e2e-"));
  fleet = await startFleet();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (fleet && fleet.exitCode === null && fleet.signalCode === null) {
    const exited = new Promise((resolve) => fleet.once("exit", resolve));
    fleet.kill("SIGTERM");
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("/wall with 100 simulated clusters at 1920×1080", { timeout: 240_000 }, () => {
  let app: AppServer;
  before(async () => {
    app = await startApp({ DASHBOARD_CONFIG: writeConfig("fleet-100.yml", 100, INTERVAL_S) });
    await waitForData(app, 100, Object.keys(ALERTING));
  });
  after(() => app?.stop());

  test("every cluster on one screen: no scrollbar, every name visible and ≥ 18 px, alerts first", async () => {
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      width: 1920,
      height: 1080,
      colorScheme: "dark",
    });
    try {
      await page.goto(`${app.url}/wall`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="wall-tile"]').length === 100);
      await noScrollbar(page);
      const names = await page.$$eval('[data-testid="wall-name"]', (els) =>
        els.map((el) => {
          const box = el.getBoundingClientRect();
          return {
            text: el.textContent,
            top: box.top,
            left: box.left,
            bottom: box.bottom,
            right: box.right,
            clipped: el.scrollWidth > el.clientWidth,
            font: parseFloat(getComputedStyle(el).fontSize),
          };
        }),
      );
      assert.deepEqual(names.map((n) => n.text).sort(), fleetScopes(100));
      for (const n of names) {
        assert.ok(n.top >= 0 && n.left >= 0 && n.bottom <= 1080 && n.right <= 1920, `${n.text} off screen`);
        assert.equal(n.clipped, false, `${n.text} is cut off`);
        assert.ok(n.font >= 18, `${n.text} at ${n.font} px`);
      }
      const order = await page.$$eval('[data-testid="wall-tile"]', (els) =>
        els.map((el) => [el.getAttribute("data-cluster"), el.getAttribute("data-tone")]),
      );
      // Every cluster in trouble before every healthy one, the two we broke among them. (Others may
      // join them for a moment on a loaded machine, e.g. a slow API: the order must hold for them too.)
      const firstOk = order.findIndex(([, tone]) => tone === "ok");
      assert.ok(firstOk >= 2, `only ${firstOk} troubled tiles first`);
      assert.ok(
        order.slice(firstOk).every(([, tone]) => tone === "ok"),
        "a troubled cluster after a healthy one",
      );
      for (const name of Object.keys(ALERTING)) {
        const at = order.findIndex(([n]) => n === name);
        assert.ok(at >= 0 && at < firstOk, `${name} at ${at}, healthy from ${firstOk}`);
      }
      // The troubled clusters are drawn larger than the healthy ones.
      const area = async (name: string) => {
        const box = (await page.locator(`[data-testid="wall-tile"][data-cluster="${name}"]`).boundingBox())!;
        return box.width * box.height;
      };
      await screenshot(page, "wall-1920x1080-dark-100");
      const troubled = order.slice(0, firstOk).map(([n]) => n);
      assert.ok((await area("demo-042")) > 2 * (await area("demo-001")), `troubled: ${troubled.join(", ")}`);
      assert.equal(await page.getByTestId("wall-heartbeat").getAttribute("data-state"), "live");
      assert.equal(await page.getByTestId("lang-switch").isVisible(), false);
      await waitForClientRefresh(page); // a refresh went by after the checks above
      assert.deepEqual(problems, []);
      await screenshot(page, "wall-1920x1080-dark-100");
    } finally {
      await context.close();
    }
  });

  test("rotation shows each alerting cluster as a one-screen detail, then the board again", async () => {
    const { page, context } = await openPage(browser, { baseUrl: app.url, width: 1920, height: 1080 });
    try {
      await page.goto(`${app.url}/wall?rotate=3`);
      await page.waitForSelector('[data-testid="wall-tile"]');
      const visited: string[] = [];
      await waitFor(
        "the rotation to visit both alerting clusters and come back to the board",
        async () => {
          const showing = await page.getByTestId("wall").getAttribute("data-showing");
          if (showing && visited.at(-1) !== showing) {
            visited.push(showing);
            await page.waitForSelector(`[data-testid="cluster-screen"][data-cluster="${showing}"]`);
            await noScrollbar(page);
            if (showing === "demo-042") await screenshot(page, "wall-rotation-1920x1080");
          }
          return Object.keys(ALERTING).every((n) => visited.includes(n)) && showing === "" ? true : null;
        },
        30_000,
        200,
      );
      for (const name of Object.keys(ALERTING))
        assert.ok(visited.includes(name), `${name} not visited: ${visited.join(", ")}`);
      // Never a healthy one: the rotation visits only clusters that need attention.
      const tones = await page.$$eval('[data-testid="wall-tile"]', (els) =>
        Object.fromEntries(els.map((el) => [el.getAttribute("data-cluster"), el.getAttribute("data-tone")])),
      );
      assert.ok(
        visited.every((name) => tones[name] !== "ok"),
        JSON.stringify(visited),
      );
    } finally {
      await context.close();
    }
  });

  test("the rotation's detail downloads the whole answer once per visit, then ?since= increments or 304", async () => {
    const { page, context } = await openPage(browser, { baseUrl: app.url, width: 1920, height: 1080 });
    // Every answer to a rotated cluster's detail, in order: its URL, status and body size.
    const seen: { cluster: string; since: boolean; status: number; bytes: number }[] = [];
    page.on("response", (res) => {
      const url = new URL(res.url());
      const match = /^\/api\/clusters\/(demo-\d+)$/.exec(url.pathname);
      if (!match) return;
      void res
        .body()
        .catch(() => Buffer.alloc(0))
        .then((body) =>
          seen.push({
            cluster: match[1]!,
            since: url.searchParams.has("since"),
            status: res.status(),
            bytes: body.length,
          }),
        );
    });
    try {
      // 12 s per screen at a 5 s interval: each visit refreshes the detail at least once after loading it.
      await page.goto(`${app.url}/wall?rotate=12`);
      let first = "";
      await waitFor(
        "a rotated cluster's detail to be refreshed twice after it loaded",
        async () => {
          first ||= (await page.getByTestId("wall").getAttribute("data-showing")) ?? "";
          return first !== "" && seen.filter((r) => r.cluster === first).length >= 3 ? true : null;
        },
        60_000,
        200,
      );
      const visit = seen.filter((r) => r.cluster === first);
      assert.equal(visit[0]!.since, false, "the visit starts with the whole answer");
      assert.equal(visit[0]!.status, 200);
      for (const later of visit.slice(1)) {
        assert.ok(
          later.since || later.status === 304,
          `a refresh re-downloaded the whole answer: ${JSON.stringify(later)}`,
        );
        assert.ok(later.bytes < visit[0]!.bytes, JSON.stringify(visit));
      }
    } finally {
      await context.close();
    }
  });

  test("/clusters/{name}?kiosk=1 is the one-screen detail, without the switches or the demo panel", async () => {
    const { page, context } = await openPage(browser, { baseUrl: app.url, width: 1920, height: 1080 });
    try {
      await page.goto(`${app.url}/clusters/demo-042?kiosk=1`);
      await page.waitForSelector('[data-testid="cluster-screen"][data-cluster="demo-042"]');
      await page.waitForSelector('[data-testid="screen-alert"]');
      await page.waitForSelector('[data-testid="lag-chart"] svg');
      await screenshot(page, "cluster-kiosk-1920x1080");
      await noScrollbar(page);
      assert.equal(await page.getByTestId("screen-member").count(), 3);
      for (const id of ["lang-switch", "theme-switch", "present-toggle", "demo-panel"])
        assert.equal(await page.getByTestId(id).isVisible(), false, id);
      await page.goto(`${app.url}/?kiosk=1`);
      await page.waitForSelector('[data-testid="cluster-tile"]');
      for (const id of ["lang-switch", "theme-switch", "present-toggle"])
        assert.equal(await page.getByTestId(id).isVisible(), false, id);
      await page.goto(`${app.url}/`);
      assert.equal(await page.getByTestId("lang-switch").isVisible(), true);
    } finally {
      await context.close();
    }
  });

  test("a stopped server: banner, greyed tiles, stopped heartbeat, tab title and icon within 2 intervals", async () => {
    const { page, context } = await openPage(browser, {
      baseUrl: app.url,
      width: 1920,
      height: 1080,
      colorScheme: "dark",
    });
    try {
      await page.goto(`${app.url}/wall`);
      await page.waitForSelector('[data-testid="wall"][data-live="true"]');
      assert.equal(await page.getByTestId("wall-not-live").count(), 0);
      await app.stop();
      const stoppedAt = Date.now();
      await page.waitForSelector('[data-testid="wall-not-live"]', { timeout: 4 * INTERVAL_S * 1000 });
      const elapsed = Date.now() - stoppedAt;
      // Two intervals, plus the one-second tick of the page's clock that renders the change.
      assert.ok(elapsed <= 2 * INTERVAL_S * 1000 + 1000, `took ${elapsed} ms`);
      assert.match((await page.getByTestId("wall-not-live").textContent()) ?? "", /NOT LIVE/);
      assert.ok(
        ((await page.getByTestId("wall-not-live").textContent()) ?? "").includes(en["wall.stale.title"]),
      );
      assert.equal(await page.getByTestId("wall-heartbeat").getAttribute("data-state"), "stopped");
      const stale = await page.$$eval(
        '[data-testid="wall-tile"]',
        (els) =>
          els.filter((el) => el.getAttribute("data-stale") === "true" && el.classList.contains("is-stale"))
            .length,
      );
      assert.equal(stale, 100);
      const banner = (await page.getByTestId("wall-not-live").boundingBox())!;
      assert.ok(banner.width >= 1900, `banner ${banner.width} px wide`);
      assert.match(await page.title(), new RegExp(`^⏸ ${en["wall.stale.tab"]}`));
      const icon = await page.$eval('link[rel~="icon"]', (el) => el.getAttribute("href"));
      assert.equal(icon, faviconDataUrl("unknown"));
      await noScrollbar(page);
      await screenshot(page, "wall-1920x1080-dark-not-live");
    } finally {
      await context.close();
    }
  });
});

describe("/wall at other sizes", { timeout: 240_000 }, () => {
  test("300 clusters at 3840×2160: all on one screen, no scrollbar, dark unless chosen", async () => {
    const app = await startApp({ DASHBOARD_CONFIG: writeConfig("fleet-300.yml", 300, 5) });
    const { page, context } = await openPage(browser, {
      baseUrl: app.url,
      width: 3840,
      height: 2160,
      colorScheme: "dark",
    });
    try {
      await waitForData(app, 300, Object.keys(ALERTING));
      await page.goto(`${app.url}/wall`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="wall-tile"]').length === 300);
      await noScrollbar(page);
      const clipped = await page.$$eval(
        '[data-testid="wall-name"]',
        (els) =>
          els.filter((el) => el.scrollWidth > el.clientWidth || el.getBoundingClientRect().bottom > 2160)
            .length,
      );
      assert.equal(clipped, 0);
      await screenshot(page, "wall-3840x2160-dark-300");
      // No theme chosen: the wall is dark even on a light OS; a chosen light theme is respected.
      const background = () =>
        page.$eval('[data-testid="wall"]', (el) => getComputedStyle(el).backgroundColor);
      await context.clearCookies();
      await page.emulateMedia({ colorScheme: "light" });
      await page.reload();
      await page.waitForSelector('[data-testid="wall-tile"]');
      assert.equal(await background(), "rgb(10, 14, 19)");
      await context.addCookies([{ name: "theme", value: "light", url: app.url }]);
      await page.reload();
      await page.waitForSelector('[data-testid="wall-tile"]');
      assert.equal(await background(), "rgb(238, 241, 245)");
    } finally {
      await context.close();
      await app.stop();
    }
  });

  test("3 clusters at 1280×720 in Vietnamese: large tiles, no scrollbar, no English left", async () => {
    const app = await startApp({ DASHBOARD_CONFIG: writeConfig("fleet-3.yml", 3, 5) });
    const { page, context } = await openPage(browser, {
      baseUrl: app.url,
      width: 1280,
      height: 720,
      locale: "vi",
    });
    try {
      await waitForData(app, 3, []);
      await page.goto(`${app.url}/wall`);
      await page.waitForSelector('[data-testid="wall-tile"][data-kind="large"]');
      assert.equal(await page.locator('[data-testid="wall-tile"][data-kind="large"]').count(), 3);
      await noScrollbar(page);
      const header = (await page.getByTestId("wall-header").textContent()) ?? "";
      assert.ok(header.includes("Màn hình tường"), header);
      assert.ok(!header.includes(en["wall.count.ok"]), header);
      await screenshot(page, "wall-1280x720-vi-3");
    } finally {
      await context.close();
      await app.stop();
    }
  });
});
