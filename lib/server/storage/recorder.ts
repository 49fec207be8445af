import "server-only";
import type { ClusterDetail, ConfigHistoryEntry } from "@/lib/domain/contracts";
import type { EventLogEntry } from "@/lib/domain/contracts";
import { deriveHistoryEvents } from "@/lib/domain/history-derive";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { EVENT_LOG_CAPACITY } from "@/lib/server/store/event-log";
import { MAX_CONFIG_CHANGES } from "@/lib/server/store/cluster-state";
import type { LagRow, Retention, Storage } from "./storage";

// The poller's one call into the history (once per cluster per cycle): derive what changed, commit it,
// and only then put it where the screens read it (the cluster's event log ring). On a cluster's first
// observation the rings are refilled from the store, so the event log, the config history and the last
// hour of lag survive a restart. If a write fails (PostgreSQL restarting) nothing new is shown: the batch
// waits and goes with the next cycle's.

/** How often old rows are deleted (and the size bound checked). */
export const PRUNE_EVERY_MS = 60_000;
/** Unwritten history kept while the database is unreachable; beyond it the oldest lag samples go. */
const MAX_PENDING_LAG = 20_000;

interface Pending {
  events: NewHistoryEvent[];
  config: ConfigHistoryEntry[];
  log: EventLogEntry[];
  lag: LagRow[];
}

interface ClusterMemory {
  prev: ClusterDetail | null;
  pending: Pending;
  failing: boolean;
}

export class HistoryRecorder {
  private readonly memory = new Map<ClusterState, ClusterMemory>();
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private pruning = false;

  constructor(
    readonly storage: Storage,
    private readonly retention: Retention,
    /** The poll interval: how far apart this process's lag samples are. */
    private readonly lagSpacingMs?: number,
  ) {}

  async observe(cluster: ClusterState, detail: ClusterDetail, now: number): Promise<void> {
    let mem = this.memory.get(cluster);
    if (!mem) {
      cluster.attachStore();
      mem = await this.seed(cluster, detail.name, now);
      this.memory.set(cluster, mem);
    }
    const log = cluster.eventLog.derive(detail, now);
    const config = cluster.takeUnshownConfig();
    const events = deriveHistoryEvents(mem.prev, detail, now, log, config);
    mem.prev = detail;
    mem.pending.events.push(...events);
    mem.pending.config.push(...config);
    mem.pending.log.push(...log);
    mem.pending.lag.push(...lagRows(detail, now));
    if (mem.pending.lag.length > MAX_PENDING_LAG)
      mem.pending.lag.splice(0, mem.pending.lag.length - MAX_PENDING_LAG);
    const batch = mem.pending;
    try {
      await this.storage.write({
        events: batch.events,
        lag: batch.lag,
        lagSpacingMs: this.lagSpacingMs,
        log: [{ cluster: detail.name, entries: batch.log }],
      });
    } catch (err) {
      if (!mem.failing) console.error(`[storage] cannot write ${detail.name}'s history (will retry):`, err);
      mem.failing = true;
      cluster.commitFailed();
      return;
    }
    if (mem.failing) console.log(`[storage] ${detail.name}'s history written again`);
    mem.failing = false;
    mem.pending = { events: [], config: [], log: [], lag: [] };
    // Committed: now the screens may show it.
    cluster.eventLog.append(batch.log);
    cluster.committed(batch.config);
    this.maybePrune(now);
  }

  /** Refills the cluster's in-memory history from the store (its first observation in this process). */
  private async seed(cluster: ClusterState, name: string, now: number): Promise<ClusterMemory> {
    const mem: ClusterMemory = {
      prev: null,
      pending: { events: [], config: [], log: [], lag: [] },
      failing: false,
    };
    try {
      const [log, configs, lag] = await Promise.all([
        this.storage.logEntries(name, EVENT_LOG_CAPACITY),
        this.storage.events({ cluster: name, kinds: ["config_changed"], limit: MAX_CONFIG_CHANGES }),
        this.storage.lag({ cluster: name, from: now - this.retention.rawLagMs, to: now, bucketMs: 0 }),
      ]);
      const restored: ConfigHistoryEntry[] = configs
        .reverse()
        .flatMap((e) => (e.kind === "config_changed" ? [{ at: e.at, changes: e.diff }] : []));
      // NOTE: the rings are still empty here: a cluster's first cycle has no previous /config to diff
      // against, and the poller pushes the cycle's lag sample after this call.
      for (const entry of restored) cluster.configHistory.push(entry);
      cluster.eventLog.append(log);
      for (const p of lag)
        cluster.lagSamples.push({ t: p.t, member: p.member, receive: p.receive, replay: p.replay });
    } catch (err) {
      console.error(`[storage] cannot read ${name}'s history; starting with an empty one:`, err);
    }
    return mem;
  }

  private maybePrune(now: number): void {
    if (this.pruning || now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.pruning = true;
    this.lastPruneAt = now;
    this.storage
      .prune(now, this.retention)
      .catch((err: unknown) => console.error("[storage] prune failed:", err))
      .finally(() => (this.pruning = false));
  }
}

/** One row per replica with a known lag (the leader has none), as the poller's lag ring keeps them. */
export function lagRows(detail: ClusterDetail, now: number): LagRow[] {
  return detail.members
    .filter(
      (m) => m.inDcs && m.name !== detail.leader && (m.receiveLagBytes !== null || m.replayLagBytes !== null),
    )
    .map((m) => ({
      at: now,
      cluster: detail.name,
      member: m.name,
      receive: m.receiveLagBytes,
      replay: m.replayLagBytes,
    }));
}
