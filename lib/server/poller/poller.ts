import "server-only";
import { alertCandidates } from "@/lib/domain/alerts";
import type { ClusterDetail } from "@/lib/domain/contracts";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import type { NodeRecord } from "@/lib/server/store/node-record";
import { probeLagBytes } from "@/lib/server/store/diagnostics-view";
import { buildDetail } from "@/lib/server/store/view";
import { defaultClientFactory, followMembers, type ClientFactory } from "./discovery";
import { forgetProbeRounds, probeDue, runProbeRound } from "./probes";
import {
  pollConfig,
  pollHistory,
  pollNodeSafely,
  systemClock,
  type Clock,
  type PollObserver,
  type ReadContext,
} from "./node-reads";
import { startCertificateReads } from "@/lib/server/posture/posture";

// One polling loop per server process. Each cycle reads /patroni then /cluster from every node that is
// due (nodes in parallel, one request at a time per node), /config from one node, /history on a slower
// cadence, then records lag samples, leader/timeline changes and which alerts hold. It reschedules
// itself with setTimeout after the cycle (never setInterval), so cycles never overlap however slow a
// node is; a cluster whose failover is pending is re-read every FAILOVER_POLL_MS until a leader is known.
// Health-endpoint probe rounds (probes.ts) start from a cycle every probe interval.

export interface PollerOptions {
  intervalMs: number;
  slowIntervalMs: number;
  /** Health-endpoint probe rounds per node every this many ms; absent = no probing. */
  probeIntervalMs?: number;
  clock?: Clock;
  random?: () => number;
  /** Something failed outside any one node's request; `cluster` names the cluster when it was one. */
  onCycleError?: (err: unknown, cluster?: string) => void;
  /** Something the operator should fix, not an error (logged once). */
  onWarning?: (message: string) => void;
  /** The persistent history (lib/server/storage/recorder.ts); absent: the event log lives in memory only. */
  history?: { observe(cluster: ClusterState, detail: ClusterDetail, now: number): Promise<void> };
  /** Poll the members this cluster's DCS lists as well (YAML `discover`, default on). */
  discover?: (cluster: ClusterState) => boolean;
  /** Makes the client for a discovered node (tests substitute their own). */
  clientFor?: ClientFactory;
  /** Told of every finished cycle and every failed request (the /metrics and notification hooks). */
  observer?: PollObserver;
}

/** After a leader or timeline change, /history is re-read every cycle for this many intervals. */
export const HISTORY_BOOST_INTERVALS = 6;
/**
 * While a cluster's failover is pending (the DCS names an unreachable leader, or no leader at all) it
 * is re-read this often, and the screen refreshes as often: server re-read + browser refresh stay
 * well under a second, so the new leader is on screen within 1 s of Patroni naming it (measured on the
 * lab by bench/failover-to-screen.ts: at 1000 ms it took up to 1.4 s, at 500 ms up to 1.28 s). Two
 * GETs per answering node each time, for the ~ttl seconds a failover lasts.
 */
export const FAILOVER_POLL_MS = 250;
/**
 * The fast re-reads stop after this long: a cluster left leaderless (every node stopped, or paused
 * without a leader) is then polled on the normal interval again. Patroni's own failover takes about
 * ttl + loop_wait (30 s + 10 s by default).
 */
export const FAILOVER_WATCH_MAX_MS = 120_000;

export class Poller {
  private timer: unknown = null;
  private running = false;
  private cycleInFlight: Promise<void> | null = null;
  lastCycleAt: number | null = null;
  cycles = 0;
  private readonly clock: Clock;
  /** When each cluster is next due (start of its last poll + its current interval). */
  private readonly dueAt = new Map<ClusterState, number>();
  /** Clusters with a failover pending, and since when (the fast re-reads). */
  private readonly failoverSince = new Map<ClusterState, number>();
  /** Clusters whose poll is still running (a slow one outlives its cycle), and that poll. */
  private readonly polling = new Map<ClusterState, Promise<void>>();
  /** What the node reads need (node-reads.ts), discovered nodes included. */
  private readonly reads: ReadContext;

  constructor(
    readonly clusters: ClusterState[],
    private readonly options: PollerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.reads = {
      clock: this.clock,
      intervalMs: options.intervalMs,
      random: options.random ?? Math.random,
      observer: options.observer,
      discovered: new WeakSet<NodeRecord>(),
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.timer = this.clock.setTimeout(() => void this.loop(), delayMs);
  }

  /** How often a cluster is polled now: the interval, or FAILOVER_POLL_MS while a failover is pending. */
  intervalFor(cluster: ClusterState, now = this.clock.now()): number {
    const since = this.failoverSince.get(cluster);
    return since !== undefined && now - since <= FAILOVER_WATCH_MAX_MS
      ? Math.min(FAILOVER_POLL_MS, this.options.intervalMs)
      : this.options.intervalMs;
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    try {
      await this.runCycle(true);
    } catch (err) {
      this.options.onCycleError?.(err);
    }
    if (!this.running) return;
    // The next cycle starts when the first cluster is due (its own poll's start + its interval), so a
    // cycle's duration is subtracted and a cluster in a failover is re-read every FAILOVER_POLL_MS. A cluster
    // still being polled (a slow one, left to finish in the background) is not waited for: it is
    // picked up by the first cycle after it finishes.
    const now = this.clock.now();
    const waiting = this.clusters.filter((c) => !this.polling.has(c));
    const next = waiting.length
      ? Math.min(...waiting.map((c) => this.dueAt.get(c) ?? 0))
      : now + this.shortestInterval(this.clusters, now);
    this.schedule(Math.max(0, (Number.isFinite(next) ? next : now) - now));
  }

  /** Two clusters never answer under one name, even when the second's nodes first answer late. */
  private separateNames(): void {
    const taken = new Set<string>();
    for (const cluster of this.clusters) {
      const warning = cluster.separateFrom(taken);
      if (warning) this.options.onWarning?.(warning);
      taken.add(cluster.name);
    }
  }

  private shortestInterval(clusters: readonly ClusterState[], now: number): number {
    return Math.min(this.options.intervalMs, ...clusters.map((c) => this.intervalFor(c, now)));
  }

  /**
   * One cycle: every cluster (tests call it so), or only the clusters that are due (the loop). Never
   * runs twice at once.
   */
  runCycle(onlyDue = false): Promise<void> {
    if (this.cycleInFlight) return this.cycleInFlight;
    this.cycleInFlight = (async () => {
      const now = this.clock.now();
      // A few ms of slack: timers fire a little early or late, and a cluster due "now" is due.
      const clusters = (
        onlyDue ? this.clusters.filter((c) => (this.dueAt.get(c) ?? 0) <= now + 5) : this.clusters
      ).filter((c) => !this.polling.has(c));
      // Every due cluster is still being polled: nothing to do, and no cycle to count.
      if (onlyDue && clusters.length === 0) return;
      // NOTE: errors are isolated per cluster (and, in pollCluster, per node): whatever one node sends,
      // the other clusters' cycles complete and the dashboard's own health stays ok.
      const runs = clusters.map((cluster) => {
        const run = this.pollCluster(cluster, now)
          .catch((err: unknown) => this.options.onCycleError?.(err, cluster.name))
          .finally(() => {
            this.polling.delete(cluster);
            // A straggler that finished after its cycle is polled again as soon as it is due, not
            // at the next tick of the others.
            if (this.running && !this.cycleInFlight && this.timer !== null) {
              this.clock.clearTimeout(this.timer);
              this.schedule(0);
            }
          });
        this.polling.set(cluster, run);
        return run;
      });
      if (onlyDue) {
        // NOTE: clusters are independent: the loop waits for a slow cluster (a node answering just
        // inside its timeout, a slow /history) only until the next cluster is due, then lets it finish
        // in the background, so one slow cluster never delays the others' refresh.
        const started = new Set(clusters);
        const others = this.clusters.filter((c) => started.has(c) || !this.polling.has(c));
        const nextDue = Math.min(...others.map((c) => this.dueAt.get(c) ?? 0));
        let timer: unknown = null;
        const cap = new Promise<void>((resolve) => {
          timer = this.clock.setTimeout(resolve, Math.max(0, nextDue - this.clock.now()));
        });
        await Promise.race([Promise.all(runs), cap]);
        this.clock.clearTimeout(timer);
      } else {
        // Callers of runCycle() (the first cycle, tests) get every cluster polled, stragglers included.
        await Promise.all([...runs, ...this.polling.values()]);
      }
      // The first cycle is start-up's: a clash then is refused (runtime.ts nameClash), not renamed.
      if (this.cycles > 0) this.separateNames();
      this.lastCycleAt = this.clock.now();
      this.cycles += 1;
      this.options.observer?.cycleFinished(this.lastCycleAt - now, this.lastCycleAt);
    })().finally(() => {
      this.cycleInFlight = null;
    });
    return this.cycleInFlight;
  }

  private async pollCluster(cluster: ClusterState, cycleStart: number): Promise<void> {
    cluster.cycle += 1;
    this.dueAt.set(cluster, cycleStart + this.intervalFor(cluster, cycleStart));
    const due = cluster.nodes.filter((node) => cycleStart >= node.nextPollAt);
    await Promise.all(due.map((node) => pollNodeSafely(this.reads, cluster, node)));
    if (this.options.discover?.(cluster))
      followMembers(cluster, this.reads.discovered, this.options.clientFor ?? defaultClientFactory);
    // NOTE: during a failover's fast re-reads only the members are read: /history and /config wait
    // for their own interval, so they never delay the moment the new leader reaches the screen.
    const fast = this.intervalFor(cluster, cycleStart) < this.options.intervalMs;
    const slowDue = cycleStart - cluster.slowPolledAt >= this.options.slowIntervalMs;
    if (slowDue || (!fast && cycleStart < cluster.historyBoostUntil)) await pollHistory(this.reads, cluster);
    // /config every interval: a `patronictl edit-config` (pause, max_connections, …) shows within one
    // interval instead of up to slow_poll_interval later. One small GET to one node per interval.
    if (!fast || cluster.configAt === null || cycleStart - cluster.configAt >= this.options.intervalMs)
      await pollConfig(this.reads, cluster);
    this.startProbes(cluster, cycleStart);
    startCertificateReads(
      cluster.nodes,
      () => this.clock.now(),
      () => (cluster.revision += 1),
    );
    const now = this.clock.now();
    const detail = buildDetail(cluster, now, this.options.intervalMs, {
      probeIntervalMs: this.options.probeIntervalMs ?? null,
    });
    // The alerts' memory advances once per cycle, here; route handlers only read it.
    cluster.trackAlerts(alertCandidates(detail, now), now);
    // With a history store, the cycle's events are committed before the event log shows them.
    if (this.options.history) await this.options.history.observe(cluster, detail, now);
    else cluster.eventLog.observe(detail, now);
    const leaderChanged = cluster.recordLeader(detail.leader, detail.timeline, now);
    this.watchFailover(cluster, detail, cycleStart);
    for (const member of detail.members) {
      if (!member.inDcs || member.name === detail.leader) continue;
      if (member.receiveLagBytes === null && member.replayLagBytes === null) continue;
      cluster.lagSamples.push({
        t: now,
        member: member.name,
        receive: member.receiveLagBytes,
        replay: member.replayLagBytes,
      });
    }
    cluster.revision += 1;
    if (leaderChanged) {
      // A new leader writes its /history row shortly after promotion: read it every cycle for a while.
      // Read after the new leader is published (the revision above), so the screen does not wait for it.
      cluster.historyBoostUntil = now + HISTORY_BOOST_INTERVALS * this.options.intervalMs;
      await pollHistory(this.reads, cluster);
      cluster.revision += 1;
    }
  }

  /** Enters or leaves the fast re-reads, and sets when the cluster is next due accordingly. */
  private watchFailover(cluster: ClusterState, detail: ClusterDetail, cycleStart: number): void {
    const leader = detail.members.find((m) => m.name === detail.leader);
    const answering = detail.members.some((m) => m.reachable === true);
    const pending = answering && (detail.leader === null || leader?.reachable === false);
    if (!pending) this.failoverSince.delete(cluster);
    else if (!this.failoverSince.has(cluster)) this.failoverSince.set(cluster, cycleStart);
    this.dueAt.set(cluster, cycleStart + this.intervalFor(cluster, cycleStart));
  }

  /** Starts the due probe rounds without waiting for them (see probes.ts). */
  private startProbes(cluster: ClusterState, cycleStart: number): void {
    const every = this.options.probeIntervalMs;
    if (every === undefined) return;
    const lagBytes = probeLagBytes(cluster);
    for (const node of cluster.nodes) {
      // A failing node's next round asks everything again (probes.ts).
      if (node.failures > 0) forgetProbeRounds(node);
      if (!probeDue(node, cycleStart, every, this.options.intervalMs)) continue;
      runProbeRound(
        node,
        lagBytes,
        () => this.clock.now(),
        (kind) => this.options.observer?.requestFailed(cluster.name, kind),
        cycleStart,
      )
        .catch((err: unknown) => this.options.onCycleError?.(err, cluster.name))
        .finally(() => (cluster.revision += 1));
    }
  }
}
