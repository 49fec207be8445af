import "server-only";
import type { AlertCode } from "@/lib/domain/alert-codes";
import { SEVERITIES, type Severity } from "@/lib/domain/constants";
import { maskUrl, type NotifySettings, type WebhookSettings } from "./config";
import { noticeBody, type AlertNotice, type NotifyEvent } from "./message";
import type { PostResult } from "./post";

// Sending the notifier's messages (notifier.ts decides what to send): each webhook has its own FIFO
// queue (an alert's resolve never overtakes its open), bounded: past MAX_QUEUE the oldest is dropped.
// A failed POST is retried with back-off on the queue's own timers, and every attempt is recorded.

export interface NotifierClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: NotifierClock = {
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

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

export type SendJson = (url: string, body: string, timeoutMs: number) => Promise<PostResult>;

export interface DeliveryOptions {
  clock: NotifierClock;
  send: SendJson;
  /** Every attempt, as it happens (the event store's hook). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
  log?: (line: string) => void;
}

/** The webhooks' queues, the retries and the record of attempts. */
export class WebhookDelivery {
  private readonly queues: Queue[];
  private readonly records: DeliveryAttempt[] = [];
  private stopped = false;

  constructor(
    private readonly settings: NotifySettings,
    private readonly options: DeliveryOptions,
  ) {
    this.queues = settings.webhooks.map((webhook, index) => ({
      webhook,
      masked: maskUrl(webhook.url),
      channel: `webhook ${index + 1} (${webhook.format})`,
      jobs: [],
      busy: false,
      timer: null,
    }));
  }

  /** The latest delivery attempts, oldest first. */
  attempts(): DeliveryAttempt[] {
    return this.records.slice();
  }

  /** Messages waiting, all webhooks together. */
  get pending(): number {
    return this.queues.reduce((sum, q) => sum + q.jobs.length, 0);
  }

  /** Drops every waiting message and cancels the retries. */
  stop(): void {
    this.stopped = true;
    for (const queue of this.queues) {
      if (queue.timer !== null) this.options.clock.clearTimeout(queue.timer);
      queue.timer = null;
      queue.jobs = [];
    }
  }

  /** Queues one message for every webhook whose minimum severity it reaches. */
  enqueue(notice: AlertNotice): void {
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
    void this.options
      .send(
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
        queue.timer = this.options.clock.setTimeout(() => {
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
      at: this.options.clock.now(),
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
