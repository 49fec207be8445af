import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { EVENT_KINDS } from "@/lib/domain/constants";
import { eventLogEntrySchema, type ClusterDetail, type EventLogEntry } from "@/lib/domain/contracts";
import {
  changedConfigKeys,
  deriveEvents,
  jsonEqual,
  latestLeaderChange,
  newestFirst,
  SAME_FAILOVER_WINDOW_MS,
} from "@/lib/domain/events";
import { EVENT_LOG_CAPACITY, EventLog } from "@/lib/server/store/event-log";
import { detailSequence, makeDetail, makeMember, T0 } from "../../support/detail";

// The event log's derivation: what changed between two successive views of a cluster. Real views
// come from the real store fed with the real Patroni captures; edge cases from hand-made details.

type Row = [EventLogEntry["kind"], string | null, string | null, string | null, string | null];
const rows = (entries: EventLogEntry[]): Row[] =>
  entries.map((e) => [e.kind, e.member, e.from, e.to, e.detail]);

/** Each successive pair of views, with the entries derived at the later one's time. */
function pairs(version: "patroni-3.0.2" | "patroni-4", scenarios: string[]): EventLogEntry[][] {
  const seq = detailSequence(version, scenarios);
  return seq.slice(1).map((step, i) => deriveEvents(seq[i]!.detail, step.detail, step.at));
}

const config = (
  raw: Record<string, unknown>,
  maximumLagOnFailover: number | null = null,
): ClusterDetail["config"] => ({
  ttl: 20,
  loopWait: 2,
  retryTimeout: 5,
  maximumLagOnFailover,
  synchronousMode: "on",
  synchronousModeStrict: false,
  failsafeMode: false,
  paused: false,
  raw,
});

/** node1 leader, node2 and node3 replicas, with node2's worst lag and reachability overridable. */
function cluster(
  overrides: Partial<ClusterDetail> = {},
  node2: Parameters<typeof makeMember>[0] = { name: "node2" },
): ClusterDetail {
  return makeDetail({
    members: [
      makeMember({
        name: "node1",
        role: "leader",
        state: "running",
        receiveLagBytes: null,
        replayLagBytes: null,
      }),
      makeMember({ ...node2, name: "node2" }),
      makeMember({ name: "node3" }),
    ],
    ...overrides,
  });
}

describe("deriveEvents: real captures through the real store", () => {
  test("3.0.2 a-healthy → c1 (leader killed) → c2 (failover) → c3 (old leader rejoined)", () => {
    const [c1, c2, c3] = pairs("patroni-3.0.2", [
      "a-healthy",
      "c1-failover-in-progress",
      "c2-after-failover",
      "c3-old-leader-rejoined",
    ]);
    // The captures were taken hours apart: by c1 node3 led on timeline 3, and was just killed.
    assert.deepEqual(rows(c1!), [
      ["leader_elected", "node3", "node1", "node3", null],
      ["timeline_changed", null, "1", "3", null],
      ["node_unreachable", "node3", null, null, "refused"],
    ]);
    assert.deepEqual(rows(c2!), [
      ["leader_elected", "node1", "node3", "node1", null],
      ["timeline_changed", null, "3", "4", null],
      ["member_missing", "node3", null, null, null],
    ]);
    assert.deepEqual(rows(c3!), [
      ["node_reachable", "node3", "refused", null, null],
      ["member_back", "node3", null, null, null],
    ]);
  });

  test("4.1.4 a-healthy → c1 → c2: the same story on Patroni 4 (node2 killed, node3 promoted)", () => {
    const [c1, c2] = pairs("patroni-4", ["a-healthy", "c1-failover-in-progress", "c2-after-failover"]);
    assert.deepEqual(rows(c1!), [
      ["leader_elected", "node2", "node1", "node2", null],
      ["timeline_changed", null, "1", "2", null],
      ["node_unreachable", "node2", null, null, "refused"],
    ]);
    assert.deepEqual(rows(c2!), [
      ["leader_elected", "node3", "node2", "node3", null],
      ["timeline_changed", null, "2", "3", null],
      ["member_missing", "node2", null, null, null],
    ]);
  });

  test("pause, pending restart, lag: c3 → d-paused → g-pending-restart → f2-walreceiver-stalled (4.1.4)", () => {
    const [paused, pending, stalled] = pairs("patroni-4", [
      "c3-old-leader-rejoined",
      "d-paused",
      "g-pending-restart",
      "f2-walreceiver-stalled",
    ]);
    assert.deepEqual(rows(paused!), [
      ["paused", null, null, null, null],
      ["config_changed", null, null, null, "pause"],
    ]);
    assert.deepEqual(rows(pending!), [
      ["pending_restart", "node1", null, null, "max_connections"],
      ["pending_restart", "node2", null, null, "max_connections"],
      ["pending_restart", "node3", null, null, "max_connections"],
      ["resumed", null, null, null, null],
      ["config_changed", null, null, null, "pause, postgresql"],
    ]);
    assert.deepEqual(rows(stalled!), [
      ["lag_over", "node2", null, "9604264", "1048576"],
      ["pending_restart_cleared", "node1", null, null, null],
      ["pending_restart_cleared", "node2", null, null, null],
      ["pending_restart_cleared", "node3", null, null, null],
      ["config_changed", null, null, null, "postgresql"],
    ]);
  });

  test("3.0.2 g-pending-restart has no pending_restart_reason: the entry has no detail", () => {
    const [pending] = pairs("patroni-3.0.2", ["d-paused", "g-pending-restart"]);
    assert.deepEqual(
      pending!.filter((e) => e.kind === "pending_restart").map((e) => e.detail),
      [null, null, null],
    );
  });

  test("every entry is stamped with the observation time and satisfies the schema", () => {
    const seq = detailSequence("patroni-3.0.2", [
      "a-healthy",
      "c1-failover-in-progress",
      "c2-after-failover",
    ]);
    const entries = deriveEvents(seq[1]!.detail, seq[2]!.detail, 12345);
    assert.ok(entries.length > 0);
    for (const entry of entries) {
      assert.equal(entry.t, 12345);
      assert.deepEqual(eventLogEntrySchema.parse(entry), entry);
    }
  });
});

describe("deriveEvents: edges", () => {
  test("no entries for the first view, nor after a view where no node had answered yet", () => {
    assert.deepEqual(deriveEvents(null, cluster(), T0), []);
    assert.deepEqual(deriveEvents(cluster({ observedAt: null, leader: null }), cluster(), T0), []);
  });

  test("no entries when nothing changed", () => {
    assert.deepEqual(deriveEvents(cluster(), cluster(), T0), []);
  });

  test("leader lost, then a new leader after the gap names the leader from before the gap", () => {
    const lost = deriveEvents(cluster(), cluster({ leader: null }), T0);
    assert.deepEqual(rows(lost), [["leader_lost", "node1", "node1", null, null]]);
    const memory = { leader: "node1", timeline: 1 };
    const elected = deriveEvents(
      cluster({ leader: null }),
      cluster({ leader: "node2", timeline: 2 }),
      T0 + 5000,
      memory,
    );
    assert.deepEqual(rows(elected), [
      ["leader_elected", "node2", "node1", "node2", null],
      ["timeline_changed", null, "1", "2", null],
    ]);
    // Without memory the previous leader is unknown: "New leader: node2" with no "was".
    assert.deepEqual(rows(deriveEvents(cluster({ leader: null }), cluster({ leader: "node2" }), T0)), [
      ["leader_elected", "node2", null, "node2", null],
    ]);
  });

  test("the same node leading again after a gap: from equals to", () => {
    const again = deriveEvents(cluster({ leader: null }), cluster(), T0, { leader: "node1", timeline: 1 });
    assert.deepEqual(rows(again), [["leader_elected", "node1", "node1", "node1", null]]);
  });

  test("a timeline that /cluster omits for a while is compared with the last known one", () => {
    assert.deepEqual(deriveEvents(cluster({ timeline: 3 }), cluster({ timeline: null }), T0), []);
    const back = deriveEvents(cluster({ timeline: null }), cluster({ timeline: 4 }), T0, {
      leader: "node1",
      timeline: 3,
    });
    assert.deepEqual(rows(back), [["timeline_changed", null, "3", "4", null]]);
  });

  test("reachability: only true ↔ false counts, with the error kind", () => {
    const error = { kind: "timeout" as const, message: "timed out", status: null, since: T0 };
    const down = cluster({}, { name: "node2", reachable: false, lastError: error });
    assert.deepEqual(rows(deriveEvents(cluster(), down, T0)), [
      ["node_unreachable", "node2", null, null, "timeout"],
    ]);
    assert.deepEqual(rows(deriveEvents(down, cluster(), T0)), [
      ["node_reachable", "node2", "timeout", null, null],
    ]);
    const unpolled = cluster({}, { name: "node2", reachable: null });
    assert.deepEqual(deriveEvents(unpolled, down, T0), [], "never polled → failing is not news");
  });

  test("lag threshold boundary: equal to maximum_lag_on_failover is not over, one byte more is", () => {
    const limit = 1_048_576;
    const at = (bytes: number | null, replay: number | null = 0) =>
      cluster({}, { name: "node2", receiveLagBytes: bytes, replayLagBytes: replay });
    assert.deepEqual(deriveEvents(at(0), at(limit), T0), []);
    assert.deepEqual(rows(deriveEvents(at(limit), at(limit + 1), T0)), [
      ["lag_over", "node2", null, String(limit + 1), String(limit)],
    ]);
    // The worst of receive and replay lag counts.
    assert.deepEqual(
      rows(deriveEvents(at(0), at(0, limit + 1), T0)).map((r) => r[0]),
      ["lag_over"],
    );
    assert.deepEqual(rows(deriveEvents(at(limit + 1), at(limit), T0)), [
      ["lag_recovered", "node2", String(limit + 1), String(limit), String(limit)],
    ]);
    // Unknown lag (node down, or it became the leader) is neither over nor recovered.
    assert.deepEqual(deriveEvents(at(limit + 1), at(null, null), T0), []);
    assert.deepEqual(
      rows(deriveEvents(at(null, null), at(limit + 1), T0)).map((r) => r[0]),
      ["lag_over"],
    );
  });

  test("the cluster's own maximum_lag_on_failover is the threshold", () => {
    const small = (bytes: number) =>
      cluster({ config: config({}, 1000) }, { name: "node2", receiveLagBytes: bytes, replayLagBytes: 0 });
    assert.deepEqual(rows(deriveEvents(small(1000), small(1001), T0)), [
      ["lag_over", "node2", null, "1001", "1000"],
    ]);
  });

  test("member missing from the DCS and back; paused and resumed", () => {
    const missing = cluster({}, { name: "node2", inDcs: false, state: "missing" });
    assert.deepEqual(rows(deriveEvents(cluster(), missing, T0)), [
      ["member_missing", "node2", null, null, null],
    ]);
    assert.deepEqual(rows(deriveEvents(missing, cluster(), T0)), [
      ["member_back", "node2", null, null, null],
    ]);
    assert.deepEqual(rows(deriveEvents(cluster(), cluster({ paused: true }), T0)), [
      ["paused", null, null, null, null],
    ]);
    assert.deepEqual(rows(deriveEvents(cluster({ paused: true }), cluster(), T0)), [
      ["resumed", null, null, null, null],
    ]);
  });

  test("pending restart on and off, with the parameters when Patroni names them", () => {
    const reason = [
      { param: "max_connections", oldValue: "100", newValue: "200" },
      { param: "shared_buffers", oldValue: null, newValue: "1GB" },
    ];
    const pending = cluster({}, { name: "node2", pendingRestart: true, pendingRestartReason: reason });
    assert.deepEqual(rows(deriveEvents(cluster(), pending, T0)), [
      ["pending_restart", "node2", null, null, "max_connections, shared_buffers"],
    ]);
    assert.deepEqual(rows(deriveEvents(pending, cluster(), T0)), [
      ["pending_restart_cleared", "node2", null, null, null],
    ]);
  });

  test("config: deep comparison of /config, changed top-level keys listed; none when only key order differs", () => {
    const before = config({
      ttl: 20,
      postgresql: { parameters: { max_connections: 100, wal_level: "replica" } },
    });
    const reordered = config({
      postgresql: { parameters: { wal_level: "replica", max_connections: 100 } },
      ttl: 20,
    });
    const changed = config({
      ttl: 30,
      postgresql: { parameters: { max_connections: 200, wal_level: "replica" } },
      pause: true,
    });
    assert.deepEqual(deriveEvents(cluster({ config: before }), cluster({ config: reordered }), T0), []);
    assert.deepEqual(rows(deriveEvents(cluster({ config: before }), cluster({ config: changed }), T0)), [
      ["config_changed", null, null, null, "pause, postgresql, ttl"],
    ]);
    assert.deepEqual(
      deriveEvents(cluster({ config: null }), cluster({ config: before }), T0),
      [],
      "first /config read is not a change",
    );
  });

  test("jsonEqual and changedConfigKeys", () => {
    assert.ok(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
    assert.ok(!jsonEqual({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!jsonEqual({ a: undefined }, {}));
    assert.ok(!jsonEqual([], {}));
    assert.deepEqual(changedConfigKeys({ a: 1, b: 2 }, { b: 3, c: 4 }), ["a", "b", "c"]);
  });

  test("EVENT_KINDS: every kind has a distinct name, and the schema accepts exactly them", () => {
    assert.equal(new Set(EVENT_KINDS).size, EVENT_KINDS.length);
    const entry = { t: 1, kind: "paused", member: null, from: null, to: null, detail: null };
    for (const kind of EVENT_KINDS)
      assert.ok(eventLogEntrySchema.safeParse({ ...entry, kind }).success, kind);
    assert.ok(!eventLogEntrySchema.safeParse({ ...entry, kind: "meteor_strike" }).success);
  });
});

describe("ordering and the leader banner's source", () => {
  const e = (
    t: number,
    kind: EventLogEntry["kind"],
    from: string | null = null,
    to: string | null = null,
  ): EventLogEntry => ({ t, kind, member: to, from, to, detail: null });

  test("newestFirst: newest observation first, one observation's entries keep their order", () => {
    const list = [
      e(1, "paused"),
      e(2, "leader_elected", "a", "b"),
      e(2, "timeline_changed", "1", "2"),
      e(3, "resumed"),
    ];
    assert.deepEqual(
      newestFirst(list).map((x) => x.kind),
      ["resumed", "leader_elected", "timeline_changed", "paused"],
    );
  });

  test("latestLeaderChange: the newest new-leader entry and a timeline change near it", () => {
    assert.equal(latestLeaderChange([e(1, "paused")]), null);
    const older = e(1_000, "leader_elected", "node1", "node2");
    const newer = e(100_000, "leader_elected", "node2", "node3");
    const tl = e(100_000 + 5_000, "timeline_changed", "2", "3");
    assert.deepEqual(latestLeaderChange([older, e(1_500, "timeline_changed", "1", "2"), newer, tl]), {
      leader: newer,
      timeline: tl,
    });
    const far = e(100_000 + SAME_FAILOVER_WINDOW_MS + 1, "timeline_changed", "2", "3");
    assert.deepEqual(latestLeaderChange([newer, far]), { leader: newer, timeline: null });
  });
});

describe("EventLog (server)", () => {
  test("observes successive details: the failover story in order, memory across a leaderless gap", () => {
    const log = new EventLog();
    assert.deepEqual(log.observe(cluster({ timeline: 3 }), T0), []);
    log.observe(cluster({ leader: null, timeline: null }), T0 + 5_000);
    log.observe(cluster({ leader: "node2", timeline: 4 }), T0 + 10_000);
    assert.deepEqual(
      log.entries().map((x) => [x.t, x.kind, x.from, x.to]),
      [
        [T0 + 5_000, "leader_lost", "node1", null],
        [T0 + 10_000, "leader_elected", "node1", "node2"],
        [T0 + 10_000, "timeline_changed", "3", "4"],
      ],
    );
  });

  test("bounded: keeps the newest `capacity` entries; entries() is a copy", () => {
    assert.equal(EVENT_LOG_CAPACITY, 500);
    const log = new EventLog(3);
    for (let i = 0; i < 5; i++) log.observe(cluster({ paused: i % 2 === 1 }), T0 + i);
    assert.equal(log.size, 3);
    assert.deepEqual(
      log.entries().map((x) => [x.t, x.kind]),
      [
        [T0 + 2, "resumed"],
        [T0 + 3, "paused"],
        [T0 + 4, "resumed"],
      ],
    );
    log.entries().pop();
    assert.equal(log.entries().length, 3);
  });

  test("real captures: a-healthy → c1 → c2 gives the leader changes a classroom sees", () => {
    const log = new EventLog();
    for (const { at, detail } of detailSequence("patroni-4", [
      "a-healthy",
      "c1-failover-in-progress",
      "c2-after-failover",
    ]))
      log.observe(detail, at);
    assert.deepEqual(
      log
        .entries()
        .filter((x) => x.kind === "leader_elected")
        .map((x) => [x.from, x.to]),
      [
        ["node1", "node2"],
        ["node2", "node3"],
      ],
    );
  });
});
