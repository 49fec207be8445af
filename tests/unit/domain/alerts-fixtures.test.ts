import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Alert, ClusterDetail } from "@/lib/domain/contracts";
import { clusterDetailSchema } from "@/lib/domain/contracts";
import { INTERVAL, pipeline, SLOW, type Version } from "../../support/capture-pipeline";

// The real captures through the real pipeline (fake node → client queue → poller → store → view →
// alerts): what a DBA expects to be told in each recorded situation.

const VERSIONS: Version[] = ["patroni-3.0.2", "patroni-4"];
const brief = (alerts: Alert[]) => alerts.map((a) => `${a.code}${a.member ? `@${a.member}` : ""}`);
const find = (d: ClusterDetail, code: string, member: string | null = null) =>
  d.alerts.find((a) => a.code === code && a.member === member);

describe("alerts from the real captures", () => {
  for (const version of VERSIONS) {
    test(`${version} a-healthy: no alert, tone ok, failover safe with the sync standby`, async () => {
      const d = await pipeline(version, "a-healthy").run("a-healthy", "a-healthy", "a-healthy");
      clusterDetailSchema.parse(d);
      assert.deepEqual(d.alerts, []);
      assert.deepEqual(d.problems, []);
      assert.equal(d.tone, "ok");
      assert.deepEqual([d.readiness.verdict, d.readiness.candidates], ["safe", ["node2"]]);
    });

    test(`${version} d-paused: maintenance mode, since the first paused cycle; cleared on resume`, async () => {
      const p = pipeline(version, "a-healthy");
      await p.run("a-healthy");
      const firstPaused = p.clock.now() + INTERVAL;
      let d = await p.run("d-paused", "d-paused", "d-paused");
      assert.deepEqual(brief(d.alerts), ["paused"]);
      assert.deepEqual([find(d, "paused")!.severity, find(d, "paused")!.since], ["warning", firstPaused]);
      assert.deepEqual(d.readiness.reasons, ["maintenance_mode"]);
      d = await p.run("a-healthy");
      assert.deepEqual(d.alerts, []);
      const again = p.clock.now() + INTERVAL;
      d = await p.run("d-paused");
      assert.equal(find(d, "paused")!.since, again, "a new run of the alert starts anew");
    });

    test(`${version} f2-walreceiver-stalled: node2's lag is over maximum_lag_on_failover`, async () => {
      const d = await pipeline(version, "f2-walreceiver-stalled").run("f2-walreceiver-stalled");
      assert.deepEqual(brief(d.alerts), ["lag_over_threshold@node2"]);
      const lag = find(d, "lag_over_threshold", "node2")!;
      assert.equal(lag.params.thresholdBytes, 1_048_576);
      assert.ok((lag.params.lagBytes as number) > 8_000_000, String(lag.params.lagBytes));
      const node2 = d.readiness.members.find((m) => m.member === "node2")!;
      assert.ok(node2.reasons.includes("lag_over_threshold"));
    });

    test(`${version} c1 then c2: failover pending for the dead leader, then it is missing`, async () => {
      const dead = version === "patroni-4" ? "node2" : "node3";
      const p = pipeline(version, "c1-failover-in-progress");
      const c1 = await p.run("c1-failover-in-progress");
      assert.deepEqual(brief(c1.alerts), [`failover_pending@${dead}`]);
      assert.deepEqual(
        [
          find(c1, "failover_pending", dead)!.params.errorKind,
          find(c1, "failover_pending", dead)!.params.ttlSeconds,
        ],
        ["refused", 20],
      );
      const c2 = await p.run("c2-after-failover");
      assert.deepEqual(brief(c2.alerts), [`member_missing@${dead}`]);
      assert.notEqual(c2.leader, dead);
      assert.equal(c2.readiness.verdict, "safe");
    });
  }

  test("failover pending appears in the very cycle of the leader's first failed poll (no back-off)", async () => {
    const p = pipeline("patroni-3.0.2", "a-healthy");
    await p.run("a-healthy", "a-healthy");
    // c1: the leader node3 was killed a second ago; survivors' /cluster still name it leader.
    const d = await p.run("c1-failover-in-progress");
    assert.equal(p.nodes[2]!.count("/patroni"), 3, "the killed leader was polled in this cycle");
    assert.deepEqual([find(d, "failover_pending", "node3")?.since], [p.clock.now()]);
  });

  test("patroni-3.0.2 g-pending-restart after a healthy /config: max_connections 100 → 110", async () => {
    const p = pipeline("patroni-3.0.2", "a-healthy");
    await p.run("a-healthy");
    await p.clock.advance(SLOW); // the next /config read
    const d = await p.run("g-pending-restart");
    assert.deepEqual(brief(d.alerts), [
      "pending_restart@node1",
      "pending_restart@node2",
      "pending_restart@node3",
    ]);
    for (const alert of d.alerts)
      assert.deepEqual(
        [alert.severity, alert.params.changes, alert.params.source],
        ["info", "max_connections 100 → 110", "config_history"],
      );
    assert.deepEqual(
      d.configHistory.map((e) => e.changes.map((c) => [c.key, c.oldValue, c.newValue])),
      [[["postgresql.parameters.max_connections", 100, 110]]],
    );
    assert.deepEqual(
      d.problems.map((p) => p.detail),
      ["max_connections", "max_connections", "max_connections"],
    );
  });

  test("patroni-4 g-pending-restart: Patroni says which parameter (pending_restart_reason)", async () => {
    const d = await pipeline("patroni-4", "g-pending-restart").run("g-pending-restart");
    assert.deepEqual(brief(d.alerts), [
      "pending_restart@node1",
      "pending_restart@node2",
      "pending_restart@node3",
    ]);
    for (const alert of d.alerts)
      assert.deepEqual([alert.params.changes, alert.params.source], ["max_connections 100 → 110", "patroni"]);
  });

  test("patroni-3.0.2 i-leaderless-no-sync-candidate: no leader, and no replica could take over", async () => {
    const d = await pipeline("patroni-3.0.2", "i-leaderless-no-sync-candidate").run(
      "i-leaderless-no-sync-candidate",
    );
    assert.deepEqual(brief(d.alerts), ["no_leader", "node_unreachable", "node_unreachable"]);
    assert.equal(d.tone, "crit");
    assert.deepEqual([d.readiness.verdict, d.readiness.reasons], ["unsafe", ["no_candidate"]]);
    assert.deepEqual(
      d.readiness.members.map((m) => [m.member, m.reasons]),
      [["node3", ["not_sync_standby"]]],
    );
  });

  test("patroni-3.0.2 e3-sync-standby-killed-early: synchronous mode without a sync standby", async () => {
    const d = await pipeline("patroni-3.0.2", "e3-sync-standby-killed-early").run(
      "e3-sync-standby-killed-early",
    );
    assert.deepEqual(brief(d.alerts), ["node_unreachable@node2", "no_sync_standby"]);
    assert.deepEqual(
      [find(d, "no_sync_standby")!.severity, find(d, "no_sync_standby")!.params.strict],
      ["warning", false],
    );
    assert.deepEqual([d.readiness.verdict, d.readiness.candidates], ["unsafe", []]);
  });

  test("patroni-4 q-quorum-mode: healthy; both quorum standbys are failover candidates", async () => {
    const d = await pipeline("patroni-4", "q-quorum-mode").run("q-quorum-mode");
    assert.deepEqual(d.alerts, []);
    assert.deepEqual([d.readiness.verdict, d.readiness.candidates], ["safe", ["node1", "node2"]]);
  });

  test("patroni-4 f1-replay-paused: replay paused and its replay lag, while maintenance mode is on", async () => {
    const d = await pipeline("patroni-4", "f1-replay-paused").run("f1-replay-paused");
    assert.deepEqual(brief(d.alerts), ["lag_over_threshold@node2", "replay_paused@node2", "paused"]);
    assert.equal(find(d, "lag_over_threshold", "node2")!.params.receiveLagBytes, 0, "only replay is behind");
  });
});

describe("the dead leader is polled every cycle (no back-off) until the failover", () => {
  test("patroni-4: c1 for six cycles → node2 (leader in the DCS) asked each time; a dead replica backs off", async () => {
    const p = pipeline("patroni-4", "a-healthy");
    await p.run("a-healthy");
    const before = p.nodes.map((n) => n.count("/patroni"));
    const d = await p.run(...Array.from({ length: 6 }, () => "c1-failover-in-progress"));
    assert.equal(p.nodes[1]!.count("/patroni") - before[1]!, 6, "the leader node2");
    assert.equal(d.alerts.find((a) => a.code === "failover_pending")?.member, "node2");
    // e3: the replica node2's Patroni is stopped; it is not the leader, so it backs off
    const q = pipeline("patroni-4", "a-healthy");
    await q.run("a-healthy");
    const start = q.nodes[1]!.count("/patroni");
    await q.run(...Array.from({ length: 6 }, () => "e3-replica-patroni-stopped"));
    assert.equal(
      q.nodes[1]!.count("/patroni") - start,
      3,
      "failures at 1, 2, then every 2nd and 4th interval",
    );
  });
});
