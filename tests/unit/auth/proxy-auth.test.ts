import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { callerOf, clientAddress, type AuthContext } from "@/lib/server/auth/guard";
import { normaliseAddress, peerStamped, proxyUser, type ProxySettings } from "@/lib/server/auth/proxy-auth";
import { LoginRateLimiter } from "@/lib/server/auth/rate-limit";
import { sealSession } from "@/lib/server/auth/session";

// auth.proxy: a user header is believed only from a listed proxy address, and only when the server
// stamped that address from the socket (scripts/serve.mjs). Over HTTP with the real server:
// tests/e2e/proxy-auth.test.ts.

const STAMPED = Symbol.for("patroni-dashboard.peer-stamped");
const stamp = (on: boolean) => {
  (globalThis as { [STAMPED]?: boolean })[STAMPED] = on;
};
afterEach(() => stamp(false));

const proxy: ProxySettings = {
  header: "x-forwarded-user",
  trusted: new Set(["127.0.0.1", "::1"]),
  roles: { alice: "operator", root: "admin" },
};
const SECRET = "p".repeat(43);
const auth: AuthContext = {
  settings: {
    viewers: "login",
    sessionSecret: SECRET,
    users: [{ username: "olga", passwordHash: "x", role: "operator" }],
    proxy,
  },
  secret: SECRET,
  limiter: new LoginRateLimiter(),
};
const request = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/", { headers });

describe("trusted proxy header", () => {
  test("addresses: IPv4-mapped IPv6 is the IPv4 address, brackets and case dropped", () => {
    assert.equal(normaliseAddress("::ffff:127.0.0.1"), "127.0.0.1");
    assert.equal(normaliseAddress("[::1]"), "::1");
    assert.equal(normaliseAddress("FE80::1"), "fe80::1");
    assert.equal(normaliseAddress("10.0.0.1"), "10.0.0.1");
  });

  test("from a trusted peer: the named user with the role `roles` gives; an unlisted user is a viewer", () => {
    stamp(true);
    assert.equal(peerStamped(), true);
    const from = (peer: string, user: string) =>
      proxyUser(request({ "x-dashboard-peer": peer, "x-forwarded-user": user }), proxy);
    assert.deepEqual(from("127.0.0.1", "alice"), { username: "alice", role: "operator" });
    assert.deepEqual(from("::ffff:127.0.0.1", "root"), { username: "root", role: "admin" });
    assert.deepEqual(from("::1", "bob"), { username: "bob", role: "viewer" });
    assert.deepEqual(from("127.0.0.1", "constructor"), { username: "constructor", role: "viewer" });
    assert.equal(from("127.0.0.1", "  "), null, "an empty header names nobody");
    assert.equal(from("127.0.0.1", "x".repeat(201)), null);
  });

  test("an untrusted peer's header is ignored, whatever X-Forwarded-For claims", () => {
    stamp(true);
    assert.equal(
      proxyUser(
        request({
          "x-dashboard-peer": "10.9.9.9",
          "x-forwarded-user": "alice",
          "x-forwarded-for": "127.0.0.1",
        }),
        proxy,
      ),
      null,
    );
    assert.equal(proxyUser(request({ "x-forwarded-user": "alice" }), proxy), null, "no peer: not trusted");
  });

  test("a server that does not stamp the peer (next start) trusts no one, even a peer header naming 127.0.0.1", () => {
    stamp(false);
    assert.equal(
      proxyUser(request({ "x-dashboard-peer": "127.0.0.1", "x-forwarded-user": "alice" }), proxy),
      null,
    );
  });

  test("callerOf: the proxy's user wins over a cookie; without the proxy the cookie counts", async () => {
    stamp(true);
    const olga = await sealSession(SECRET, { username: "olga", role: "operator" }, Date.now());
    const cookie = `pd_session=${olga.value}`;
    assert.deepEqual(
      await callerOf(request({ "x-dashboard-peer": "127.0.0.1", "x-forwarded-user": "root", cookie }), auth),
      { username: "root", role: "admin", via: "proxy" },
    );
    assert.deepEqual(
      await callerOf(request({ "x-dashboard-peer": "10.9.9.9", "x-forwarded-user": "root", cookie }), auth),
      { username: "olga", role: "operator", via: "session" },
    );
    assert.equal(
      await callerOf(request({ "x-dashboard-peer": "10.9.9.9", "x-forwarded-user": "root" }), auth),
      null,
    );
  });

  test("the audited address: the socket's peer; the proxy's X-Forwarded-For only when the peer is the proxy", () => {
    stamp(true);
    assert.equal(
      clientAddress(request({ "x-dashboard-peer": "::ffff:10.1.1.1", "x-forwarded-for": "6.6.6.6" }), auth),
      "10.1.1.1",
    );
    assert.equal(
      clientAddress(
        request({ "x-dashboard-peer": "127.0.0.1", "x-forwarded-for": "10.2.2.2, 127.0.0.1" }),
        auth,
      ),
      "10.2.2.2",
    );
    stamp(false);
    assert.equal(clientAddress(request({ "x-forwarded-for": "10.3.3.3" }), auth), "10.3.3.3");
  });
});
