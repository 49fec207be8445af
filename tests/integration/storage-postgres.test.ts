import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import { openPostgres } from "@/lib/server/storage/postgres";
import { lab } from "../support/lab";
import { freshLabDatabase, labAdmin, labLeaderPgPort } from "../support/lab-postgres";
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
          assert.deepEqual(rows, [{ version: 1 }, { version: 2 }]);
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

  test("a wrong password is a clear error at open, not a hang", { timeout: 30_000 }, async () => {
    const url = (await fresh()).replace(":lab-postgres@", ":wrong@");
    await assert.rejects(openPostgres(url), /password authentication failed/);
  });
});
