import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { getJson, lab, waitFor } from "../support/lab";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage, screenshot } from "../support/browser";
import { englishFragments, untranslatedOn } from "../support/untranslated";

// The Lab 1 explorer in real Chromium, on the built app polling the REAL lab cluster: a click on `/`
// on a replica's page shows the node's own `HTTP/1.0 503` answer, in Vietnamese at 1280×720.

const cluster = lab("plain");
let app: AppServer;
let browser: Browser;
let urls: string[];

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

describe("Lab 1 explorer in the browser", { timeout: 120_000 }, () => {
  test("GET / on a replica shows HTTP/1.0 503 with headers, body and the curl line; vi has no English", async () => {
    const members = (
      (await getJson(`${urls[0]}/cluster`)).body as { members: { name: string; role: string }[] }
    ).members;
    const replica = members.find((m) => m.role !== "leader")!.name;
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      locale: "vi",
      width: 1280,
      height: 720,
    });
    try {
      await page.goto(`${app.url}/clusters/demo/nodes/${replica}`);
      await page.waitForSelector('[data-testid="explorer"]');
      // A click before hydration does nothing: click until the panel reacts.
      await waitFor(
        "the explorer to send the request",
        async () => {
          await page.locator('[data-testid="explorer-path"][data-path-id="root"]').click();
          return (await page.getByTestId("explorer-result").getAttribute("data-state")) !== "idle";
        },
        15_000,
        500,
      );
      const exchange = page.getByTestId("explorer-exchange");
      await exchange.waitFor({ timeout: 15_000 });
      const text = (await exchange.textContent()) ?? "";
      assert.match(text, /^HTTP\/1\.0 503 Service Unavailable\n/);
      assert.match(text, /\nContent-Type: application\/json\n/);
      assert.match(text, /\n\n\{\n {2}"/);
      assert.match(
        (await page.getByTestId("explorer-curl").textContent()) ?? "",
        /^curl -i 'http:\/\/127\.0\.0\.1:\d+\/'$/,
      );
      const { leftovers } = await untranslatedOn(page, englishFragments());
      assert.deepEqual(leftovers, []);
      await page.getByTestId("explorer").scrollIntoViewIfNeeded();
      await screenshot(page, "explorer-vi-1280");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
