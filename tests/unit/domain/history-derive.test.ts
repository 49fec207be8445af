import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Alert } from "@/lib/domain/contracts";
import { deriveEvents } from "@/lib/domain/events";
import { deriveHistoryEvents } from "@/lib/domain/history-derive";
import { historyEventSchema } from "@/lib/domain/history-events";
import { makeDetail, makeMember, T0 } from "../../support/detail";

// What the persistent history records between two views of a cluster.

const alert = (code: Alert["code"], member: string | null, since: number): Alert => ({
  code,
  severity: "warning",
  member,
  since,
  params: {},
});

describe("deriveHistoryEvents", () => {
  test("nothing at start-up (no previous view) except what the event log itself reports", () => {
    const next = makeDetail({ alerts: [alert("member_missing", "node3", T0)] });
    assert.deepEqual(deriveHistoryEvents(null, next, T0, []), []);
  });

  test("alerts opened and resolved, with how long they were open", () => {
    const prev = makeDetail({ alerts: [alert("member_missing", "node3", T0 - 90_000)] });
    const next = makeDetail({ alerts: [alert("lag_over_threshold", "node2", T0)] });
    const events = deriveHistoryEvents(prev, next, T0, []);
    assert.deepEqual(
      events.map((e) => ({ ...e })),
      [
        {
          at: T0,
          cluster: "main",
          kind: "alert_opened",
          member: "node2",
          code: "lag_over_threshold",
          severity: "warning",
        },
        {
          at: T0,
          cluster: "main",
          kind: "alert_resolved",
          member: "node3",
          code: "member_missing",
          severity: "warning",
          durationMs: 90_000,
        },
      ].map((e) => ({ ...e, cluster: next.name })),
    );
  });

  test("members joining, leaving and changing state; leader changes from the event log's entries", () => {
    const prev = makeDetail();
    const next = makeDetail({
      leader: "node2",
      timeline: 2,
      members: [
        makeMember({ name: "node1", role: "replica", state: "stopped" }),
        makeMember({ name: "node2", role: "leader", state: "running" }),
        makeMember({ name: "node3", inDcs: false, state: "missing" }),
        makeMember({ name: "node4" }),
      ],
    });
    const log = deriveEvents(prev, next, T0);
    const events = deriveHistoryEvents(prev, next, T0, log);
    for (const event of events) historyEventSchema.parse({ ...event, id: 1 });
    const brief = events.map((e) => [e.kind, e.member, "from" in e ? e.from : null, "to" in e ? e.to : null]);
    assert.deepEqual(brief, [
      ["leader_changed", "node2", "node1", "node2"],
      ["timeline_changed", null, 1, 2],
      ["member_state_changed", "node1", "running", "stopped"],
      ["member_state_changed", "node2", "streaming", "running"],
      ["member_left", "node3", null, null],
      ["member_joined", "node4", null, null],
    ]);
    const leader = events[0]!;
    assert.equal(leader.kind === "leader_changed" && leader.timeline, 2);
  });

  test("config changes carry their diff; pause and resume", () => {
    const prev = makeDetail();
    const next = makeDetail({ paused: true });
    const diff = [{ key: "ttl", path: ["ttl"], kind: "changed" as const, oldValue: 30, newValue: 20 }];
    const events = deriveHistoryEvents(prev, next, T0, deriveEvents(prev, next, T0), [
      { at: T0 - 1, changes: diff },
    ]);
    assert.deepEqual(
      events.map((e) => e.kind),
      ["paused", "config_changed"],
    );
    assert.deepEqual(events[1]!.kind === "config_changed" && events[1]!.diff, diff);
    assert.equal(events[1]!.at, T0 - 1);
  });
});
