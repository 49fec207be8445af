import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_SCENARIOS } from "@/lib/server/demo";
import { fakeCluster, type FakeCluster, NODES, VERSIONS } from "./fixture-reader";

// Scenario timelines on a fake clock: whole failovers run in milliseconds of test time.

type Member = Record<string, unknown> & { name: string; role: string; state: string; timeline?: number };
const members = (sim: FakeCluster, from: string) =>
  (sim.json(from, "/cluster") as { members: Member[] }).members;
const summary = (sim: FakeCluster, from: string) =>
  members(sim, from)
    .map((m) => `${m.name}:${m.role}:${m.state}`)
    .join(" ");
const ok = (sim: FakeCluster, name: string) => {
  const result = sim.model.trigger(name);
  assert.ok(result.ok, `${name}: ${result.ok ? "" : result.error}`);
  return result;
};

for (const { version } of VERSIONS) {
  describe(`failover on ${version}`, () => {
    test("dead leader listed until its key expires (~ttl), then the sync standby leads on timeline +1", () => {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      const t0 = sim.clock.t;
      ok(sim, "failover");
      assert.equal(sim.get("node1", "/patroni"), null, "the dead leader's API refuses at once");
      let promotedAfter = 0;
      while (sim.clock.t - t0 < 25_000) {
        sim.wait(250, 250);
        const list = members(sim, "node2");
        if (list.some((m) => m.name === "node1")) {
          assert.equal(summary(sim, "node3").split(" ")[0], "node1:leader:running");
          assert.equal(promotedAfter, 0, "node1 came back into /cluster after vanishing");
        } else if (!promotedAfter) {
          promotedAfter = sim.clock.t - t0;
          assert.deepEqual(
            list.map((m) => `${m.name}:${m.role}`),
            ["node2:leader", "node3:replica"],
          );
        }
        if (sim.clock.t - t0 === 3_000) {
          // Both versions: the replicas are up but no longer streaming (4.x stops saying "streaming").
          assert.equal(
            summary(sim, "node2"),
            "node1:leader:running node2:sync_standby:running node3:replica:running",
          );
          assert.equal(
            sim.json("node2", "/patroni").replication_state,
            undefined,
            "no walreceiver, no replication_state",
          );
          assert.equal(
            sim.json("node2", "/patroni").cluster_unlocked,
            undefined,
            "the leader key is still there",
          );
        }
      }
      assert.ok(
        promotedAfter >= 17_500 && promotedAfter <= 20_500,
        `promoted ${promotedAfter} ms after the kill`,
      );
      const leader = sim.json("node2", "/patroni");
      assert.equal(leader.role, version === "3.0.2" ? "master" : "primary");
      assert.equal(leader.timeline, 2);
      const history = sim.json("node3", "/history") as unknown as unknown[][];
      assert.equal(history.length, 1);
      assert.deepEqual(
        [history[0]![0], history[0]![2], history[0]![4]],
        [1, "no recovery target specified", "node2"],
      );
      sim.wait(10_000);
      assert.equal(
        summary(sim, "node3"),
        `node2:leader:running node3:sync_standby:${version === "3.0.2" ? "running" : "streaming"}`,
      );
      assert.equal(sim.model.info().settled, true);
      assert.equal(sim.get("node1", "/patroni"), null, "stays down until healthy");
    });

    test("healthy brings the old leader back as a replica after a short rejoin", () => {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      ok(sim, "failover");
      sim.wait(30_000);
      ok(sim, "healthy");
      const back = sim.json("node1", "/patroni");
      assert.deepEqual([back.role, back.state], ["replica", "stopped"]);
      sim.wait(12_000);
      const streaming = version === "3.0.2" ? "running" : "streaming";
      assert.equal(
        summary(sim, "node1"),
        `node1:replica:${streaming} node2:leader:running node3:sync_standby:${streaming}`,
      );
      assert.equal(sim.json("node1", "/patroni").timeline, 2);
      assert.equal(sim.model.info().settled, true);
    });
  });
}

describe("switchover", () => {
  test("leader to sync standby in ~2.3 s; the leader first loses its timeline, then says stopping", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "switchover");
    sim.wait(1_000);
    const leaderMember = members(sim, "node3").find((m) => m.name === "node1")!;
    assert.deepEqual(
      [leaderMember.role, leaderMember.state, leaderMember.timeline],
      ["leader", "running", undefined],
    );
    sim.wait(1_250);
    assert.equal(members(sim, "node3").find((m) => m.name === "node1")!.state, "stopping");
    sim.wait(500);
    assert.match(summary(sim, "node3"), /^node1:replica:stopped node2:leader:running/);
    sim.wait(10_000);
    assert.equal(
      summary(sim, "node3"),
      "node1:replica:streaming node2:leader:running node3:sync_standby:streaming",
    );
    assert.equal(sim.json("node1", "/patroni").timeline, 2);
    assert.equal((sim.json("node2", "/history") as unknown as unknown[]).length, 1);
  });

  test("is refused while no sync standby exists, like Patroni's 412", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "failover");
    sim.wait(19_500);
    const result = sim.model.trigger("switchover");
    assert.equal(result.ok, false);
    assert.equal(sim.model.trigger("no-such-scenario").ok, false);
  });
});

describe("lag-spike", () => {
  test("the async replica's receive and replay lag pass 1 MB for ~30 s, then recover", () => {
    const sim = fakeCluster("4.1.4", 3);
    sim.wait(5_000);
    ok(sim, "lag-spike");
    let above = 0;
    for (let s = 0; s < 60; s++) {
      sim.wait(1_000);
      const node3 = members(sim, "node1").find((m) => m.name === "node3")!;
      const lagging = Number(node3.receive_lag) > 1_048_576 && Number(node3.replay_lag) > 1_048_576;
      if (lagging) above += 1;
      assert.equal(node3.state, "streaming", "a stopped walreceiver still reports streaming");
      if (s === 20) {
        const p = sim.json("node3", "/patroni") as {
          xlog: { received_location: number; replayed_location: number };
        };
        assert.equal(p.xlog.received_location, p.xlog.replayed_location);
        assert.equal(sim.get("node3", "/readiness")?.status, 503);
        assert.equal(sim.get("node3", "/replica?lag=1MB")?.status, 503);
        assert.equal(sim.get("node3", "/replica?lag=1GB")?.status, 200);
        assert.equal(
          sim.get("node3", "/replica?lag=10mb")?.status,
          200,
          "an invalid unit disables the check",
        );
        assert.equal(sim.get("node3", "/replica")?.status, 200);
      }
    }
    assert.ok(above >= 24 && above <= 36, `above 1 MB for ${above} s`);
    const node3 = members(sim, "node1").find((m) => m.name === "node3")!;
    assert.deepEqual([node3.lag, node3.receive_lag, node3.replay_lag], [0, 0, 0]);
    assert.equal(sim.get("node3", "/readiness")?.status, 200);
  });
});

describe("node-down, maintenance, pending-restart, leaderless", () => {
  test("node-down: stopped with six unknown lag fields for ~ttl, then gone; healthy brings it back", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "node-down");
    assert.equal(sim.get("node3", "/patroni"), null);
    sim.wait(3_000);
    const node3 = members(sim, "node1").find((m) => m.name === "node3")!;
    assert.deepEqual(Object.keys(node3).slice(6), [
      "receive_lsn",
      "receive_lag",
      "replay_lsn",
      "replay_lag",
      "lsn",
      "lag",
    ]);
    assert.ok(
      Object.entries(node3)
        .slice(6)
        .every(([, v]) => v === "unknown"),
    );
    assert.equal(node3.state, "stopped");
    sim.wait(18_000);
    assert.ok(
      members(sim, "node1").some((m) => m.name === "node3"),
      "still listed ~21 s after the stop",
    );
    sim.wait(3_000);
    assert.ok(!members(sim, "node1").some((m) => m.name === "node3"), "gone after its key expired");
    ok(sim, "healthy");
    sim.wait(6_000);
    assert.equal(
      summary(sim, "node3"),
      "node1:leader:running node2:sync_standby:streaming node3:replica:streaming",
    );
  });

  test("maintenance sets pause in /cluster, every status body and /config; healthy clears it", () => {
    const sim = fakeCluster("3.0.2");
    sim.wait(5_000);
    ok(sim, "maintenance");
    assert.equal(sim.json("node1", "/cluster").pause, true);
    assert.equal(sim.json("node2", "/config").pause, true);
    for (const n of ["node1", "node2", "node3"]) assert.equal(sim.json(n, "/replica").pause, true);
    ok(sim, "healthy");
    assert.equal(sim.json("node1", "/cluster").pause, undefined);
    assert.equal(sim.json("node3", "/patroni").pause, undefined);
  });

  test("pending-restart: every node and member after one loop; 4.x adds the reason", () => {
    for (const { version } of VERSIONS) {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      ok(sim, "pending-restart");
      assert.equal(
        (sim.json("node1", "/config").postgresql as { parameters: Record<string, unknown> }).parameters
          .max_connections,
        200,
      );
      sim.wait(2_500);
      const reason = { max_connections: { old_value: "100", new_value: "200" } };
      for (const n of ["node1", "node2", "node3"]) {
        const body = sim.json(n, "/patroni");
        assert.equal(body.pending_restart, true);
        assert.deepEqual(body.pending_restart_reason, version === "3.0.2" ? undefined : reason);
      }
      for (const m of members(sim, "node2")) assert.equal(m.pending_restart, true, `${version} ${m.name}`);
      // A switchover restarts the old leader's PostgreSQL: it picks up the new value, the others still wait.
      ok(sim, "switchover");
      sim.wait(12_000);
      assert.deepEqual(
        NODES.map((n) => sim.json(n, "/patroni").pending_restart),
        [undefined, true, true],
        version,
      );
      ok(sim, "healthy");
      assert.equal(sim.json("node1", "/patroni").pending_restart, undefined);
    }
  });

  test("leaderless: no leader key after ttl, cluster_unlocked, the survivor stays a replica until healthy", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "leaderless");
    sim.wait(40_000);
    assert.equal(summary(sim, "node3"), "node3:replica:running");
    const body = sim.json("node3", "/patroni");
    assert.deepEqual([body.role, body.cluster_unlocked], ["replica", true]);
    assert.equal(sim.model.info().leader, null);
    ok(sim, "healthy");
    sim.wait(15_000);
    assert.equal(
      summary(sim, "node3"),
      "node1:leader:running node2:replica:streaming node3:sync_standby:streaming",
    );
    assert.equal(
      sim.json("node3", "/patroni").timeline,
      2,
      "the returning leader promotes onto a new timeline",
    );
  });

  test("every scenario is accepted from a healthy cluster and healthy always settles", () => {
    for (const name of DEMO_SCENARIOS) {
      const sim = fakeCluster("4.1.4");
      sim.wait(5_000);
      // A restart needs something pending to restart.
      if (name === "restart") {
        ok(sim, "pending-restart");
        sim.wait(3_000);
      }
      ok(sim, name);
      sim.wait(45_000, 1_000);
      ok(sim, "healthy");
      sim.wait(15_000, 1_000);
      const info = sim.model.info();
      assert.equal(info.settled, true, `${name}: ${info.phase}`);
      assert.ok(
        info.nodes.every((n) => n.apiUp && n.state === "running"),
        name,
      );
      assert.equal(info.nodes.filter((n) => n.streaming).length, 2, name);
      assert.ok(info.leader && info.syncStandby, name);
    }
  });
});

describe("random scenario sequences", () => {
  test("never two leaders, WAL never goes back, and healthy always restores the same picture", () => {
    for (let seed = 1; seed <= 24; seed++) {
      const version = seed % 2 ? "4.1.4" : "3.0.2";
      const sim = fakeCluster(version, seed);
      let lastLsn = 0;
      const script: string[] = [];
      for (let k = 0; k < 6; k++) {
        const name = DEMO_SCENARIOS[(seed * 7 + k * 5) % DEMO_SCENARIOS.length]!;
        script.push(`${name}:${sim.model.trigger(name).ok}`);
        for (let i = 0; i < ((seed + k) % 9) + 1; i++) {
          sim.wait(1_700, 425);
          const where = `seed ${seed} ${script.join(" ")}`;
          // A node cut off from the DCS answers /patroni but hangs up on /cluster.
          const live = NODES.filter((n) => sim.get(n, "/cluster"));
          if (live.length === 0) continue; // e.g. node-down, then leaderless: every API is down
          const leaders = members(sim, live[0]!).filter((m) => m.role === "leader");
          assert.ok(leaders.length <= 1, where);
          for (const n of live) {
            const xlog = sim.json(n, "/patroni").xlog as
              { location?: number; received_location?: number } | undefined;
            if (xlog?.location !== undefined) {
              assert.ok(xlog.location >= lastLsn, `${where}: primary LSN went back`);
              lastLsn = xlog.location;
            }
          }
        }
      }
      ok(sim, "healthy");
      sim.wait(20_000, 500);
      const info = sim.model.info();
      const where = `seed ${seed} ${script.join(" ")}: ${info.phase}`;
      assert.ok(info.settled && info.leader && info.syncStandby, where);
      assert.ok(
        info.nodes.every((n) => n.apiUp && n.state === "running"),
        where,
      );
      const list = members(sim, "node1");
      assert.equal(list.length, 3, where);
      assert.equal(new Set(list.map((m) => m.timeline)).size, 1, where);
      assert.equal(
        (sim.json("node2", "/history") as unknown as unknown[]).length,
        list[0]!.timeline! - 1,
        where,
      );
    }
  });
});
