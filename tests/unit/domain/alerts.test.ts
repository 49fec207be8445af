import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ALERT_CODES, ALERT_RULES, PERSISTENT_CYCLES } from "@/lib/domain/alert-codes";
import {
  alertCandidates,
  alertKey,
  compareClusterAlerts,
  deriveAlerts,
  nextAlertTrack,
  DEFAULT_TTL_SECONDS,
  SLOW_API_FRACTION,
  type AlertInput,
} from "@/lib/domain/alerts";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/constants";
import type { Alert } from "@/lib/domain/contracts";
import { summarise } from "@/lib/domain/summary";
import { en, type MessageKey } from "@/lib/i18n/en";
import { detail, member, NOW, POLL, TIMEOUT, withMember } from "../../support/rule-detail";

// Every alert rule at its boundaries, on hand-made details (the real captures: alerts-fixtures.test.ts).

const codes = (input: AlertInput, now = NOW) =>
  alertCandidates(input, now).map((a) => `${a.code}${a.member ? `@${a.member}` : ""}`);

describe("alert rules", () => {
  test("a healthy cluster raises nothing", () => {
    assert.deepEqual(codes(detail()), []);
    assert.equal(summarise(detail(), 3, NOW).tone, "ok");
  });

  test("stale: more than STALE_AFTER_INTERVALS poll intervals since the newest answer", () => {
    const d = detail({ observedAt: NOW - STALE_AFTER_INTERVALS * POLL });
    assert.deepEqual(codes(d), []);
    assert.deepEqual(codes(d, NOW + 1), ["stale"]);
  });

  test("lag over maximum_lag_on_failover: equal is fine, one byte more is not (receive or replay)", () => {
    assert.deepEqual(
      codes(withMember("node3", { receiveLagBytes: 1_048_576, replayLagBytes: 1_048_576 })),
      [],
    );
    const over = alertCandidates(withMember("node3", { replayLagBytes: 1_048_577 }), NOW);
    assert.deepEqual(
      over.map((a) => [a.code, a.member, a.params.lagBytes, a.params.thresholdBytes]),
      [["lag_over_threshold", "node3", 1_048_577, 1_048_576]],
    );
    assert.deepEqual(codes(withMember("node3", { receiveLagBytes: 1_048_577 })), [
      "lag_over_threshold@node3",
    ]);
    // the cluster's own maximum_lag_on_failover is the threshold
    const base = detail();
    assert.deepEqual(
      codes({
        ...withMember("node3", { receiveLagBytes: 2_000 }),
        config: { ...base.config!, maximumLagOnFailover: 1_999 },
      }),
      ["lag_over_threshold@node3"],
    );
  });

  test("API slower than SLOW_API_FRACTION of the timeout, or timed out", () => {
    const limit = SLOW_API_FRACTION * TIMEOUT;
    assert.deepEqual(codes(withMember("node2", { apiLatencyMs: limit })), []);
    const slow = alertCandidates(withMember("node2", { apiLatencyMs: limit + 1 }), NOW);
    assert.deepEqual(
      slow.map((a) => [a.code, a.member, a.params.timedOut]),
      [["api_slow", "node2", false]],
    );
    const timedOut = withMember("node2", {
      reachable: false,
      lastError: { kind: "timeout", message: "x: no complete answer within 2.5 s", status: null, since: NOW },
    });
    assert.deepEqual(codes(timedOut), ["node_unreachable@node2", "api_slow@node2"]);
  });

  test("dcs_last_seen not advancing for longer than ttl (dashboard clock, immune to skew)", () => {
    const ttlMs = 20_000; // the detail's /config ttl
    assert.deepEqual(codes(withMember("node3", { dcsLastSeenAdvancedAt: NOW - 1_000 - ttlMs })), []);
    assert.deepEqual(codes(withMember("node3", { dcsLastSeenAdvancedAt: NOW - 1_000 - ttlMs - 1 })), [
      "dcs_stale@node3",
    ]);
    // Without a ttl in /config, Patroni's default applies.
    const noTtl = withMember(
      "node3",
      { dcsLastSeenAdvancedAt: NOW - 1_000 - DEFAULT_TTL_SECONDS * 1000 },
      { config: { ...detail().config!, ttl: null } },
    );
    assert.deepEqual(codes(noTtl), []);
    assert.deepEqual(
      codes({
        ...noTtl,
        members: noTtl.members.map((m) =>
          m.name === "node3" ? { ...m, dcsLastSeenAdvancedAt: m.dcsLastSeenAdvancedAt! - 1 } : m,
        ),
      }),
      ["dcs_stale@node3"],
    );
    // an unreachable node's old value says nothing about the DCS
    assert.deepEqual(codes(withMember("node3", { reachable: false, dcsLastSeenAdvancedAt: 0 })), [
      "node_unreachable@node3",
    ]);
  });

  test("no leader: none in /cluster, or every answering node reports cluster_unlocked without failsafe", () => {
    assert.deepEqual(codes(detail({ leader: null })), ["no_leader"]);
    const unlocked = detail(
      {},
      ["node1", "node2", "node3"].map((n) => member(n, { clusterUnlocked: true })),
    );
    assert.deepEqual(codes(unlocked), ["no_leader"]);
    const failsafe = detail(
      {},
      ["node1", "node2", "node3"].map((n) => member(n, { clusterUnlocked: true, failsafeActive: true })),
    );
    assert.deepEqual(codes(failsafe), [
      "failsafe_active@node1",
      "failsafe_active@node2",
      "failsafe_active@node3",
    ]);
  });

  test("failover pending: the DCS names a leader whose own API does not answer", () => {
    const input = withMember("node1", {
      reachable: false,
      lastError: {
        kind: "refused",
        message: "http://127.0.0.1:8008/patroni: connection refused",
        status: null,
        since: NOW,
      },
    });
    const [alert] = alertCandidates(input, NOW);
    assert.deepEqual(
      [alert!.code, alert!.member, alert!.severity, alert!.params.errorKind, alert!.params.ttlSeconds],
      ["failover_pending", "node1", "critical", "refused", 20],
    );
    assert.deepEqual(codes(input), ["failover_pending@node1"], "not also node_unreachable");
  });

  test("more than one primary among the answering nodes; an unreachable one does not count", () => {
    assert.deepEqual(codes(withMember("node3", { patroniRole: "primary" })), ["multiple_leaders"]);
    assert.deepEqual(codes(withMember("node3", { patroniRole: "primary", reachable: false })), [
      "node_unreachable@node3",
    ]);
    const twoInDcs = detail({
      dcsViews: [
        {
          member: "node1",
          apiUrl: "http://a",
          leaders: ["node1", "node2"],
          members: ["node1", "node2"],
          observedAt: NOW,
        },
      ],
    });
    assert.deepEqual(
      alertCandidates(twoInDcs, NOW).map((a) => [a.code, a.params.source]),
      [["multiple_leaders", "dcs"]],
    );
  });

  test("nodes disagree: their /cluster views of one cycle name different leaders or members", () => {
    const view = (m: string, leaders: string[], members = ["node1", "node2", "node3"]) => ({
      member: m,
      apiUrl: `http://${m}`,
      leaders,
      members,
      observedAt: NOW,
    });
    assert.deepEqual(
      codes(
        detail({
          dcsViews: [view("node1", ["node1"]), view("node2", ["node1"], ["node3", "node2", "node1"])],
        }),
      ),
      [],
    );
    const leaders = alertCandidates(
      detail({ dcsViews: [view("node1", ["node1"]), view("node2", ["node2"])] }),
      NOW,
    );
    assert.deepEqual(
      leaders.map((a) => [a.code, a.params.leaders, a.params.sameLeader]),
      [["nodes_disagree", "node1 / node2", false]],
    );
    assert.deepEqual(
      codes(detail({ dcsViews: [view("node1", ["node1"]), view("node2", ["node1"], ["node1", "node2"])] })),
      ["nodes_disagree"],
    );
  });

  test("synchronous mode without a sync standby: warning, critical with synchronous_mode_strict", () => {
    const noSync = detail({}, [member("node1"), member("node2", { role: "replica" }), member("node3")]);
    assert.deepEqual(
      alertCandidates(noSync, NOW).map((a) => [a.code, a.severity, a.params.strict]),
      [["no_sync_standby", "warning", false]],
    );
    const strict = { ...noSync, config: { ...noSync.config!, synchronousModeStrict: true } };
    assert.deepEqual(
      alertCandidates(strict, NOW).map((a) => [a.code, a.severity]),
      [["no_sync_standby", "critical"]],
    );
    assert.deepEqual(codes({ ...noSync, config: { ...noSync.config!, synchronousMode: "off" } }), []);
    // quorum mode wants quorum standbys; a missing sync standby role is then normal
    assert.deepEqual(codes({ ...noSync, config: { ...noSync.config!, synchronousMode: "quorum" } }), [
      "no_sync_standby",
    ]);
    // a sync standby that vanished from the DCS does not count
    assert.deepEqual(codes(withMember("node2", { inDcs: false, state: "missing", reachable: false })), [
      "member_missing@node2",
      "no_sync_standby",
    ]);
  });

  test("timeline mismatch uses the live /patroni timeline; stopped members are not compared", () => {
    assert.deepEqual(
      codes(withMember("node3", { timeline: 2 })),
      [],
      "the /cluster timeline lags; the live one agrees",
    );
    assert.deepEqual(codes(withMember("node3", { liveTimeline: 2 })), ["timeline_mismatch@node3"]);
    assert.deepEqual(codes(withMember("node3", { liveTimeline: null, timeline: 2 })), [
      "timeline_mismatch@node3",
    ]);
    assert.deepEqual(codes(withMember("node3", { liveTimeline: 2, state: "stopped" })), [
      "member_not_running@node3",
    ]);
  });

  test("members: missing from the DCS, unreachable, not running, replay paused, pending restart, maintenance", () => {
    assert.deepEqual(codes(withMember("node3", { inDcs: false, state: "missing", reachable: false })), [
      "member_missing@node3",
    ]);
    assert.deepEqual(codes(withMember("node3", { state: "crashed" })), ["member_not_running@node3"]);
    assert.deepEqual(codes(withMember("node3", { replayPaused: true })), ["replay_paused@node3"]);
    const pending = alertCandidates(
      withMember("node3", {
        pendingRestart: true,
        pendingRestartReason: [{ param: "max_connections", oldValue: "100", newValue: "110" }],
      }),
      NOW,
    );
    assert.deepEqual(
      pending.map((a) => [a.code, a.params.changes, a.params.source]),
      [["pending_restart", "max_connections 100 → 110", "patroni"]],
    );
    assert.deepEqual(codes(detail({ paused: true })), ["paused"]);
  });

  test("pending restart on Patroni < 3.3: the parameters changed in /config after the postmaster started", () => {
    const change = (at: number, oldValue: unknown, newValue: unknown, key = "max_connections") => ({
      at,
      changes: [
        {
          key: `postgresql.parameters.${key}`,
          path: ["postgresql", "parameters", key],
          kind: "changed" as const,
          oldValue,
          newValue,
        },
      ],
    });
    const started = NOW - 60_000;
    const input = withMember(
      "node3",
      { pendingRestart: true, postmasterStartTime: started },
      {
        configHistory: [
          change(started, 90, 100),
          change(started + 1, 100, 105),
          change(started + 2, 105, 110),
        ],
      },
    );
    const [alert] = alertCandidates(input, NOW);
    assert.deepEqual(
      [alert!.params.changes, alert!.params.parameters, alert!.params.source],
      ["max_connections 100 → 110", "max_connections", "config_history"],
    );
    const unknown = withMember(
      "node3",
      { pendingRestart: true, postmasterStartTime: started },
      { configHistory: [change(started, 90, 100)] },
    );
    assert.deepEqual(
      alertCandidates(unknown, NOW).map((a) => [a.params.changes, a.params.source]),
      [[null, "unknown"]],
    );
  });

  test("no data: info before the first answer, critical with the reason once every node fails", () => {
    const silent = detail(
      { observedAt: null },
      ["node1", "node2", "node3"].map((n) => member(n, { observedAt: null, reachable: null })),
    );
    assert.deepEqual(
      alertCandidates(silent, NOW).map((a) => [a.code, a.severity]),
      [["no_data", "info"]],
    );
    const failing = detail(
      { observedAt: null },
      ["node1", "node2"].map((n) =>
        member(n, {
          observedAt: null,
          reachable: false,
          lastError: { kind: "refused", message: "refused", status: null, since: NOW },
        }),
      ),
    );
    assert.deepEqual(
      alertCandidates(failing, NOW).map((a) => [a.code, a.severity, a.params.error]),
      [["no_data", "critical", "refused"]],
    );
  });
});

describe("alert memory: since, persistence, clearing", () => {
  const mismatch = withMember("node3", { liveTimeline: 2 });

  test("an alert that needs two cycles is hidden after one and shown after two, since the first", () => {
    assert.equal(ALERT_RULES.timeline_mismatch.minCycles, PERSISTENT_CYCLES);
    assert.deepEqual(deriveAlerts(mismatch, NOW), [], "a one-off view counts one cycle");
    const one = nextAlertTrack(new Map(), alertCandidates(mismatch, NOW), NOW);
    assert.deepEqual(deriveAlerts(mismatch, NOW, one), []);
    const two = nextAlertTrack(one, alertCandidates(mismatch, NOW + POLL), NOW + POLL);
    const shown = deriveAlerts(mismatch, NOW + POLL, two);
    assert.deepEqual(
      shown.map((a) => [a.code, a.member, a.since]),
      [["timeline_mismatch", "node3", NOW]],
    );
  });

  test("since survives cycles and is reset once the alert clears", () => {
    // The detail is evaluated at NOW each time (so it never goes stale); the track moves on.
    const paused = detail({ paused: true });
    const pausedNow = alertCandidates(paused, NOW);
    let track = nextAlertTrack(new Map(), pausedNow, NOW);
    track = nextAlertTrack(track, pausedNow, NOW + POLL);
    assert.deepEqual(
      deriveAlerts(paused, NOW, track).map((a) => [a.code, a.since]),
      [["paused", NOW]],
    );
    track = nextAlertTrack(track, alertCandidates(detail(), NOW), NOW + 2 * POLL);
    assert.equal(track.size, 0, "cleared");
    track = nextAlertTrack(track, pausedNow, NOW + 3 * POLL);
    assert.deepEqual(
      deriveAlerts(paused, NOW, track).map((a) => a.since),
      [NOW + 3 * POLL],
    );
  });

  test("alerts are sorted worst first; problems are the alerts in the older shape", () => {
    const input = withMember(
      "node1",
      { reachable: false, lastError: { kind: "refused", message: "refused", status: null, since: NOW } },
      { paused: true },
    );
    const summary = summarise(input, 3, NOW);
    assert.deepEqual(
      summary.alerts.map((a) => a.code),
      ["failover_pending", "paused"],
    );
    assert.deepEqual(
      summary.problems.map((p) => [p.code, p.severity, p.member, p.detail]),
      [
        ["failover_pending", "critical", "node1", "refused"],
        ["paused", "warning", null, null],
      ],
    );
    assert.equal(summary.tone, "crit");
  });

  test("unmatched nodes are told apart by URL", () => {
    const a = alertKey({ code: "node_unreachable", member: null, params: { apiUrl: "http://a" } });
    const b = alertKey({ code: "node_unreachable", member: null, params: { apiUrl: "http://b" } });
    assert.notEqual(a, b);
  });

  test("every code has a rule and English title, explanation and check texts", () => {
    for (const code of ALERT_CODES) {
      assert.ok(ALERT_RULES[code], code);
      const text = ["title", "explanation", "check"].map((part) => en[`alert.${code}.${part}` as MessageKey]);
      assert.ok(text.every(Boolean), code);
      for (const part of text) assert.ok(!part.includes("\n"), code);
    }
  });
});

describe("alerts across clusters", () => {
  const alert = (
    cluster: string,
    severity: Alert["severity"],
    since: number,
    code: Alert["code"] = "paused",
  ) => ({
    cluster,
    code,
    severity,
    member: null,
    since,
    params: {},
  });
  test("worst first: severity, then the longest-standing, then the cluster name", () => {
    const sorted = [
      alert("a", "info", 1, "pending_restart"),
      alert("b", "warning", 20),
      alert("c", "critical", 30, "no_leader"),
      alert("d", "warning", 10),
      alert("a", "warning", 10),
    ].sort(compareClusterAlerts);
    assert.deepEqual(
      sorted.map((a) => [a.cluster, a.severity, a.since]),
      [
        ["c", "critical", 30],
        ["a", "warning", 10],
        ["d", "warning", 10],
        ["b", "warning", 20],
        ["a", "info", 1],
      ],
    );
  });
});
