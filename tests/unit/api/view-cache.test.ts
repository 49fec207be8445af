import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { FAILOVER_POLL_MS, Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { clusterJson, clusterSnapshot, VIEW_CACHE_MS } from "@/lib/server/snapshot";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// Many viewers, one build: the cluster view is rebuilt only after the poller wrote, or once a second.

const clock = new FakeClock(Date.now());
const nodes = [1, 2, 3].map(
  (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
);
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
    config: testConfig(),
    clusters: [cluster],
    poller,
    demo: null,
    startedAt: 0,
  });
});
after(() => installRuntime(null));

test("200 reads within a second share one view and one serialisation", async () => {
  const t = clock.now();
  const first = await clusterSnapshot("lab", t);
  const json = await clusterJson("lab", t);
  for (let i = 0; i < 200; i++) {
    assert.equal(await clusterSnapshot("lab", t + (i % VIEW_CACHE_MS)), first);
    assert.equal(await clusterJson("lab", t + 5), json);
  }
});

test("a new poll cycle, or a second passing, rebuilds the view", async () => {
  const t = clock.now();
  const first = await clusterSnapshot("lab", t);
  assert.notEqual(await clusterSnapshot("lab", t + VIEW_CACHE_MS), first, "a second later");
  const beforeCycle = await clusterSnapshot("lab", t + VIEW_CACHE_MS);
  await poller.runCycle();
  const afterCycle = await clusterSnapshot("lab", t + VIEW_CACHE_MS);
  assert.notEqual(afterCycle, beforeCycle, "after the poller wrote");
  assert.equal(
    JSON.parse((await clusterJson("lab", t + VIEW_CACHE_MS))!).generatedAt,
    afterCycle!.generatedAt,
  );
});

test("a cluster in a failover asks screens to refresh fast, and is still judged stale by its interval", async () => {
  const failing = [1, 2, 3].map(
    (i) =>
      new FakeNode(
        clock,
        `http://127.0.0.1:${8007 + i}`,
        "patroni-3.0.2",
        "c1-failover-in-progress",
        `node${i}`,
      ),
  );
  const state = new ClusterState(
    "failing",
    1,
    failing.map((n) => n.asClient()),
    50,
  );
  const both = new Poller([cluster, state], { intervalMs: 5000, slowIntervalMs: 30000, clock });
  await both.runCycle();
  installRuntime({
    config: testConfig(),
    clusters: [cluster, state],
    poller: both,
    demo: null,
    startedAt: 0,
  });
  try {
    const t = clock.now() + 2 * VIEW_CACHE_MS;
    const detail = (await clusterSnapshot("failing", t))!;
    assert.equal(detail.refreshMs, FAILOVER_POLL_MS);
    assert.equal(detail.pollIntervalMs, 5000, "staleness keeps the configured interval");
    const calm = (await clusterSnapshot("lab", t))!;
    assert.equal(calm.refreshMs, null, "a healthy cluster refreshes every interval");
  } finally {
    installRuntime({ config: testConfig(), clusters: [cluster], poller, demo: null, startedAt: 0 });
  }
});
