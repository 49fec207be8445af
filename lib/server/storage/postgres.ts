import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, LagPoint } from "@/lib/domain/history-events";
import {
  eventWhere,
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
import { insertEvent, insertLog } from "./postgres-merge";
import { migrate, TABLES } from "./postgres-schema";

// The shared backend for several dashboard instances (storage.url: postgres://…): the same tables and
// behaviour as sqlite.ts in PostgreSQL's dialect. A write() resolves after COMMIT. The schema and its
// migrations are in postgres-schema.ts; how one instance's sighting merges with another's, postgres-merge.ts.

/** Key space of the per-cluster write locks (pg_advisory_xact_lock(int, int)). */
const WRITE_LOCK = 7_402_119;

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
      for (const event of events) ids.push(await insertEvent(client, this.instance, event));
      for (const { cluster, e } of log) await insertLog(client, this.instance, cluster, e);
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
