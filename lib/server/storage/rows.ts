import "server-only";
import { eventLogEntrySchema, type EventLogEntry } from "@/lib/domain/contracts";
import { ALERT_CODES } from "@/lib/domain/alert-codes";
import { OBSERVED_EVENT_KINDS, SEVERITIES } from "@/lib/domain/constants";
import type { EventFilter, NotifiedAlert } from "./storage";
import { historyEventSchema, type HistoryEvent, type NewHistoryEvent } from "@/lib/domain/history-events";

// Row <-> event conversion shared by both backends: the common columns (at, cluster, kind, member)
// are columns, the rest of the event is one JSON document, so a new kind needs no migration.

export interface EventRow {
  id: number | string;
  at: number | string;
  cluster: string;
  kind: string;
  member: string | null;
  data: string | Record<string, unknown>;
}

/**
 * Kinds every dashboard derives from what it polls: two instances writing to one PostgreSQL observe
 * each of these once each, and the store keeps one (postgres.ts). Actions, their outcomes and delivery
 * attempts are done by one instance and are never merged.
 */
const OBSERVED_KINDS: ReadonlySet<string> = new Set(OBSERVED_EVENT_KINDS);

/**
 * What makes two instances' observations the same event: everything but the time, and but what each
 * instance measures for itself (how long an alert lasted, from its own first sighting); null for a
 * kind that is never merged.
 */
export function eventIdentity(event: NewHistoryEvent): string | null {
  if (!OBSERVED_KINDS.has(event.kind)) return null;
  const { at: _at, cluster: _cluster, kind: _kind, ...rest } = event as Record<string, unknown>;
  delete rest.durationMs;
  return JSON.stringify(rest);
}

/** The same for an entry of the plain-language event log: everything but its time. */
export function logIdentity(entry: EventLogEntry): string {
  const { t: _t, ...rest } = entry;
  return JSON.stringify(rest);
}

/** The JSON part of an event: everything but the columns. */
export function eventData(event: NewHistoryEvent): string {
  const { at: _at, cluster: _cluster, kind: _kind, member: _member, ...data } = event;
  return JSON.stringify(data);
}

/** A stored row as an event; null (and a warning) for a row this version cannot read. */
export function rowToEvent(row: EventRow): HistoryEvent | null {
  const data = typeof row.data === "string" ? (JSON.parse(row.data) as Record<string, unknown>) : row.data;
  const parsed = historyEventSchema.safeParse({
    ...data,
    id: Number(row.id),
    at: Number(row.at),
    cluster: row.cluster,
    kind: row.kind,
    member: row.member,
  });
  if (parsed.success) return parsed.data;
  console.warn(`[storage] skipping unreadable event ${row.id} (${row.kind}): ${parsed.error.message}`);
  return null;
}

export function rowToLogEntry(entry: string | Record<string, unknown>): EventLogEntry | null {
  const parsed = eventLogEntrySchema.safeParse(typeof entry === "string" ? JSON.parse(entry) : entry);
  return parsed.success ? parsed.data : null;
}

/** The minute (epoch ms) a sample falls in: the key of its 1-minute rollup. */
export function minuteOf(at: number): number {
  return at - (at % 60_000);
}

/** Stored-event order for one write: the order given. */
export function withIds(events: readonly NewHistoryEvent[], ids: readonly number[]): HistoryEvent[] {
  return events.map((event, i) => ({ ...event, id: ids[i]! }) as HistoryEvent);
}

/** The WHERE clause of an events query; `placeholder(n)` spells the n-th parameter (1-based). */
export function eventWhere(
  filter: EventFilter,
  placeholder: (n: number) => string,
): { where: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    args.push(value);
    parts.push(sql(placeholder(args.length)));
  };
  if (filter.cluster !== undefined) add((p) => `cluster = ${p}`, filter.cluster);
  if (filter.member !== undefined) add((p) => `member = ${p}`, filter.member);
  if (filter.since !== undefined) add((p) => `at >= ${p}`, filter.since);
  if (filter.until !== undefined) add((p) => `at <= ${p}`, filter.until);
  if (filter.kinds?.length) {
    const marks = filter.kinds.map((kind) => {
      args.push(kind);
      return placeholder(args.length);
    });
    parts.push(`kind IN (${marks.join(", ")})`);
  }
  return { where: parts.length ? `WHERE ${parts.join(" AND ")}` : "", args };
}

/** A notified_alerts row (member "" = none: part of the primary key, so never NULL). */
export interface NotifiedRow {
  cluster: string;
  code: string;
  member: string;
  severity: string;
  since: number | string;
  last_sent_at: number | string;
}

export function notifiedRow(row: NotifiedRow): NotifiedAlert | null {
  const code = ALERT_CODES.find((c) => c === row.code);
  const severity = SEVERITIES.find((s) => s === row.severity);
  // A code a newer version wrote: not ours to resolve.
  if (!code || !severity) return null;
  return {
    cluster: row.cluster,
    code,
    member: row.member === "" ? null : row.member,
    severity,
    since: Number(row.since),
    lastSentAt: Number(row.last_sent_at),
  };
}
