import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import type { Browser } from "playwright-core";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage } from "../support/browser";
import { renamedNode } from "../support/renamed-node";
import type { TestServer } from "../support/servers";

// `auth.viewers: login` over HTTP against the built app (`next start`): every page redirects a
// stranger to /login with the way back, every API answers 401 JSON, only login, health, robots, static
// files and the monitoring URLs stay open; a signed-in viewer sees everything, and in Chromium signing
// in lands on the page first asked for.

const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 5;
const PASSWORD = "viewer-pass-1";
let node: TestServer;
let app: AppServer;
let browser: Browser;
let dir: string;

before(async () => {
  node = await renamedNode("pg1", "lab");
  dir = mkdtempSync(join(tmpdir(), "pd-viewers-"));
  const file = join(dir, "dashboard.yml");
  writeFileSync(
    file,
    [
      "poll_interval: 1",
      "clusters:",
      `  - { name: lab, nodes: [${node.url}] }`,
      "auth:",
      "  viewers: login",
      "  users:",
      `    - { username: vera, password_hash: "${bcrypt.hashSync(PASSWORD, 4)}", role: viewer }`,
      "",
    ].join("\n"),
  );
  app = await startApp({ DASHBOARD_CONFIG: file }, PORT);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await node?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
  const text = await res.text();
  return { res, text };
};

async function signIn(): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ username: "vera", password: PASSWORD }),
  });
  await res.arrayBuffer();
  assert.equal(res.status, 204);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

describe("viewers: login, anonymous", () => {
  test("every page redirects to /login with the path and query to come back to", async () => {
    for (const path of ["/", "/clusters/lab?range=6h", "/clusters/lab/nodes/pg1", "/wall", "/history"]) {
      const { res } = await get(path);
      assert.equal(res.status, 307, path);
      const location = new URL(res.headers.get("location")!, app.url);
      assert.equal(location.pathname, "/login", path);
      assert.equal(location.searchParams.get("next"), path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", `${path}: security headers`);
    }
  });

  test("every API but login and health answers 401 JSON, reads and writes alike", async () => {
    for (const path of [
      "/api/clusters",
      "/api/clusters/lab",
      "/api/clusters/lab/events",
      "/api/clusters/lab/lag?range=1h",
      "/api/clusters/lab/haproxy.cfg",
      "/api/clusters/lab/nodes/pg1",
      "/api/clusters/lab/nodes/pg1/explore?path=patroni",
      "/api/alerts",
      "/api/events",
      "/api/audit",
      "/api/auth/me",
      "/api/demo",
    ]) {
      const { res, text } = await get(path);
      assert.equal(res.status, 401, path);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/, path);
      assert.deepEqual(JSON.parse(text), { error: "sign in first" }, path);
      assert.equal(res.headers.get("cache-control"), "no-store", path);
    }
    const write = await fetch(`${app.url}/api/clusters/lab/actions`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "application/json" },
      body: JSON.stringify({ action: "pause", confirm: "lab" }),
    });
    // Without actions.enabled there is no action route, signed in or not (the route, which audits
    // attempts, answers for itself: tests/e2e/proxy-auth.test.ts has its 401 under viewers: login).
    assert.equal(write.status, 404);
    assert.deepEqual(await write.json(), { error: "actions are not enabled" });
  });

  test("a forged or foreign cookie is a stranger", async () => {
    const { res } = await get("/api/clusters", { cookie: "pd_session=eyJhbGciOiJkaXIifQ.x.y.z.w" });
    assert.equal(res.status, 401);
    const page = await get("/", { cookie: "pd_session=forged" });
    assert.equal(page.res.status, 307);
  });

  test("open: the login page, health, robots, the icon, static chunks, /metrics and the status URLs", async () => {
    const login = await get("/login?next=%2Fwall");
    assert.equal(login.res.status, 200);
    const chunk = login.text.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    assert.ok(chunk, "the login page loads a static chunk");
    for (const path of ["/api/healthz", "/robots.txt", "/icon.svg", chunk, "/metrics"])
      assert.equal((await get(path)).res.status, 200, path);
    const metrics = (await get("/metrics")).text;
    assert.match(metrics, /patroni_dashboard_member_reachable\{cluster="lab",member="pg1"\}/);
    // What stays open carries names and numbers, never where a node is (README, "Who may view").
    const where = new URL(node.url).host;
    assert.ok(!metrics.includes(where), "no node address in /metrics");
    // 200 or 503 is the cluster's verdict; what matters is that it is not the login's 401.
    for (const path of ["/api/status", "/api/clusters/lab/status"]) {
      const { res, text } = await get(path);
      assert.ok([200, 503].includes(res.status), `${path}: ${res.status}`);
      assert.equal(typeof (JSON.parse(text) as { ok: unknown }).ok, "boolean", path);
      assert.ok(!text.includes(where), `${path}: no node address`);
    }
  });
});

describe("viewers: login, signed in", () => {
  test("a viewer's cookie opens the pages and the read APIs (the audit stays for operators)", async () => {
    const cookie = await signIn();
    assert.equal((await get("/", { cookie })).res.status, 200);
    assert.equal((await get("/clusters/lab", { cookie })).res.status, 200);
    const clusters = await get("/api/clusters", { cookie });
    assert.equal(clusters.res.status, 200);
    assert.equal((JSON.parse(clusters.text) as { clusters: { name: string }[] }).clusters[0]?.name, "lab");
    assert.deepEqual(JSON.parse((await get("/api/auth/me", { cookie })).text), {
      username: "vera",
      role: "viewer",
      actions: false,
    });
    assert.equal((await get("/api/audit", { cookie })).res.status, 403);
  });

  test("in Chromium: a cluster link leads to the login page, and signing in lands on that cluster", async () => {
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await page.goto(`${app.url}/clusters/lab?range=6h`);
      await page.waitForURL((url) => url.pathname === "/login", { timeout: 15_000 });
      assert.equal(new URL(page.url()).searchParams.get("next"), "/clusters/lab?range=6h");
      await page.fill('input[name="username"]', "vera");
      await page.fill('input[name="password"]', PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL((url) => url.pathname === "/clusters/lab", { timeout: 15_000 });
      assert.equal(new URL(page.url()).search, "?range=6h");
      await page.getByText("pg1").first().waitFor({ timeout: 15_000 });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
