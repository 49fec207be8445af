import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { GET as getClusters } from "@/app/api/clusters/route";
import { GET as getCluster } from "@/app/api/clusters/[name]/route";
import {
  FAST_ROUTES,
  fastAnswer,
  publishFastRoutes,
  type PlainResponse,
} from "@/lib/server/http/cluster-routes";
import { sealSession } from "@/lib/server/auth/session";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// The fast path scripts/serve.mjs takes for the two hot routes answers exactly what the Next route
// handlers answer (same bytes, ETag, 304, ?since=, errors), with the headers proxy.ts adds; declines
// everything it must leave to Next (other methods and paths, malformed encoding, ?lang=); and under
// `auth.viewers: login` refuses whom proxy.ts would refuse, with its 401.

const clock = new FakeClock(Date.now());
const nodes = [1, 2, 3].map(
  (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
);
const NAME = "lab one/ü";
const cluster = new ClusterState(
  NAME,
  0,
  nodes.map((n) => n.asClient()),
  50,
);
const poller = new Poller([cluster], { intervalMs: 5000, slowIntervalMs: 30000, clock });
const runtime = { config: testConfig(), clusters: [cluster], poller, demo: null, startedAt: 0 };

before(async () => {
  for (let i = 0; i < 6; i++) {
    await clock.advance(5000);
    await poller.runCycle();
  }
  installRuntime(runtime);
});
after(() => {
  installRuntime(null);
  delete (globalThis as { [FAST_ROUTES]?: unknown })[FAST_ROUTES];
});

/** The body as text (the fast path sends ready bytes). */
const text = (answer: PlainResponse): string =>
  typeof answer.body === "string" ? answer.body : Buffer.from(answer.body ?? []).toString("utf8");

const encoded = `/api/clusters/${encodeURIComponent(NAME)}`;
const answered = async (url: string, etag: string | null = null, gzip = false): Promise<PlainResponse> => {
  const answer = await fastAnswer("GET", url, {
    ...(etag ? { "if-none-match": etag } : {}),
    ...(gzip ? { "accept-encoding": "br, gzip, deflate" } : {}),
  });
  assert.ok(answer, `the fast path answers ${url}`);
  return answer;
};

describe("fast path: the same answer as the Next route handlers", () => {
  test("GET /api/clusters: same status, bytes and ETag; 304 for the ETag held", async () => {
    const viaNext = await getClusters(new Request("http://x/api/clusters"));
    const fast = await answered("/api/clusters");
    assert.equal(fast.status, 200);
    assert.equal(text(fast), await viaNext.text());
    assert.equal(fast.headers.ETag, viaNext.headers.get("etag"));
    assert.equal(fast.headers["Content-Type"], "application/json");
    assert.equal(fast.headers["Cache-Control"], "no-store");
    const again = await answered("/api/clusters", `W/${fast.headers.ETag}`);
    assert.equal(again.status, 304);
    assert.equal(again.body, null);
  });

  test("GET /api/clusters/{name}[?since=]: same bytes for the whole answer and an increment", async () => {
    const params = { params: Promise.resolve({ name: NAME }) };
    const full = await answered(encoded);
    assert.equal(text(full), await (await getCluster(new Request(`http://x${encoded}`), params)).text());
    const samples = (JSON.parse(text(full)) as { lagSamples: { t: number }[] }).lagSamples;
    assert.ok(samples.length >= 3, `lag samples to split (${samples.length})`);
    const times = [...new Set(samples.map((sample) => sample.t))].sort((a, b) => a - b);
    const since = times.at(-2)!; // the newest cycle's samples only
    const newer = samples.filter((sample) => sample.t > since).length;
    assert.ok(newer > 0 && newer < samples.length);
    const part = await answered(`${encoded}?since=${since}`);
    const viaNext = await getCluster(new Request(`http://x${encoded}?since=${since}`), params);
    assert.equal(text(part), await viaNext.text());
    assert.equal((JSON.parse(text(part)) as { lagSamples: unknown[] }).lagSamples.length, newer);
    assert.equal((await answered(`${encoded}?since=${since}`, part.headers.ETag!)).status, 304);
  });

  test("gzip for readers that accept it (as Next compresses), the same bytes inside", async () => {
    const plain = await answered(encoded);
    const packed = await answered(encoded, null, true);
    assert.equal(packed.headers["Content-Encoding"], "gzip");
    assert.equal(packed.headers.Vary, "Accept-Encoding");
    assert.equal(gunzipSync(packed.body as Uint8Array).toString("utf8"), text(plain));
    assert.ok((packed.body as Uint8Array).length < text(plain).length / 2);
    assert.equal((await answered(encoded, packed.headers.ETag!, true)).status, 304);
    const refused = await fastAnswer("GET", encoded, { "accept-encoding": "gzip;q=0, identity" });
    assert.equal(refused?.headers["Content-Encoding"], undefined);
  });

  test("errors as the route gives them: 400 for a bad since, 404 for an unknown cluster", async () => {
    const bad = await answered(`${encoded}?since=yesterday`);
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(text(bad)).error, /since must be a time in epoch milliseconds, got "yesterday"/);
    const missing = await answered("/api/clusters/nope");
    assert.equal(missing.status, 404);
    assert.match(JSON.parse(text(missing)).error, /no cluster named "nope"/);
    assert.equal(missing.headers["Cache-Control"], "no-store");
  });

  test("every answer carries proxy.ts's security headers, with a fresh nonce each time", async () => {
    const nonces = new Set<string>();
    for (const url of ["/api/clusters", encoded, "/api/clusters/nope"]) {
      const answer = await answered(url);
      const csp = answer.headers["Content-Security-Policy"] ?? "";
      assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
      assert.equal(answer.headers["X-Content-Type-Options"], "nosniff");
      assert.equal(answer.headers["Referrer-Policy"], "no-referrer");
      assert.equal(answer.headers["X-Frame-Options"], "DENY");
    }
    assert.equal(nonces.size, 3);
  });
});

describe("fast path: what it leaves to Next", () => {
  test("other methods, other paths, trailing slashes, malformed encoding, ?lang=", async () => {
    for (const [method, url] of [
      ["POST", "/api/clusters"],
      ["HEAD", "/api/clusters"],
      ["GET", "/api/clusters/"],
      ["GET", "/api/clusters/lab/nodes/node1"],
      ["GET", "/api/clustersx"],
      ["GET", "/api/healthz"],
      ["GET", "/clusters/lab"],
      ["GET", "/api/clusters/%E0%A4%A"],
      ["GET", "/api/clusters?lang=vi"],
    ] as const)
      assert.equal(await fastAnswer(method, url, {}), null, `${method} ${url}`);
  });

  test("published on the globalThis key scripts/serve.mjs reads", () => {
    publishFastRoutes();
    assert.equal(
      (globalThis as Record<symbol, unknown>)[Symbol.for("patroni-dashboard.fast-routes")],
      fastAnswer,
    );
  });
});

describe("fast path under `auth`: proxy.ts's viewer check, made here", () => {
  const SECRET = "v".repeat(43);
  const HASH = "$2b$04$nNKuH88Tqfv46.J/PM4ds.mzR8w/u9Wzq3Mkc95Jn/Jfe.km6Q27i"; // bcrypt of "x"
  const withViewers = (viewers: "anonymous" | "login") =>
    installRuntime({
      ...runtime,
      config: testConfig({
        auth: {
          viewers,
          sessionSecret: SECRET,
          users: [{ username: "vera", passwordHash: HASH, role: "viewer" }],
          proxy: { header: "x-user", trusted: new Set(["127.0.0.2"]), roles: {} },
        },
      }),
    });
  after(() => installRuntime(runtime));
  const ask = async (url: string, headers: Record<string, string>) => {
    const answer = await fastAnswer("GET", url, headers);
    assert.ok(answer, `the fast path answers ${url}`);
    return answer;
  };

  test("viewers: anonymous: answered as without auth", async () => {
    withViewers("anonymous");
    const fast = await ask(encoded, {});
    assert.equal(fast.status, 200);
    assert.equal(
      text(fast),
      await (
        await getCluster(new Request(`http://x${encoded}`), { params: Promise.resolve({ name: NAME }) })
      ).text(),
    );
  });

  test("viewers: login: 401 as proxy.ts answers it, for no cookie, a forged one, a removed user", async () => {
    withViewers("login");
    const gone = await sealSession(SECRET, { username: "olga", role: "operator" }, Date.now());
    for (const url of ["/api/clusters", encoded, `${encoded}?since=1`])
      for (const headers of [
        {},
        { cookie: "pd_session=forged" },
        { cookie: `pd_session=${gone.value}` },
      ] as Record<string, string>[]) {
        const refused = await ask(url, headers);
        assert.equal(refused.status, 401, url);
        assert.deepEqual(JSON.parse(text(refused)), { error: "sign in first" });
        assert.equal(refused.headers["Cache-Control"], "no-store");
        assert.equal(
          refused.headers["Content-Security-Policy"],
          "default-src 'none'; frame-ancestors 'none'",
        );
        assert.equal(refused.headers["X-Content-Type-Options"], "nosniff");
      }
  });

  test("viewers: login: a signed-in user is answered, with the same bytes as Next", async () => {
    withViewers("login");
    const vera = await sealSession(SECRET, { username: "vera", role: "viewer" }, Date.now());
    const fast = await ask("/api/clusters", { cookie: `other=1; pd_session=${vera.value}` });
    assert.equal(fast.status, 200);
    assert.equal(text(fast), await (await getClusters(new Request("http://x/api/clusters"))).text());
  });

  test("viewers: login: a trusted proxy's user, only from the stamped peer address", async () => {
    withViewers("login");
    const stamped = Symbol.for("patroni-dashboard.peer-stamped");
    (globalThis as Record<symbol, unknown>)[stamped] = true;
    try {
      const viaProxy = { "x-user": "ann", "x-dashboard-peer": "127.0.0.2" };
      assert.equal((await ask("/api/clusters", viaProxy)).status, 200);
      assert.equal(
        (await ask("/api/clusters", { ...viaProxy, "x-dashboard-peer": "127.0.0.9" })).status,
        401,
      );
    } finally {
      delete (globalThis as Record<symbol, unknown>)[stamped];
    }
  });
});
