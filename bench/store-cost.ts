// Benchmark: what the history store costs per poll cycle, and how big its database is after a week.
//
//   node --import ./scripts/register.mjs bench/store-cost.ts
// BENCH_SQLITE=0 measures PostgreSQL only. BENCH_WEEK=0 skips the simulated week (minutes of I/O; PostgreSQL's week, with BENCH_PG_URL, takes longest).
//   BENCH_PG_URL=postgres://postgres:lab-postgres@127.0.0.1:29433/pd_bench node --import ./scripts/register.mjs bench/store-cost.ts
//
// Synthetic fleet (BENCH_CLUSTERS, default 100, of 3 members: a leader and 2 replicas), written exactly
// as the history recorder writes it (lib/server/storage/recorder.ts): one Storage.write per cluster per
// cycle, each with that cluster's 2 lag samples, its event-log entries and its events. Incidents: each
// cluster has BENCH_INCIDENTS_PER_DAY (default 4) a day — a leader change with its timeline, two member
// state changes, an alert opened and resolved, and three event-log entries — spread over the cycles.
//
// 1. Write cost: BENCH_CYCLES (default 200) cycles back to back; per cycle the wall time of the 100
//    writes (run as the poller runs clusters: all at once) and the process CPU time.
// 2. A simulated week: 7 days at one lag sample per replica per simulated minute (each sample lands in
//    its 1-minute rollup, the rows a week keeps) plus the last hour at the real 5 s cadence (the raw
//    samples kept), every incident of the week, pruned every simulated hour with the default retention.
//    Then the bytes the database uses (pages in use / live rows) and its files on disk.
// 3. The size bound on that week: max_size_mb at half the week's size, pruned until it holds — on both
//    backends (PostgreSQL: the database at BENCH_PG_URL is emptied of the dashboard's tables first).
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import pg from "pg";
import { openPostgres } from "@/lib/server/storage/postgres";
import { openSqlite } from "@/lib/server/storage/sqlite";
import type { LagRow, Retention, Storage, WriteBatch } from "@/lib/server/storage/storage";

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 200);
const INCIDENTS_PER_DAY = Number(process.env.BENCH_INCIDENTS_PER_DAY ?? 4);
const INTERVAL_MS = 5000;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const RETENTION: Retention = { eventsMs: 90 * DAY, rawLagMs: HOUR, rollupMs: 7 * DAY, maxBytes: 1024 ** 3 };
const REPLICAS = ["node2", "node3"];

const name = (i: number) => `cluster-${String(i + 1).padStart(3, "0")}`;

/** One incident of a cluster at `at`: what the recorder would write for a failover. */
function incident(cluster: string, at: number): { events: NewHistoryEvent[]; log: EventLogEntry[] } {
  const entry = (
    kind: EventLogEntry["kind"],
    member: string | null,
    from: string | null,
    to: string | null,
  ) => ({
    t: at,
    kind,
    member,
    from,
    to,
    detail: null,
  });
  return {
    events: [
      { at, cluster, kind: "leader_changed", member: "node2", from: "node1", to: "node2", timeline: 7 },
      { at, cluster, kind: "timeline_changed", member: null, from: 6, to: 7 },
      { at, cluster, kind: "member_state_changed", member: "node1", from: "running", to: "stopped" },
      { at, cluster, kind: "member_state_changed", member: "node1", from: "stopped", to: "streaming" },
      { at, cluster, kind: "alert_opened", member: "node1", code: "failover_pending", severity: "critical" },
      {
        at,
        cluster,
        kind: "alert_resolved",
        member: "node1",
        code: "failover_pending",
        severity: "critical",
        durationMs: 31_000,
      },
    ],
    log: [
      entry("leader_lost", "node1", "node1", null),
      entry("leader_elected", "node2", "node1", "node2"),
      entry("timeline_changed", null, "6", "7"),
    ],
  };
}

function lag(cluster: string, at: number, seed: number): LagRow[] {
  return REPLICAS.map((member, r) => ({
    at,
    cluster,
    member,
    receive: ((seed * 7919 + r * 104_729) % 4_000_000) + 1024,
    replay: ((seed * 6151 + r * 130_363) % 4_500_000) + 2048,
  }));
}

/** Each cluster's batch of one cycle; incidents land on a deterministic ~INCIDENTS_PER_DAY schedule. */
function cycleBatches(at: number, cycle: number, cyclesPerDay: number): WriteBatch[] {
  const every = Math.max(1, Math.round(cyclesPerDay / INCIDENTS_PER_DAY));
  return Array.from({ length: CLUSTERS }, (_, i) => {
    const cluster = name(i);
    const batch: WriteBatch = { lag: lag(cluster, at, cycle * CLUSTERS + i), log: [] };
    if ((cycle + i * 37) % every === 0) {
      const { events, log } = incident(cluster, at);
      return { ...batch, events, log: [{ cluster, entries: log }] };
    }
    return batch;
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const fmt = (n: number, d = 1) => n.toFixed(d);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

async function writeCost(store: Storage): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let c = 0; c < CYCLES; c++) {
    const batches = cycleBatches(start + c * INTERVAL_MS, c, DAY / INTERVAL_MS);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(batches.map((b) => store.write({ ...b, lagSpacingMs: INTERVAL_MS })));
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(
    `  write cost per ${INTERVAL_MS / 1000} s cycle (${CLUSTERS} clusters, ${CYCLES} cycles): wall median ${fmt(pct(wall, 0.5), 2)} ms, p95 ${fmt(pct(wall, 0.95), 2)} ms, max ${fmt(wall.at(-1)!, 2)} ms; ` +
      `CPU mean ${fmt(mean(cpu), 2)} ms (${fmt((mean(cpu) / INTERVAL_MS) * 100, 2)} % of one core)`,
  );
}

async function week(store: Storage): Promise<number> {
  const end = Date.UTC(2026, 0, 8);
  const begin = end - 7 * DAY;
  let minute = 0;
  const t0 = performance.now();
  for (let at = begin; at < end - HOUR; at += MIN, minute++) {
    // One cycle per simulated minute: every cluster's lag (one rollup row each) and its incidents.
    const batches = cycleBatches(at, minute, DAY / MIN);
    await store.write({
      lag: batches.flatMap((b) => b.lag ?? []),
      events: batches.flatMap((b) => b.events ?? []),
      log: batches.flatMap((b) => b.log ?? []),
    });
    if (minute % 60 === 0) await store.prune(at, RETENTION);
  }
  // The last hour as the poller writes it: every 5 s.
  for (let at = end - HOUR, c = 0; at < end; at += INTERVAL_MS, c++) {
    const batches = cycleBatches(at, c, DAY / INTERVAL_MS);
    await store.write({
      lag: batches.flatMap((b) => b.lag ?? []),
      events: batches.flatMap((b) => b.events ?? []),
    });
  }
  await store.prune(end, RETENTION);
  console.log(`  simulated week written in ${fmt((performance.now() - t0) / 1000)} s`);
  return end;
}

async function report(store: Storage, end: number, dir: string | null): Promise<void> {
  const events = await store.events({ limit: 1, since: 0 });
  const all = (await store.events({ since: 0, limit: 1_000_000 })).length;
  // One cluster after the other: a week of rollups is 20,000 rows per cluster, and PostgreSQL's pool
  // of 4 would make 100 parallel reads queue past its connect timeout.
  let raw = 0;
  let rolled = 0;
  for (let i = 0; i < CLUSTERS; i++) {
    raw += (await store.lag({ cluster: name(i), from: 0, to: end, bucketMs: 0 })).length;
    rolled += (await store.lag({ cluster: name(i), from: 0, to: end, bucketMs: MIN })).length;
  }
  const used = await store.sizeBytes();
  let onDisk = "";
  if (dir) {
    const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    onDisk = `, files on disk ${mb(bytes)}`;
  }
  console.log(
    `  after a week: ${all} events (newest at ${new Date(events[0]?.at ?? 0).toISOString()}), ${raw} raw lag samples, ${rolled} 1-minute rollups; ` +
      `database ${mb(used)} in use${onDisk}`,
  );
}

/**
 * The size bound on a full week: max_size_mb set to half of what the week uses, then the prunes the
 * recorder runs once a minute until the store is under it (SQLite: within one prune; PostgreSQL: one
 * round of deletions per prune, since deleted rows count until vacuum has seen them).
 */
async function sizeBound(store: Storage, end: number): Promise<void> {
  const before = await store.sizeBytes();
  const bound = Math.floor(before / 2);
  let prunes = 0;
  let size = before;
  for (; prunes < 20 && size > bound;) {
    prunes++;
    size = (await store.prune(end + prunes * MIN, { ...RETENTION, maxBytes: bound })).sizeBytes;
    // Let PostgreSQL's statistics (live/dead rows) catch up, as the minute between two prunes does.
    if (store.backend === "postgres") await new Promise((r) => setTimeout(r, 1500));
    size = await store.sizeBytes();
  }
  const newest = (await store.events({ limit: 1 }))[0]?.at;
  console.log(
    `  size bound ${mb(bound)} (half the week): ${mb(size)} in use after ${prunes} prune(s) ${size <= bound ? "— holds" : "— NOT under the bound"}; newest event kept: ${newest === undefined ? "none" : new Date(newest).toISOString()}`,
  );
}

async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "DROP TABLE IF EXISTS events, event_log, lag_raw, lag_minute, notified_alerts, schema_migrations",
    );
  } finally {
    await client.end();
  }
}

/** PostgreSQL's own view of the files: before and after a plain VACUUM (which frees dead rows' space for reuse). */
async function postgresFiles(url: string, when: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const total = async () =>
    Number(
      (
        await client.query<{ b: string }>(
          `SELECT sum(pg_total_relation_size(relid))::bigint AS b FROM pg_stat_user_tables
           WHERE relname IN ('events', 'event_log', 'lag_raw', 'lag_minute', 'notified_alerts')`,
        )
      ).rows[0]!.b,
    );
  try {
    const files = await total();
    await client.query("VACUUM ANALYZE");
    console.log(
      `  PostgreSQL files (${when}): ${mb(files)} tables + indexes; after VACUUM ANALYZE ${mb(await total())} (space of deleted rows is reused, not returned)`,
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  console.log(
    `store-cost: ${CLUSTERS} clusters × ${REPLICAS.length} replicas, ${INCIDENTS_PER_DAY} incidents per cluster per day`,
  );
  const root = mkdtempSync(join(tmpdir(), "pd-bench-store-"));
  try {
    let store: Storage;
    if (process.env.BENCH_SQLITE !== "0") {
      console.log("SQLite (WAL, synchronous=NORMAL)");
      const costDir = join(root, "cost");
      store = openSqlite(costDir);
      await writeCost(store);
      await store.close();
    }
    if (process.env.BENCH_SQLITE !== "0" && process.env.BENCH_WEEK !== "0") {
      const weekDir = join(root, "week");
      store = openSqlite(weekDir);
      const end = await week(store);
      await report(store, end, weekDir);
      await sizeBound(store, end);
      await store.close();
    }

    const url = process.env.BENCH_PG_URL;
    if (url) {
      console.log(`PostgreSQL (${new URL(url).host}${new URL(url).pathname})`);
      store = await openPostgres(url);
      await writeCost(store);
      await store.close();
      if (process.env.BENCH_WEEK !== "0") {
        // A fresh schema for the week: the write-cost rows would count too.
        await resetPostgres(url);
        store = await openPostgres(url);
        const end = await week(store);
        await report(store, end, null);
        await postgresFiles(url, "before VACUUM");
        await sizeBound(store, end);
        await postgresFiles(url, "after the size-bound prunes");
        await store.close();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
