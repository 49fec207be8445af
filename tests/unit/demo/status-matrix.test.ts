import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  compareMatrix,
  fakeCluster,
  type FakeCluster,
  type FixtureVersion,
  VERSIONS,
} from "./fixture-reader";

// The health-endpoint status codes of every node, per role, against the real captures'
// _context/status-matrix.txt: 22 paths on 3.0.2, 27 on 4.1.4 (including /quorum, /read-only-quorum,
// /read-only-sync, /standby-leader and the 502 of /failsafe).

interface Case {
  capture: string;
  /** What to do to a fresh simulator to reach the captured situation. */
  setup: (sim: FakeCluster) => void;
  skip?: string[];
}

const run =
  (...steps: ([string, number] | number)[]) =>
  (sim: FakeCluster) => {
    for (const step of steps) {
      if (typeof step === "number") sim.wait(step);
      else {
        const result = sim.model.trigger(step[0]);
        assert.ok(result.ok, `${step[0]}: ${result.ok ? "" : result.error}`);
        sim.wait(step[1]);
      }
    }
  };

const common: Case[] = [
  { capture: "a-healthy", setup: run(5_000) },
  { capture: "b-after-switchover", setup: run(5_000, ["switchover", 12_000]) },
  { capture: "c1-failover-in-progress", setup: run(5_000, ["failover", 3_000]) },
  { capture: "c2-after-failover", setup: run(5_000, ["failover", 30_000]) },
  { capture: "c3-old-leader-rejoined", setup: run(5_000, ["failover", 30_000], ["healthy", 10_000]) },
  { capture: "d-paused", setup: run(5_000, ["maintenance", 3_000]) },
  { capture: "f2-walreceiver-stalled", setup: run(5_000, ["lag-spike", 12_000]) },
  { capture: "g-pending-restart", setup: run(5_000, ["pending-restart", 3_000]) },
  // ~9.5 MB behind in the capture; the simulator's replica is a few MB behind after 12 s.
  { capture: "f1-replay-paused", setup: run(5_000, ["replay-paused", 12_000]) },
];

const perVersion: Record<FixtureVersion, Case[]> = {
  "patroni-4": [
    ...common,
    // That capture's /failsafe was 200 only because a stale DCS key was left behind (README).
    { capture: "e3-replica-patroni-stopped", setup: run(5_000, ["node-down", 6_000]), skip: ["/failsafe"] },
    { capture: "q-quorum-mode", setup: run(5_000, ["quorum", 3_000]) },
  ],
  "patroni-3.0.2": [
    ...common,
    { capture: "e1-replica-patroni-stopped", setup: run(5_000, ["node-down", 6_000]) },
    { capture: "i-leaderless-no-sync-candidate", setup: run(5_000, ["leaderless", 30_000]) },
  ],
};

for (const { dir, version } of VERSIONS) {
  describe(`status codes per role match the ${dir} captures`, () => {
    for (const c of perVersion[dir]) {
      test(c.capture, () => {
        const sim = fakeCluster(version);
        c.setup(sim);
        assert.deepEqual(compareMatrix(sim, dir, c.capture, c.skip), []);
      });
    }
  });
}

describe("status codes the matrices do not cover", () => {
  test("4.1.4 /readiness is 503 on a replica without a walreceiver; 3.0.2 says 200", () => {
    for (const { version } of VERSIONS) {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      sim.model.trigger("failover");
      sim.wait(3_000);
      const codes = ["node2", "node3"].map((n) => sim.get(n, "/readiness")?.status);
      assert.deepEqual(codes, version === "3.0.2" ? [200, 200] : [503, 503], version);
    }
  });

  test("paused failover: nobody is promoted, the cluster stays leaderless", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    sim.model.trigger("maintenance");
    sim.model.trigger("failover");
    sim.wait(40_000);
    const cluster = sim.json("node2", "/cluster") as { members: { role: string }[]; pause?: boolean };
    assert.equal(cluster.pause, true);
    assert.deepEqual(
      cluster.members.map((m) => m.role),
      ["sync_standby", "replica"],
    );
    assert.equal(sim.json("node2", "/patroni").cluster_unlocked, true);
    assert.equal(sim.get("node2", "/primary")?.status, 503);
  });
});
