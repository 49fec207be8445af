import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, LagPoint, NewHistoryEvent } from "@/lib/domain/history-events";
import {
  eventData,
  eventIdentity,
  eventWhere,
  logIdentity,
  minuteOf,
  notifiedRow,
  rowToEvent,
  rowToLogEntry,
  withIds,
  type EventRow,
  type NotifiedRow,
} from "./rows";
import type {
  EventFilter,
  LagFilter,
  NotifiedAlert,
  NotifiedKey,
  PruneResult,
  Retention,
  Storage,
  WriteBatch,
} from "./storage";

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
  // Several instances on one database: who wrote a row, what makes it the same observation as another
  // instance's, and which instances have matched it already (see write()); the notifier's memory.
  `ALTER TABLE events ADD COLUMN instance TEXT, ADD COLUMN identity TEXT,
     ADD COLUMN seen_by TEXT[] NOT NULL DEFAULT '{}';
   CREATE INDEX events_identity ON events (cluster, kind, identity, at) WHERE identity IS NOT NULL;
   ALTER TABLE event_log ADD COLUMN instance TEXT, ADD COLUMN identity TEXT,
     ADD COLUMN seen_by TEXT[] NOT NULL DEFAULT '{}';
   CREATE INDEX event_log_identity ON event_log (cluster, identity, at) WHERE identity IS NOT NULL;
   CREATE TABLE notified_alerts (
     cluster TEXT NOT NULL, code TEXT NOT NULL, member TEXT NOT NULL, severity TEXT NOT NULL,
     since BIGINT NOT NULL, last_sent_at BIGINT NOT NULL,
     PRIMARY KEY (cluster, code, member));`,
  `ALTER TABLE lag_raw ADD COLUMN instance TEXT;`,
];

/** Any number the key of pg_advisory_xact_lock: this app's migrations. */
const MIGRATION_LOCK = 7_402_118;
const TABLES = ["events", "event_log", "lag_raw", "lag_minute", "notified_alerts"] as const;
/** Key space of the per-cluster write locks (pg_advisory_xact_lock(int, int)). */
const WRITE_LOCK = 7_402_119;
/**
 * Two instances' sightings of one change are at most this far apart: each polls every interval (30 s at
 * most in practice), a failing node is retried after up to 4 intervals, and writes queue while the
 * database is briefly away. A genuine repeat within it (a flapping member) is still kept: each row
 * matches at most one sighting per other instance.
 */
export const SAME_EVENT_WINDOW_MS = 120_000;

export async function openPostgres(
  url: string,
  /** This process's name in the rows it writes; a random one by default (each start is a new writer). */
  instance: string = randomUUID(),
): Promise<PostgresStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", (err) => console.error("[storage] postgres connection lost:", err.message));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PostgresStorage(pool, instance);
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class PostgresStorage implements Storage {
  readonly backend = "postgres" as const;

  constructor(
    private readonly pool: pg.Pool,
    readonly instance: string,
  ) {}

  async write(batch: WriteBatch): Promise<HistoryEvent[]> {
    const events = batch.events ?? [];
    const lag = batch.lag ?? [];
    const log = (batch.log ?? []).flatMap(({ cluster, entries }) => entries.map((e) => ({ cluster, e })));
    if (events.length + lag.length + log.length === 0) return [];
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Writers of the same cluster take turns (other instances on this database): a sighting is
      // compared with what the other instances committed, never with what they are writing.
      const clusters = [
        ...new Set([
          ...events.map((e) => e.cluster),
          ...log.map((l) => l.cluster),
          ...lag.map((l) => l.cluster),
        ]),
      ].sort();
      for (const cluster of clusters)
        await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [WRITE_LOCK, cluster]);
      const ids: number[] = [];
      for (const event of events) ids.push(await this.insertEvent(client, event));
      for (const { cluster, e } of log) await this.insertLog(client, cluster, e);
      if (lag.length) {
        const cols = [
          lag.map((s) => s.cluster),
          lag.map((s) => s.member),
          lag.map((s) => s.at),
          lag.map((s) => s.receive),
          lag.map((s) => s.replay),
        ];
        // Another instance's sample of the same member within half a poll interval stands for this one:
        // the last hour's chart shows one series, not two interleaved.
        await client.query(
          `INSERT INTO lag_raw (cluster, member, at, receive, replay, instance)
           SELECT t.*, $6 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
             AS t(cluster, member, at, receive, replay)
           WHERE $7::bigint = 0 OR NOT EXISTS (
             SELECT 1 FROM lag_raw r
             WHERE r.cluster = t.cluster AND r.member = t.member AND r.instance <> $6
               AND r.at > t.at - $7::bigint AND r.at < t.at + $7::bigint)`,
          [...cols, this.instance, Math.floor((batch.lagSpacingMs ?? 0) / 2)],
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

  /**
   * One event, or, for an observation another instance committed within SAME_EVENT_WINDOW_MS and this
   * one has not matched yet, a mark on that row instead: its id is returned either way.
   */
  private async insertEvent(client: pg.PoolClient, event: NewHistoryEvent): Promise<number> {
    const identity = eventIdentity(event);
    const args = [event.at, event.cluster, event.kind, event.member, eventData(event), this.instance];
    if (identity === null) {
      const res = await client.query<{ id: string }>(
        `INSERT INTO events (at, cluster, kind, member, data, instance, seen_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, ARRAY[$6::text]) RETURNING id`,
        args,
      );
      return Number(res.rows[0]!.id);
    }
    const res = await client.query<{ id: string }>(
      `WITH match AS (
         UPDATE events SET seen_by = array_append(seen_by, $6::text)
         WHERE id = (SELECT id FROM events
                     WHERE cluster = $2 AND kind = $3 AND identity = $7
                       AND at BETWEEN $1::bigint - $8::bigint AND $1::bigint + $8::bigint
                       AND instance <> $6 AND NOT ($6 = ANY (seen_by))
                     ORDER BY abs(at - $1::bigint), id LIMIT 1)
         RETURNING id),
       added AS (
         INSERT INTO events (at, cluster, kind, member, data, instance, identity, seen_by)
         SELECT $1, $2, $3, $4, $5::jsonb, $6, $7, ARRAY[$6::text] WHERE NOT EXISTS (SELECT 1 FROM match)
         RETURNING id)
       SELECT id FROM match UNION ALL SELECT id FROM added`,
      [...args, identity, SAME_EVENT_WINDOW_MS],
    );
    return Number(res.rows[0]!.id);
  }

  /** One event-log entry, merged with another instance's the same way as events. */
  private async insertLog(client: pg.PoolClient, cluster: string, entry: EventLogEntry): Promise<void> {
    await client.query(
      `WITH match AS (
         UPDATE event_log SET seen_by = array_append(seen_by, $4::text)
         WHERE id = (SELECT id FROM event_log
                     WHERE cluster = $1 AND identity = $5
                       AND at BETWEEN $2::bigint - $6::bigint AND $2::bigint + $6::bigint
                       AND instance <> $4 AND NOT ($4 = ANY (seen_by))
                     ORDER BY abs(at - $2::bigint), id LIMIT 1)
         RETURNING id)
       INSERT INTO event_log (cluster, at, entry, instance, identity, seen_by)
       SELECT $1, $2, $3::jsonb, $4, $5, ARRAY[$4::text] WHERE NOT EXISTS (SELECT 1 FROM match)`,
      [cluster, entry.t, JSON.stringify(entry), this.instance, logIdentity(entry), SAME_EVENT_WINDOW_MS],
    );
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

  async notifiedAlerts(): Promise<NotifiedAlert[]> {
    const res = await this.pool.query<NotifiedRow>("SELECT * FROM notified_alerts");
    return res.rows.map(notifiedRow).filter((a): a is NotifiedAlert => a !== null);
  }

  async claimOpened(a: NotifiedAlert): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO notified_alerts (cluster, code, member, severity, since, last_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [a.cluster, a.code, a.member ?? "", a.severity, a.since, a.lastSentAt],
    );
    return res.rowCount === 1;
  }

  async claimReminder(k: NotifiedKey, now: number, intervalMs: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE notified_alerts SET last_sent_at = $1
       WHERE cluster = $2 AND code = $3 AND member = $4 AND last_sent_at <= $5`,
      [now, k.cluster, k.code, k.member ?? "", now - intervalMs],
    );
    return res.rowCount === 1;
  }

  async claimResolved(k: NotifiedKey): Promise<boolean> {
    const res = await this.pool.query(
      "DELETE FROM notified_alerts WHERE cluster = $1 AND code = $2 AND member = $3",
      [k.cluster, k.code, k.member ?? ""],
    );
    return res.rowCount === 1;
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
