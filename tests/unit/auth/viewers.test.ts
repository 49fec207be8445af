import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sealSession } from "@/lib/server/auth/session";
import { loginRedirect, pathAccess, safeReturnPath } from "@/lib/server/auth/viewer-gate";
import { mayView } from "@/lib/server/auth/viewers";
import type { DashboardConfig } from "@/lib/server/config/load";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { testConfig } from "../../support/config";

// `auth.viewers: login`: which paths stay open, where a visitor is sent back to after signing in, and
// who may view under each setting. The proxy's use of these is tested over HTTP against the built app
// (tests/e2e/viewers-login.test.ts).

const SECRET = "v".repeat(43);
const HASH = "$2b$04$nNKuH88Tqfv46.J/PM4ds.mzR8w/u9Wzq3Mkc95Jn/Jfe.km6Q27i"; // bcrypt of "x"
const install = (config: DashboardConfig) =>
  installRuntime({ config, clusters: [], poller: null, demo: null, startedAt: 0 } as unknown as Runtime);
const withViewers = (viewers: "anonymous" | "login"): DashboardConfig =>
  testConfig({
    auth: {
      viewers,
      sessionSecret: SECRET,
      users: [{ username: "vera", passwordHash: HASH, role: "viewer" }],
    },
  });
const request = (cookie?: string) =>
  new Request("http://127.0.0.1:3000/", { headers: cookie ? { cookie } : {} });

after(() => installRuntime(null));

describe("paths under viewers: login", () => {
  test("open: login, health, robots, icon, static chunks and the monitoring URLs", () => {
    for (const path of [
      "/login",
      "/api/auth/login",
      "/api/healthz",
      "/robots.txt",
      "/icon.svg",
      "/_next/static/chunks/main.js",
      "/metrics",
      "/api/status",
      "/api/clusters/lab/status",
      "/api/clusters/my%20scope/status",
      // checks the caller itself, and audits anonymous attempts
      "/api/clusters/lab/actions",
    ])
      assert.equal(pathAccess(path), "public", path);
  });

  test("guarded: every other API (401) and every page (redirect), lookalikes included", () => {
    for (const path of [
      "/api/clusters",
      "/api/clusters/lab",
      "/api/clusters/lab/status/extra",
      "/api/clusters/lab/actions/x",
      "/api/clusters/lab/nodes/pg1/explore",
      "/api/auth/me",
      "/api/auth/logout",
      "/api/audit",
      "/api/events",
      "/api/demo",
      "/api/healthz/x",
      "/api",
    ])
      assert.equal(pathAccess(path), "api", path);
    for (const path of ["/", "/clusters/lab", "/wall", "/history", "/login/x", "/metrics/x", "/loginx"])
      assert.equal(pathAccess(path), "page", path);
  });

  test("the redirect carries the path and query back; the login page follows only local paths", () => {
    assert.equal(loginRedirect("/clusters/lab", "?range=6h"), "/login?next=%2Fclusters%2Flab%3Frange%3D6h");
    assert.equal(safeReturnPath("/clusters/lab?range=6h"), "/clusters/lab?range=6h");
    for (const evil of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "",
      "/ok\\..",
      undefined,
      ["/a"],
    ])
      assert.equal(safeReturnPath(evil), "/", String(evil));
  });
});

describe("who may view", () => {
  test("no auth section, or viewers: anonymous: everyone", async () => {
    install(testConfig());
    assert.equal(await mayView(request()), true);
    install(withViewers("anonymous"));
    assert.equal(await mayView(request()), true);
  });

  test("viewers: login: a signed-in user of any role, not a stranger, a forged cookie or a removed user", async () => {
    install(withViewers("login"));
    assert.equal(await mayView(request()), false);
    assert.equal(await mayView(request("pd_session=forged")), false);
    const vera = await sealSession(SECRET, { username: "vera", role: "viewer" }, Date.now());
    assert.equal(await mayView(request(`pd_session=${vera.value}`)), true);
    const gone = await sealSession(SECRET, { username: "olga", role: "operator" }, Date.now());
    assert.equal(await mayView(request(`pd_session=${gone.value}`)), false);
    const expired = await sealSession(
      SECRET,
      { username: "vera", role: "viewer" },
      Date.now() - 13 * 3600_000,
    );
    assert.equal(await mayView(request(`pd_session=${expired.value}`)), false);
  });
});
