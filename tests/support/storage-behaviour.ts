import { test } from "node:test";
import assert from "node:assert/strict";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, NewHistoryEvent } from "@/lib/domain/history-events";
import type { Retention, Storage } from "@/lib/server/storage/storage";

// The storage interface's behaviour, one suite for every backend: the unit suite runs it on SQLite in
// a temp dir, the integration suite on the lab's real PostgreSQL 15. `open` gives an empty store.

export const T0 = Date.UTC(2026, 0, 5, 3, 10, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

const keepAll: Retention = {
  eventsMs: 90 * 24 * HOUR,
  rawLagMs: HOUR,
  rollupMs: 7 * 24 * HOUR,
  maxBytes: 1024 ** 3,
};

function leaderChange(at: number, cluster: string, from: string, to: string, timeline = 2): NewHistoryEvent {
  return { at, cluster, kind: "leader_changed", member: to, from, to, timeline };
}

const strip = (events: HistoryEvent[]) => events.map(({ id: _id, ...rest }) => rest);

export function storageBehaviour(open: () => Promise<Storage>): void {
  const withStore = async (fn: (s: Storage) => Promise<void>) => {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  test("events come back as written, newest first, with increasing ids", { timeout: 20_000 }, () =>
    withStore(async (s) => {
      const written = await s.write({
        events: [
          leaderChange(T0, "main", "node1", "node2"),
          { at: T0, cluster: "main", kind: "timeline_changed", member: null, from: 1, to: 2 },
          {
            at: T0 + 5000,
            cluster: "main",
            kind: "alert_opened",
            member: "node1",
            code: "member_missing",
            severity: "warning",
          },
          {
            at: T0 + 9000,
            cluster: "main",
            kind: "config_changed",
            member: null,
            diff: [{ key: "ttl", path: ["ttl"], kind: "changed", oldValue: 30, newValue: 20 }],
          },
        ],
      });
      assert.equal(written.length, 4);
      assert.ok(written[0]!.id < written[1]!.id && written[1]!.id < written[2]!.id);
      const read = await s.events({ limit: 10 });
      assert.deepEqual(
        read.map((e) => e.kind),
        ["config_changed", "alert_opened", "timeline_changed", "leader_changed"],
      );
      assert.deepEqual(strip(read).reverse(), strip(written));
      assert.deepEqual(
        read.map((e) => e.id).reverse(),
        written.map((e) => e.id),
      );
    }),
  );

  test("filters: cluster, member, kinds, since/until inclusive, limit", { timeout: 20_000 }, () =>
    withStore(async (s) => {
      await s.write({
        events: [
          leaderChange(T0, "a", "n1", "n2"),
          leaderChange(T0 + 1000, "b", "n1", "n2"),
          { at: T0 + 2000, cluster: "a", kind: "member_left", member: "n1" },
          { at: T0 + 3000, cluster: "a", kind: "paused", member: null },
          { at: T0 + 4000, cluster: "a", kind: "resumed", member: null },
        ],
      });
      assert.deepEqual(
        (await s.events({ cluster: "b", limit: 10 })).map((e) => e.cluster),
        ["b"],
      );
      assert.deepEqual(
        (await s.events({ cluster: "a", member: "n1", limit: 10 })).map((e) => e.kind),
        ["member_left"],
      );
      assert.deepEqual(
        (await s.events({ kinds: ["paused", "resumed"], limit: 10 })).map((e) => e.kind),
        ["resumed", "paused"],
      );
      assert.deepEqual(
        (await s.events({ since: T0 + 1000, until: T0 + 3000, limit: 10 })).map((e) => e.at),
        [T0 + 3000, T0 + 2000, T0 + 1000],
      );
      assert.deepEqual(
        (await s.events({ limit: 2 })).map((e) => e.at),
        [T0 + 4000, T0 + 3000],
      );
    }),
  );

  test("the event log keeps its entries per cluster, oldest first, the newest N", { timeout: 20_000 }, () =>
    withStore(async (s) => {
      const entry = (t: number, kind: EventLogEntry["kind"]): EventLogEntry => ({
        t,
        kind,
        member: "node1",
        from: null,
        to: null,
        detail: kind === "node_unreachable" ? "timeout" : null,
      });
      await s.write({
        log: [{ cluster: "a", entries: [entry(T0, "node_unreachable"), entry(T0 + 5000, "node_reachable")] }],
      });
      await s.write({
        log: [
          { cluster: "b", entries: [entry(T0, "paused")] },
          { cluster: "a", entries: [entry(T0 + 9000, "paused")] },
        ],
      });
      assert.deepEqual(
        (await s.logEntries("a", 2)).map((e) => [e.t, e.kind]),
        [
          [T0 + 5000, "node_reachable"],
          [T0 + 9000, "paused"],
        ],
      );
      assert.deepEqual((await s.logEntries("a", 10))[0], entry(T0, "node_unreachable"));
      assert.equal((await s.logEntries("none", 10)).length, 0);
    }),
  );

  test("lag: raw samples, and 1-minute rollups keep the worst value per bucket", { timeout: 20_000 }, () =>
    withStore(async (s) => {
      const rows = [];
      // 10 minutes of 5 s samples for two replicas; node2's replay position is unknown at first.
      for (let i = 0; i < 120; i++) {
        const at = T0 + i * 5000;
        rows.push({ at, cluster: "a", member: "node2", receive: i * 100, replay: i < 6 ? null : i * 90 });
        rows.push({ at, cluster: "a", member: "node3", receive: 5, replay: 7 });
      }
      rows.push({ at: T0, cluster: "b", member: "node2", receive: 1, replay: 1 });
      // Written in cycles, as the poller does (a minute's rollup is updated by many writes).
      for (let i = 0; i < rows.length; i += 2) await s.write({ lag: rows.slice(i, i + 2) });
      const raw = await s.lag({ cluster: "a", from: T0, to: T0 + 10 * MIN, bucketMs: 0 });
      assert.equal(raw.length, 240);
      assert.deepEqual(raw[0], { t: T0, member: "node2", receive: 0, replay: null });
      assert.deepEqual(raw.at(-1), { t: T0 + 119 * 5000, member: "node3", receive: 5, replay: 7 });
      const perMinute = await s.lag({ cluster: "a", from: T0, to: T0 + 10 * MIN, bucketMs: MIN });
      assert.equal(perMinute.length, 20);
      const first = perMinute.find((p) => p.member === "node2" && p.t === T0)!;
      // Samples 0..11 in the first minute: receive max 1100, replay max 11*90 (null ones ignored).
      assert.deepEqual(first, { t: T0, member: "node2", receive: 1100, replay: 990 });
      const fiveMin = await s.lag({ cluster: "a", from: T0, to: T0 + 10 * MIN, bucketMs: 5 * MIN });
      assert.deepEqual(
        fiveMin.filter((p) => p.member === "node2"),
        [
          { t: T0, member: "node2", receive: 59 * 100, replay: 59 * 90 },
          { t: T0 + 5 * MIN, member: "node2", receive: 119 * 100, replay: 119 * 90 },
        ],
      );
    }),
  );

  test(
    "prune: raw lag after an hour, rollups and events by age; rollups outlive raw",
    { timeout: 20_000 },
    () =>
      withStore(async (s) => {
        const now = T0 + 10 * 24 * HOUR;
        await s.write({
          events: [leaderChange(T0, "a", "n1", "n2"), leaderChange(now - HOUR, "a", "n2", "n1")],
          lag: [
            { at: now - 2 * HOUR, cluster: "a", member: "n2", receive: 10, replay: 10 },
            { at: now - 8 * 24 * HOUR, cluster: "a", member: "n2", receive: 20, replay: 20 },
            { at: now - 10 * MIN, cluster: "a", member: "n2", receive: 30, replay: 30 },
          ],
        });
        const result = await s.prune(now, { ...keepAll, eventsMs: 9 * 24 * HOUR });
        assert.ok(result.deleted >= 4, `deleted ${result.deleted}`);
        assert.deepEqual(
          (await s.events({ limit: 10 })).map((e) => e.at),
          [now - HOUR],
        );
        const raw = await s.lag({ cluster: "a", from: 0, to: now, bucketMs: 0 });
        assert.deepEqual(
          raw.map((p) => p.receive),
          [30],
        );
        const rolled = await s.lag({ cluster: "a", from: 0, to: now, bucketMs: MIN });
        assert.deepEqual(
          rolled.map((p) => p.receive),
          [10, 30],
        );
      }),
  );

  test("prune: over the size bound the oldest rows go first", { timeout: 60_000 }, () =>
    withStore(async (s) => {
      const events: NewHistoryEvent[] = [];
      for (let i = 0; i < 3000; i++)
        events.push({
          at: T0 + i * 1000,
          cluster: "a",
          kind: "member_state_changed",
          member: "node1",
          from: "running",
          to: `state ${"x".repeat(200)} ${i}`,
        });
      await s.write({ events });
      const before = await s.sizeBytes();
      assert.ok(before > 300_000, `size ${before}`);
      const result = await s.prune(T0 + 3000 * 1000, { ...keepAll, maxBytes: Math.floor(before / 2) });
      const left = await s.events({ limit: 1000 });
      const oldest = (await s.events({ limit: 3000 })).at(-1)!;
      assert.ok(result.deleted >= 300, `deleted ${result.deleted}`);
      assert.ok(oldest.at > T0, "the oldest event went first");
      assert.equal(left[0]!.at, T0 + 2999 * 1000, "the newest event stays");
    }),
  );

  test(
    "notified alerts: each open, reminder and resolve is claimed once; the memory reads back",
    { timeout: 20_000 },
    () =>
      withStore(async (s) => {
        const a = {
          cluster: "a",
          code: "failover_pending" as const,
          member: "node1",
          severity: "critical" as const,
          since: T0,
          lastSentAt: T0,
        };
        const b = { ...a, code: "no_leader" as const, member: null };
        assert.equal(await s.claimOpened(a), true);
        assert.equal(await s.claimOpened({ ...a, since: T0 + 5000 }), false, "opened twice");
        assert.equal(await s.claimOpened(b), true);
        const stored = (await s.notifiedAlerts()).sort((x, y) => x.code.localeCompare(y.code));
        assert.deepEqual(stored, [a, b]);
        assert.equal(await s.claimReminder(a, T0 + 30_000, 60_000), false, "reminded too early");
        assert.equal(await s.claimReminder(a, T0 + 60_000, 60_000), true);
        assert.equal(await s.claimReminder(a, T0 + 61_000, 60_000), false, "reminded twice");
        assert.equal(await s.claimResolved(b), true);
        assert.equal(await s.claimResolved(b), false, "resolved twice");
        assert.equal(await s.claimReminder(b, T0 + 99_000, 60_000), false, "reminder of a resolved alert");
        assert.deepEqual(await s.notifiedAlerts(), [{ ...a, lastSentAt: T0 + 60_000 }]);
      }),
  );

  test("an unknown kind on disk (a newer version wrote it) is skipped, not fatal", { timeout: 20_000 }, () =>
    withStore(async (s) => {
      await s.write({ events: [{ at: T0, cluster: "a", kind: "future_kind" as "paused", member: null }] });
      await s.write({ events: [{ at: T0 + 1, cluster: "a", kind: "paused", member: null }] });
      assert.deepEqual(
        (await s.events({ limit: 10 })).map((e) => e.kind),
        ["paused"],
      );
    }),
  );
}
