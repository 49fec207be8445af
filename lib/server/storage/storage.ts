import "server-only";
import type { AlertCode } from "@/lib/domain/alert-codes";
import type { Severity } from "@/lib/domain/constants";
import type { EventLogEntry } from "@/lib/domain/contracts";
import type { HistoryEvent, HistoryEventKind, LagPoint, NewHistoryEvent } from "@/lib/domain/history-events";

// The one storage interface the dashboard writes its history through: SQLite in DATA_DIR by default
// (sqlite.ts), PostgreSQL when storage.url is set (postgres.ts). Both behave the same; the shared unit
// suite runs against each. Every write is one transaction, committed when the promise resolves: the
// poller shows nothing it has not committed, so a kill -9 loses nothing that was on screen.

/** One lag sample of one replica (bytes; null when that position is unknown). */
export interface LagRow {
  at: number;
  cluster: string;
  member: string;
  receive: number | null;
  replay: number | null;
}

/** The plain-language event log's entries of one cluster (the classroom log on the cluster page). */
export interface LogRows {
  cluster: string;
  entries: readonly EventLogEntry[];
}

/** What one poll cycle (or one notifier) writes, in one transaction. Every part may be empty. */
export interface WriteBatch {
  events?: readonly NewHistoryEvent[];
  lag?: readonly LagRow[];
  log?: readonly LogRows[];
  /**
   * How far apart one writer's lag samples are (the poll interval). A shared PostgreSQL keeps a raw sample
   * only if no other instance stored one of the same member within half of it (the rollups take both).
   */
  lagSpacingMs?: number;
}

export interface EventFilter {
  cluster?: string;
  member?: string;
  /** Inclusive bounds, epoch ms. */
  since?: number;
  until?: number;
  kinds?: readonly HistoryEventKind[];
  limit: number;
}

export interface LagFilter {
  cluster: string;
  from: number;
  to: number;
  /** 0: raw samples; otherwise the worst value per bucket of this width, from the 1-minute rollups. */
  bucketMs: number;
}

export interface Retention {
  /** Events (and the event log) older than this are deleted. */
  eventsMs: number;
  /** Raw lag samples older than this are deleted (the 1-minute rollups stay). */
  rawLagMs: number;
  /** 1-minute lag rollups older than this are deleted. */
  rollupMs: number;
  /** Above this many bytes on disk the oldest rows go first, whatever their age. */
  maxBytes: number;
}

export interface PruneResult {
  deleted: number;
  sizeBytes: number;
}

/**
 * An alert the webhooks were told about and not yet told is resolved: the notifier's memory, kept in the
 * store so a restart neither re-sends "opened" nor forgets to send "resolved", and so two dashboards on
 * one PostgreSQL send each message once (whoever claims it first sends it).
 */
export interface NotifiedAlert {
  cluster: string;
  code: AlertCode;
  member: string | null;
  severity: Severity;
  /** When the alert was first shown (epoch ms). */
  since: number;
  /** When "opened" or the last reminder was sent. */
  lastSentAt: number;
}

export type NotifiedKey = Pick<NotifiedAlert, "cluster" | "code" | "member">;

export interface Storage {
  readonly backend: "sqlite" | "postgres";
  /** Commits the batch; returns its events as stored (with ids), in the order given. */
  write(batch: WriteBatch): Promise<HistoryEvent[]>;
  /** Newest first (by time, then by id). */
  events(filter: EventFilter): Promise<HistoryEvent[]>;
  /** Oldest first: the newest `limit` entries of one cluster's event log. */
  logEntries(cluster: string, limit: number): Promise<EventLogEntry[]>;
  /** Oldest first, per member. */
  lag(filter: LagFilter): Promise<LagPoint[]>;
  /** Applies the retention: old rows by age, then the oldest until under the size bound. */
  prune(now: number, retention: Retention): Promise<PruneResult>;
  sizeBytes(): Promise<number>;
  /** Every alert notified as open and not yet resolved. */
  notifiedAlerts(): Promise<NotifiedAlert[]>;
  /** Records that "opened" is to be sent; false when it is already recorded (sent before, or by another). */
  claimOpened(alert: NotifiedAlert): Promise<boolean>;
  /** Moves lastSentAt to `now` if it is at least `intervalMs` old; false when it is not (or not open). */
  claimReminder(key: NotifiedKey, now: number, intervalMs: number): Promise<boolean>;
  /** Forgets the alert; false when it was not recorded as open (resolved already, or by another). */
  claimResolved(key: NotifiedKey): Promise<boolean>;
  close(): Promise<void>;
}
