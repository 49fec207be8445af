import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, LagPoint } from "@/lib/domain/history-events";
import { eventData, eventWhere, minuteOf, rowToEvent, rowToLogEntry, withIds, type EventRow } from "./rows";
import { notifiedRow, type NotifiedRow } from "./rows";
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

// The embedded backend: one SQLite file in DATA_DIR, WAL mode. better-sqlite3 is synchronous, so a
// write() has committed by the time its promise exists; synchronous=NORMAL in WAL mode survives a
// process kill (the WAL is in the OS's page cache), only a power loss can cost the last commits.

export const SQLITE_FILE = "patroni-dashboard.sqlite";

/** Versioned migrations, applied in order inside one transaction each; never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL, cluster TEXT NOT NULL, kind TEXT NOT NULL, member TEXT, data TEXT NOT NULL);
   CREATE INDEX events_at ON events (at);
   CREATE INDEX events_cluster_at ON events (cluster, at);
   CREATE TABLE event_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT, cluster TEXT NOT NULL, at INTEGER NOT NULL, entry TEXT NOT NULL);
   CREATE INDEX event_log_cluster ON event_log (cluster, id);
   CREATE TABLE lag_raw (
     cluster TEXT NOT NULL, member TEXT NOT NULL, at INTEGER NOT NULL, receive INTEGER, replay INTEGER);
   CREATE INDEX lag_raw_cluster_at ON lag_raw (cluster, at);
   CREATE TABLE lag_minute (
     cluster TEXT NOT NULL, member TEXT NOT NULL, minute INTEGER NOT NULL,
     receive_min INTEGER, receive_max INTEGER, receive_last INTEGER,
     replay_min INTEGER, replay_max INTEGER, replay_last INTEGER,
     PRIMARY KEY (cluster, member, minute)) WITHOUT ROWID;
   CREATE INDEX lag_minute_minute ON lag_minute (minute);`,
  `CREATE TABLE notified_alerts (
     cluster TEXT NOT NULL, code TEXT NOT NULL, member TEXT NOT NULL, severity TEXT NOT NULL,
     since INTEGER NOT NULL, last_sent_at INTEGER NOT NULL,
     PRIMARY KEY (cluster, code, member)) WITHOUT ROWID;`,
];

export function openSqlite(dataDir: string): SqliteStorage {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStorage(join(dataDir, SQLITE_FILE));
}

export class SqliteStorage implements Storage {
  readonly backend = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly insertRaw: Database.Statement;
  private readonly upsertMinute: Database.Statement;
  private readonly writeTx: (batch: WriteBatch) => number[];

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    migrate(this.db);
    this.insertEvent = this.db.prepare(
      "INSERT INTO events (at, cluster, kind, member, data) VALUES (?, ?, ?, ?, ?)",
    );
    this.insertLog = this.db.prepare("INSERT INTO event_log (cluster, at, entry) VALUES (?, ?, ?)");
    this.insertRaw = this.db.prepare(
      "INSERT INTO lag_raw (cluster, member, at, receive, replay) VALUES (?, ?, ?, ?, ?)",
    );
    // min()/max() with two arguments return NULL if either is NULL: coalesce each side to the other.
    this.upsertMinute = this.db.prepare(
      `INSERT INTO lag_minute VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cluster, member, minute) DO UPDATE SET
         receive_min = min(coalesce(receive_min, excluded.receive_min), coalesce(excluded.receive_min, receive_min)),
         receive_max = max(coalesce(receive_max, excluded.receive_max), coalesce(excluded.receive_max, receive_max)),
         receive_last = coalesce(excluded.receive_last, receive_last),
         replay_min = min(coalesce(replay_min, excluded.replay_min), coalesce(excluded.replay_min, replay_min)),
         replay_max = max(coalesce(replay_max, excluded.replay_max), coalesce(excluded.replay_max, replay_max)),
         replay_last = coalesce(excluded.replay_last, replay_last)`,
    );
    this.writeTx = this.db.transaction((batch: WriteBatch) => {
      const ids: number[] = [];
      for (const event of batch.events ?? []) {
        const info = this.insertEvent.run(
          event.at,
          event.cluster,
          event.kind,
          event.member,
          eventData(event),
        );
        ids.push(Number(info.lastInsertRowid));
      }
      for (const { cluster, entries } of batch.log ?? [])
        for (const entry of entries) this.insertLog.run(cluster, entry.t, JSON.stringify(entry));
      for (const s of batch.lag ?? []) {
        this.insertRaw.run(s.cluster, s.member, s.at, s.receive, s.replay);
        const { receive: r, replay: p } = s;
        this.upsertMinute.run(s.cluster, s.member, minuteOf(s.at), r, r, r, p, p, p);
      }
      return ids;
    });
  }

  async write(batch: WriteBatch): Promise<HistoryEvent[]> {
    return withIds(batch.events ?? [], this.writeTx(batch));
  }

  async events(filter: EventFilter): Promise<HistoryEvent[]> {
    const { where, args } = eventWhere(filter, () => "?");
    const sql = `SELECT id, at, cluster, kind, member, data FROM events ${where}
      ORDER BY at DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, filter.limit) as EventRow[];
    return rows.map(rowToEvent).filter((e): e is HistoryEvent => e !== null);
  }

  async logEntries(cluster: string, limit: number): Promise<EventLogEntry[]> {
    const rows = this.db
      .prepare("SELECT entry FROM event_log WHERE cluster = ? ORDER BY id DESC LIMIT ?")
      .all(cluster, limit) as { entry: string }[];
    return rows
      .reverse()
      .map((r) => rowToLogEntry(r.entry))
      .filter((e): e is EventLogEntry => e !== null);
  }

  async lag(filter: LagFilter): Promise<LagPoint[]> {
    if (filter.bucketMs === 0) {
      return this.db
        .prepare(
          `SELECT at AS t, member, receive, replay FROM lag_raw
           WHERE cluster = ? AND at >= ? AND at <= ? ORDER BY at, member`,
        )
        .all(filter.cluster, filter.from, filter.to) as LagPoint[];
    }
    return this.db
      .prepare(
        `SELECT minute - minute % @b AS t, member, max(receive_max) AS receive, max(replay_max) AS replay
         FROM lag_minute WHERE cluster = @c AND minute >= @from AND minute <= @to
         GROUP BY t, member ORDER BY t, member`,
      )
      .all({
        b: filter.bucketMs,
        c: filter.cluster,
        from: minuteOf(filter.from),
        to: filter.to,
      }) as LagPoint[];
  }

  async prune(now: number, retention: Retention): Promise<PruneResult> {
    let deleted = 0;
    const run = (sql: string, ...args: unknown[]) => (deleted += this.db.prepare(sql).run(...args).changes);
    this.db.transaction(() => {
      run("DELETE FROM events WHERE at < ?", now - retention.eventsMs);
      run("DELETE FROM event_log WHERE at < ?", now - retention.eventsMs);
      run("DELETE FROM lag_raw WHERE at < ?", now - retention.rawLagMs);
      run("DELETE FROM lag_minute WHERE minute < ?", now - retention.rollupMs);
    })();
    // Over the size bound: drop the oldest tenth of each history table until under it (a few rounds
    // at most; deleted pages go to the free list and are reused, so the file stops growing).
    for (let round = 0; round < 10 && this.usedBytes() > retention.maxBytes; round++) {
      this.db.transaction(() => {
        for (const [table, column] of [
          ["events", "id"],
          ["event_log", "id"],
          ["lag_raw", "rowid"],
        ] as const)
          run(
            `DELETE FROM ${table} WHERE ${column} <= (SELECT min(${column}) + (max(${column}) - min(${column})) / 10 FROM ${table})`,
          );
        run(
          "DELETE FROM lag_minute WHERE minute <= (SELECT min(minute) + (max(minute) - min(minute)) / 10 FROM lag_minute)",
        );
      })();
    }
    this.db.pragma("wal_checkpoint(PASSIVE)");
    return { deleted, sizeBytes: this.usedBytes() };
  }

  async sizeBytes(): Promise<number> {
    return this.usedBytes();
  }

  /** Pages in use (the file minus its free list): what the size bound counts. */
  private usedBytes(): number {
    const pages = this.db.pragma("page_count", { simple: true }) as number;
    const free = this.db.pragma("freelist_count", { simple: true }) as number;
    const size = this.db.pragma("page_size", { simple: true }) as number;
    return (pages - free) * size;
  }

  async notifiedAlerts(): Promise<NotifiedAlert[]> {
    const rows = this.db.prepare("SELECT * FROM notified_alerts").all() as NotifiedRow[];
    return rows.map(notifiedRow).filter((a): a is NotifiedAlert => a !== null);
  }

  async claimOpened(a: NotifiedAlert): Promise<boolean> {
    const sql = `INSERT INTO notified_alerts (cluster, code, member, severity, since, last_sent_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
    const args = [a.cluster, a.code, a.member ?? "", a.severity, a.since, a.lastSentAt];
    return this.db.prepare(sql).run(...args).changes === 1;
  }

  async claimReminder(k: NotifiedKey, now: number, intervalMs: number): Promise<boolean> {
    const sql = `UPDATE notified_alerts SET last_sent_at = ?
      WHERE cluster = ? AND code = ? AND member = ? AND last_sent_at <= ?`;
    return this.db.prepare(sql).run(now, k.cluster, k.code, k.member ?? "", now - intervalMs).changes === 1;
  }

  async claimResolved(k: NotifiedKey): Promise<boolean> {
    const sql = "DELETE FROM notified_alerts WHERE cluster = ? AND code = ? AND member = ?";
    return this.db.prepare(sql).run(k.cluster, k.code, k.member ?? "").changes === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const done =
    (db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  if (done > MIGRATIONS.length)
    throw new Error(
      `the database's schema is version ${done}, newer than this dashboard (${MIGRATIONS.length})`,
    );
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= done) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?)").run(version, Date.now());
    })();
  });
}
