import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type AppServer } from "../support/app-server";
import { renamedNode } from "../support/renamed-node";
import type { TestServer } from "../support/servers";

// auth.proxy over HTTP against the built app as `npm start` serves it (scripts/serve.mjs): the
// reverse proxy is played by connections from 127.0.0.2, the only trusted address; everyone else
// connects from 127.0.0.1. A user header counts only from the proxy's socket, a client's own
// x-dashboard-peer is overwritten, and X-Forwarded-For never makes a stranger the proxy.

const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 7;
const PROXY = "127.0.0.2";
let node: TestServer;
let app: AppServer;
let dir: string;

before(async () => {
  node = await renamedNode("pg1", "lab");
  dir = mkdtempSync(join(tmpdir(), "pd-proxy-auth-"));
  const file = join(dir, "dashboard.yml");
  writeFileSync(
    file,
    [
      "poll_interval: 1",
      "clusters:",
      `  - { name: lab, nodes: [${node.url}] }`,
      "auth:",
      "  viewers: login",
      "  proxy:",
      "    header: X-Forwarded-User",
      `    trusted: [${PROXY}]`,
      "    roles: { alice: operator }",
      "actions:",
      "  enabled: true",
      "",
    ].join("\n"),
  );
  app = await startApp({ DASHBOARD_CONFIG: file }, PORT);
});

after(async () => {
  await app?.stop();
  await node?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One request to the app from a chosen local address (the socket's peer as the server sees it). */
function send(
  from: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method,
        path,
        localAddress: from,
        headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
        timeout: 15_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text, location: res.headers.location }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    req.end(body);
  });
}

const origin = () => `http://127.0.0.1:${PORT}`;

describe("auth.proxy behind scripts/serve.mjs", () => {
  test("from the trusted proxy: the header names the user and `roles` their role; pages open", async () => {
    const me = await send(PROXY, "GET", "/api/auth/me", { "X-Forwarded-User": "alice" });
    assert.equal(me.status, 200, me.body);
    assert.deepEqual(JSON.parse(me.body), { username: "alice", role: "operator", actions: true });
    assert.equal((await send(PROXY, "GET", "/clusters/lab", { "X-Forwarded-User": "alice" })).status, 200);
    const unlisted = await send(PROXY, "GET", "/api/auth/me", { "X-Forwarded-User": "bob" });
    assert.deepEqual(JSON.parse(unlisted.body), { username: "bob", role: "viewer", actions: true });
    const nobody = await send(PROXY, "GET", "/api/clusters");
    assert.equal(nobody.status, 401, "the proxy itself, naming no one, is nobody");
  });

  test("from anyone else the header is ignored, X-Forwarded-For and a forged x-dashboard-peer included", async () => {
    const attempts: Record<string, string>[] = [
      { "X-Forwarded-User": "alice" },
      { "X-Forwarded-User": "alice", "X-Forwarded-For": PROXY },
      { "X-Forwarded-User": "alice", "x-dashboard-peer": PROXY },
      { "X-Forwarded-User": "alice", "X-Dashboard-Peer": `::ffff:${PROXY}`, "X-Forwarded-For": PROXY },
    ];
    for (const headers of attempts) {
      const me = await send("127.0.0.1", "GET", "/api/auth/me", headers);
      assert.equal(me.status, 401, JSON.stringify(headers));
      const page = await send("127.0.0.1", "GET", "/", headers);
      assert.equal(page.status, 307, JSON.stringify(headers));
      assert.match(page.location ?? "", /\/login\?next=%2F$/);
    }
  });

  test("acting: the proxy's operator passes the role check, its unlisted user is a viewer (403); both audited with the client's address", async () => {
    const act = (user: string, forwardedFor: string, confirm: string) =>
      send(
        PROXY,
        "POST",
        "/api/clusters/lab/actions",
        { "X-Forwarded-User": user, "X-Forwarded-For": forwardedFor, origin: origin() },
        JSON.stringify({ action: "pause", confirm }),
      );
    const alice = await act("alice", "10.20.30.40", "not-lab");
    assert.equal(alice.status, 400, alice.body);
    assert.match(alice.body, /confirm must be the cluster's name/);
    const bob = await act("bob", "10.20.30.41", "lab");
    assert.equal(bob.status, 403, bob.body);
    const spoofed = await send(
      "127.0.0.1",
      "POST",
      "/api/clusters/lab/actions",
      {
        "X-Forwarded-User": "alice",
        "x-dashboard-peer": PROXY,
        "X-Forwarded-For": "10.99.99.99",
        origin: origin(),
      },
      JSON.stringify({ action: "pause", confirm: "lab" }),
    );
    assert.equal(spoofed.status, 401);
    const audit = await send(PROXY, "GET", "/api/audit?cluster=lab", { "X-Forwarded-User": "alice" });
    assert.equal(audit.status, 200, audit.body);
    const rows = (JSON.parse(audit.body) as { events: Record<string, unknown>[] }).events.map(
      (e) => `${String(e.user)}@${String(e.address)}:${String(e.outcome)}`,
    );
    assert.ok(rows.includes("alice@10.20.30.40:bad_confirm"), rows.join(", "));
    assert.ok(rows.includes("bob@10.20.30.41:forbidden"), rows.join(", "));
    // The stranger's X-Forwarded-For is not believed: the socket's own address is what is kept.
    assert.ok(rows.includes("(anonymous)@127.0.0.1:unauthenticated"), rows.join(", "));
  });
});
