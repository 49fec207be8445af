import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { daysToExpiry } from "@/lib/domain/posture";
import { lab, waitFor } from "../support/lab";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage, screenshot, waitForMounted } from "../support/browser";

// The Lab 4 posture panel and the endpoint matrix in real Chromium, on the built app polling the real
// TLS lab (HTTPS with its own CA, basic auth): the days to expiry the panel shows are those of the lab's
// certificate file, in English and Vietnamese, light and dark; the password is nowhere in the page.

const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 2;
const tlsLab = lab("tls");
let app: AppServer;
let browser: Browser;
let configDir: string;

before(async () => {
  tlsLab.run("up");
  tlsLab.run("wait-healthy", "120");
  configDir = mkdtempSync(join(tmpdir(), "pd-posture-e2e-"));
  const config = join(configDir, "dashboard.yml");
  writeFileSync(
    config,
    [
      "clusters:",
      "  - name: secure",
      `    nodes: [${tlsLab.urls().join(", ")}]`,
      "    restapi:",
      "      authentication: { username: admin, password_env: TLS_LAB_PASSWORD }",
      "    ctl:",
      `      cacert: ${join(tlsLab.dir, "tls", "ca.crt")}`,
      "",
    ].join("\n"),
  );
  app = await startApp({ DASHBOARD_CONFIG: config, TLS_LAB_PASSWORD: "s3cret" }, PORT);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
  tlsLab.run("down", "--purge");
});

describe("posture panel on the TLS lab", () => {
  test("each node: HTTPS, the certificate's subject and SANs, the days to expiry of the lab's certificate", async () => {
    const file = new X509Certificate(readFileSync(join(tlsLab.dir, "tls", "server.crt")));
    const views = [
      { name: "1280x720-vi", width: 1280, height: 720, locale: "vi", colorScheme: "light" },
      { name: "1366x768-light", width: 1366, height: 768, locale: "en", colorScheme: "light" },
      { name: "1920x1080-dark", width: 1920, height: 1080, locale: "en", colorScheme: "dark" },
    ] as const;
    for (const view of views) {
      const { page, context, problems } = await openPage(browser, { baseUrl: app.url, ...view });
      try {
        await page.goto(`${app.url}/clusters/secure`);
        const panel = page.getByTestId("tls-posture");
        await waitFor(
          "a certificate shown for every node",
          async () => (await panel.getByTestId("posture-certificate").count()) === 3,
          30_000,
          500,
        );
        await waitForMounted(page, view.locale);
        const days = daysToExpiry(Date.parse(file.validTo), Date.now());
        const shown = await panel
          .locator("[data-days]")
          .evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-days"))));
        // The panel counts from the server's clock of its last view: the same day, or one earlier at midnight.
        assert.equal(shown.length, 3);
        for (const d of shown) assert.ok(d === days || d === days + 1, `${d} days shown, ${days} expected`);
        const text = (await panel.textContent()) ?? "";
        assert.match(
          text,
          view.locale === "vi" ? new RegExp(`còn ${days}`) : new RegExp(`${days} days left`),
        );
        assert.match(text, /CN=localhost/);
        assert.match(text, /IP Address:127\.0\.0\.1, DNS:localhost/);
        assert.match(
          text,
          view.locale === "vi" ? /khớp với host 127\.0\.0\.1/ : /matches the host 127\.0\.0\.1/,
        );
        assert.equal(await panel.locator('[data-testid="posture-node"][data-scheme="https"]').count(), 3);
        assert.equal(await panel.getByTestId("posture-auth").getAttribute("data-auth"), "https");
        assert.ok(!(await page.content()).includes("s3cret"), "no password in the page");
        // Lab 1's rows lead the matrix: / answers 200 on the leader only.
        await waitFor(
          "/ probed on every node: 200 on the leader, 503 on both replicas",
          async () =>
            JSON.stringify(
              await page
                .locator('[data-testid="endpoint-cell"][data-path="/"]')
                .evaluateAll((els) => els.map((el) => el.getAttribute("data-status")).sort()),
            ) === JSON.stringify(["200", "503", "503"]),
          30_000,
          500,
        );
        await panel.scrollIntoViewIfNeeded();
        await screenshot(page, `posture-${view.name}`);
        await page.getByTestId("endpoint-matrix").evaluate((el) => el.scrollIntoView({ block: "start" }));
        await screenshot(page, `endpoint-matrix-${view.name}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });
});
