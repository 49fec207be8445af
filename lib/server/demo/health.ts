import "server-only";
import { MAXIMUM_LAG_ON_FAILOVER } from "./constants";
import { parseLagBytes } from "./lag-param";
import { type ClusterState, effectiveTags, isSyncMember, leaderAt, type SimNode } from "./state";
import type { StatusBody, StatusExtras } from "./status";

// Patroni's generic health routine (api.py do_GET), /readiness and /liveness, per version.
// Substring rules are checked in Patroni's order (patroni/api.py, do_GET); the standby-cluster and
// "DCS down while paused" branches never apply here: the simulated DCS is always reachable.

/** `is_leader`: holds an unexpired leader key and is not shutting down (switchover demote). */
export function isLeader(state: ClusterState, node: SimNode, t: number): boolean {
  return leaderAt(state, t) === node && node.pgRole === "primary" && node.pgState !== "stopping";
}

/** The health verdict (200/503) for any GET path without a dedicated handler, and HEAD/OPTIONS. */
export function healthStatus(
  state: ClusterState,
  node: SimNode,
  t: number,
  rawPath: string,
  query: URLSearchParams,
  status: StatusBody,
  extras: StatusExtras,
): 200 | 503 {
  const v4 = state.version !== "3.0.2";
  const path = rawPath === "/" ? "/primary" : rawPath;
  // Cut off from the DCS the node has no cluster view: leader optime 0, no sync/quorum answers.
  const dcsView = node.dcsCutAt === null;
  // leader optime: the /status key; 4.1 also trusts the walreceiver's latest_end_lsn.
  const statusOptime = dcsView ? state.dcs.optime : 0;
  const leaderOptime = v4 ? Math.max(statusOptime, extras.latestEnd ?? 0) : statusOptime;
  const xlog = (status.xlog ?? {}) as { replayed_location?: number };
  const replayed = xlog.replayed_location ?? 0;
  const maxLag = parseLagBytes(firstValue(query, "lag")) ?? Number.POSITIVE_INFINITY;
  const lagging = leaderOptime > 0 && leaderOptime > replayed + maxLag;
  // No node has the noloadbalance tag.
  const replicaCode = !lagging && status.role === "replica" && status.state === "running" ? 200 : 503;
  const leaderCode = isLeader(state, node, t) ? 200 : 503;
  const primaryCode = leaderCode;
  const standbyLeaderCode = 503;

  let code: 200 | 503 = 503;
  let ignoreTags = false;
  if (path.includes("standby_leader") || path.includes("standby-leader")) {
    code = standbyLeaderCode;
    ignoreTags = true;
  } else if (path.includes("leader")) {
    code = leaderCode;
    ignoreTags = true;
  } else if (path.includes("master") || path.includes("primary") || path.includes("read-write")) {
    code = primaryCode;
    ignoreTags = true;
  } else if (path.includes("replica")) {
    code = replicaCode;
  } else if (path.includes("read-only") && !path.includes("sync") && !(v4 && path.includes("quorum"))) {
    // 3.x lacks the quorum exclusion, so its /read-only-quorum is plain read-only.
    code = primaryCode === 200 ? 200 : replicaCode;
  } else if (path.includes("health")) {
    code = status.state === "running" ? 200 : 503;
  } else if (dcsView) {
    // Exact paths, checked only with a valid DCS view (q capture for the quorum rows).
    const quorumMode = v4 && state.dcs.syncMode === "quorum";
    const member = isSyncMember(state, node) && status.role === "replica";
    const isSync = !quorumMode && member;
    const isQuorum = quorumMode && member;
    if ((path === "/sync" || path === "/synchronous") && isSync) code = replicaCode;
    else if ((path === "/async" || path === "/asynchronous") && !isSync && !isQuorum) code = replicaCode;
    else if (v4 && path === "/quorum" && isQuorum) code = replicaCode;
    else if (v4 && path === "/read-only-quorum") {
      code = primaryCode === 200 ? 200 : isQuorum ? replicaCode : 503;
    } else if (path === "/read-only-sync" || path === "/read-only-synchronous") {
      code = primaryCode === 200 ? 200 : isSync ? replicaCode : 503;
    }
  }
  // tag_* filters compare against the node's configured tags (non-strings as lower-case text);
  // a missing tag fails the filter. parse_qs drops blank values, so `?tag_x=` is no filter at all.
  const tags = effectiveTags(node) ?? {};
  const tagFilters = [...query.entries()].filter(([k, v]) => k.startsWith("tag_") && v !== "");
  const tagsMatch = tagFilters.every(([k, v]) => {
    const tag = tags[k.slice(4)];
    return tag !== undefined && (typeof tag === "string" ? tag : String(tag).toLowerCase()) === v;
  });
  if (!ignoreTags && code === 200 && !tagsMatch) code = 503;
  return code;
}

/** Python's parse_qs drops blank values, so `?lag=` is the same as no lag at all. */
function firstValue(query: URLSearchParams, key: string): string | null {
  return query.getAll(key).find((v) => v !== "") ?? null;
}

/** /readiness: 3.x "leader, or running with a DCS view"; 4.1 adds streaming and lag (§1.4). */
export function readinessStatus(
  state: ClusterState,
  node: SimNode,
  t: number,
  query: URLSearchParams,
  status: StatusBody,
  extras: StatusExtras,
): 200 | 503 {
  if (isLeader(state, node, t)) return 200;
  if (node.pgState !== "running") return 503;
  if (state.version === "3.0.2") return 200;
  if (status.replication_state !== "streaming") return 503;
  const leaderOptime = Math.max(node.dcsCutAt === null ? state.dcs.optime : 0, extras.latestEnd ?? 0);
  const xlog = (status.xlog ?? {}) as { received_location?: number; replayed_location?: number };
  const position = firstValue(query, "mode") === "write" ? xlog.received_location : xlog.replayed_location;
  const lag = leaderOptime - (position ?? 0);
  const maxLag = parseLagBytes(firstValue(query, "lag")) ?? MAXIMUM_LAG_ON_FAILOVER;
  return lag > maxLag ? 503 : 200;
}

/** /liveness: the HA loop of a live node is never stuck here, so it is always 200. */
export function livenessStatus(): 200 {
  return 200;
}
