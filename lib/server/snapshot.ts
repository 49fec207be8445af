import "server-only";
import { createHash } from "node:crypto";
import {
  clusterDetailSchema,
  clustersResponseSchema,
  type AlertsResponse,
  type ClusterDetail,
  type ClustersResponse,
  type NodeDetail,
} from "@/lib/domain/contracts";
import { compareClusterAlerts } from "@/lib/domain/alerts";
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
/** Distinct `?since=` answers kept per view: readers polling in step all ask for the same one. */
const INCREMENTS_PER_VIEW = 8;

/** A response body serialised once, and its ETag (a hash of exactly these bytes). */
export interface JsonBody {
  json: string;
  etag: string;
}

interface CachedView {
  revision: number;
  at: number;
  detail: ClusterDetail;
  /** The detail as checked against the contract (parsed once, on the first serialisation). */
  checked: ClusterDetail | null;
  body: JsonBody | null;
  increments: Map<number, JsonBody>;
}
const views = new WeakMap<ClusterState, CachedView>();

export function jsonBody(value: unknown): JsonBody {
  const json = JSON.stringify(value);
  return { json, etag: `"${createHash("sha1").update(json).digest("base64url")}"` };
}

function cachedView(runtime: Runtime, cluster: ClusterState, now: number): CachedView {
  const hit = views.get(cluster);
  if (hit && hit.revision === cluster.revision && now >= hit.at && now - hit.at < VIEW_CACHE_MS) return hit;
  const detail = buildDetail(cluster, now, runtime.config.pollIntervalMs, {
    probeIntervalMs: runtime.config.probeIntervalMs,
  });
  // While a failover is pending the poller re-reads this cluster every FAILOVER_POLL_MS; the screen
  // refreshes as often, so the new leader reaches it within that time too. Staleness is still judged
  // by the configured interval (pollIntervalMs): a fast re-read a little late is not stale data.
  const every = runtime.poller.intervalFor?.(cluster, now);
  if (every !== undefined && every < detail.pollIntervalMs) detail.refreshMs = every;
  const fresh: CachedView = {
    revision: cluster.revision,
    at: now,
    detail,
    checked: null,
    body: null,
    increments: new Map(),
  };
  views.set(cluster, fresh);
  return fresh;
}

function detailOf(runtime: Runtime, cluster: ClusterState, now: number): ClusterDetail {
  return cachedView(runtime, cluster, now).detail;
}

/**
 * The cluster's detail as checked JSON, serialised once per cached view (null: no such cluster).
 * With `since`, only the lag samples newer than it are sent (lagSince says so): a screen that already
 * holds the history receives a few hundred bytes of it per refresh instead of all of it again.
 */
export async function clusterBody(
  name: string,
  since: number | null = null,
  now = Date.now(),
): Promise<JsonBody | null> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  if (!cluster) return null;
  const view = cachedView(runtime, cluster, now);
  view.checked ??= clusterDetailSchema.parse(view.detail);
  view.body ??= jsonBody(view.checked);
  if (since === null) return view.body;
  let body = view.increments.get(since);
  if (!body) {
    const lagSamples = view.checked.lagSamples.filter((sample) => sample.t > since);
    body = jsonBody({ ...view.checked, lagSamples, lagSince: since });
    if (view.increments.size < INCREMENTS_PER_VIEW) view.increments.set(since, body);
  }
  return body;
}

/** The cluster's detail as checked JSON (null: no such cluster). */
export async function clusterJson(name: string, now = Date.now()): Promise<string | null> {
  return (await clusterBody(name, null, now))?.json ?? null;
}

/** The last list answer and the views it was built from: rebuilt only when one of them changed. */
let listCache: { views: CachedView[]; body: JsonBody; value: ClustersResponse } | null = null;

function clustersList(runtime: Runtime, now: number): { body: JsonBody; value: ClustersResponse } {
  const current = runtime.clusters.map((cluster) => cachedView(runtime, cluster, now));
  const cache = listCache;
  if (cache && cache.views.length === current.length && cache.views.every((v, i) => v === current[i]))
    return cache;
  const clusters = current.map(
    ({ detail }) =>
      Object.fromEntries(
        summaryKeys.map((key) => [key, detail[key]]),
      ) as ClustersResponse["clusters"][number],
  );
  // generatedAt is when the newest of these views was built: the same bytes always say the same time.
  const generatedAt = Math.max(0, ...current.map((v) => v.at));
  const value = clustersResponseSchema.parse({
    clusters,
    pollIntervalMs: runtime.config.pollIntervalMs,
    generatedAt,
  });
  listCache = { views: current, body: jsonBody(value), value };
  return listCache;
}

/** GET /api/clusters as checked JSON, serialised once per change of any cluster's view. */
export async function clustersBody(now = Date.now()): Promise<JsonBody> {
  return clustersList(await getRuntime(), now).body;
}

export async function clustersSnapshot(now = Date.now()): Promise<ClustersResponse> {
  return clustersList(await getRuntime(), now).value;
}

export async function clusterSnapshot(name: string, now = Date.now()): Promise<ClusterDetail | null> {
  const runtime = await getRuntime();
  const cluster = findCluster(runtime, name);
  return cluster ? detailOf(runtime, cluster, now) : null;
}

/** Every cluster's alerts, worst first across clusters (the banner's data). */
export async function alertsSnapshot(now = Date.now()): Promise<AlertsResponse> {
  const runtime = await getRuntime();
  const alerts = runtime.clusters.flatMap((cluster) => {
    const detail = detailOf(runtime, cluster, now);
    return detail.alerts.map((alert) => ({ cluster: detail.name, ...alert }));
  });
  return { alerts: alerts.sort(compareClusterAlerts), generatedAt: now };
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
