import "server-only";
import { PROBE_ENDPOINTS, PROBE_SINCE, probePath, type ProbeEndpoint } from "@/lib/domain/endpoints";
import { versionAtLeast } from "@/lib/domain/version";
import { probeStatus } from "@/lib/server/patroni/api";
import type { NodeRecord, ProbeResult } from "@/lib/server/store/cluster-state";

// Health-endpoint probes: every probe interval, each answering node gets one round of GETs (the
// endpoint matrix), one request after the other. A round is started by the poll cycle but not awaited
// by it, so a slow node never delays the cluster's polling; the node's client queues the round's
// requests with the cycle's, so the node still never has more than one request of ours on the wire.

export interface ProbePlan {
  paths: [ProbeEndpoint, string][];
  notInVersion: ProbeEndpoint[];
}

/** Which endpoints to request from a node running Patroni `version` (unknown: all of them). */
export function planProbes(version: string | null, lagBytes: number): ProbePlan {
  const plan: ProbePlan = { paths: [], notInVersion: [] };
  for (const endpoint of PROBE_ENDPOINTS) {
    const since = PROBE_SINCE[endpoint];
    // NOTE: an older Patroni answers an endpoint it lacks with the generic 503: asking would only
    // produce a 503 that looks like "unhealthy". It is marked "not in this version" instead.
    if (since && version !== null && !versionAtLeast(version, since)) plan.notInVersion.push(endpoint);
    else plan.paths.push([endpoint, probePath(endpoint, lagBytes)]);
  }
  return plan;
}

/**
 * Is a round due for this node? Not while its previous round runs, not while it is failing (in
 * back-off: the main poll decides when it is tried again), not before it has answered once (its
 * version is unknown). Cycles start on poll-interval boundaries, so half an interval of slack lands
 * the round on the intended cycle instead of the one after.
 */
export function probeDue(
  node: NodeRecord,
  now: number,
  probeIntervalMs: number,
  pollIntervalMs: number,
): boolean {
  if (node.probing || node.failures > 0 || node.status === null) return false;
  return now - node.probeStartedAt >= probeIntervalMs - pollIntervalMs / 2;
}

/** One round: the endpoints in order; the first request that gets no HTTP answer ends it. */
export async function runProbeRound(node: NodeRecord, lagBytes: number, now: () => number): Promise<void> {
  const startedAt = now();
  const version = node.status?.patroniVersion ?? null;
  const plan = planProbes(version, lagBytes);
  const results: Partial<Record<ProbeEndpoint, ProbeResult>> = {};
  node.probing = true;
  node.probeStartedAt = startedAt;
  try {
    for (const [endpoint, path] of plan.paths) {
      const res = await probeStatus(node.client, path);
      if ("error" in res) {
        // A node that does not answer one request will not answer the next: stop, so its queue
        // does not fill with requests that each wait for the full timeout.
        results[endpoint] = { path, status: null, error: res.error.kind };
        break;
      }
      results[endpoint] = { path, status: res.status, error: null };
    }
  } finally {
    node.probe = { startedAt, finishedAt: now(), version, results, notInVersion: plan.notInVersion };
    node.probing = false;
  }
}
