import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getJson, lab, waitFor } from "../support/lab";
import { apiCluster, apiClusters, startDashboard } from "../support/in-process";

// The live data path against a REAL 3-node Patroni cluster (scripts/lab.sh on 127.0.0.1): the real
// client, poller and store, and our route handlers. Poll interval: the default 5 s.

const INTERVAL = 5000;
const cluster = lab("plain");
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let urls: string[];

interface RawMember {
  name: string;
  role: string;
  state: string;
}
async function nodeClusterView(url: string): Promise<RawMember[]> {
  const res = await getJson(`${url}/cluster`);
  return (res.body as { members: RawMember[] }).members;
}

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  assert.equal(urls.length, 3);
  dashboard = await startDashboard({ PATRONI_NODES: urls.join(",") });
});
after(() => dashboard?.close());

describe("the API against a real Patroni cluster", () => {
  test("lists the cluster under its scope, no-store, every member reachable", async () => {
    const res = await apiClusters();
    assert.equal(res.status, 200);
    assert.equal(res.cacheControl, "no-store");
    assert.deepEqual(
      res.body.clusters.map((c) => c.name),
      ["demo"],
    );
    const detail = await apiCluster("demo");
    assert.equal(detail.members.length, 3);
    for (const m of detail.members) assert.equal(m.reachable, true, `${m.name}: ${m.lastError?.message}`);
    assert.equal(detail.orphanNodes.length, 0, "every configured node is matched to its member");
  });

  test("leader and roles equal what every node's own /cluster says", async () => {
    // The DCS view can move between our poll and this read: compare once both have settled.
    await waitFor(
      "API and nodes to agree",
      async () => {
        const detail = await apiCluster("demo");
        for (const url of urls) {
          const members = await nodeClusterView(url);
          const leader = members.find((m) => m.role === "leader")?.name ?? null;
          if (leader !== detail.leader) return false;
          for (const m of members) {
            const ours = detail.members.find((x) => x.name === m.name);
            if (!ours || ours.role !== m.role) return false;
          }
        }
        return true;
      },
      2 * INTERVAL,
    );
    const detail = await apiCluster("demo");
    assert.ok(detail.leader);
    assert.equal(detail.members.filter((m) => m.role === "leader").length, 1);
    assert.equal(detail.members.filter((m) => m.role === "sync_standby").length, 1);
    const leader = detail.members.find((m) => m.name === detail.leader)!;
    assert.ok(leader.receiveLsn! > 0, "the leader's WAL position is read from /patroni");
    for (const m of detail.members.filter((x) => x.role !== "leader")) {
      assert.equal(m.lagSource, "live");
      assert.ok(m.receiveLagBytes !== null && m.receiveLagBytes >= 0);
    }
    assert.ok(detail.config && detail.config.ttl === 20, "/config is read");
  });

  test("after a switchover the API reports the new leader within 2 poll intervals, and history grew by one", async () => {
    const before = await apiCluster("demo");
    const oldLeader = before.leader!;
    const candidate = before.members.find((m) => m.role === "sync_standby")!.name;
    const historyBefore = before.history.length;
    cluster.run("switchover", candidate); // returns once /cluster on the nodes names the new leader
    const seen = await waitFor(
      "the API to report the new leader",
      async () => (await apiCluster("demo")).leader === candidate,
      2 * INTERVAL + 1000,
      100,
    );
    assert.ok(seen.ms <= 2 * INTERVAL, `took ${seen.ms} ms`);
    const grown = await waitFor(
      "history to grow by one",
      async () => {
        const d = await apiCluster("demo");
        return d.history.length === historyBefore + 1 ? d : null;
      },
      2 * INTERVAL,
    );
    const last = grown.value.history.at(-1)!;
    assert.equal(last.newLeader, candidate);
    assert.ok(
      grown.value.events.some(
        (e) => e.kind === "leader_change" && e.from === oldLeader && e.to === candidate,
      ),
    );
  });

  test("a hard-killed replica is marked unreachable with its reason while the others stay fresh; it recovers", async () => {
    cluster.run("wait-healthy", "120");
    const before = await apiCluster("demo");
    const victim = before.members.find((m) => m.role === "replica")!;
    cluster.run("kill", victim.name);
    try {
      const down = await waitFor(
        "the killed node to be marked unreachable",
        async () => {
          const d = await apiCluster("demo");
          const m = d.members.find((x) => x.name === victim.name);
          return m && m.reachable === false ? d : null;
        },
        2 * INTERVAL,
      );
      const marked = down.value.members.find((m) => m.name === victim.name)!;
      assert.equal(marked.lastError?.kind, "refused");
      assert.match(
        marked.lastError!.message,
        new RegExp(`${victim.apiUrl!.replace(/[.]/g, "\\.")}/patroni: connection refused`),
      );
      for (const other of down.value.members.filter((m) => m.name !== victim.name)) {
        assert.equal(other.reachable, true, other.name);
        assert.ok(Date.now() - other.observedAt! <= 2 * INTERVAL, `${other.name} is stale`);
      }
      assert.ok(
        down.value.problems.some(
          (p) => p.member === victim.name && ["node_unreachable", "member_missing"].includes(p.code),
        ),
      );
    } finally {
      cluster.run("start", victim.name);
    }
    // Back-off polls a failing node at most every 4 intervals, and the rejoin takes a few seconds.
    await waitFor(
      "the node to recover",
      async () => {
        const m = (await apiCluster("demo")).members.find((x) => x.name === victim.name);
        return m && m.reachable === true && m.inDcs && ["running", "streaming"].includes(m.state);
      },
      6 * INTERVAL + 30_000,
    );
    cluster.run("wait-healthy", "120");
  });
});
