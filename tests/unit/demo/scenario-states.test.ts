import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { buildTopology } from "@/lib/domain/topology";
import { simPipeline, stopSimPipelines } from "../../support/sim-pipeline";
import { fakeCluster, type FakeCluster, FIXTURES } from "./fixture-reader";

// The newer scenarios driven through their states on a fake clock: the simulator's bodies (against
// the single-body captures in tests/fixtures/patroni-4-samples where one exists) and what the
// dashboard's own pipeline makes of them (topology, readiness, alerts).

afterEach(stopSimPipelines);

const sample = (file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, "patroni-4-samples", file), "utf8")) as Record<string, unknown>;
type Member = Record<string, unknown> & { name: string; role: string; state: string };
const members = (sim: FakeCluster, from: string) =>
  (sim.json(from, "/cluster") as { members: Member[] }).members;
const byName = (sim: FakeCluster, from: string, name: string) =>
  members(sim, from).find((m) => m.name === name);
const ok = (sim: FakeCluster, name: string) => {
  const result = sim.model.trigger(name);
  assert.ok(result.ok, `${name}: ${result.ok ? "" : result.error}`);
};
const alertCodes = (d: ClusterDetail) => d.alerts.map((a) => `${a.code}${a.member ? `@${a.member}` : ""}`);
const edges = (d: ClusterDetail) =>
  buildTopology(d).edges.map((e) => `${e.from}->${e.to}:${e.kind}:${e.via}${e.broken ? ":broken" : ""}`);
/** Key order of an object, so a body can be compared with a capture's layout. */
const keys = (value: unknown) => Object.keys(value as object);

describe("cascade (replicatefrom)", () => {
  test("node3 streams from node2: walsender rows move, tags appear where Patroni puts them", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    const rows = (node: string) =>
      (
        (sim.json(node, "/patroni").replication ?? []) as { application_name: string; sync_state: string }[]
      ).map((r) => `${r.application_name}:${r.sync_state}`);
    assert.deepEqual(rows("node1"), ["node2:sync", "node3:async"]);
    ok(sim, "cascade");
    sim.wait(4_000);
    assert.deepEqual(rows("node1"), ["node2:sync"], "the leader no longer sends to node3");
    assert.deepEqual(rows("node2"), ["node3:async"], "node2 is node3's upstream");
    const status = sim.json("node3", "/patroni");
    assert.deepEqual(status.tags, { replicatefrom: "node2" });
    assert.equal(status.replication_state, "streaming");
    // Same place as in the capture of a node with tags: after dcs_last_seen, before the system id.
    const real = keys(sample("patroni.primary.live-v4.1.4.json"));
    const ours = keys(status);
    assert.equal(ours[ours.indexOf("tags") - 1], real[real.indexOf("tags") - 1]);
    assert.equal(ours[ours.indexOf("tags") + 1], real[real.indexOf("tags") + 1]);
    const member = byName(sim, "node1", "node3")!;
    assert.deepEqual(member.tags, { replicatefrom: "node2" });
    assert.deepEqual(keys(member).slice(0, 8), [
      "name",
      "role",
      "state",
      "api_url",
      "host",
      "port",
      "timeline",
      "tags",
    ]);
    assert.equal(member.state, "streaming");
    // A tag filter now matches node3 and nobody else.
    assert.equal(sim.get("node3", "/replica?tag_replicatefrom=node2")?.status, 200);
    assert.equal(sim.get("node2", "/replica?tag_replicatefrom=node2")?.status, 503);
  });

  test("the dashboard draws the cascade edge; healthy puts node3 back under the leader", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    assert.deepEqual(edges(p.detail()), ["node1->node2:sync:leader", "node1->node3:async:leader"]);
    p.trigger("cascade");
    const d = await p.poll(5_000);
    assert.deepEqual(edges(d), ["node1->node2:sync:leader", "node2->node3:async:replicatefrom"]);
    assert.deepEqual(d.alerts, []);
    p.trigger("healthy");
    await p.poll(10_000);
    assert.deepEqual(edges(p.detail()), ["node1->node2:sync:leader", "node1->node3:async:leader"]);
    assert.deepEqual(
      p.model.info().nodes.map((n) => n.streaming),
      [false, true, true],
    );
  });

  test("a failover promotes the upstream: node3 then streams straight from the new leader", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "cascade");
    sim.wait(4_000);
    ok(sim, "failover");
    sim.wait(30_000);
    assert.equal(sim.model.info().leader, "node2");
    assert.deepEqual(
      ((sim.json("node2", "/patroni").replication ?? []) as { application_name: string }[]).map(
        (r) => r.application_name,
      ),
      ["node3"],
    );
    assert.equal(byName(sim, "node2", "node3")!.state, "streaming");
  });
});

describe("nofailover", () => {
  test("the tag is published and readiness excludes node3; it is never promoted", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    p.trigger("nofailover");
    const d = await p.poll(5_000);
    const node3 = d.readiness.members.find((m) => m.member === "node3")!;
    assert.ok(node3.reasons.includes("nofailover"), node3.reasons.join());
    assert.deepEqual(d.members.find((m) => m.name === "node3")!.tags, { nofailover: true });

    // Even with no sync standby left node3 does not take over.
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "nofailover");
    ok(sim, "leaderless");
    sim.wait(40_000);
    assert.equal(sim.json("node3", "/patroni").role, "replica");
    assert.deepEqual(sim.json("node3", "/patroni").tags, { nofailover: true });
    assert.equal(sim.get("node3", "/replica?tag_nofailover=true")?.status, 200);
    assert.equal(sim.get("node3", "/replica?tag_nofailover=false")?.status, 503);
  });
});

test("nofailover then a switchover: node3 may hold /sync (only nosync forbids it) but is never promoted", () => {
  const sim = fakeCluster("4.1.4");
  sim.wait(5_000);
  ok(sim, "nofailover");
  ok(sim, "switchover");
  sim.wait(15_000);
  assert.equal(sim.model.info().syncStandby, "node3");
  const refused = sim.model.trigger("failover");
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? "" : refused.error, /node3 has nofailover/);
});

describe("replay paused", () => {
  test("WAL still arrives, replay stops: replay_lag grows, lag stays 0, xlog.paused (f1)", () => {
    for (const version of ["4.1.4", "3.0.2"] as const) {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      ok(sim, "replay-paused");
      sim.wait(10_000);
      const xlog = sim.json("node3", "/patroni").xlog as Record<string, number | boolean>;
      assert.equal(xlog.paused, true, version);
      assert.ok((xlog.received_location as number) - (xlog.replayed_location as number) > 1_048_576, version);
      const member = byName(sim, "node1", "node3")!;
      assert.equal(member.lag, 0, `${version}: lag is from max(received, replayed)`);
      if (version === "4.1.4") assert.ok((member.replay_lag as number) > 1_048_576);
      assert.equal(sim.json("node1", "/cluster").pause, true);
      assert.equal(sim.get("node3", "/replica?lag=1")?.status, 503, version);
      assert.equal(sim.get("node3", "/replica")?.status, 200, version);
    }
  });

  test("the dashboard flags node3's paused replay; healthy resumes it", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    p.trigger("replay-paused");
    const d = await p.poll(10_000);
    assert.ok(alertCodes(d).includes("replay_paused@node3"), alertCodes(d).join());
    assert.ok(alertCodes(d).includes("paused"));
    p.trigger("healthy");
    const after = await p.poll(10_000);
    assert.deepEqual(alertCodes(after), []);
  });
});

describe("quorum commit (4.x)", () => {
  test("both replicas become quorum standbys in every body; 3.0.2 refuses", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "quorum");
    sim.wait(3_000);
    assert.deepEqual(
      members(sim, "node2").map((m) => m.role),
      ["leader", "quorum_standby", "quorum_standby"],
    );
    assert.deepEqual(
      members(sim, "node2").map((m) => m.role),
      (sample("cluster.quorum-mode.live-v4.1.4.json").members as Member[]).map((m) => m.role).sort(),
    );
    const replica = sim.json("node3", "/patroni");
    assert.equal(replica.quorum_standby, true);
    assert.equal(replica.sync_standby, undefined);
    assert.deepEqual(keys(replica), keys(sample("patroni.replica.quorum-standby.live-v4.1.4.json")));
    const rows = sim.json("node1", "/patroni").replication as { sync_state: string; sync_priority: number }[];
    assert.deepEqual(
      rows.map((r) => `${r.sync_state}:${r.sync_priority}`),
      ["quorum:1", "quorum:1"],
    );
    assert.equal(sim.json("node1", "/config").synchronous_mode, "quorum");
    assert.match(sim.get("node2", "/metrics")!.body, /^patroni_quorum_standby\{[^}]+\} 1$/m);
    const v3 = fakeCluster("3.0.2");
    v3.wait(5_000);
    assert.equal(v3.model.trigger("quorum").ok, false);
  });

  test("a failover in quorum mode promotes a quorum standby; healthy restores synchronous_mode: true", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    ok(sim, "quorum");
    sim.wait(3_000);
    ok(sim, "failover");
    sim.wait(30_000);
    assert.equal(sim.model.info().leader, "node2");
    assert.deepEqual(
      members(sim, "node2").map((m) => `${m.name}:${m.role}`),
      ["node2:leader", "node3:quorum_standby"],
    );
    ok(sim, "healthy");
    sim.wait(15_000);
    assert.equal(sim.json("node2", "/config").synchronous_mode, true);
    assert.ok(members(sim, "node2").some((m) => m.role === "sync_standby"));
  });
});

describe("leader cut off from the DCS", () => {
  test("it demotes itself, its key expires after ttl, node2 leads; it hangs up on /cluster", async () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    const t0 = sim.clock.t;
    ok(sim, "dcs-lost");
    sim.wait(1_000);
    const cut = sim.model.respond("node1", "GET", "/cluster")!;
    assert.equal(cut.dropAfterMs, 5_000, "/cluster: retry_timeout, then the connection closes");
    assert.equal(sim.json("node1", "/patroni").cluster_unlocked, true);
    const seen = sim.json("node1", "/patroni").dcs_last_seen as number;
    let demotedAt = 0;
    let electedAt = 0;
    while (sim.clock.t - t0 < 30_000) {
      sim.wait(250, 250);
      const role = sim.json("node1", "/patroni").role;
      if (!demotedAt && role !== "primary") demotedAt = sim.clock.t - t0;
      if (!electedAt && sim.model.info().leader === "node2") electedAt = sim.clock.t - t0;
      // Never two primaries at once.
      assert.ok(!(role === "primary" && sim.json("node2", "/patroni").role === "primary"));
    }
    assert.ok(demotedAt > 0 && demotedAt < 10_000, `demoted after ${demotedAt} ms`);
    assert.ok(electedAt >= 15_000 && electedAt <= 21_000, `elected after ${electedAt} ms`);
    assert.equal(sim.json("node1", "/patroni").dcs_last_seen, seen, "dcs_last_seen stays stale");
    assert.equal(sim.json("node1", "/patroni").replication_state, undefined, "it follows nobody");
    assert.deepEqual(
      members(sim, "node2").map((m) => m.name),
      ["node2", "node3"],
    );
    assert.equal(sim.get("node1", "/primary")?.status, 503);
    assert.equal(sim.get("node1", "/sync")?.status, 503);
    ok(sim, "healthy");
    sim.wait(15_000);
    assert.equal(members(sim, "node1").length, 3);
    assert.equal(sim.model.info().settled, true);
  });

  test("the dashboard loses node1 from the DCS and sees node2 become leader", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    p.trigger("dcs-lost");
    const d = await p.poll(30_000);
    assert.equal(d.leader, "node2");
    assert.ok(alertCodes(d).includes("member_missing@node1"), alertCodes(d).join());
    assert.equal(d.members.find((m) => m.name === "node1")!.reachable, true, "its /patroni still answers");
  });
});

describe("scheduled switchover", () => {
  test("/cluster shows scheduled_switchover as Patroni does, then the switchover happens on time", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    const t0 = sim.clock.t;
    ok(sim, "scheduled-switchover");
    sim.wait(1_000);
    const body = sim.json("node2", "/cluster");
    const real = sample("cluster.scheduled-switchover-and-restart.live-v4.1.4.json");
    assert.deepEqual(keys(body), keys(real));
    const plan = body.scheduled_switchover as { at: string; from: string; to: string };
    assert.deepEqual(keys(plan), keys(real.scheduled_switchover));
    assert.match(plan.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.deepEqual([plan.from, plan.to], ["node1", "node2"]);
    const due = Date.parse(plan.at);
    assert.ok(due - t0 >= 30_000 && due - t0 < 31_000);
    while (sim.clock.t < due - 500) {
      sim.wait(500, 500);
      assert.equal(sim.model.info().leader, "node1", "nothing happens before the time");
    }
    sim.wait(10_000);
    assert.equal(sim.model.info().leader, "node2");
    assert.equal(sim.json("node2", "/cluster").scheduled_switchover, undefined);
    assert.equal((sim.json("node3", "/history") as unknown as unknown[]).length, 1);
  });

  test("the dashboard reports the plan, then the leader change", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    p.trigger("scheduled-switchover");
    let d = await p.poll(5_000);
    assert.deepEqual([d.scheduledSwitchover?.from, d.scheduledSwitchover?.to], ["node1", "node2"]);
    d = await p.poll(40_000);
    assert.equal(d.scheduledSwitchover, null);
    assert.equal(d.leader, "node2");
  });
});

describe("restart clears a pending restart", () => {
  test("each node restarts in turn (restarting, then running) and pending_restart goes away", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(5_000);
    assert.equal(sim.model.trigger("restart").ok, false, "nothing pending, nothing to restart");
    ok(sim, "pending-restart");
    sim.wait(3_000);
    assert.ok(members(sim, "node1").every((m) => m.pending_restart === true));
    const starts = ["node1", "node2", "node3"].map((n) => sim.json(n, "/patroni").postmaster_start_time);
    ok(sim, "restart");
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      sim.wait(250, 250);
      for (const m of members(sim, "node1")) if (m.state === "restarting") seen.add(m.name);
    }
    assert.deepEqual([...seen].sort(), ["node1", "node2", "node3"]);
    assert.ok(members(sim, "node1").every((m) => m.pending_restart === undefined));
    assert.equal(sim.json("node1", "/patroni").pending_restart, undefined);
    const after = ["node1", "node2", "node3"].map((n) => sim.json(n, "/patroni").postmaster_start_time);
    after.forEach((s, i) => assert.notEqual(s, starts[i], `node${i + 1} has a new postmaster`));
    assert.equal(sim.model.info().leader, "node1", "a restart keeps the leader");
    assert.equal(sim.model.info().settled, true, sim.model.info().phase);
  });

  test("the dashboard's pending-restart alerts clear one by one", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    p.trigger("pending-restart");
    let d = await p.poll(5_000);
    assert.deepEqual(alertCodes(d).filter((c) => c.startsWith("pending")).length, 3);
    p.trigger("restart");
    d = await p.poll(30_000);
    assert.deepEqual(alertCodes(d), []);
  });
});
