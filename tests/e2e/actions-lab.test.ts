import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import type { Browser, Page } from "playwright-core";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage, screenshot, type WatchedPage } from "../support/browser";
import { lab, waitFor } from "../support/lab";
import { englishFragments, untranslatedOn } from "../support/untranslated";

// Acting from the cluster page in real Chromium, on the built app polling the REAL lab: an operator
// signs in on /login, switches over to a chosen replica — the topology's leader highlight moves, the
// outcome checklist completes, the audit lists the attempt and its followed outcome — pauses and
// resumes, and restarts a member whose restart is pending (made so by a PATCH /config of
// max_connections on the lab, a parameter PostgreSQL reads only at start).

const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 6;
const PASSWORD = "operator-pass-1";
const ADMIN_PASSWORD = "admin-pass-1";
const real = lab("plain");
let app: AppServer;
let browser: Browser;
let dir: string;
let watched: WatchedPage;
let cookie = "";

before(async () => {
  real.run("up");
  real.run("wait-healthy", "120");
  dir = mkdtempSync(join(tmpdir(), "pd-actions-e2e-"));
  const file = join(dir, "dashboard.yml");
  writeFileSync(
    file,
    [
      "poll_interval: 1",
      "clusters:",
      `  - { name: lab, nodes: [${real.urls().join(", ")}] }`,
      "auth:",
      "  users:",
      `    - { username: olga, password_hash: "${bcrypt.hashSync(PASSWORD, 4)}", role: operator }`,
      `    - { username: ada, password_hash: "${bcrypt.hashSync(ADMIN_PASSWORD, 4)}", role: admin }`,
      "actions:",
      "  enabled: true",
      "",
    ].join("\n"),
  );
  app = await startApp({ DASHBOARD_CONFIG: file }, PORT);
  browser = await launchBrowser();
  watched = await openPage(browser, { baseUrl: app.url });
});

after(async () => {
  await watched?.context.close();
  await browser?.close();
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  // The lab is left as found by no one: a switchover, a changed parameter. Other files start a fresh one.
  real.run("down", "--purge");
});

/** The cluster as the dashboard's API sees it, with the browser's session. */
async function cluster(): Promise<ClusterDetail> {
  const res = await fetch(`${app.url}/api/clusters/lab`, { headers: { cookie } });
  assert.equal(res.status, 200);
  return (await res.json()) as ClusterDetail;
}

async function confirmAndSend(page: Page): Promise<string> {
  const dialog = page.getByTestId("action-dialog");
  await dialog.waitFor({ timeout: 10_000 });
  await page.getByTestId("action-confirm").fill("lab");
  await page.getByTestId("action-send").click();
  const result = page.getByTestId("action-result");
  await result.waitFor({ timeout: 90_000 });
  return (await result.textContent()) ?? "";
}

const leaderOnPage = (page: Page) =>
  page.locator('[data-testid="topology-node"][data-leader="true"]').getAttribute("data-member");

describe("acting on the real lab from the cluster page", { timeout: 300_000 }, () => {
  test("sign in as an operator on /login and land on the cluster page with its action panel", async () => {
    const { page } = watched;
    await page.goto(`${app.url}/login?next=${encodeURIComponent("/clusters/lab")}`);
    await page.fill('input[name="username"]', "olga");
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === "/clusters/lab", { timeout: 15_000 });
    await page.getByTestId("action-panel").waitFor({ timeout: 15_000 });
    const session = (await watched.context.cookies()).find((c) => c.name === "pd_session");
    assert.ok(session?.httpOnly, "an HttpOnly session cookie");
    assert.equal(session.sameSite, "Strict");
    cookie = `pd_session=${session.value}`;
  });

  test("switchover to a chosen replica: the highlight moves, the checklist completes, the audit shows it", async () => {
    const { page } = watched;
    const { value: before } = await waitFor(
      "a leader and a ready replica",
      async () => {
        const d = await cluster();
        return d.leader && d.readiness.candidates.length > 0 ? d : null;
      },
      60_000,
    );
    await waitFor(
      "the page to show the leader",
      async () => (await leaderOnPage(page)) === before.leader,
      15_000,
    );
    const candidate = before.readiness.candidates[0]!;
    await page.getByTestId("action-candidate").selectOption(candidate);
    await page.getByTestId("action-switchover").click();
    assert.match(
      (await page.getByTestId("action-preflight").textContent()) ?? "",
      /nothing stands in the way/,
    );
    const started = Date.now();
    const answer = await confirmAndSend(page);
    assert.match(answer, new RegExp(`Patroni answered HTTP 200: .*switched over.*${candidate}`, "i"));
    await waitFor(
      "the highlight on the new leader",
      async () => (await leaderOnPage(page)) === candidate,
      60_000,
    );
    const moved = Date.now() - started;
    await page.locator('[data-testid="action-checklist"][data-done="true"]').waitFor({ timeout: 120_000 });
    const completed = Date.now() - started;
    console.log(
      `# switchover from the page: highlight moved after ${moved} ms, checklist complete after ${completed} ms`,
    );
    for (const check of ["new_leader", "timeline_up", "others_stream", "old_leader_rejoined"])
      assert.equal(
        await page
          .locator(`[data-testid="action-checklist"] [data-check="${check}"]`)
          .getAttribute("data-ok"),
        "true",
        check,
      );
    const attempt = page.locator(
      '[data-testid="action-audit"] li[data-action="switchover"][data-outcome="succeeded"]',
    );
    await attempt.waitFor({ timeout: 10_000 });
    assert.match((await attempt.textContent()) ?? "", /olga from .*: switchover → done/);
    const outcome = page.locator(
      '[data-testid="action-audit"] li[data-kind="action_outcome"][data-outcome="completed"]',
    );
    await outcome.waitFor({ timeout: 140_000 });
    assert.match((await outcome.textContent()) ?? "", new RegExp(`${before.leader} → ${candidate}`));
    await screenshot(page, "actions-lab-switchover");
    assert.equal((await cluster()).timeline, before.timeline! + 1);
  });

  test("pause and resume from the panel", async () => {
    const { page } = watched;
    const toggle = page.getByTestId("action-pause");
    assert.equal(await toggle.textContent(), "Pause (maintenance mode)");
    await toggle.click();
    assert.match(await confirmAndSend(page), /Patroni answered HTTP 200/);
    await waitFor("paused", async () => (await cluster()).paused, 30_000);
    await waitFor(
      "the button to offer Resume",
      async () => (await toggle.textContent()) === "Resume",
      15_000,
    );
    await toggle.click();
    assert.match(await confirmAndSend(page), /Patroni answered HTTP 200/);
    await waitFor("resumed", async () => !(await cluster()).paused, 30_000);
    await page
      .locator('[data-testid="action-audit"] li[data-action="resume"][data-outcome="succeeded"]')
      .waitFor({ timeout: 15_000 });
    assert.equal(
      await page
        .locator('[data-testid="action-audit"] li[data-action="pause"][data-outcome="succeeded"]')
        .count(),
      1,
    );
  });

  test("restart a member whose restart is pending (max_connections changed), only if pending", async () => {
    const { page } = watched;
    const d = await cluster();
    const leaderUrl = d.members.find((m) => m.name === d.leader)?.apiUrl;
    assert.ok(leaderUrl, "the leader's REST URL");
    const max = Number(
      (
        (await (await fetch(new URL("/config", leaderUrl))).json()) as {
          postgresql: { parameters: { max_connections?: number } };
        }
      ).postgresql.parameters.max_connections ?? 100,
    );
    const patch = await fetch(new URL("/config", leaderUrl), {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ postgresql: { parameters: { max_connections: max + 10 } } }),
    });
    assert.equal(patch.status, 200, await patch.text());
    const replica = d.members.find((m) => m.name !== d.leader && m.inDcs)!.name;
    await waitFor(
      `${replica}'s restart to be pending`,
      async () => (await cluster()).members.find((m) => m.name === replica)?.pendingRestart,
      60_000,
    );
    await page.getByTestId("action-member").selectOption(replica);
    assert.equal(await page.getByTestId("action-pending-only").isChecked(), true);
    await page.getByTestId("action-restart").click();
    const started = Date.now();
    assert.match(await confirmAndSend(page), /Patroni answered HTTP 200: restarted successfully/i);
    await waitFor(
      `${replica} running without a pending restart`,
      async () => {
        const m = (await cluster()).members.find((x) => x.name === replica);
        return m && !m.pendingRestart && (m.state === "streaming" || m.state === "running");
      },
      60_000,
    );
    console.log(`# restart of ${replica} from the page: pending flag gone after ${Date.now() - started} ms`);
    await page
      .locator('[data-testid="action-audit"] li[data-action="restart"][data-outcome="succeeded"]')
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(watched.problems, []);
  });

  test("an admin edits the dynamic configuration from the config view: diff preview, PATCH /config, the new value shown", async () => {
    // Dark, full HD: the editor must read in the dark theme too (screenshot below).
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      width: 1920,
      height: 1080,
      colorScheme: "dark",
    });
    try {
      await page.goto(`${app.url}/login?next=${encodeURIComponent("/clusters/lab")}`);
      await page.fill('input[name="username"]', "ada");
      await page.fill('input[name="password"]', ADMIN_PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === "/clusters/lab", { timeout: 15_000 });
      const before = (await cluster()).config!;
      const old = before.maximumLagOnFailover ?? 1048576;
      const wanted = old + 1048576;
      await page.getByTestId("config-edit-open").click();
      const text = page.getByTestId("config-edit-text");
      const shown = JSON.parse(await text.inputValue()) as Record<string, unknown>;
      await text.fill(JSON.stringify({ ...shown, maximum_lag_on_failover: wanted }, null, 2));
      const line = page.locator('[data-testid="config-edit-preview"] li[data-key="maximum_lag_on_failover"]');
      assert.equal(
        await line.textContent(),
        `maximum_lag_on_failover: ${before.raw.maximum_lag_on_failover === undefined ? "(unset)" : old} → ${wanted}`,
      );
      assert.equal(await page.locator('[data-testid="config-edit-preview"] li').count(), 1, "only that key");
      await page.getByTestId("config-edit-confirm").fill("lab");
      await page.getByTestId("config-edit-preview").scrollIntoViewIfNeeded();
      await screenshot(page, "actions-lab-edit-config-preview-dark");
      await page.getByTestId("config-edit-send").click();
      const result = page.getByTestId("config-edit-result");
      await result.waitFor({ timeout: 30_000 });
      assert.match(
        (await result.textContent()) ?? "",
        /Patroni answered HTTP 200: configuration updated: maximum_lag_on_failover/,
      );
      const leaderUrl = (await cluster()).members.find((m) => m.role === "leader")!.apiUrl!;
      const stored = (await (await fetch(new URL("/config", leaderUrl))).json()) as Record<string, unknown>;
      assert.equal(stored.maximum_lag_on_failover, wanted, "Patroni stored it");
      const row = page.locator('[data-testid="config-setting"][data-key="maximum_lag_on_failover"]');
      await waitFor(
        "the config view to show the new value",
        async () => ((await row.textContent()) ?? "").includes(`${wanted.toLocaleString("en-US")} bytes`),
        30_000,
      );
      await screenshot(page, "actions-lab-edit-config-done-dark");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("in Vietnamese at 1280×720: the action panel and the configuration editor have no English left", async () => {
    const { page, context, problems } = await openPage(browser, {
      baseUrl: app.url,
      locale: "vi",
      width: 1280,
      height: 720,
    });
    try {
      await page.goto(`${app.url}/login?next=${encodeURIComponent("/clusters/lab")}`);
      await page.fill('input[name="username"]', "ada");
      await page.fill('input[name="password"]', ADMIN_PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === "/clusters/lab", { timeout: 15_000 });
      await page.getByTestId("action-panel").waitFor({ timeout: 15_000 });
      await page.getByTestId("config-edit-open").click();
      await page.getByTestId("config-editor").waitFor({ timeout: 10_000 });
      const { leftovers } = await untranslatedOn(page, englishFragments());
      assert.deepEqual(leftovers, []);
      await page.getByTestId("action-panel").scrollIntoViewIfNeeded();
      await screenshot(page, "actions-lab-panel-vi-1280");
      await page.getByTestId("config-editor").scrollIntoViewIfNeeded();
      await screenshot(page, "actions-lab-edit-config-vi-1280");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
