import "server-only";
import type { Pool } from "pg";

// The PostgreSQL backend's schema (postgres.ts): versioned migrations, applied under an advisory lock so
// that two instances starting together on one database apply each version once.

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
/** Every table of the schema, for sizeBytes(). */
export const TABLES = ["events", "event_log", "lag_raw", "lag_minute", "notified_alerts"] as const;

/** Brings the database's schema up to this build's version, or refuses a newer one. */
export async function migrate(pool: Pool): Promise<void> {
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
