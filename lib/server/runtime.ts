import "server-only";
import { lagThreshold } from "@/lib/domain/member-rules";
import { ConfigError, demoClusterSettings, loadConfig, type DashboardConfig } from "@/lib/server/config/load";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { describeStorage, openStorage } from "@/lib/server/storage/open";
import { HistoryRecorder } from "@/lib/server/storage/recorder";
import type { Storage } from "@/lib/server/storage/storage";
import { attemptEvent } from "@/lib/server/notify/history";
import { Notifier } from "@/lib/server/notify/notifier";
import { Poller } from "@/lib/server/poller/poller";
import type { PollObserver } from "@/lib/server/poller/node-reads";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";

// The process-wide state: configuration, store and the one poller. Next.js may load this module more
// than once (instrumentation and each route bundle, and again on every dev reload), so the instance
// lives on globalThis and is created exactly once.

export interface DemoHandle {
  urls: string[];
  stop(): Promise<void>;
}

export interface Runtime {
  config: DashboardConfig;
  clusters: ClusterState[];
  poller: Poller;
  demo: DemoHandle | null;
  startedAt: number;
  /**
   * The persistent history (events, event log, config history, lag). null: in memory only (tests).
   * Other writers (notifications) commit their events with storage.write({ events }).
   */
  storage?: Storage | null;
  /** GET /metrics (absent in tests that install a hand-built runtime). */
  metrics?: DashboardMetrics;
  /** Webhooks for alerts (null: none configured). */
  notifier?: Notifier | null;
}

const KEY = Symbol.for("patroni-dashboard.runtime");
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= startRuntime();
  return holder[KEY];
}

/** Tests install a runtime built from a seeded store instead of the configured one. */
export function installRuntime(runtime: Runtime | null): void {
  const holder = globalThis as Holder;
  if (runtime) holder[KEY] = Promise.resolve(runtime);
  else delete holder[KEY];
}

export function findCluster(runtime: Runtime, name: string): ClusterState | undefined {
  return runtime.clusters.find((cluster) => cluster.name === name);
}

/** Builds the store and the poller for a configuration (the poller is not started). */
export function createRuntime(
  config: DashboardConfig,
  demo: DemoHandle | null = null,
  storage: Storage | null = null,
): Runtime {
  const settings = demo ? [demoClusterSettings(config, demo.urls)] : config.clusters;
  const clusters = settings.map((cluster, index) => {
    const state = new ClusterState(
      cluster.name,
      index,
      cluster.nodes.map((target) => new PatroniHttpClient(target)),
      config.historyLength,
      demo !== null,
    );
    state.lagWarningBytes = cluster.lagWarningBytes;
    return state;
  });
  const discovering = new Set(clusters.filter((_, index) => settings[index]!.discover));
  const details = (now: number) =>
    clusters.map((cluster) =>
      buildDetail(cluster, now, config.pollIntervalMs, { probeIntervalMs: config.probeIntervalMs }),
    );
  const metrics = new DashboardMetrics(
    {
      details: () => details(Date.now()),
      lastCycleAt: () => poller.lastCycleAt,
      pollerRunning: () => poller.isRunning,
      lagWarningBytes: (detail) => lagThreshold(detail),
    },
    { processMetrics: true },
  );
  const notifier = config.notify
    ? new Notifier(config.notify, {
        // The open alerts it has announced survive a restart and are shared with other instances.
        store: storage ?? undefined,
        // Every delivery attempt is an event of the history (without the webhook's URL).
        onAttempt: (attempt) => {
          metrics.notificationAttempt(attempt.outcome);
          void storage
            ?.write({ events: [attemptEvent(attempt)] })
            .catch((err: unknown) => console.error("[notify] could not record a delivery attempt:", err));
        },
      })
    : null;
  const observer: PollObserver = {
    requestFailed: (cluster, kind) => metrics.requestFailed(cluster, kind),
    cycleFinished: (durationMs, at) => {
      metrics.cycleFinished(durationMs);
      // Queues messages only; sending runs on the notifier's own timers.
      try {
        notifier?.observe(details(at).map((d) => ({ cluster: d.name, alerts: d.alerts })));
      } catch (err) {
        console.error("[notify] could not compare alerts:", err);
      }
    },
  };
  const poller: Poller = new Poller(clusters, {
    intervalMs: config.pollIntervalMs,
    slowIntervalMs: config.slowPollIntervalMs,
    discover: (cluster) => discovering.has(cluster),
    probeIntervalMs: config.probeIntervalMs,
    onCycleError: (err, cluster) =>
      console.error(cluster ? `[poller] cluster ${cluster}:` : "[poller] cycle failed:", err),
    onWarning: (message) => console.warn(`[patroni-dashboard] warning: ${message}`),
    observer,
    history:
      storage && config.storage
        ? new HistoryRecorder(storage, config.storage.retention, config.pollIntervalMs)
        : undefined,
  });
  return { config, clusters, poller, demo, startedAt: Date.now(), metrics, storage, notifier };
}

/** Runs the first cycle (so the first page shows data, bounded by the request timeout), then polls on. */
export async function startPolling(runtime: Runtime): Promise<void> {
  const bound = runtime.config.requestTimeoutMs * 2 + 500;
  let bounded: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    runtime.poller.runCycle(),
    new Promise((resolve) => (bounded = setTimeout(resolve, bound))),
  ]);
  clearTimeout(bounded); // a pending bound would keep a stopping process alive for seconds
  runtime.poller.start();
}

/**
 * Two clusters answering under one name (a cluster named after its scope, and another with the same
 * scope or that name configured) would be listed twice and only the first reachable by URL: refused at
 * start-up, naming the file and both fields. Checked once the first cycle told us the scopes.
 */
export function nameClash(clusters: readonly ClusterState[], where: string): string | null {
  const seen = new Map<string, ClusterState>();
  for (const cluster of clusters) {
    const first = seen.get(cluster.name);
    if (first) {
      const why = (c: ClusterState) =>
        c.configuredName
          ? `clusters.${c.index}.name is "${c.name}"`
          : `clusters.${c.index} reports scope "${c.name}"`;
      return `${where}: ${why(cluster)}, and ${why(first)}: give one of them a distinct \`name\``;
    }
    seen.set(cluster.name, cluster);
  }
  return null;
}

async function startRuntime(): Promise<Runtime> {
  const config = loadConfig();
  for (const warning of config.warnings ?? []) console.warn(`[patroni-dashboard] warning: ${warning}`);
  let demo: DemoHandle | null = null;
  if (config.source === "demo") {
    const { startBuiltInDemo } = await import("@/lib/server/demo/built-in");
    demo = await startBuiltInDemo();
  }
  let storage: Storage | null = null;
  if (config.storage) {
    try {
      storage = await openStorage(config.storage);
    } catch (err) {
      await demo?.stop();
      throw new ConfigError(
        `storage: cannot open the history database (${describeStorage(config.storage)}): ${(err as Error).message}`,
      );
    }
  }
  const runtime = createRuntime(config, demo, storage);
  await runtime.notifier?.restore();
  await startPolling(runtime);
  const clash = nameClash(runtime.clusters, config.file ?? "PATRONI_NODES");
  if (clash) {
    runtime.poller.stop();
    await demo?.stop();
    await storage?.close?.();
    throw new ConfigError(clash);
  }
  const where =
    config.source === "file"
      ? config.file
      : config.source === "env"
        ? "PATRONI_NODES"
        : "the built-in demo cluster";
  console.log(
    `[patroni-dashboard] polling ${runtime.clusters.length} cluster(s) from ${where} every ${config.pollIntervalMs / 1000} s; history: ${config.storage ? describeStorage(config.storage) : "memory only"}`,
  );
  return runtime;
}
