import "server-only";
import { PERSISTENT_CYCLES, type AlertCode } from "@/lib/domain/alert-codes";
import { SEVERITIES, type Severity } from "@/lib/domain/constants";
import type { Alert } from "@/lib/domain/contracts";
import { maskUrl, type NotifySettings, type WebhookSettings } from "./config";
import { noticeBody, type AlertNotice, type NotifyEvent } from "./message";
import { postJson, type PostResult } from "./post";
import type { Storage } from "@/lib/server/storage/storage";

// Tells webhooks when an alert opens and when it resolves: one message each per alert lifetime (plus a
// reminder every reminder_interval while it stays open), retried with back-off. The poller only calls
// observe(), which compares the alerts with the last ones seen and queues messages: sending runs on the
// queue's own timers, so a slow or dead receiver never delays a poll. Each webhook has its own FIFO
// queue (an alert's resolve never overtakes its open), bounded: past MAX_QUEUE the oldest is dropped.

export interface NotifierClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: NotifierClock = {
  now: () => Date.now(),
  // NOTE: unref'd: a pending retry must never keep a stopping server (or a test run) alive.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Messages waiting per webhook; a receiver that is down for hours does not grow memory. */
export const MAX_QUEUE = 100;
/** Attempts per message: the first, then retries 2, 4, 8 and 16 s later (half a minute in all). */
export const MAX_ATTEMPTS = 5;
export const RETRY_BASE_MS = 2_000;
export const POST_TIMEOUT_MS = 5_000;
/** Delivery attempts kept in memory for the record. */
export const MAX_ATTEMPT_RECORDS = 200;

export const DELIVERY_OUTCOMES = ["delivered", "retrying", "gave_up", "dropped"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** One delivery attempt, as recorded: the webhook only by its masked URL and its label. */
export interface DeliveryAttempt {
  at: number;
  webhook: string;
  /** "webhook 1 (slack)": the webhook's place in the configuration and its format. */
  channel: string;
  event: NotifyEvent;
  cluster: string;
  code: AlertCode;
  severity: Severity;
  member: string | null;
  attempt: number;
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
}

export interface ClusterAlerts {
  cluster: string;
  alerts: readonly Pick<Alert, "code" | "severity" | "member" | "since">[];
}

interface OpenAlert {
  notice: Omit<AlertNotice, "event" | "resolvedAt">;
  lastSentAt: number;
  /** Loaded from the store and not yet seen by this process. */
  restored: boolean;
  /** Consecutive observations without it. */
  missing: number;
}

interface Change {
  notice: AlertNotice;
}

/** The part of the history store the notifier keeps its memory in (lib/server/storage/storage.ts). */
export type NotifierStore = Pick<
  Storage,
  "notifiedAlerts" | "claimOpened" | "claimReminder" | "claimResolved"
>;

/**
 * Observations an alert restored from the store may be missing before it is resolved: the rules that
 * wait for PERSISTENT_CYCLES cycles, plus the first cycle of a process, which may not have heard from
 * every node.
 */
export const RESTORED_GRACE_OBSERVATIONS = PERSISTENT_CYCLES + 2;

const openKey = (cluster: string, code: string, member: string | null) =>
  `${cluster}\u0000${code}\u0000${member ?? ""}`;

function withoutEvent(notice: AlertNotice): Omit<AlertNotice, "event" | "resolvedAt"> {
  const { event: _event, resolvedAt: _resolvedAt, ...rest } = notice;
  return rest;
}

interface Job {
  notice: AlertNotice;
  attempt: number;
}

interface Queue {
  webhook: WebhookSettings;
  masked: string;
  channel: string;
  jobs: Job[];
  busy: boolean;
  timer: unknown;
}

export interface NotifierOptions {
  clock?: NotifierClock;
  send?: (url: string, body: string, timeoutMs: number) => Promise<PostResult>;
  /** Where the open alerts are remembered (restarts, other instances); absent: memory only. */
  store?: NotifierStore;
  /** Every attempt, as it happens (the event store's hook). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
  log?: (line: string) => void;
}

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

export class Notifier {
  private readonly open = new Map<string, OpenAlert>();
  private readonly queues: Queue[];
  private readonly records: DeliveryAttempt[] = [];
  private readonly clock: NotifierClock;
  private readonly send: NonNullable<NotifierOptions["send"]>;
  private stopped = false;
  private claims: Promise<void> = Promise.resolve();
  private storeFailing = false;

  constructor(
    private readonly settings: NotifySettings,
    private readonly options: NotifierOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.send = options.send ?? postJson;
    this.queues = settings.webhooks.map((webhook, index) => ({
      webhook,
      masked: maskUrl(webhook.url),
      channel: `webhook ${index + 1} (${webhook.format})`,
      jobs: [],
      busy: false,
      timer: null,
    }));
  }

  /** The alerts shown now, every cluster: queues opens, reminders and resolves. Never waits. */
  observe(clusters: readonly ClusterAlerts[]): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const changes = this.compare(clusters, now);
    const store = this.options.store;
    if (!store) {
      for (const change of changes) this.enqueue(change.notice);
      return;
    }
    // With a store, each message is claimed there first (one sender per alert change, across restarts
    // and instances); the claims run in order behind the poller, which never waits for them.
    this.claims = this.claims.then(() => this.claimAll(store, changes, now));
  }

  /** Waits for the claims queued so far (tests; a stopping server). */
  settled(): Promise<void> {
    return this.claims;
  }

  /**
   * Loads what the store says was notified and not resolved (before a restart, or by another instance
   * on the same database): those alerts are not announced again, and are resolved once gone.
   */
  restore(): Promise<void> {
    const store = this.options.store;
    if (!store) return Promise.resolve();
    this.claims = this.claims.then(async () => {
      try {
        for (const a of await store.notifiedAlerts()) {
          const key = openKey(a.cluster, a.code, a.member);
          if (this.open.has(key)) continue;
          const { lastSentAt, ...notice } = a;
          this.open.set(key, { notice, lastSentAt, restored: true, missing: 0 });
        }
      } catch (err) {
        this.warnStore(err);
      }
    });
    return this.claims;
  }

  /** What changed since the last observation, the memory updated; nothing queued yet. */
  private compare(clusters: readonly ClusterAlerts[], now: number): Change[] {
    const changes: Change[] = [];
    const seen = new Set<string>();
    for (const { cluster, alerts } of clusters) {
      for (const alert of alerts) {
        const key = openKey(cluster, alert.code, alert.member);
        if (seen.has(key)) continue;
        seen.add(key);
        const known = this.open.get(key);
        if (!known) {
          const notice = {
            cluster,
            code: alert.code,
            severity: alert.severity,
            member: alert.member,
            since: alert.since,
          };
          this.open.set(key, { notice, lastSentAt: now, restored: false, missing: 0 });
          changes.push({ notice: { ...notice, event: "alert_opened", resolvedAt: null } });
          continue;
        }
        known.restored = false;
        known.missing = 0;
        if (
          this.settings.reminderIntervalMs !== null &&
          now - known.lastSentAt >= this.settings.reminderIntervalMs
        ) {
          known.lastSentAt = now;
          changes.push({ notice: { ...known.notice, event: "alert_reminder", resolvedAt: null } });
        }
      }
    }
    for (const [key, known] of this.open) {
      if (seen.has(key)) continue;
      // NOTE: an alert restored from the store and not seen yet may only not be shown *yet* (a rule
      // that needs several cycles, a node that has not answered this process): resolved only once it
      // stayed away for that long.
      known.missing += 1;
      if (known.restored && known.missing < RESTORED_GRACE_OBSERVATIONS) continue;
      this.open.delete(key);
      changes.push({ notice: { ...known.notice, event: "alert_resolved", resolvedAt: now } });
    }
    return changes;
  }

  private async claimAll(store: NotifierStore, changes: readonly Change[], now: number): Promise<void> {
    for (const { notice } of changes) {
      if (this.stopped) return;
      let claimed = true;
      try {
        if (notice.event === "alert_opened")
          claimed = await store.claimOpened({ ...withoutEvent(notice), lastSentAt: now });
        else if (notice.event === "alert_reminder")
          claimed = await store.claimReminder(notice, now, this.settings.reminderIntervalMs ?? 0);
        else claimed = await store.claimResolved(notice);
        this.storeFailing = false;
      } catch (err) {
        // The store is away: send anyway (a duplicate message beats a lost one).
        this.warnStore(err);
      }
      if (claimed) this.enqueue(notice);
    }
  }

  private warnStore(err: unknown): void {
    if (!this.storeFailing)
      (this.options.log ?? console.warn)(
        `[notify] the history store cannot record notified alerts (sending without it): ${(err as Error).message}`,
      );
    this.storeFailing = true;
  }

  /** The latest delivery attempts, oldest first. */
  attempts(): DeliveryAttempt[] {
    return this.records.slice();
  }

  /** Messages waiting, all webhooks together. */
  get pending(): number {
    return this.queues.reduce((sum, q) => sum + q.jobs.length, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const queue of this.queues) {
      if (queue.timer !== null) this.clock.clearTimeout(queue.timer);
      queue.timer = null;
      queue.jobs = [];
    }
  }

  private enqueue(notice: AlertNotice): void {
    for (const queue of this.queues) {
      if (RANK[notice.severity] < RANK[queue.webhook.minSeverity]) continue;
      queue.jobs.push({ notice, attempt: 0 });
      if (queue.jobs.length > MAX_QUEUE) {
        const dropped = queue.jobs.shift()!;
        this.record(queue, dropped, "dropped", null, `queue over ${MAX_QUEUE} messages`);
      }
      this.pump(queue);
    }
  }

  private pump(queue: Queue): void {
    if (this.stopped || queue.busy || queue.timer !== null) return;
    const job = queue.jobs[0];
    if (!job) return;
    queue.busy = true;
    job.attempt += 1;
    void this.send(
      queue.webhook.url,
      noticeBody(job.notice, queue.webhook.format, this.settings.locale),
      POST_TIMEOUT_MS,
    )
      .catch((err: unknown): PostResult => ({ ok: false, status: null, error: String(err), retryable: true }))
      .then((result) => {
        queue.busy = false;
        if (this.stopped) return;
        if (result.ok) {
          queue.jobs.shift();
          this.record(queue, job, "delivered", result.status, null);
          this.pump(queue);
          return;
        }
        if (!result.retryable || job.attempt >= MAX_ATTEMPTS) {
          queue.jobs.shift();
          this.record(queue, job, "gave_up", result.status, result.error);
          this.pump(queue);
          return;
        }
        const delay = RETRY_BASE_MS * 2 ** (job.attempt - 1);
        this.record(queue, job, "retrying", result.status, result.error);
        queue.timer = this.clock.setTimeout(() => {
          queue.timer = null;
          this.pump(queue);
        }, delay);
      });
  }

  private record(
    queue: Queue,
    job: Job,
    outcome: DeliveryOutcome,
    status: number | null,
    error: string | null,
  ): void {
    const { notice } = job;
    const attempt: DeliveryAttempt = {
      at: this.clock.now(),
      webhook: queue.masked,
      channel: queue.channel,
      event: notice.event,
      cluster: notice.cluster,
      code: notice.code,
      severity: notice.severity,
      member: notice.member,
      attempt: job.attempt,
      outcome,
      status,
      error,
    };
    this.records.push(attempt);
    if (this.records.length > MAX_ATTEMPT_RECORDS) this.records.shift();
    if (outcome !== "delivered") {
      const what = `${notice.event} ${notice.cluster} ${notice.code}`;
      (this.options.log ?? console.warn)(
        `[notify] ${queue.masked}: ${what}: ${outcome} after attempt ${job.attempt}${error ? ` (${error})` : ""}`,
      );
    }
    this.options.onAttempt?.(attempt);
  }
}
