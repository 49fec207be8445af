import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { CLUSTER_READINESS_REASONS, READINESS_REASONS } from "@/lib/domain/constants";
import { deriveFailoverReadiness } from "@/lib/domain/readiness";
import { en } from "@/lib/i18n/en";
import { detail, member, withMember } from "../../support/rule-detail";

// Failover readiness at its boundaries: every "no" has a reason code, and the cluster verdict says why.

const reasonsOf = (
  input: Pick<ClusterDetail, "members" | "leader" | "timeline" | "config" | "paused">,
  name: string,
) => deriveFailoverReadiness(input).members.find((m) => m.member === name)!.reasons;

describe("failover readiness", () => {
  test("healthy synchronous cluster: only the sync standby is a candidate", () => {
    const r = deriveFailoverReadiness(detail());
    assert.deepEqual([r.verdict, r.candidates, r.reasons], ["safe", ["node2"], []]);
    assert.deepEqual(
      r.members.map((m) => [m.member, m.candidate, m.reasons]),
      [
        ["node2", true, []],
        ["node3", false, ["not_sync_standby"]],
      ],
    );
  });

  test("synchronous mode off: every healthy replica; quorum mode: the quorum standbys", () => {
    const base = detail();
    assert.deepEqual(
      deriveFailoverReadiness({ ...base, config: { ...base.config!, synchronousMode: "off" } }).candidates,
      ["node2", "node3"],
    );
    const quorum = detail({ config: { ...base.config!, synchronousMode: "quorum" } }, [
      member("node1"),
      member("node2", { role: "quorum_standby" }),
      member("node3"),
    ]);
    assert.deepEqual(reasonsOf(quorum, "node3"), ["not_quorum_standby"]);
    assert.deepEqual(deriveFailoverReadiness(quorum).candidates, ["node2"]);
  });

  test("lag: maximum_lag_on_failover is allowed, one byte more is not; unknown lag is a no", () => {
    assert.deepEqual(reasonsOf(withMember("node2", { receiveLagBytes: 1_048_576 }), "node2"), []);
    assert.deepEqual(reasonsOf(withMember("node2", { receiveLagBytes: 1_048_577 }), "node2"), [
      "lag_over_threshold",
    ]);
    // replay lag alone does not stop Patroni: it compares the received position
    assert.deepEqual(reasonsOf(withMember("node2", { replayLagBytes: 50_000_000 }), "node2"), []);
    assert.deepEqual(
      reasonsOf(withMember("node2", { receiveLagBytes: null, dcsLagBytes: 1_048_577 }), "node2"),
      ["lag_over_threshold"],
    );
    assert.deepEqual(reasonsOf(withMember("node2", { receiveLagBytes: null, dcsLagBytes: null }), "node2"), [
      "lag_unknown",
    ]);
  });

  test("stalled sync standby past the threshold: unsafe, no candidate", () => {
    const r = deriveFailoverReadiness(
      withMember("node2", { receiveLagBytes: 9_600_000, replayLagBytes: 9_600_000 }),
    );
    assert.deepEqual([r.verdict, r.candidates, r.reasons], ["unsafe", [], ["no_candidate"]]);
  });

  test('nofailover tag (true or "true") and failover_priority 0', () => {
    assert.deepEqual(reasonsOf(withMember("node2", { tags: { nofailover: true } }), "node2"), ["nofailover"]);
    assert.deepEqual(reasonsOf(withMember("node2", { tags: { nofailover: "true" } }), "node2"), [
      "nofailover",
    ]);
    assert.deepEqual(reasonsOf(withMember("node2", { tags: { nofailover: false } }), "node2"), []);
    assert.deepEqual(reasonsOf(withMember("node2", { tags: { failover_priority: 0 } }), "node2"), [
      "nofailover",
    ]);
    assert.deepEqual(reasonsOf(withMember("node2", { tags: { failover_priority: 1 } }), "node2"), []);
  });

  test("streaming is required while the leader answers (Patroni ≥ 3.0.4 reports it), not once it is gone", () => {
    const notStreaming = { state: "running", replicationState: null };
    assert.deepEqual(reasonsOf(withMember("node2", notStreaming), "node2"), ["not_streaming"]);
    const leaderDown = detail({}, [
      member("node1", { reachable: false }),
      member("node2", notStreaming),
      member("node3"),
    ]);
    assert.deepEqual(reasonsOf(leaderDown, "node2"), []);
    assert.deepEqual(
      reasonsOf(withMember("node2", { ...notStreaming, patroniVersion: "3.0.2" }), "node2"),
      [],
      "3.0.2 cannot tell",
    );
  });

  test("not running, unreachable, gone from the DCS, other timeline", () => {
    assert.deepEqual(reasonsOf(withMember("node2", { state: "stopped" }), "node2"), ["not_running"]);
    assert.deepEqual(reasonsOf(withMember("node2", { reachable: false }), "node2"), ["unreachable"]);
    assert.deepEqual(
      reasonsOf(withMember("node2", { inDcs: false, state: "missing", reachable: false }), "node2"),
      ["not_in_dcs", "unreachable"],
    );
    assert.deepEqual(reasonsOf(withMember("node2", { liveTimeline: 2 }), "node2"), ["timeline_mismatch"]);
  });

  test("maintenance mode: unsafe even with a candidate; no data: unknown", () => {
    const paused = deriveFailoverReadiness(detail({ paused: true }));
    assert.deepEqual(
      [paused.verdict, paused.candidates, paused.reasons],
      ["unsafe", ["node2"], ["maintenance_mode"]],
    );
    const none = deriveFailoverReadiness(
      detail(
        {},
        ["node1", "node2"].map((n) => member(n, { observedAt: null })),
      ),
    );
    assert.deepEqual([none.verdict, none.reasons], ["unknown", ["no_data"]]);
  });

  test("every reason code has an English text", () => {
    for (const code of [...READINESS_REASONS, ...CLUSTER_READINESS_REASONS])
      assert.ok(en[`readiness.reason.${code}`], code);
  });
});
