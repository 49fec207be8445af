import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildTopology, layoutTopology, linkKindOf } from "@/lib/domain/topology";
import { detailFromFixtures, makeDetail, makeMember } from "../../support/detail";

const edgesOf = (topology: ReturnType<typeof buildTopology>) =>
  topology.edges.map((e) => `${e.from}>${e.to}:${e.kind}${e.broken ? ":broken" : ""}`);

describe("buildTopology from the real captures", () => {
  for (const version of ["patroni-3.0.2", "patroni-4"] as const) {
    test(`${version} a-healthy: leader at the root, sync and async links`, () => {
      const topology = buildTopology(detailFromFixtures(version, ["a-healthy"]));
      assert.equal(topology.leader, "node1");
      assert.deepEqual(
        topology.nodes.map((n) => [n.name, n.depth, n.isLeader]),
        [
          ["node1", 0, true],
          ["node2", 1, false],
          ["node3", 1, false],
        ],
      );
      assert.deepEqual(edgesOf(topology), ["node1>node2:sync", "node1>node3:async"]);
      assert.ok(topology.nodes.every((n) => n.condition === "ok" && n.tone === "ok"));
    });
  }

  test("4.1.4 c2 after failover: the dead old member stays, drawn missing with its reason", () => {
    const topology = buildTopology(detailFromFixtures("patroni-4", ["a-healthy", "c2-after-failover"]));
    assert.equal(topology.leader, "node3");
    assert.equal(topology.nodes[0]!.name, "node3");
    const node2 = topology.nodes.find((n) => n.name === "node2")!;
    assert.equal(node2.condition, "missing");
    assert.equal(node2.tone, "crit");
    assert.match(node2.reason ?? "", /connection refused/);
    assert.deepEqual(edgesOf(topology), ["node3>node1:sync", "node3>node2:sync:broken"]);
  });

  test("3.0.2 c2: three members, none dropped", () => {
    const topology = buildTopology(detailFromFixtures("patroni-3.0.2", ["a-healthy", "c2-after-failover"]));
    assert.deepEqual(
      topology.nodes.map((n) => `${n.name}:${n.condition}`),
      ["node1:ok", "node2:ok", "node3:missing"],
    );
  });

  test("4.1.4 f2: the lagging replica is over the threshold and warns", () => {
    const node2 = buildTopology(detailFromFixtures("patroni-4", ["f2-walreceiver-stalled"])).nodes.find(
      (n) => n.name === "node2",
    )!;
    assert.equal(node2.lagBytes, 9_604_264);
    assert.equal(node2.lagOverThreshold, true);
    assert.equal(node2.tone, "warn");
  });
});

describe("buildTopology rules", () => {
  test("quorum standbys get quorum links", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "a", role: "leader", state: "running" }),
        makeMember({ name: "b", role: "quorum_standby" }),
        makeMember({ name: "c", role: "quorum_standby" }),
      ],
      leader: "a",
    });
    assert.deepEqual(edgesOf(buildTopology(detail)), ["a>b:quorum", "a>c:quorum"]);
  });

  test("replicatefrom naming another non-leader member makes a cascade (patronictl topology)", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "node1", role: "leader", state: "running" }),
        makeMember({ name: "node2", role: "replica" }),
        makeMember({ name: "node3", role: "replica", tags: { replicatefrom: "node2" } }),
      ],
    });
    const topology = buildTopology(detail);
    assert.deepEqual(edgesOf(topology), ["node1>node2:async", "node2>node3:async"]);
    assert.equal(topology.edges[1]!.via, "replicatefrom");
    assert.deepEqual(
      topology.nodes.map((n) => `${n.name}@${n.depth}`),
      ["node1@0", "node2@1", "node3@2"],
    );
  });

  test("replicatefrom naming the leader, itself, or an unknown member hangs under the leader", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "node1", role: "leader", state: "running" }),
        makeMember({ name: "node2", role: "replica", tags: { replicatefrom: "node1" } }),
        makeMember({ name: "node3", role: "replica", tags: { replicatefrom: "node3" } }),
        makeMember({ name: "node4", role: "replica", tags: { replicatefrom: "ghost" } }),
      ],
    });
    assert.deepEqual(edgesOf(buildTopology(detail)), [
      "node1>node2:async",
      "node1>node3:async",
      "node1>node4:async",
    ]);
  });

  test("a replicatefrom cycle is broken instead of dropping its members", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "node1", role: "leader", state: "running" }),
        makeMember({ name: "node2", role: "replica", tags: { replicatefrom: "node3" } }),
        makeMember({ name: "node3", role: "replica", tags: { replicatefrom: "node2" } }),
      ],
    });
    const topology = buildTopology(detail);
    assert.equal(topology.nodes.length, 3);
    assert.equal(topology.edges.length, 2);
    assert.ok(topology.edges.some((e) => e.from === "node1"));
  });

  test("no leader: every member is a root, none dropped", () => {
    const detail = makeDetail({
      leader: null,
      members: [
        makeMember({ name: "node1", role: "replica", state: "running" }),
        makeMember({ name: "node2", role: "replica", state: "running" }),
      ],
    });
    const topology = buildTopology(detail);
    assert.equal(topology.leader, null);
    assert.deepEqual(
      topology.nodes.map((n) => n.depth),
      [0, 0],
    );
    assert.deepEqual(topology.edges, []);
  });

  test("an unreachable replica is marked with the poll error as its reason; a stopped one is not_running", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "node1", role: "leader", state: "running" }),
        makeMember({
          name: "node2",
          reachable: false,
          lastError: { kind: "timeout", message: "node2: timed out after 2.5 s", status: null, since: 0 },
        }),
        makeMember({ name: "node3", state: "stopped" }),
      ],
    });
    const [, node2, node3] = buildTopology(detail).nodes;
    assert.deepEqual([node2!.condition, node2!.reason], ["unreachable", "node2: timed out after 2.5 s"]);
    assert.deepEqual([node3!.condition, node3!.reason, node3!.tone], ["not_running", "stopped", "warn"]);
  });

  test("link kinds derive from roles", () => {
    assert.deepEqual(
      ["sync_standby", "quorum_standby", "replica", "leader", "standby_leader"].map((r) =>
        linkKindOf(r as never),
      ),
      ["sync", "quorum", "async", null, null],
    );
  });
});

describe("layoutTopology", () => {
  test("leader centred over its replicas, one row per depth", () => {
    const topology = buildTopology(makeDetail());
    const layout = layoutTopology(topology, { nodeWidth: 100, nodeHeight: 50, gapX: 20, gapY: 30 });
    assert.deepEqual(layout.positions.get("node2"), { x: 0, y: 80 });
    assert.deepEqual(layout.positions.get("node3"), { x: 120, y: 80 });
    assert.deepEqual(layout.positions.get("node1"), { x: 60, y: 0 });
    assert.deepEqual([layout.width, layout.height], [220, 130]);
  });
});
