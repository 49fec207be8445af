import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import { openPostgres } from "@/lib/server/storage/postgres";
import { buildDetail } from "@/lib/server/store/view";
import { lab, waitFor } from "../support/lab";
import {
  freshLabDatabase,
  labAdmin,
  labLeaderPgPort,
  labPgUrl,
  labRecordingPoller,
} from "../support/lab-postgres";
import { startPrimaryProxy } from "../support/primary-proxy";
import { storageBehaviour, T0 } from "../support/storage-behaviour";

// The storage interface on the lab's real PostgreSQL 15: the same behaviour suite as SQLite's, each
// test in a fresh database, plus what only a shared database has (two instances migrating at once).

const cluster = lab("plain");
let port = 0;
const created: string[] = [];
let n = 0;

before(() => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  port = labLeaderPgPort(cluster);
});
after(async () => {
  // The leader may have moved (the recorder test switches over and kills it): drop on the current one.
  port = labLeaderPgPort(cluster);
  for (const name of created)
    await labAdmin(port, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
});

async function fresh(): Promise<string> {
  const name = `pd_storage_test_${process.pid}_${++n}`;
  created.push(name);
  return freshLabDatabase(port, name);
}

describe("storage (PostgreSQL 15, the lab's)", { timeout: 300_000 }, () => {
  storageBehaviour(async () => openPostgres(await fresh()));

  test(
    "two instances starting together apply each migration once; both read what either wrote",
    { timeout: 60_000 },
    async () => {
      const url = await fresh();
      const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
      try {
        await a.write({ events: [{ at: T0, cluster: "x", kind: "paused", member: null }] });
        await b.write({ events: [{ at: T0 + 1, cluster: "x", kind: "resumed", member: null }] });
        assert.deepEqual(
          (await a.events({ limit: 5 })).map((e) => e.kind),
          ["resumed", "paused"],
        );
        assert.deepEqual(
          (await b.events({ limit: 5 })).map((e) => e.kind),
          ["resumed", "paused"],
        );
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const rows = (await client.query("SELECT version FROM schema_migrations ORDER BY version")).rows;
          assert.deepEqual(rows, [{ version: 1 }, { version: 2 }, { version: 3 }]);
        } finally {
          await client.end();
        }
      } finally {
        await a.close();
        await b.close();
      }
    },
  );

  test(
    "two instances on one database: the same observation is one event; repeats, actions and log kept",
    { timeout: 60_000 },
    async () => {
      const url = await fresh();
      const [a, b] = await Promise.all([openPostgres(url, "noc-a"), openPostgres(url, "noc-b")]);
      try {
        const leader = (at: number): NewHistoryEvent => ({
          at,
          cluster: "x",
          kind: "leader_changed",
          member: "node2",
          from: "node1",
          to: "node2",
          timeline: 2,
        });
        const flap = (at: number): NewHistoryEvent => ({
          at,
          cluster: "x",
          kind: "member_state_changed",
          member: "node3",
          from: "running",
          to: "stopped",
        });
        const resolved = (at: number, durationMs: number): NewHistoryEvent => ({
          at,
          cluster: "x",
          kind: "alert_resolved",
          member: null,
          code: "no_leader",
          severity: "critical",
          durationMs,
        });
        const entry = (t: number) => ({
          t,
          kind: "leader_elected" as const,
          member: "node2",
          from: "node1",
          to: "node2",
          detail: null,
        });
        // Both see the switchover (3 s apart, written at the same time), node3 flapping twice, and the
        // alert resolving (each measured its own duration).
        const [wa, wb] = await Promise.all([
          a.write({
            events: [leader(T0), flap(T0 + 10_000), flap(T0 + 40_000), resolved(T0, 9000)],
            log: [{ cluster: "x", entries: [entry(T0)] }],
          }),
          b.write({
            events: [leader(T0 + 3000), flap(T0 + 12_000), flap(T0 + 43_000), resolved(T0 + 3000, 4000)],
            log: [{ cluster: "x", entries: [entry(T0 + 3000)] }],
          }),
        ]);
        assert.deepEqual(
          wa.map((e) => e.id),
          wb.map((e) => e.id),
          "each sighting maps to the one stored row",
        );
        // Later, a second switchover on the same pair and timeline is well outside the window: kept.
        await b.write({ events: [leader(T0 + 10 * 60_000)] });
        // Audit rows are one instance's acts: two identical actions are two rows.
        const action: NewHistoryEvent = {
          at: T0 + 50_000,
          cluster: "x",
          kind: "paused",
          member: null,
        };
        await a.write({ events: [action] });
        const stored = (await a.events({ limit: 50 })).reverse();
        // Whichever instance committed first keeps its time (within 3 s of the other's): in 10 s steps.
        assert.deepEqual(
          stored.map((e) => [e.kind, Math.floor((e.at - T0) / 10_000)]),
          [
            ["leader_changed", 0],
            ["alert_resolved", 0],
            ["member_state_changed", 1],
            ["member_state_changed", 4],
            ["paused", 5],
            ["leader_changed", 60],
          ],
        );
        const log = await b.logEntries("x", 10);
        assert.equal(log.length, 1, "the event log holds the entry once");
        assert.ok([T0, T0 + 3000].includes(log[0]!.t));
      } finally {
        await a.close();
        await b.close();
      }
    },
  );

  test(
    "two instances' lag samples: one raw series while both write, the other's once one stops; rollups take both",
    { timeout: 60_000 },
    async () => {
      const url = await fresh();
      const [a, b] = await Promise.all([openPostgres(url, "noc-a"), openPostgres(url, "noc-b")]);
      try {
        const sample = (at: number, receive: number) => ({
          at,
          cluster: "x",
          member: "node2",
          receive,
          replay: receive,
        });
        // A samples at 0, 5, 10 … s; B 2 s later each time, with a higher value at 12 s; A stops after 20 s.
        for (let i = 0; i < 8; i++) {
          const t = T0 + i * 5000;
          if (i <= 4) await a.write({ lag: [sample(t, 100)], lagSpacingMs: 5000 });
          await b.write({ lag: [sample(t + 2000, i === 2 ? 900 : 200)], lagSpacingMs: 5000 });
        }
        const raw = await a.lag({ cluster: "x", from: T0, to: T0 + 60_000, bucketMs: 0 });
        assert.deepEqual(
          raw.map((p) => (p.t - T0) / 1000),
          [0, 5, 10, 15, 20, 27, 32, 37],
          "B's samples only once A stopped",
        );
        const minute = await a.lag({ cluster: "x", from: T0, to: T0 + 60_000, bucketMs: 60_000 });
        assert.equal(minute[0]!.receive, 900, "the rollup keeps B's worst value");
      } finally {
        await a.close();
        await b.close();
      }
    },
  );

  test(
    "two dashboards polling the real lab into one database record a pause and a resume once each",
    { timeout: 120_000 },
    async () => {
      const url = await fresh();
      const instance = async (name: string) => {
        const storage = await openPostgres(url, name);
        return { storage, ...labRecordingPoller(cluster, storage) };
      };
      const both = [await instance("noc-a"), await instance("noc-b")];
      try {
        await Promise.all(both.map((i) => i.poller.runCycle()));
        for (const i of both) i.poller.start();
        cluster.run("pause");
        await waitFor("both to see the pause", async () => both.every((i) => i.state.config?.paused), 20_000);
        cluster.run("resume");
        await waitFor(
          "both to see the resume",
          async () => both.every((i) => i.state.config && !i.state.config.paused),
          20_000,
        );
        await new Promise((r) => setTimeout(r, 2500));
        for (const i of both) i.poller.stop();
        await new Promise((r) => setTimeout(r, 1500));
        const events = await both[0]!.storage.events({
          kinds: ["paused", "resumed", "config_changed"],
          limit: 100,
        });
        const summary = JSON.stringify(events.map((e) => [e.kind, e.at]));
        assert.equal(events.filter((e) => e.kind === "paused").length, 1, summary);
        assert.equal(events.filter((e) => e.kind === "resumed").length, 1);
        assert.equal(events.filter((e) => e.kind === "config_changed").length, 2);
        // Each instance's event log shows the pause once, and the store holds it once.
        const logged = (await both[1]!.storage.logEntries("lab", 500)).filter((e) => e.kind === "paused");
        assert.equal(logged.length, 1);
      } finally {
        for (const i of both) {
          i.poller.stop();
          await i.storage.close();
        }
      }
    },
  );

  test(
    "the recorder on PostgreSQL in the watched cluster: a switchover and a killed leader are stored in order",
    { timeout: 420_000 },
    async () => {
      // The history database lives in the lab cluster itself, reached through a primary-following
      // proxy: both events move the database we write to, so writes fail for a while and must be
      // committed late, in order, and shown only then.
      const proxy = await startPrimaryProxy(cluster);
      const name = `pd_recorder_test_${process.pid}`;
      created.push(name);
      await freshLabDatabase(port, name);
      const url = labPgUrl(proxy.port, name);
      const boot = async () => {
        const storage = await openPostgres(url);
        return { storage, ...labRecordingPoller(cluster, storage) };
      };
      const quietErrors = console.error;
      const errors: string[] = [];
      console.error = (...args: unknown[]) => errors.push(args.map(String).join(" "));
      let first: Awaited<ReturnType<typeof boot>> | null = null;
      try {
        first = await boot();
        const { storage, state, poller } = first;
        await poller.runCycle();
        poller.start();
        const leader = (await waitFor("a leader", async () => state.leader, 20_000)).value;
        const sync = (
          await waitFor(
            "a sync standby",
            async () =>
              buildDetail(state, Date.now(), 1000).members.find((m) => m.role === "sync_standby")?.name,
            30_000,
          )
        ).value;
        await new Promise((r) => setTimeout(r, 2000));
        const stored = (kind: "leader_changed") =>
          storage
            .events({ kinds: [kind], limit: 50 })
            .then((events) => events.flatMap((e) => (e.kind === "leader_changed" ? [e] : [])));

        cluster.run("switchover", sync);
        await waitFor(
          "the switchover in the store",
          async () => (await stored("leader_changed")).find((e) => e.from === leader && e.to === sync),
          60_000,
        );
        cluster.run("wait-healthy", "120");
        const killedAt = Date.now();
        cluster.run("kill", sync);
        try {
          await waitFor(
            "the failover in the store",
            async () =>
              (await stored("leader_changed")).find(
                (e) => e.at >= killedAt && e.to !== null && e.to !== sync,
              ),
            150_000,
            500,
          );
        } finally {
          cluster.run("start", sync);
        }
        cluster.run("wait-healthy", "120");
        await waitFor(
          "the killed node back in the store",
          async () =>
            (
              await storage.events({
                kinds: ["member_joined", "member_state_changed"],
                since: killedAt,
                limit: 50,
              })
            ).find((e) => e.member === sync),
          90_000,
        ).catch(() => null);
        // Let the poller write a last cycle, then stop it: what is shown now is what was committed.
        poller.stop();
        await new Promise((r) => setTimeout(r, 1500));
        // A pooled connection to a node that has since restarted fails once: read again, as the
        // recorder's next cycle would.
        const read = <T>(what: string, fn: () => Promise<T>) =>
          waitFor(what, async () => ({ v: await fn() }), 20_000, 500).then((r) => r.value.v);
        const events = (await read("the events", () => storage.events({ limit: 1000 }))).reverse();
        const kinds = events.map((e) => e.kind);
        const afterKill = events.filter((e) => e.at >= killedAt);
        assert.ok(
          afterKill.some(
            (e) => e.kind === "alert_opened" && e.code === "failover_pending" && e.member === sync,
          ),
          `no failover_pending for ${sync}: ${afterKill.map((e) => e.kind).join(", ")}`,
        );
        // In order: the switchover's leader change comes before everything the kill caused.
        const switchover = events.findIndex(
          (e) => e.kind === "leader_changed" && e.from === leader && e.to === sync,
        );
        assert.ok(
          switchover >= 0 && events.slice(switchover + 1).some((e) => e.at >= killedAt),
          kinds.join(", "),
        );
        for (let i = 1; i < events.length; i++)
          assert.ok(events[i]!.at >= events[i - 1]!.at, `out of order at ${i}: ${kinds.join(", ")}`);
        assert.deepEqual(
          await read("the event log", () => storage.logEntries("lab", 500)),
          state.eventLog.entries(),
          "shown = committed",
        );
        const shownLog = state.eventLog.entries();
        await storage.close();
        first = null;

        // A new process on the same database shows the same event log.
        const second = await boot();
        try {
          await second.poller.runCycle();
          assert.deepEqual(second.state.eventLog.entries().slice(0, shownLog.length), shownLog);
        } finally {
          second.poller.stop();
          await second.storage.close();
        }
      } finally {
        console.error = quietErrors;
        first?.poller.stop();
        await first?.storage.close();
        await proxy.close();
        port = labLeaderPgPort(cluster);
        if (errors.length)
          console.log(`[test] logged while the database moved: ${errors.length} error line(s)`);
      }
    },
  );

  test("a wrong password is a clear error at open, not a hang", { timeout: 30_000 }, async () => {
    const url = (await fresh()).replace(":lab-postgres@", ":wrong@");
    await assert.rejects(openPostgres(url), /password authentication failed/);
  });
});
