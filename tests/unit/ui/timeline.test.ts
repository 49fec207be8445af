import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mergeTimeline, newTimelineOf, SAME_CHANGE_WINDOW_MS } from "@/lib/domain/timeline";
import { detailFromFixtures } from "../../support/detail";

const summary = (entries: ReturnType<typeof mergeTimeline>) =>
  entries.map((e) =>
    e.kind === "observed_leader"
      ? `leader ${e.from}>${e.to}`
      : `${e.kind} ${e.fromTimeline}>${e.toTimeline}${e.current ? " *" : ""}`,
  );

describe("mergeTimeline", () => {
  test("4.1.4 c2: /history rows are TL n → n+1, newest first, the current timeline marked", () => {
    const detail = detailFromFixtures("patroni-4", ["c2-after-failover"]);
    const entries = mergeTimeline(detail.history, [], detail.timeline);
    assert.deepEqual(summary(entries), ["promotion 2>3 *", "promotion 1>2"]);
    const [newest] = entries;
    assert.ok(newest && newest.kind === "promotion");
    assert.equal(newest.newLeader, "node3");
    assert.equal(newest.lsn, 67109672);
    assert.equal(newest.at, Date.parse("2026-11-25T19:24:35.874806+00:00"));
    assert.equal(newTimelineOf(newest), 3);
  });

  test("observed changes that /history records are folded into its rows", () => {
    const detail = detailFromFixtures("patroni-4", ["a-healthy", "c2-after-failover"]);
    assert.ok(detail.events.length >= 1);
    const promotionAt = Date.parse("2026-11-25T19:24:35.874806+00:00");
    const events = [
      { t: promotionAt + 3_000, kind: "leader_change" as const, from: "node2", to: "node3" },
      { t: promotionAt + 3_000, kind: "timeline_change" as const, from: "2", to: "3" },
    ];
    const entries = mergeTimeline(detail.history, events, 3);
    assert.deepEqual(summary(entries), ["promotion 2>3 *", "promotion 1>2"]);
    const newest = entries[0]!;
    assert.ok(newest.kind === "promotion" && newest.observedAt === promotionAt + 3_000);
  });

  test("changes /history does not (yet) record appear as observed entries, by time", () => {
    const history = [
      { timeline: 1, lsn: 100, reason: "no recovery target specified", at: 1_000_000, newLeader: "node2" },
    ];
    const events = [
      { t: 5_000_000, kind: "leader_change" as const, from: "node2", to: null },
      { t: 6_000_000, kind: "leader_change" as const, from: null, to: "node3" },
      { t: 6_000_000, kind: "timeline_change" as const, from: "2", to: "3" },
    ];
    assert.deepEqual(summary(mergeTimeline(history, events, 3)), [
      "observed_timeline 2>3 *",
      "leader null>node3",
      "leader node2>null",
      "promotion 1>2",
    ]);
  });

  test("a leader change far from a /history row with the same leader is a separate entry", () => {
    const history = [{ timeline: 1, lsn: 100, reason: null, at: 1_000_000, newLeader: "node2" }];
    const events = [
      {
        t: 1_000_000 + SAME_CHANGE_WINDOW_MS + 1,
        kind: "leader_change" as const,
        from: "node1",
        to: "node2",
      },
    ];
    assert.equal(mergeTimeline(history, events, 2).length, 2);
  });

  test("rows without a time (Patroni < 2.1.1) sort after timed ones, by timeline", () => {
    const history = [
      { timeline: 1, lsn: 1, reason: null, at: null, newLeader: null },
      { timeline: 2, lsn: 2, reason: null, at: null, newLeader: null },
    ];
    const events = [{ t: 5, kind: "leader_change" as const, from: "a", to: "b" }];
    assert.deepEqual(summary(mergeTimeline(history, events, 3)), [
      "leader a>b",
      "promotion 2>3 *",
      "promotion 1>2",
    ]);
  });

  test("no history and no events: nothing", () => {
    assert.deepEqual(mergeTimeline([], [], 1), []);
  });
});
