import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PatroniHttpClient, classifyNetworkError, type NodeTarget } from "@/lib/server/patroni/client";
import { getCluster, getConfig, getStatus } from "@/lib/server/patroni/api";
import { blackHole, closedPort, httpServer, listen, type TestServer } from "../../support/servers";
import { body } from "../../support/fixtures";
import { makeCaSignedCertificate } from "../../support/test-ca";

const target = (url: string, extra: Partial<NodeTarget> = {}): NodeTarget => ({
  url,
  auth: null,
  tls: null,
  timeoutMs: 1000,
  maxBodyBytes: 64 * 1024,
  ...extra,
});

const healthy = JSON.stringify(body("patroni-4", "a-healthy", "node2", "patroni"));

describe("PatroniHttpClient against real sockets on 127.0.0.1", () => {
  let server: Awaited<ReturnType<typeof httpServer>>;
  let lastAuth: string | undefined;
  before(async () => {
    server = await httpServer((req, res) => {
      lastAuth = req.headers.authorization;
      const send = (status: number, text: string, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(text);
      };
      if (req.url === "/patroni") return send(200, healthy);
      if (req.url === "/replica") return send(503, healthy);
      if (req.url === "/cluster") return send(200, "{not json");
      if (req.url === "/config") return send(502, "<html>502</html>", "text/html");
      if (req.url === "/big") return send(200, "x".repeat(200 * 1024));
      if (req.url === "/private") return send(401, "no auth header received", "text/html");
      if (req.url === "/slow-body") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"state": "run');
        return; // never finishes the body
      }
      send(200, JSON.stringify({ members: "oops" }));
    });
  });
  after(() => server.close());

  test("a 200 /patroni is parsed and normalised", async () => {
    const res = await getStatus(new PatroniHttpClient(target(server.url)));
    assert.ok(res.ok);
    assert.equal(res.data.name, "node2");
    assert.equal(res.data.syncStandby, true);
    assert.equal(lastAuth, undefined);
  });

  test("a 503 on a health path is data, not an error", async () => {
    const res = await new PatroniHttpClient(target(server.url)).get("/replica");
    assert.ok(res.ok);
    assert.equal(res.status, 503);
    assert.equal(JSON.parse(res.text).role, "replica");
  });

  test("malformed JSON is a parse error naming the node and path", async () => {
    const res = await getCluster(new PatroniHttpClient(target(server.url)));
    assert.equal(res.ok, false);
    assert.equal(!res.ok && res.error.kind, "parse");
    assert.match(!res.ok ? res.error.message : "", new RegExp(`^${server.url}/cluster: .*not JSON`));
  });

  test("/config 502 (no key in the DCS) is an HTTP error that says so", async () => {
    const res = await getConfig(new PatroniHttpClient(target(server.url)));
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "http");
    assert.equal(res.error.status, 502);
    assert.match(res.error.message, /no \/config key/);
  });

  test("401 is an auth error", async () => {
    const res = await new PatroniHttpClient(target(server.url)).get("/private");
    assert.ok(res.ok && res.status === 401); // raw client: the status is returned...
    const typed = await getStatusAt(server.url, "/private");
    assert.equal(typed, "auth"); // ...and the typed reader classifies it
  });

  test("a body over the cap is refused", async () => {
    const res = await new PatroniHttpClient(target(server.url, { maxBodyBytes: 100 * 1024 })).get("/big");
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "too_large");
  });

  test("the timeout covers the body, not just the headers", async () => {
    const started = Date.now();
    const res = await new PatroniHttpClient(target(server.url, { timeoutMs: 300 })).get("/slow-body");
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "timeout");
    assert.ok(Date.now() - started < 1500);
  });

  test("a schema mismatch names the field", async () => {
    // "/other" answers {"members": "oops"}: valid JSON, wrong shape.
    const wrong = await readCluster(server.url, "/other");
    assert.match(wrong, /^parse: .*\/cluster: unexpected response shape at members: /);
  });

  test("basic auth credentials are sent when configured", async () => {
    await new PatroniHttpClient(target(server.url, { auth: { username: "admin", password: "s3cret" } })).get(
      "/patroni",
    );
    assert.equal(lastAuth, `Basic ${Buffer.from("admin:s3cret").toString("base64")}`);
  });

  test("at most one request in flight per node: concurrent calls queue", async () => {
    const client = new PatroniHttpClient(target(server.url));
    let maxActive = 0;
    const calls = Array.from({ length: 5 }, () => client.get("/patroni"));
    const sampler = setInterval(() => (maxActive = Math.max(maxActive, client.activeRequests)), 1);
    const results = await Promise.all(calls);
    clearInterval(sampler);
    assert.equal(results.filter((r) => r.ok).length, 5);
    assert.equal(maxActive, 1);
    assert.equal(client.activeRequests, 0);
  });
});

async function getStatusAt(url: string, path: string): Promise<string> {
  const client = new PatroniHttpClient(target(url));
  const original = client.get.bind(client);
  client.get = () => original(path);
  const res = await getStatus(client);
  return res.ok ? "ok" : res.error.kind;
}

/** getCluster, but reading another path of the test server (the reader always asks /cluster). */
async function readCluster(url: string, path: string): Promise<string> {
  const client = new PatroniHttpClient(target(url));
  const original = client.get.bind(client);
  client.get = () => original(path);
  const res = await getCluster(client);
  return res.ok ? "ok" : `${res.error.kind}: ${res.error.message}`;
}

describe("network failures are classified", () => {
  test("connection refused", async () => {
    const port = await closedPort();
    const res = await new PatroniHttpClient(target(`http://127.0.0.1:${port}`)).get("/patroni");
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "refused");
    assert.match(res.error.message, new RegExp(`127\\.0\\.0\\.1:${port}/patroni: connection refused`));
  });

  test("a node that accepts and never answers times out on time", async () => {
    const hole = await blackHole();
    try {
      const started = Date.now();
      const res = await new PatroniHttpClient(target(hole.url, { timeoutMs: 250 })).get("/patroni");
      const took = Date.now() - started;
      assert.ok(!res.ok);
      assert.equal(res.error.kind, "timeout");
      assert.match(res.error.message, /no complete answer within 0\.25 s/);
      assert.ok(took >= 240 && took < 1500, `took ${took} ms`);
    } finally {
      await hole.close();
    }
  });

  test("DNS failures and resets get their own kinds", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND pg1.example"), { code: "ENOTFOUND" });
    assert.equal(classifyNetworkError(dns).kind, "dns");
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    assert.equal(classifyNetworkError(reset).kind, "network");
    assert.match(classifyNetworkError(reset).reason, /without an answer/);
  });
});

describe("HTTPS with a private CA", () => {
  let dir: string;
  let server: TestServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "pd-tls-"));
    const made = makeCaSignedCertificate(dir, {
      caName: "test-ca",
      serverName: "127.0.0.1",
      subjectAltName: "IP:127.0.0.1",
      caDays: 2,
      serverDays: 2,
    });
    const tlsServer = https.createServer({ key: made.key, cert: made.cert }, (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(healthy);
    });
    server = await listen(tlsServer);
  });
  after(() => server.close());

  test("verifies against the configured CA", async () => {
    const ca = readFileSync(join(dir, "ca.crt"));
    const res = await getStatus(
      new PatroniHttpClient(target(server.url, { tls: { ca, cert: null, key: null, verify: true } })),
    );
    assert.ok(res.ok, JSON.stringify(res));
  });

  test("without the CA the node shows a TLS error", async () => {
    const res = await getStatus(
      new PatroniHttpClient(target(server.url, { tls: { ca: null, cert: null, key: null, verify: true } })),
    );
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "tls");
    assert.match(res.error.message, /TLS failed/);
  });

  test("plain HTTP to the HTTPS port is a clear network error", async () => {
    const res = await new PatroniHttpClient(target(server.url.replace("https", "http"))).get("/patroni");
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "network");
    assert.match(res.error.message, /without an answer/);
  });
});
