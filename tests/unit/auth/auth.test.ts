import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as me } from "@/app/api/auth/me/route";
import { sameOrigin } from "@/lib/server/auth/guard";
import { LoginRateLimiter } from "@/lib/server/auth/rate-limit";
import {
  loadSessionSecret,
  openSession,
  SECRET_FILE,
  sealSession,
  SESSION_TTL_MS,
} from "@/lib/server/auth/session";
import { ConfigError, loadConfig, type DashboardConfig } from "@/lib/server/config/load";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { testConfig } from "../../support/config";

// Login, sessions, the rate limit and the Origin check: the configuration's errors, the cookie's
// properties, and the auth routes over Request/Response exactly as Next.js calls them.

const HASH = bcrypt.hashSync("s3cret", 4);

function configFile(yaml: string, env: Record<string, string> = {}): DashboardConfig {
  const dir = mkdtempSync(join(tmpdir(), "pd-auth-"));
  writeFileSync(join(dir, "patroni-dashboard.yml"), yaml);
  return loadConfig({ DATA_DIR: join(dir, "data"), ...env }, dir);
}

function configError(yaml: string, env: Record<string, string> = {}): string {
  try {
    configFile(yaml, env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail("expected a ConfigError");
}

const CLUSTER = "clusters:\n  - name: lab\n    nodes: [http://127.0.0.1:8008]\n";

describe("auth configuration", () => {
  test("no auth section: anonymous and no actions", () => {
    const config = configFile(CLUSTER);
    assert.equal(config.auth, null);
    assert.deepEqual(config.actions, { enabled: false });
  });

  test("users, roles and actions are read as written", () => {
    const config = configFile(
      `${CLUSTER}auth:\n  viewers: login\n  users:\n    - {username: alice, password_hash: "${HASH}", role: operator}\n    - {username: vera, password_hash: "${HASH}", role: viewer}\nactions:\n  enabled: true\n`,
    );
    assert.equal(config.auth?.viewers, "login");
    assert.deepEqual(
      config.auth?.users.map((u) => [u.username, u.role]),
      [
        ["alice", "operator"],
        ["vera", "viewer"],
      ],
    );
    assert.equal(config.actions?.enabled, true);
  });

  test("a bad role, a bad hash and an argon2 hash name the field", () => {
    const message = configError(
      `${CLUSTER}auth:\n  users:\n    - {username: a, password_hash: "${HASH}", role: root}\n    - {username: b, password_hash: "plain", role: viewer}\n    - {username: c, password_hash: "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", role: viewer}\n`,
    );
    assert.match(message, /patroni-dashboard\.yml: invalid configuration/);
    assert.match(message, /auth\.users\.0\.role:/);
    assert.match(message, /auth\.users\.1\.password_hash: is not a bcrypt hash/);
    assert.match(message, /auth\.users\.2\.password_hash: argon2 hashes are not supported/);
  });

  test("a user twice, no user, an unset secret variable, actions without auth, an unknown key", () => {
    assert.match(
      configError(
        `${CLUSTER}auth:\n  users:\n    - {username: a, password_hash: "${HASH}", role: viewer}\n    - {username: a, password_hash: "${HASH}", role: admin}\n`,
      ),
      /auth\.users\.1\.username: "a" is listed twice/,
    );
    assert.match(configError(`${CLUSTER}auth:\n  viewers: login\n`), /auth\.users: list at least one user/);
    assert.match(
      configError(
        `${CLUSTER}auth:\n  session_secret_env: PD_SECRET\n  users:\n    - {username: a, password_hash: "${HASH}", role: viewer}\n`,
      ),
      /auth\.session_secret_env: environment variable PD_SECRET is not set/,
    );
    assert.match(configError(`${CLUSTER}actions:\n  enabled: true\n`), /actions need an auth section/);
    assert.match(configError(`${CLUSTER}actions:\n  enabld: true\n`), /actions: Unrecognized key/i);
  });

  test("the session secret comes from the named variable", () => {
    const secret = "x".repeat(40);
    const config = configFile(
      `${CLUSTER}auth:\n  session_secret_env: PD_SECRET\n  users:\n    - {username: a, password_hash: "${HASH}", role: viewer}\n`,
      { PD_SECRET: secret },
    );
    assert.equal(config.auth?.sessionSecret, secret);
  });

  test("auth.proxy: read as written (addresses normalised); bad addresses and header names named", () => {
    const config = configFile(
      `${CLUSTER}auth:\n  proxy:\n    header: X-Forwarded-User\n    trusted: [127.0.0.1, "::ffff:10.0.0.5", "::1"]\n    roles: {alice: operator}\n`,
    );
    assert.equal(config.auth?.users.length, 0, "a proxy alone is enough");
    assert.equal(config.auth?.proxy?.header, "x-forwarded-user");
    assert.deepEqual([...(config.auth?.proxy?.trusted ?? [])], ["127.0.0.1", "10.0.0.5", "::1"]);
    assert.deepEqual(config.auth?.proxy?.roles, { alice: "operator" });
    assert.match(
      configError(
        `${CLUSTER}auth:\n  proxy:\n    header: X-Forwarded-User\n    trusted: [proxy.example.com]\n    roles: {}\n`,
      ),
      /auth\.proxy\.trusted\.0: "proxy\.example\.com" is not an IP address/,
    );
    assert.match(
      configError(
        `${CLUSTER}auth:\n  proxy:\n    header: "X User"\n    trusted: [127.0.0.1]\n    roles: {}\n`,
      ),
      /auth\.proxy\.header: "X User" is not a header name/,
    );
    assert.match(
      configError(
        `${CLUSTER}auth:\n  proxy:\n    header: X-Dashboard-Peer\n    trusted: [127.0.0.1]\n    roles: {}\n`,
      ),
      /auth\.proxy\.header: "X-Dashboard-Peer" cannot carry the user name/,
    );
  });
});

describe("sessions", () => {
  const secret = "k".repeat(43);
  test("a sealed session opens with its user and role until it expires", async () => {
    const now = 1_700_000_000_000;
    const { value, expiresAt } = await sealSession(secret, { username: "alice", role: "operator" }, now);
    assert.equal(expiresAt, now + SESSION_TTL_MS);
    assert.ok(!value.includes("alice"), "the cookie is encrypted, not only signed");
    const open = await openSession(secret, value, now + 1000);
    assert.deepEqual(open && [open.username, open.role], ["alice", "operator"]);
    // Opened before, so remembered: it still expires.
    assert.equal(await openSession(secret, value, now + SESSION_TTL_MS + 1000), null);
  });

  test("another secret, an altered cookie or garbage open nothing", async () => {
    const now = Date.now();
    const { value } = await sealSession(secret, { username: "alice", role: "admin" }, now);
    // Opened once (and so remembered) with the right secret: another secret still opens nothing.
    assert.ok(await openSession(secret, value, now));
    assert.equal(await openSession("z".repeat(43), value, now), null);
    const parts = value.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    assert.equal(await openSession(secret, parts.join("."), now), null);
    assert.equal(await openSession(secret, "nonsense", now), null);
    assert.equal(await openSession(secret, undefined, now), null);
  });

  test("without a configured secret one is generated once in DATA_DIR and kept", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "pd-secret-")), "data");
    const first = loadSessionSecret(null, dir);
    assert.ok(first.length >= 40);
    assert.equal(loadSessionSecret(null, dir), first);
    assert.equal(readFileSync(join(dir, SECRET_FILE), "utf8"), first);
    assert.equal(statSync(join(dir, SECRET_FILE)).mode & 0o077, 0, "readable by its owner only");
    assert.equal(loadSessionSecret("configured-secret", dir), "configured-secret");
  });
});

describe("login rate limit", () => {
  test("five failures in the window lock the key until the oldest ages out", () => {
    const limiter = new LoginRateLimiter(5, 60_000);
    const keys = ["ip:1.2.3.4", "user:alice"];
    for (let i = 0; i < 4; i++) limiter.fail(keys, 1000 + i);
    assert.equal(limiter.check(keys, 2000), null);
    limiter.fail(keys, 1004);
    assert.equal(limiter.check(keys, 2000), 59_000);
    assert.equal(limiter.check(["user:alice"], 2000), 59_000, "per user name, from any address");
    assert.equal(limiter.check(["ip:5.6.7.8", "user:bob"], 2000), null);
    assert.equal(limiter.check(keys, 61_001), null);
  });

  test("a success clears the user name's failures", () => {
    const limiter = new LoginRateLimiter(2, 60_000);
    limiter.fail(["user:a"], 0);
    limiter.fail(["user:a"], 1);
    assert.notEqual(limiter.check(["user:a"], 2), null);
    limiter.succeed("user:a");
    assert.equal(limiter.check(["user:a"], 2), null);
  });
});

describe("Origin check", () => {
  const req = (headers: Record<string, string>) =>
    new Request("http://127.0.0.1:3000/api/x", { method: "POST", headers });
  test("same host passes; another host, another port, no Origin or a null Origin fail", () => {
    assert.equal(sameOrigin(req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })), true);
    assert.equal(sameOrigin(req({ host: "dash.example:443", origin: "https://dash.example:443" })), true);
    assert.equal(sameOrigin(req({ host: "127.0.0.1:3000", origin: "http://evil.example" })), false);
    assert.equal(sameOrigin(req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" })), false);
    assert.equal(sameOrigin(req({ host: "127.0.0.1:3000" })), false);
    assert.equal(sameOrigin(req({ host: "127.0.0.1:3000", origin: "null" })), false);
  });
});

describe("auth routes", () => {
  const ORIGIN = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };
  const base: DashboardConfig = testConfig();
  const install = (config: DashboardConfig) =>
    installRuntime({ config, clusters: [], poller: null, demo: null, startedAt: 0 } as unknown as Runtime);
  const withAuth: DashboardConfig = {
    ...base,
    auth: {
      viewers: "anonymous",
      sessionSecret: "s".repeat(43),
      users: [
        { username: "alice", passwordHash: HASH, role: "operator" },
        { username: "vera", passwordHash: HASH, role: "viewer" },
      ],
    },
    actions: { enabled: true },
  };
  const post = (
    handler: (r: Request) => Promise<Response>,
    body: unknown,
    headers: Record<string, string> = ORIGIN,
  ) =>
    handler(
      new Request("http://127.0.0.1:3000/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10.9.9.9", ...headers },
        body: JSON.stringify(body),
      }),
    );
  before(() => install(withAuth));
  after(() => installRuntime(null));

  test("the right password: 204 and a strict HttpOnly cookie; /me names the user and role", async () => {
    const res = await post(login, { username: "alice", password: "s3cret" });
    assert.equal(res.status, 204);
    const cookie = res.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^pd_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const who = await me(
      new Request("http://127.0.0.1:3000/api/auth/me", { headers: { cookie: cookie.split(";")[0]! } }),
    );
    assert.equal(who.status, 200);
    assert.deepEqual(await who.json(), { username: "alice", role: "operator", actions: true });
  });

  test("Secure on HTTPS (directly or as the proxy says)", async () => {
    const res = await post(
      login,
      { username: "vera", password: "s3cret" },
      {
        ...ORIGIN,
        "x-forwarded-proto": "https",
      },
    );
    assert.equal(res.status, 204);
    assert.match(res.headers.get("set-cookie") ?? "", /; Secure$/);
  });

  test("a wrong password or an unknown user: 401, no cookie; /me without a cookie: 401", async () => {
    const wrong = await post(
      login,
      { username: "alice", password: "nope" },
      { ...ORIGIN, "x-forwarded-for": "10.1.1.1" },
    );
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get("set-cookie"), null);
    const nobody = await post(
      login,
      { username: "mallory", password: "s3cret" },
      { ...ORIGIN, "x-forwarded-for": "10.1.1.2" },
    );
    assert.equal(nobody.status, 401);
    assert.equal((await me(new Request("http://127.0.0.1:3000/api/auth/me"))).status, 401);
  });

  test("a cross-origin login or logout: 403", async () => {
    const evil = { host: "127.0.0.1:3000", origin: "http://evil.example" };
    assert.equal((await post(login, { username: "alice", password: "s3cret" }, evil)).status, 403);
    assert.equal((await post(logout, {}, evil)).status, 403);
    assert.equal((await post(logout, {}, ORIGIN)).status, 204);
  });

  test("the sixth wrong password in a row is refused without checking: 429 with Retry-After", async () => {
    const from = { ...ORIGIN, "x-forwarded-for": "10.2.2.2" };
    for (let i = 0; i < 5; i++)
      assert.equal((await post(login, { username: "vera", password: `bad${i}` }, from)).status, 401);
    const locked = await post(login, { username: "vera", password: "s3cret" }, from);
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get("retry-after")) > 0);
  });

  test("a session of a user no longer in the configuration is no session", async () => {
    const res = await post(
      login,
      { username: "alice", password: "s3cret" },
      { ...ORIGIN, "x-forwarded-for": "10.3.3.3" },
    );
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    install({
      ...withAuth,
      auth: { ...withAuth.auth!, users: withAuth.auth!.users.filter((u) => u.username !== "alice") },
    });
    try {
      const who = await me(new Request("http://127.0.0.1:3000/api/auth/me", { headers: { cookie } }));
      assert.equal(who.status, 401);
    } finally {
      install(withAuth);
    }
  });

  test("no auth section: the auth routes do not exist (404)", async () => {
    install(base);
    try {
      assert.equal((await post(login, { username: "alice", password: "s3cret" })).status, 404);
      assert.equal((await me(new Request("http://127.0.0.1:3000/api/auth/me"))).status, 404);
    } finally {
      install(withAuth);
    }
  });
});
