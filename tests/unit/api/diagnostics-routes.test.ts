import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET as getAlerts } from "@/app/api/alerts/route";
import { GET as getCluster } from "@/app/api/clusters/[name]/route";
import { GET as getHaproxy } from "@/app/api/clusters/[name]/haproxy.cfg/route";
import { GET as getNode } from "@/app/api/clusters/[name]/nodes/[member]/route";
import { alertsResponseSchema, clusterDetailSchema, nodeDetailSchema } from "@/lib/domain/contracts";
import { getRuntime, installRuntime } from "@/lib/server/runtime";
import { INTERVAL, pipeline, PROBE, SLOW } from "../../support/capture-pipeline";

// The diagnostics route handlers called directly, on stores filled by the real poller from the real
// captures: one 4.1.4 cluster in maintenance mode, one 3.0.2 cluster after a config change.

// The handlers read the store at the real time: the fake clocks start now.
const PAUSED_START = Date.now() - 2 * INTERVAL;
const paused = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE, start: PAUSED_START });
const edited = pipeline("patroni-3.0.2", "a-healthy", {
  probeIntervalMs: PROBE,
  start: Date.now() - SLOW - INTERVAL,
});
for (const node of paused.nodes) node.target.auth = { username: "admin", password: "very-secret-password" };

before(async () => {
  await paused.run("a-healthy", "d-paused", "d-paused");
  await edited.run("a-healthy");
  await edited.clock.advance(SLOW);
  await edited.run("g-pending-restart");
  Object.assign(paused.cluster, { configuredName: "paused" });
  Object.assign(edited.cluster, { configuredName: "edited" });
  installRuntime({
    config: {
      source: "file",
      file: "/etc/x.yml",
      pollIntervalMs: INTERVAL,
      slowPollIntervalMs: SLOW,
      probeIntervalMs: PROBE,
      requestTimeoutMs: 2500,
      historyLength: 50,
      clusters: [],
    },
    clusters: [paused.cluster, edited.cluster],
    poller: paused.poller,
    demo: null,
    startedAt: Date.now(),
  });
});
after(() => installRuntime(null));

const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

describe("GET /api/alerts", () => {
  test("every cluster's alerts with the cluster name, no-store, the contract", async () => {
    const res = await getAlerts();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const body = alertsResponseSchema.parse(await res.json());
    assert.deepEqual(
      body.alerts.map((a) => [a.cluster, a.code, a.member]),
      [
        ["paused", "paused", null],
        ["edited", "pending_restart", "node1"],
        ["edited", "pending_restart", "node2"],
        ["edited", "pending_restart", "node3"],
      ],
    );
    assert.equal(body.alerts[0]!.since, PAUSED_START + INTERVAL, "epoch ms of the first paused cycle");
  });
  test("worst first across clusters, whatever the configuration order", async () => {
    // Regression: the alerts were concatenated cluster by cluster, so a cluster configured first
    // with only info alerts hid a warning of the next one below them.
    const runtime = await getRuntime();
    installRuntime({ ...runtime, clusters: [edited.cluster, paused.cluster] });
    try {
      const body = alertsResponseSchema.parse(await (await getAlerts()).json());
      assert.deepEqual(
        body.alerts.map((a) => [a.cluster, a.severity, a.code]),
        [
          ["paused", "warning", "paused"],
          ["edited", "info", "pending_restart"],
          ["edited", "info", "pending_restart"],
          ["edited", "info", "pending_restart"],
        ],
      );
    } finally {
      installRuntime(runtime);
    }
  });
});

describe("GET /api/clusters/{name} (diagnostics fields)", () => {
  test("alerts, readiness, endpoint matrix, routing, node views, config history", async () => {
    const res = await getCluster(new Request("http://x"), params({ name: "edited" }));
    const d = clusterDetailSchema.parse(await res.json());
    assert.deepEqual(
      d.alerts.map((a) => [a.code, a.params.changes]),
      [1, 2, 3].map(() => ["pending_restart", "max_connections 100 → 110"]),
    );
    assert.equal(d.readiness.verdict, "safe");
    assert.equal(d.endpoints.probeIntervalMs, PROBE);
    assert.ok(d.endpoints.probedAt !== null);
    assert.deepEqual(d.routing.find((r) => r.listener === "primary")!.up, ["node1"]);
    assert.equal(d.dcsViews.length, 3);
    assert.deepEqual(
      d.configHistory.flatMap((e) => e.changes.map((c) => c.key)),
      ["postgresql.parameters.max_connections"],
    );
    assert.equal(d.requestTimeoutMs, 2500);
  });
});

describe("GET /api/clusters/{name}/nodes/{member}", () => {
  test("a replica's /patroni explained, with the leader's row about it and the raw body", async () => {
    const res = await getNode(new Request("http://x"), params({ name: "paused", member: "node2" }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const node = nodeDetailSchema.parse(await res.json());
    assert.deepEqual(
      [
        node.patroniRole,
        node.dcsRole,
        node.state,
        node.serverVersion,
        node.serverVersionText,
        node.patroniVersion,
      ],
      ["replica", "replica", "running", 150018, "15.18", "4.1.4"],
    );
    assert.ok(node.wal.receivedLocation! > 0 && node.wal.replayedLocation! > 0);
    assert.equal(node.wal.location, null);
    assert.ok(node.postmasterStartTime! > 0 && node.replayedTimestamp! > 0);
    assert.equal(node.paused, true);
    assert.deepEqual([node.upstream?.applicationName, node.upstream?.state], ["node2", "streaming"]);
    assert.equal((node.raw as { patroni: { version: string } }).patroni.version, "4.1.4");
  });

  test("the leader: its replication rows", async () => {
    const node = nodeDetailSchema.parse(
      await (await getNode(new Request("http://x"), params({ name: "paused", member: "node3" }))).json(),
    );
    assert.equal(node.patroniRole, "primary");
    assert.ok(node.wal.location! > 0);
    assert.deepEqual(node.replication.map((r) => [r.applicationName, r.syncState]).sort(), [
      ["node1", "sync"],
      ["node2", "async"],
    ]);
    assert.equal(node.upstream, null);
  });

  test("404s say whether the cluster or the member is unknown; no password anywhere", async () => {
    const noMember = await getNode(new Request("http://x"), params({ name: "paused", member: "node9" }));
    assert.equal(noMember.status, 404);
    assert.match((await noMember.json()).error, /no member named "node9"/);
    const noCluster = await getNode(new Request("http://x"), params({ name: "nope", member: "node1" }));
    assert.match((await noCluster.json()).error, /no cluster named "nope"/);
    for (const res of [
      await getAlerts(),
      await getNode(new Request("http://x"), params({ name: "paused", member: "node1" })),
      await getHaproxy(new Request("http://x"), params({ name: "paused" })),
    ]) {
      assert.ok(!(await res.text()).includes("very-secret-password"));
    }
  });
});

describe("GET /api/clusters/{name}/haproxy.cfg", () => {
  test("a download: text/plain, attachment, no-store, the cluster's members", async () => {
    const res = await getHaproxy(new Request("http://x"), params({ name: "paused" }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="haproxy-paused.cfg"');
    assert.equal(res.headers.get("cache-control"), "no-store");
    const text = await res.text();
    for (const [name, pg, rest] of [
      ["node1", 5533, 8108],
      ["node2", 5534, 8109],
      ["node3", 5535, 8110],
    ]) {
      assert.ok(
        text.includes(`    server ${name} 127.0.0.1:${pg} maxconn 100 check port ${rest}\n`),
        `${name}\n${text}`,
      );
    }
    assert.equal((await getHaproxy(new Request("http://x"), params({ name: "nope" }))).status, 404);
  });
});
