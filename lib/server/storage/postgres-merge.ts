import "server-only";
import type { PoolClient } from "pg";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import { eventData, eventIdentity, logIdentity } from "./rows";

// Several dashboard instances on one PostgreSQL database see the same changes: each sighting of a change
// another instance has already committed is merged into that row (postgres.ts's write() holds the
// cluster's write lock around these), so the history shows it once.

/**
 * Two instances' sightings of one change are at most this far apart: each polls every interval (30 s at
 * most in practice), a failing node is retried after up to 4 intervals, and writes queue while the
 * database is briefly away. A genuine repeat within it (a flapping member) is still kept: each row
 * matches at most one sighting per other instance.
 */
export const SAME_EVENT_WINDOW_MS = 120_000;

/**
 * One event, or, for an observation another instance committed within SAME_EVENT_WINDOW_MS and this
 * one has not matched yet, a mark on that row instead: its id is returned either way.
 */
export async function insertEvent(
  client: PoolClient,
  instance: string,
  event: NewHistoryEvent,
): Promise<number> {
  const identity = eventIdentity(event);
  const args = [event.at, event.cluster, event.kind, event.member, eventData(event), instance];
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
export async function insertLog(
  client: PoolClient,
  instance: string,
  cluster: string,
  entry: EventLogEntry,
): Promise<void> {
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
    [cluster, entry.t, JSON.stringify(entry), instance, logIdentity(entry), SAME_EVENT_WINDOW_MS],
  );
}
