import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET as getClusters } from "@/app/api/clusters/route";
import { GET as getCluster } from "@/app/api/clusters/[name]/route";
import { GET as getHealthz } from "@/app/api/healthz/route";
import { clusterDetailSchema, clustersResponseSchema, healthzSchema } from "@/lib/domain/contracts";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// Route handlers called directly with a store seeded from the real 4.1.4 captures.

const clock = new FakeClock(Date.now());
const nodes = [1, 2, 3].map(
  (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
);
for (const node of nodes) node.target.auth = { username: "admin", password: "very-secret-password" };
const cluster = new ClusterState(
  "lab",
  0,
  nodes.map((n) => n.asClient()),
  50,
);
const poller = new Poller([cluster], { intervalMs: 5000, slowIntervalMs: 30000, clock });

before(async () => {
  await poller.runCycle();
  installRuntime({
    config: testConfig({ file: "/etc/x.yml" }),
    clusters: [cluster],
    poller,
    demo: null,
    startedAt: Date.now(),
  });
});
after(() => installRuntime(null));

const params = (name: string) => ({ params: Promise.resolve({ name }) });

describe("GET /api/clusters", () => {
  test("200, no-store, the contract, one summary per cluster", async () => {
    const res = await getClusters(new Request("http://x/api/clusters"));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const body = clustersResponseSchema.parse(await res.json());
    assert.equal(body.clusters.length, 1);
    const [summary] = body.clusters;
    assert.equal(summary!.name, "lab");
    assert.equal(summary!.leader, "node1");
    assert.equal(summary!.membersUp, 3);
    assert.equal(summary!.tone, "ok");
    assert.deepEqual(summary!.problems, []);
  });
});

describe("GET /api/clusters/{name}", () => {
  test("the full cluster, matching the contract", async () => {
    const res = await getCluster(new Request("http://x/api/clusters/lab"), params("lab"));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const detail = clusterDetailSchema.parse(await res.json());
    assert.deepEqual(
      detail.members.map((m) => [m.name, m.role, m.state, m.timeline]),
      [
        ["node1", "leader", "running", 1],
        ["node2", "sync_standby", "streaming", 1],
        ["node3", "replica", "streaming", 1],
      ],
    );
    assert.deepEqual(
      detail.members.map((m) => `${m.host}:${m.port}`),
      ["127.0.0.1:5533", "127.0.0.1:5534", "127.0.0.1:5535"],
    );
    assert.equal(detail.config?.maximumLagOnFailover, 1048576);
    assert.deepEqual(detail.history, []);
  });

  test("no response ever carries a Patroni password", async () => {
    for (const res of [
      await getClusters(new Request("http://x/api/clusters")),
      await getCluster(new Request("http://x"), params("lab")),
      await getHealthz(),
    ]) {
      const text = await res.text();
      assert.ok(!text.includes("very-secret-password"));
      assert.ok(!/authorization|password/i.test(text), text.slice(0, 200));
    }
  });

  test("404 with a message for an unknown cluster", async () => {
    const res = await getCluster(new Request("http://x"), params("nope"));
    assert.equal(res.status, 404);
    assert.match((await res.json()).error, /no cluster named "nope"/);
  });
});

describe("GET /api/healthz", () => {
  test("reports the poller", async () => {
    const res = await getHealthz();
    const body = healthzSchema.parse(await res.json());
    assert.equal(body.source, "file");
    assert.equal(body.clusters, 1);
    assert.equal(body.pollerRunning, false); // this seeded poller was never started
    assert.equal(res.status, 503);
    assert.equal(body.status, "degraded");
  });
});
