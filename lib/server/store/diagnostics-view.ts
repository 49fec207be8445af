import "server-only";
import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER } from "@/lib/domain/constants";
import type { DcsViewSummary, EndpointMatrix, EndpointNode, ProbeCell } from "@/lib/domain/contracts";
import { PROBE_ENDPOINTS, probePath, type ProbeEndpoint } from "@/lib/domain/endpoints";
import type { ClusterState } from "./cluster-state";
import type { NodeRecord } from "./node-record";

// The health parts of the cluster view built from the store: the endpoint matrix (last probe round of
// each node) and each node's /cluster view from the latest cycle. Pure given the store.

/** The `?lag=` of the replica_lag probe: what Patroni itself uses to pick failover candidates. */
export function probeLagBytes(state: ClusterState): number {
  return state.config?.maximumLagOnFailover ?? DEFAULT_MAXIMUM_LAG_ON_FAILOVER;
}

function cellOf(node: NodeRecord, endpoint: ProbeEndpoint, lagBytes: number): ProbeCell {
  const probe = node.probe;
  if (probe?.notInVersion.includes(endpoint))
    return { path: probePath(endpoint, lagBytes), status: null, outcome: "not_in_version", error: null };
  const result = probe?.results[endpoint];
  const path = result?.path ?? probePath(endpoint, lagBytes);
  // A failing node is not probed (back-off), and a request now would fail whatever it said before.
  if (node.failures > 0 && node.lastError)
    return { path, status: null, outcome: "error", error: node.lastError.kind };
  if (!result) return { path, status: null, outcome: "not_probed", error: null };
  if (result.error) return { path: result.path, status: null, outcome: "error", error: result.error };
  return {
    path: result.path,
    status: result.status,
    outcome: result.status === 200 ? "up" : "down",
    error: null,
  };
}

export function endpointMatrix(state: ClusterState, probeIntervalMs: number | null): EndpointMatrix {
  const lagBytes = probeLagBytes(state);
  const nodes: EndpointNode[] = state.nodes.map((node) => ({
    member: node.memberName,
    apiUrl: node.url,
    patroniVersion: node.probe?.version ?? node.status?.patroniVersion ?? null,
    probedAt: node.probe?.finishedAt ?? null,
    cells: Object.fromEntries(
      PROBE_ENDPOINTS.map((endpoint) => [endpoint, cellOf(node, endpoint, lagBytes)]),
    ) as EndpointNode["cells"],
  }));
  const times = nodes.map((n) => n.probedAt).filter((t): t is number => t !== null);
  return { probeIntervalMs, lagBytes, probedAt: times.length ? Math.max(...times) : null, nodes };
}

/** Each answering node's /cluster read in the latest poll cycle (views of one cycle are comparable). */
export function latestDcsViews(state: ClusterState): DcsViewSummary[] {
  return state.nodes
    .filter((node) => node.dcs && node.dcsAt !== null && node.failures === 0 && node.dcsCycle === state.cycle)
    .map((node) => ({
      member: node.memberName,
      apiUrl: node.url,
      leaders: node
        .dcs!.members.filter((m) => m.role === "leader" || m.role === "standby_leader")
        .map((m) => m.name),
      members: node.dcs!.members.map((m) => m.name),
      observedAt: node.dcsAt!,
    }));
}
