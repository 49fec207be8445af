import "server-only";
import pg from "pg";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, LagPoint } from "@/lib/domain/history-events";
import { eventData, eventWhere, minuteOf, rowToEvent, rowToLogEntry, withIds, type EventRow } from "./rows";
import type { EventFilter, LagFilter, PruneResult, Retention, Storage, WriteBatch } from "./storage";

// The shared backend for several dashboard instances (storage.url: postgres://…): the same tables and
// behaviour as sqlite.ts in PostgreSQL's dialect. A write() resolves after COMMIT. Migrations run under
// an advisory lock, so two instances starting together apply each version once.

/** Versioned migrations, in order; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at BIGINT NOT NULL, cluster TEXT NOT NULL, kind TEXT NOT NULL, member TEXT, data JSONB NOT NULL);
   CREATE INDEX events_at ON events (at);
   CREATE INDEX events_cluster_at ON events (cluster, at);
   CREATE TABLE event_log (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     cluster TEXT NOT NULL, at BIGINT NOT NULL, entry JSONB NOT NULL);
   CREATE INDEX event_log_cluster ON event_log (cluster, id);
   CREATE TABLE lag_raw (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     cluster TEXT NOT NULL, member TEXT NOT NULL, at BIGINT NOT NULL, receive BIGINT, replay BIGINT);
   CREATE INDEX lag_raw_cluster_at ON lag_raw (cluster, at);
   CREATE TABLE lag_minute (
     cluster TEXT NOT NULL, member TEXT NOT NULL, minute BIGINT NOT NULL,
     receive_min BIGINT, receive_max BIGINT, receive_last BIGINT,
     replay_min BIGINT, replay_max BIGINT, replay_last BIGINT,
     PRIMARY KEY (cluster, member, minute));
   CREATE INDEX lag_minute_minute ON lag_minute (minute);`,
];

/** Any number the key of pg_advisory_xact_lock: this app's migrations. */
const MIGRATION_LOCK = 7_402_118;
const TABLES = ["events", "event_log", "lag_raw", "lag_minute"] as const;

export async function openPostgres(url: string): Promise<PostgresStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", (err) => console.error("[storage] postgres connection lost:", err.message));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresStorage(pool);
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class PostgresStorage implements Storage {
  readonly backend = "postgres" as const;

  constructor(private readonly pool: pg.Pool) {}

  async write(batch: WriteBatch): Promise<HistoryEvent[]> {
    const events = batch.events ?? [];
    const lag = batch.lag ?? [];
    const log = (batch.log ?? []).flatMap(({ cluster, entries }) => entries.map((e) => ({ cluster, e })));
    if (events.length + lag.length + log.length === 0) return [];
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      let ids: number[] = [];
      // One statement per table per batch (unnest of arrays): a cycle of 100 clusters is 4 round trips.
      if (events.length) {
        const res = await client.query(
          `INSERT INTO events (at, cluster, kind, member, data)
           SELECT at, cluster, kind, member, data
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
           WITH ORDINALITY AS t(at, cluster, kind, member, data, n) ORDER BY n RETURNING id`,
          [
            events.map((e) => e.at),
            events.map((e) => e.cluster),
            events.map((e) => e.kind),
            events.map((e) => e.member),
            events.map(eventData),
          ],
        );
        ids = res.rows.map((r: { id: string }) => Number(r.id)).sort((a, b) => a - b);
      }
      if (log.length) {
        await client.query(
          `INSERT INTO event_log (cluster, at, entry)
           SELECT cluster, at, entry FROM unnest($1::text[], $2::bigint[], $3::jsonb[])
           WITH ORDINALITY AS t(cluster, at, entry, n) ORDER BY n`,
          [log.map((l) => l.cluster), log.map((l) => l.e.t), log.map((l) => JSON.stringify(l.e))],
        );
      }
      if (lag.length) {
        const cols = [
          lag.map((s) => s.cluster),
          lag.map((s) => s.member),
          lag.map((s) => s.at),
          lag.map((s) => s.receive),
          lag.map((s) => s.replay),
        ];
        await client.query(
          `INSERT INTO lag_raw (cluster, member, at, receive, replay)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])`,
          cols,
        );
        // LEAST/GREATEST ignore NULLs; one sample per member and minute per statement (ON CONFLICT
        // cannot touch a row twice), so several samples of one minute are folded first.
        await client.query(
          `INSERT INTO lag_minute
           SELECT cluster, member, at - at % 60000, min(receive), max(receive),
                  (array_agg(receive ORDER BY at DESC))[1], min(replay), max(replay),
                  (array_agg(replay ORDER BY at DESC))[1]
           FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
             AS t(cluster, member, at, receive, replay)
           GROUP BY cluster, member, at - at % 60000
           ON CONFLICT (cluster, member, minute) DO UPDATE SET
             receive_min = LEAST(lag_minute.receive_min, excluded.receive_min),
             receive_max = GREATEST(lag_minute.receive_max, excluded.receive_max),
             receive_last = coalesce(excluded.receive_last, lag_minute.receive_last),
             replay_min = LEAST(lag_minute.replay_min, excluded.replay_min),
             replay_max = GREATEST(lag_minute.replay_max, excluded.replay_max),
             replay_last = coalesce(excluded.replay_last, lag_minute.replay_last)`,
          cols,
        );
      }
      await client.query("COMMIT");
      return withIds(events, ids);
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async events(filter: EventFilter): Promise<HistoryEvent[]> {
    const { where, args } = eventWhere(filter, (n) => `$${n}`);
    const res = await this.pool.query<EventRow>(
      `SELECT id, at, cluster, kind, member, data FROM events ${where}
       ORDER BY at DESC, id DESC LIMIT $${args.length + 1}`,
      [...args, filter.limit],
    );
    return res.rows.map(rowToEvent).filter((e): e is HistoryEvent => e !== null);
  }

  async logEntries(cluster: string, limit: number): Promise<EventLogEntry[]> {
    const res = await this.pool.query<{ entry: Record<string, unknown> }>(
      "SELECT entry FROM event_log WHERE cluster = $1 ORDER BY id DESC LIMIT $2",
      [cluster, limit],
    );
    return res.rows
      .reverse()
      .map((r) => rowToLogEntry(r.entry))
      .filter((e): e is EventLogEntry => e !== null);
  }

  async lag(filter: LagFilter): Promise<LagPoint[]> {
    const res =
      filter.bucketMs === 0
        ? await this.pool.query(
            `SELECT at AS t, member, receive, replay FROM lag_raw
             WHERE cluster = $1 AND at >= $2 AND at <= $3 ORDER BY at, member, id`,
            [filter.cluster, filter.from, filter.to],
          )
        : await this.pool.query(
            `SELECT (minute / $1) * $1 AS t, member, max(receive_max) AS receive, max(replay_max) AS replay
             FROM lag_minute WHERE cluster = $2 AND minute >= $3 AND minute <= $4
             GROUP BY 1, 2 ORDER BY 1, 2`,
            [filter.bucketMs, filter.cluster, minuteOf(filter.from), filter.to],
          );
    return res.rows.map((r: Record<string, unknown>) => ({
      t: Number(r.t),
      member: String(r.member),
      receive: num(r.receive),
      replay: num(r.replay),
    }));
  }

  async prune(now: number, retention: Retention): Promise<PruneResult> {
    let deleted = 0;
    const run = async (sql: string, args: unknown[] = []) =>
      (deleted += (await this.pool.query(sql, args)).rowCount ?? 0);
    await run("DELETE FROM events WHERE at < $1", [now - retention.eventsMs]);
    await run("DELETE FROM event_log WHERE at < $1", [now - retention.eventsMs]);
    await run("DELETE FROM lag_raw WHERE at < $1", [now - retention.rawLagMs]);
    await run("DELETE FROM lag_minute WHERE minute < $1", [now - retention.rollupMs]);
    // NOTE: deleted rows keep their space until (auto)vacuum, so the bound counts live rows only;
    // one round per prune: the next prune sees what vacuum has made reusable.
    if ((await this.sizeBytes()) > retention.maxBytes) {
      for (const table of ["events", "event_log", "lag_raw"] as const)
        await run(
          `DELETE FROM ${table} WHERE id <= (SELECT min(id) + (max(id) - min(id)) / 10 FROM ${table})`,
        );
      await run(
        "DELETE FROM lag_minute WHERE minute <= (SELECT min(minute) + (max(minute) - min(minute)) / 10 FROM lag_minute)",
      );
    }
    return { deleted, sizeBytes: await this.sizeBytes() };
  }

  /** On-disk size of our tables and indexes, scaled by the share of live rows (dead ones await vacuum). */
  async sizeBytes(): Promise<number> {
    const res = await this.pool.query<{ bytes: string | null }>(
      `SELECT sum(pg_total_relation_size(c.oid) *
                  CASE WHEN s.n_live_tup + s.n_dead_tup > 0
                       THEN s.n_live_tup::float8 / (s.n_live_tup + s.n_dead_tup) ELSE 1 END)::bigint AS bytes
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace`,
      [TABLES],
    );
    return Number(res.rows[0]?.bytes ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
    );
    const done = Number(
      (await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations")).rows[0]
        ?.v ?? 0,
    );
    if (done > MIGRATIONS.length)
      throw new Error(
        `the database's schema is version ${done}, newer than this dashboard (${MIGRATIONS.length})`,
      );
    for (let version = done + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query("INSERT INTO schema_migrations VALUES ($1, $2)", [version, Date.now()]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
