import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import bcrypt from "bcryptjs";
import { GET as getAudit } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as act } from "@/app/api/clusters/[name]/actions/route";
import type { DashboardConfig } from "@/lib/server/config/load";
import { UNSIGNED_AUDIT_PER_MINUTE } from "@/lib/server/actions/audit";
import { stopOutcomeWatchers } from "@/lib/server/actions/run";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// POST /api/clusters/{name}/actions over Request/Response as Next.js calls it. The cluster is polled
// from captured Patroni answers; the action itself goes over real HTTP to small local servers standing
// in for the nodes' REST APIs, which record what they receive and check the Basic credentials.

const PASSWORD = "Pa55-rest-secret-9f3";
const HASH = bcrypt.hashSync("s3cret", 4);

interface Received {
  method: string;
  path: string;
  body: string;
  authorization: string | undefined;
}

const received: Received[] = [];
const servers: http.Server[] = [];

function restServer(): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        authorization: req.headers.authorization,
      });
      const expected = `Basic ${Buffer.from(`patroni:${PASSWORD}`).toString("base64")}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { "Content-Type": "text/plain" });
        res.end("no auth header received");
        return;
      }
      // A hostile answer: it echoes the credentials it was sent, which must never reach a browser.
      const echoed = Buffer.from(req.headers.authorization.slice(6), "base64").toString("utf8");
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(`Successfully done (${echoed})`);
    });
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const clock = new FakeClock(Date.now());
let cluster: ClusterState;
let nodes: FakeNode[];
const HOST = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };

const baseConfig: DashboardConfig = {
  ...testConfig(),
  auth: {
    viewers: "anonymous",
    sessionSecret: "a".repeat(43),
    users: [
      { username: "olga", passwordHash: HASH, role: "operator" },
      { username: "vera", passwordHash: HASH, role: "viewer" },
      { username: "ada", passwordHash: HASH, role: "admin" },
    ],
  },
  actions: { enabled: true },
};

let runtime: Runtime;
const install = (config: DashboardConfig) => {
  runtime = {
    config,
    clusters: [cluster],
    poller: null as unknown as Poller,
    demo: null,
    startedAt: 0,
    storage: null,
  };
  installRuntime(runtime);
};

async function cookieFor(username: string): Promise<string> {
  const res = await login(
    new Request("http://127.0.0.1:3000/api/auth/login", {
      method: "POST",
      headers: { ...HOST, "content-type": "application/json" },
      body: JSON.stringify({ username, password: "s3cret" }),
    }),
  );
  assert.equal(res.status, 204);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

function post(body: unknown, headers: Record<string, string> = {}, name = "lab"): Promise<Response> {
  return act(
    new Request(`http://127.0.0.1:3000/api/clusters/${name}/actions`, {
      method: "POST",
      headers: { ...HOST, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ name }) },
  );
}

let operator = "";
let viewer = "";
let admin = "";

before(async () => {
  const urls = [await restServer(), await restServer(), await restServer()];
  nodes = urls.map((url, i) => new FakeNode(clock, url, "patroni-4", "a-healthy", `node${i + 1}`));
  for (const node of nodes)
    (node.target as { auth: unknown }).auth = { username: "patroni", password: PASSWORD };
  cluster = new ClusterState(
    "lab",
    0,
    nodes.map((n) => n.asClient()),
    50,
  );
  const poller = new Poller([cluster], { intervalMs: 5000, slowIntervalMs: 30000, clock });
  await poller.runCycle();
  await poller.runCycle();
  install(baseConfig);
  operator = await cookieFor("olga");
  viewer = await cookieFor("vera");
  admin = await cookieFor("ada");
});

after(async () => {
  stopOutcomeWatchers();
  installRuntime(null);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("who may act", () => {
  test("actions not enabled, or no auth section: 404, even for an operator", async () => {
    install({ ...baseConfig, actions: { enabled: false } });
    try {
      assert.equal((await post({ action: "pause", confirm: "lab" }, { cookie: operator })).status, 404);
      install({ ...baseConfig, auth: null, actions: { enabled: false } });
      assert.equal((await post({ action: "pause", confirm: "lab" })).status, 404);
    } finally {
      install(baseConfig);
    }
  });

  test("anonymous: 401; a viewer: 403; cross-origin (even with a session): 403; nothing sent to Patroni", async () => {
    const before = received.length;
    assert.equal((await post({ action: "pause", confirm: "lab" })).status, 401);
    const denied = await post({ action: "pause", confirm: "lab" }, { cookie: viewer });
    assert.equal(denied.status, 403);
    assert.match(((await denied.json()) as { error: string }).error, /viewer may not/);
    const evil = await post(
      { action: "pause", confirm: "lab" },
      { cookie: operator, origin: "http://evil.example" },
    );
    assert.equal(evil.status, 403);
    const noOrigin = await act(
      new Request("http://127.0.0.1:3000/api/clusters/lab/actions", {
        method: "POST",
        headers: { host: "127.0.0.1:3000", cookie: operator },
        body: JSON.stringify({ action: "pause", confirm: "lab" }),
      }),
      { params: Promise.resolve({ name: "lab" }) },
    );
    assert.equal(noOrigin.status, 403);
    assert.equal(received.length, before);
  });

  test("a wrong confirm or an unknown action: 400; an unknown cluster: 404", async () => {
    const wrong = await post({ action: "pause", confirm: "LAB" }, { cookie: operator });
    assert.equal(wrong.status, 400);
    assert.match(
      ((await wrong.json()) as { error: string }).error,
      /confirm must be the cluster's name \("lab"\)/,
    );
    assert.equal((await post({ action: "drop-database", confirm: "lab" }, { cookie: operator })).status, 400);
    assert.equal((await post({ action: "pause", confirm: "x" }, { cookie: operator }, "nope")).status, 404);
  });
});

describe("preflight and Patroni's answer", () => {
  test("switchover to the leader itself or to a member that does not exist: 409 with the verdict", async () => {
    const before = received.length;
    const toLeader = await post(
      { action: "switchover", candidate: "node1", confirm: "lab" },
      { cookie: operator },
    );
    assert.equal(toLeader.status, 409);
    const body = (await toLeader.json()) as { preflight: { problems: { code: string }[] } };
    assert.deepEqual(
      body.preflight.problems.map((p) => p.code),
      ["candidate_is_leader"],
    );
    const ghost = await post(
      { action: "switchover", candidate: "node9", confirm: "lab" },
      { cookie: operator },
    );
    assert.equal(ghost.status, 409);
    assert.equal(received.length, before);
  });

  test("resume while not paused is refused (409); force does not override it", async () => {
    const res = await post({ action: "resume", force: true, confirm: "lab" }, { cookie: operator });
    assert.equal(res.status, 409);
  });

  test("switchover to a ready replica: POST /switchover on the leader's node with the credentials; the password never comes back", async () => {
    const before = received.length;
    const res = await post(
      { action: "switchover", candidate: "node2", confirm: "lab" },
      { cookie: operator },
    );
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const sent = received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.method, "POST");
    assert.equal(sent[0]!.path, "/switchover");
    assert.deepEqual(JSON.parse(sent[0]!.body), { leader: "node1", candidate: "node2" });
    assert.equal(sent[0]!.authorization, `Basic ${Buffer.from(`patroni:${PASSWORD}`).toString("base64")}`);
    assert.ok(!text.includes(PASSWORD), "the REST password is not in the response");
    const body = JSON.parse(text) as { patroni: { status: number; text: string }; node: string };
    assert.equal(body.patroni.status, 200);
    assert.equal(body.patroni.text, "Successfully done (patroni:***)");
    assert.equal(body.node, nodes[0]!.target.url, "sent to the leader's node");
  });

  test("pause and resume: PATCH /config with pause true/false", async () => {
    const before = received.length;
    assert.equal((await post({ action: "pause", confirm: "lab" }, { cookie: operator })).status, 200);
    assert.deepEqual(
      received.slice(before).map((r) => [r.method, r.path, r.body]),
      [["PATCH", "/config", '{"pause":true}']],
    );
  });

  test("restart of one member goes to that member's node, only-if-pending as restart_pending", async () => {
    const before = received.length;
    const res = await post(
      { action: "restart", member: "node3", pendingOnly: true, confirm: "lab" },
      { cookie: operator },
    );
    assert.equal(res.status, 200);
    const sent = received.slice(before);
    assert.deepEqual(
      sent.map((r) => [r.method, r.path, r.body]),
      [["POST", "/restart", '{"restart_pending":true}']],
    );
    assert.equal(((await res.json()) as { node: string }).node, nodes[2]!.target.url);
    assert.equal(
      (await post({ action: "restart", confirm: "lab" }, { cookie: operator })).status,
      409,
      "member required",
    );
  });

  test("Patroni's 401 (wrong REST credentials) is shown as such (502 with Patroni's status and text)", async () => {
    (nodes[0]!.target as { auth: unknown }).auth = { username: "patroni", password: "wrong" };
    try {
      const res = await post(
        { action: "cancel-switchover", force: true, confirm: "lab" },
        { cookie: operator },
      );
      // Nothing scheduled: the preflight refuses it before Patroni is asked.
      assert.equal(res.status, 409);
      const reload = await post({ action: "reload", member: "node1", confirm: "lab" }, { cookie: operator });
      assert.equal(reload.status, 502);
      const body = (await reload.json()) as { patroni: { status: number; text: string } };
      assert.deepEqual(body.patroni, { status: 401, text: "no auth header received" });
    } finally {
      (nodes[0]!.target as { auth: unknown }).auth = { username: "patroni", password: PASSWORD };
    }
  });
});

describe("edit-config", () => {
  test("an operator may not (403); an admin's change goes to the leader as PATCH /config, only the patch", async () => {
    const change = {
      action: "edit-config",
      config: { loop_wait: 3 },
      base: { loop_wait: 2 },
      confirm: "lab",
    };
    const denied = await post(change, { cookie: operator });
    assert.equal(denied.status, 403);
    assert.match(
      ((await denied.json()) as { error: string }).error,
      /operator may not edit-config; an admin may/,
    );
    const before = received.length;
    const res = await post(change, { cookie: admin });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.ok(!text.includes(PASSWORD));
    const sent = received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.method, "PATCH");
    assert.equal(sent[0]!.path, "/config");
    assert.deepEqual(JSON.parse(sent[0]!.body), { loop_wait: 3 });
    assert.equal(sent[0]!.authorization, `Basic ${Buffer.from(`patroni:${PASSWORD}`).toString("base64")}`);
    assert.equal((JSON.parse(text) as { node: string }).node, nodes[0]!.target.url, "the leader's node");
    assert.match(
      (JSON.parse(text) as { patroni: { text: string } }).patroni.text,
      /^configuration updated: loop_wait$/,
    );
  });

  test("the configuration changed since the editor opened: 409; an invalid change: 400; nothing sent", async () => {
    const before = received.length;
    const stale = await post(
      { action: "edit-config", config: { loop_wait: 3 }, base: { loop_wait: 5 }, confirm: "lab" },
      { cookie: admin },
    );
    assert.equal(stale.status, 409);
    assert.deepEqual(
      ((await stale.json()) as { preflight: { problems: { code: string }[] } }).preflight.problems.map(
        (p) => p.code,
      ),
      ["config_changed"],
    );
    const invalid = await post(
      { action: "edit-config", config: { ttl: 5, pause: true }, confirm: "lab" },
      { cookie: admin },
    );
    assert.equal(invalid.status, 400);
    assert.match(
      ((await invalid.json()) as { error: string }).error,
      /ttl: below_minimum; pause: not_editable; loop_wait: loop_wait_too_long/,
    );
    assert.equal(received.length, before);
  });
});

describe("audit", () => {
  test("every attempt with a session is in GET /api/audit, for operators only", async () => {
    const res = await getAudit(
      new Request("http://127.0.0.1:3000/api/audit", { headers: { cookie: operator } }),
    );
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes(PASSWORD));
    const { events } = JSON.parse(text) as {
      events: {
        kind: string;
        user: string;
        action: string;
        outcome: string;
        patroniStatus: number | null;
        address: string;
      }[];
    };
    const attempts = events.filter((e) => e.kind === "action");
    const outcomes = attempts.map((e) => `${e.user}:${e.action}:${e.outcome}`);
    assert.ok(outcomes.includes("vera:pause:forbidden"), outcomes.join(", "));
    assert.ok(outcomes.includes("olga:pause:bad_confirm"));
    assert.ok(outcomes.includes("olga:switchover:preflight_refused"));
    assert.ok(outcomes.includes("olga:switchover:succeeded"));
    assert.ok(outcomes.includes("olga:reload:patroni_refused"));
    assert.equal(attempts.find((e) => e.outcome === "patroni_refused")?.patroniStatus, 401);
    assert.equal(
      (await getAudit(new Request("http://x/api/audit", { headers: { cookie: viewer } }))).status,
      403,
    );
    assert.equal((await getAudit(new Request("http://x/api/audit"))).status, 401);
  });

  const auditRows = async () => {
    const res = await getAudit(
      new Request("http://127.0.0.1:3000/api/audit?limit=1000", { headers: { cookie: operator } }),
    );
    return ((await res.json()) as { events: Record<string, unknown>[] }).events.filter(
      (e) => e.kind === "action",
    );
  };

  test("refused before any session check: anonymous and cross-origin attempts are audited with who, where and what", async () => {
    const anonymous = await post(
      { action: "switchover", candidate: "node2", confirm: "lab" },
      { "x-forwarded-for": "203.0.113.7" },
    );
    assert.equal(anonymous.status, 401);
    const evil = await post(
      { action: "pause", confirm: "lab" },
      { cookie: operator, origin: "http://evil.example", "x-forwarded-for": "198.51.100.9" },
    );
    assert.equal(evil.status, 403);
    const strangerEvil = await post({ action: "resume", confirm: "lab" }, { origin: "http://evil.example" });
    assert.equal(strangerEvil.status, 403);
    const rows = await auditRows();
    const find = (outcome: string, action: string) =>
      rows.find((e) => e.outcome === outcome && e.action === action);
    assert.deepEqual(
      pick(find("unauthenticated", "switchover"), [
        "user",
        "role",
        "address",
        "candidate",
        "status",
        "cluster",
      ]),
      {
        user: "(anonymous)",
        role: "anonymous",
        address: "203.0.113.7",
        candidate: "node2",
        status: 401,
        cluster: "lab",
      },
    );
    assert.deepEqual(pick(find("cross_origin", "pause"), ["user", "role", "address", "origin", "status"]), {
      user: "olga",
      role: "operator",
      address: "198.51.100.9",
      origin: "http://evil.example",
      status: 403,
    });
    assert.deepEqual(pick(find("cross_origin", "resume"), ["user", "origin"]), {
      user: "(anonymous)",
      origin: "http://evil.example",
    });
    // A viewer's refused attempt was audited in "who may act" above; an unknown cluster is not.
    assert.equal(find("forbidden", "pause")?.user, "vera");
    await post({ action: "pause", confirm: "x" }, { cookie: operator }, "no-such-cluster");
    assert.ok(!(await auditRows()).some((e) => e.cluster === "no-such-cluster"));
  });

  test("a flood of attempts without a session keeps at most 30 a minute in the audit", async () => {
    const unsigned = (rows: Record<string, unknown>[]) => rows.filter((e) => e.role === "anonymous").length;
    const before = unsigned(await auditRows());
    for (let i = 0; i < UNSIGNED_AUDIT_PER_MINUTE + 10; i++)
      assert.equal((await post({ action: "pause", confirm: "lab" })).status, 401);
    assert.equal(unsigned(await auditRows()), UNSIGNED_AUDIT_PER_MINUTE);
    assert.ok(before < UNSIGNED_AUDIT_PER_MINUTE);
    // Signed-in attempts are never dropped.
    const refused = await post({ action: "pause", confirm: "wrong" }, { cookie: operator });
    assert.equal(refused.status, 400);
    assert.equal((await auditRows())[0]?.outcome, "bad_confirm");
  });
});

function pick(row: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  assert.ok(row, "an audit row");
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
