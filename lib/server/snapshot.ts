import "server-only";
import type { ClusterDetail, ClustersResponse } from "@/lib/domain/contracts";
import { findCluster, getRuntime } from "@/lib/server/runtime";
import { buildDetail } from "@/lib/server/store/view";

// What the route handlers and the server-rendered pages read: views built from the store in memory.
// Nothing here ever calls Patroni, so the number of viewers never changes the load on the nodes.

const summaryKeys = [
  "name", "scope", "demo", "leader", "timeline", "membersUp", "membersExpected",
  "worstLagBytes", "paused", "observedAt", "tone", "problems",
] as const;

export async function clustersSnapshot(now = Date.now()): Promise<ClustersResponse> {
  const runtime = await getRuntime();
  const interval = runtime.config.pollIntervalMs;
  const clusters = runtime.clusters.map((cluster) => {
    const detail = buildDetail(cluster, now, interval);
    return Object.fromEntries(summaryKeys.map((key) => [key, detail[key]])) as ClustersResponse["clusters"][number];
  });
  return { clusters, pollIntervalMs: interval, generatedAt: now };
}

export async function clusterSnapshot(name: string, now = Date.now()): Promise<ClusterDetail | null> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  return cluster ? buildDetail(cluster, now, runtime.config.pollIntervalMs) : null;
}
