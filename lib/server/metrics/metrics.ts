import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { ERROR_KINDS, type ErrorKind } from "@/lib/domain/constants";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from "@/lib/server/notify/delivery";
import type { PollObserver } from "@/lib/server/poller/node-reads";

// The Prometheus exposition of what the dashboard sees (GET /metrics). Gauges are filled from the
// current views at scrape time, in collect() callbacks: nothing here polls, and a member that is gone
// from the view is gone from the next scrape (every gauge is reset before it is refilled). Only the
// poller's own health is recorded as it happens: the cycle-duration histogram and the request errors.

export interface MetricsSource {
  /** Every cluster's current view. */
  details(): ClusterDetail[];
  lastCycleAt(): number | null;
  pollerRunning(): boolean;
  /** The lag over which a replica raises an alert, per cluster (lag_warning_bytes). */
  lagWarningBytes(detail: ClusterDetail): number;
}

const PREFIX = "patroni_dashboard_";
/** A cycle is one request per node in parallel, bounded by the request timeout (2.5 s by default). */
const CYCLE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const seconds = (ms: number) => ms / 1000;
const flag = (value: boolean) => (value ? 1 : 0);

export class DashboardMetrics implements PollObserver {
  readonly registry = new Registry();
  private readonly cycleDuration: Histogram;
  private readonly requestErrors: Counter<"cluster" | "kind">;
  private readonly notifications: Counter<"outcome">;
  private frameCache: { scrape: number; details: ClusterDetail[] } | null = null;
  private scrapes = 0;

  /**
   * processMetrics: also expose the standard process_* and nodejs_* metrics of this process (CPU, RSS,
   * heap, event-loop lag, GC): a dashboard left alone for weeks should be watchable itself. Only the
   * running server turns it on; their event-loop monitor belongs to the process, not to a test.
   */
  constructor(
    private readonly source: MetricsSource,
    options: { processMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    if (options.processMetrics) {
      collectDefaultMetrics({ register: this.registry });
      // Three gauges named like counters, which promtool check metrics rejects; the same counts by
      // type remain (nodejs_active_handles, nodejs_active_requests, nodejs_active_resources).
      for (const name of ["handles", "requests", "resources"])
        this.registry.removeSingleMetric(`nodejs_active_${name}_total`);
    }
    this.cycleDuration = new Histogram({
      name: `${PREFIX}poll_cycle_duration_seconds`,
      help: "Duration of one poll cycle over every cluster.",
      buckets: CYCLE_BUCKETS,
      registers,
    });
    const frame = () => this.frame();
    this.requestErrors = new Counter({
      name: `${PREFIX}poll_request_errors_total`,
      help: "Failed requests to Patroni nodes (polls, reads and health-endpoint probes), by cluster and error kind.",
      labelNames: ["cluster", "kind"],
      registers,
      collect() {
        // Every kind is exposed from 0, so rate() and increase() see the first error of a kind too.
        for (const detail of frame())
          for (const kind of ERROR_KINDS) this.inc({ cluster: detail.name, kind }, 0);
      },
    });
    const memberGauge = (
      name: string,
      help: string,
      value: (m: ClusterDetail["members"][number], d: ClusterDetail) => number | null,
    ) =>
      new Gauge({
        name: `${PREFIX}${name}`,
        help,
        labelNames: ["cluster", "member"],
        registers,
        collect() {
          this.reset();
          for (const detail of frame())
            for (const member of detail.members) {
              const v = value(member, detail);
              if (v !== null) this.set({ cluster: detail.name, member: member.name }, v);
            }
        },
      });
    const clusterGauge = (name: string, help: string, value: (d: ClusterDetail) => number | null) =>
      new Gauge({
        name: `${PREFIX}${name}`,
        help,
        labelNames: ["cluster"],
        registers,
        collect() {
          this.reset();
          for (const detail of frame()) {
            const v = value(detail);
            if (v !== null) this.set({ cluster: detail.name }, v);
          }
        },
      });

    this.notifications = new Counter({
      name: `${PREFIX}notification_attempts_total`,
      help: "Webhook delivery attempts by outcome (delivered, retrying, gave_up, dropped).",
      labelNames: ["outcome"],
      registers,
    });
    for (const outcome of DELIVERY_OUTCOMES) this.notifications.inc({ outcome }, 0);

    // NOTE: a member with no configured node (known only from /cluster) has no reachability of its own.
    memberGauge(
      "member_reachable",
      "1 while the member's REST API answers the dashboard, 0 when it fails.",
      (m) => (m.reachable === null ? null : flag(m.reachable)),
    );
    memberGauge("member_is_leader", "1 for the member holding the leader lock.", (m, d) =>
      flag(m.name === d.leader),
    );
    memberGauge(
      "member_in_dcs",
      "1 while the member is listed by the DCS (/cluster), 0 once it vanished.",
      (m) => flag(m.inDcs),
    );
    memberGauge("member_timeline", "The member's PostgreSQL timeline.", (m) => m.liveTimeline ?? m.timeline);
    memberGauge(
      "member_receive_lag_bytes",
      "Bytes of WAL the replica has not yet received from the leader.",
      (m) => m.receiveLagBytes,
    );
    memberGauge(
      "member_replay_lag_bytes",
      "Bytes of WAL the replica has not yet replayed.",
      (m) => m.replayLagBytes,
    );
    memberGauge("member_pending_restart", "1 when a parameter change waits for a PostgreSQL restart.", (m) =>
      flag(m.pendingRestart),
    );
    memberGauge(
      "member_last_success_timestamp_seconds",
      "When the member's REST API last answered the dashboard (Unix time).",
      (m) => (m.observedAt === null ? null : seconds(m.observedAt)),
    );
    clusterGauge("cluster_paused", "1 while the cluster is in maintenance mode (paused).", (d) =>
      flag(d.paused),
    );
    clusterGauge("cluster_has_leader", "1 while a member holds the leader lock.", (d) =>
      flag(d.leader !== null),
    );
    clusterGauge("cluster_timeline", "The leader's timeline.", (d) => d.timeline);
    clusterGauge(
      "cluster_members",
      "Members the dashboard knows of (listed by the DCS or configured).",
      (d) => d.members.length,
    );
    clusterGauge(
      "cluster_lag_warning_bytes",
      "Replica lag over which the dashboard raises lag_over_threshold (lag_warning_bytes).",
      (d) => source.lagWarningBytes(d),
    );
    clusterGauge(
      "cluster_last_observation_timestamp_seconds",
      "The newest answer from any node of the cluster (Unix time): the age of what is shown.",
      (d) => (d.observedAt === null ? null : seconds(d.observedAt)),
    );
    new Gauge({
      name: `${PREFIX}alerts_firing`,
      help: "Alerts the dashboard shows, by cluster, code and severity.",
      labelNames: ["cluster", "code", "severity"],
      registers,
      collect() {
        this.reset();
        for (const detail of frame())
          for (const alert of detail.alerts)
            this.inc({ cluster: detail.name, code: alert.code, severity: alert.severity });
      },
    });
    new Gauge({
      name: `${PREFIX}last_poll_cycle_timestamp_seconds`,
      help: "When the poller last finished a cycle (Unix time).",
      registers,
      collect() {
        const at = source.lastCycleAt();
        this.reset();
        if (at !== null) this.set(seconds(at));
      },
    });
    new Gauge({
      name: `${PREFIX}poller_running`,
      help: "1 while the poll loop is running.",
      registers,
      collect() {
        this.set(flag(source.pollerRunning()));
      },
    });
  }

  /** The exposition text; every gauge reads the same views, built once per scrape. */
  async scrape(): Promise<string> {
    this.scrapes += 1;
    try {
      return await this.registry.metrics();
    } finally {
      this.frameCache = null;
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private frame(): ClusterDetail[] {
    if (this.frameCache?.scrape !== this.scrapes)
      this.frameCache = { scrape: this.scrapes, details: this.source.details() };
    return this.frameCache.details;
  }

  cycleFinished(durationMs: number): void {
    this.cycleDuration.observe(seconds(durationMs));
  }

  requestFailed(cluster: string, kind: ErrorKind): void {
    this.requestErrors.inc({ cluster, kind });
  }

  notificationAttempt(outcome: DeliveryOutcome): void {
    this.notifications.inc({ outcome });
  }
}
