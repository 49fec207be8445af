import "server-only";
import {
  clusterDetailSchema,
  type AlertsResponse,
  type ClusterDetail,
  type ClustersResponse,
  type NodeDetail,
} from "@/lib/domain/contracts";
import { generateHaproxyCfg, haproxyMembers } from "@/lib/domain/haproxy";
import { findCluster, getRuntime, type Runtime } from "@/lib/server/runtime";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { buildNodeDetail } from "@/lib/server/store/node-view";
import { buildDetail } from "@/lib/server/store/view";

// What the route handlers and the server-rendered pages read: views built from the store in memory.
// Nothing here ever calls Patroni, so the number of viewers never changes the load on the nodes.

const summaryKeys = [
  "name",
  "scope",
  "demo",
  "leader",
  "timeline",
  "membersUp",
  "membersExpected",
  "worstLagBytes",
  "paused",
  "observedAt",
  "tone",
  "problems",
] as const;

/**
 * A cluster's view is rebuilt only when the poller wrote something new, or when the cached one is a
 * second old (ages and staleness move with the clock). So a crowd of viewers costs one build and one
 * serialisation per second, and never delays the poller, which shares this event loop.
 */
export const VIEW_CACHE_MS = 1000;
interface CachedView {
  revision: number;
  at: number;
  detail: ClusterDetail;
  json: string | null;
}
const views = new WeakMap<ClusterState, CachedView>();

function cachedView(runtime: Runtime, cluster: ClusterState, now: number): CachedView {
  const hit = views.get(cluster);
  if (hit && hit.revision === cluster.revision && now >= hit.at && now - hit.at < VIEW_CACHE_MS) return hit;
  const detail = buildDetail(cluster, now, runtime.config.pollIntervalMs, {
    probeIntervalMs: runtime.config.probeIntervalMs,
  });
  // While a failover is pending the poller re-reads this cluster every second; the screen's poll
  // follows the interval it is given, so the new leader reaches the screen within that second too.
  const every = runtime.poller.intervalFor?.(cluster, now);
  if (every !== undefined && every < detail.pollIntervalMs) detail.pollIntervalMs = every;
  const fresh = { revision: cluster.revision, at: now, detail, json: null };
  views.set(cluster, fresh);
  return fresh;
}

function detailOf(runtime: Runtime, cluster: ClusterState, now: number): ClusterDetail {
  return cachedView(runtime, cluster, now).detail;
}

/** The cluster's detail as checked JSON, serialised once per cached view (null: no such cluster). */
export async function clusterJson(name: string, now = Date.now()): Promise<string | null> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  if (!cluster) return null;
  const view = cachedView(runtime, cluster, now);
  view.json ??= JSON.stringify(clusterDetailSchema.parse(view.detail));
  return view.json;
}

export async function clustersSnapshot(now = Date.now()): Promise<ClustersResponse> {
  const runtime = await getRuntime();
  const interval = runtime.config.pollIntervalMs;
  const clusters = runtime.clusters.map((cluster) => {
    const detail = detailOf(runtime, cluster, now);
    return Object.fromEntries(
      summaryKeys.map((key) => [key, detail[key]]),
    ) as ClustersResponse["clusters"][number];
  });
  return { clusters, pollIntervalMs: interval, generatedAt: now };
}

export async function clusterSnapshot(name: string, now = Date.now()): Promise<ClusterDetail | null> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  return cluster ? detailOf(runtime, cluster, now) : null;
}

/** Every cluster's alerts, worst first within each cluster (the banner's data). */
export async function alertsSnapshot(now = Date.now()): Promise<AlertsResponse> {
  const runtime = await getRuntime();
  const alerts = runtime.clusters.flatMap((cluster) => {
    const detail = detailOf(runtime, cluster, now);
    return detail.alerts.map((alert) => ({ cluster: detail.name, ...alert }));
  });
  return { alerts, generatedAt: now };
}

/** "no cluster" / "no member" are told apart so the 404 can say which. */
export async function nodeSnapshot(
  name: string,
  member: string,
  now = Date.now(),
): Promise<{ cluster: boolean; node: NodeDetail | null }> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  if (!cluster) return { cluster: false, node: null };
  return { cluster: true, node: buildNodeDetail(cluster, detailOf(runtime, cluster, now), member) };
}

/** A haproxy.cfg for the cluster's members (null: no such cluster). */
export async function haproxySnapshot(
  name: string,
  now = Date.now(),
): Promise<{ text: string; cluster: string } | null> {
  const detail = await clusterSnapshot(name, now);
  if (!detail) return null;
  const { usable, skipped } = haproxyMembers(detail.members);
  return {
    text: generateHaproxyCfg(usable, { clusterName: detail.name, generatedAt: now, skipped }),
    cluster: detail.name,
  };
}
