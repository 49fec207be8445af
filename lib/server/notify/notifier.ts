import "server-only";
import { PERSISTENT_CYCLES } from "@/lib/domain/alert-codes";
import type { Alert } from "@/lib/domain/contracts";
import type { NotifySettings } from "./config";
import {
  systemClock,
  WebhookDelivery,
  type DeliveryAttempt,
  type NotifierClock,
  type SendJson,
} from "./delivery";
import type { AlertNotice } from "./message";
import { postJson } from "./post";
import type { Storage } from "@/lib/server/storage/storage";

// Tells webhooks when an alert opens and when it resolves: one message each per alert lifetime (plus a
// reminder every reminder_interval while it stays open), retried with back-off. The poller only calls
// observe(), which compares the alerts with the last ones seen and queues messages: sending runs on the
// queue's own timers (delivery.ts), so a slow or dead receiver never delays a poll.

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

export interface NotifierOptions {
  clock?: NotifierClock;
  send?: SendJson;
  /** Where the open alerts are remembered (restarts, other instances); absent: memory only. */
  store?: NotifierStore;
  /** Every attempt, as it happens (the event store's hook). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
  log?: (line: string) => void;
}

export class Notifier {
  private readonly open = new Map<string, OpenAlert>();
  private readonly delivery: WebhookDelivery;
  private readonly clock: NotifierClock;
  private stopped = false;
  private claims: Promise<void> = Promise.resolve();
  private storeFailing = false;

  constructor(
    private readonly settings: NotifySettings,
    private readonly options: NotifierOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.delivery = new WebhookDelivery(settings, {
      clock: this.clock,
      send: options.send ?? postJson,
      onAttempt: options.onAttempt,
      log: options.log,
    });
  }

  /** The alerts shown now, every cluster: queues opens, reminders and resolves. Never waits. */
  observe(clusters: readonly ClusterAlerts[]): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const changes = this.compare(clusters, now);
    const store = this.options.store;
    if (!store) {
      for (const change of changes) this.delivery.enqueue(change.notice);
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
      if (claimed) this.delivery.enqueue(notice);
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
    return this.delivery.attempts();
  }

  /** Messages waiting, all webhooks together. */
  get pending(): number {
    return this.delivery.pending;
  }

  stop(): void {
    this.stopped = true;
    this.delivery.stop();
  }
}
