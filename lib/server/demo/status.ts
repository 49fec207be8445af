import "server-only";
import { DEMO_HOST, SERVER_VERSION } from "./constants";
import { pyTimestamp } from "./format";
import { replicaPositions } from "./positions";
import {
  type ClusterState,
  effectiveTags,
  isStreamingReplica,
  isSyncMember,
  leaderAt,
  type PgRole,
  type SimNode,
} from "./state";

// GET /patroni: the node's status document, which is also the body of every health-check answer.
// Field order follows Patroni's get_postgresql_status() and _write_status_response(), as in the
// captures (tests/fixtures/patroni-4/a-healthy/node1/patroni.json and friends).

export type StatusBody = Record<string, unknown>;

/** The version-dependent spelling of the primary role (4.0 renamed master to primary). */
export function roleName(state: ClusterState, role: PgRole): string {
  return role === "primary" && state.version === "3.0.2" ? "master" : role;
}

/** Patroni reports both values as strings: {"max_connections": {"old_value": "100", "new_value": "200"}}. */
export function pendingRestartReason(change: { oldValue: number; newValue: number }) {
  return { max_connections: { old_value: String(change.oldValue), new_value: String(change.newValue) } };
}

/** pg_stat_replication of `sender`: its walsenders. A replica has some only as a cascade upstream. */
function replicationRows(state: ClusterState, sender: SimNode) {
  const quorum = state.dcs.syncMode === "quorum";
  return state.nodes
    .filter(
      (n) =>
        n !== sender &&
        isStreamingReplica(n) &&
        (sender.pgRole === "primary" ? n.upstream === null : n.upstream === sender.name),
    )
    .sort((a, b) => (a.streamingSinceMs ?? 0) - (b.streamingSinceMs ?? 0) || a.index - b.index)
    .map((n) => {
      // Only the primary's walsenders are synchronous; quorum mode says "quorum", priority 1 (q capture).
      const sync = sender.pgRole === "primary" && isSyncMember(state, n);
      return {
        usename: "replicator",
        application_name: n.name,
        client_addr: DEMO_HOST,
        state: "streaming",
        sync_state: sync ? (quorum ? "quorum" : "sync") : "async",
        sync_priority: sync ? 1 : 0,
      };
    });
}

export interface StatusExtras {
  /** 4.1's walreceiver latest_end_lsn: used by the health checks, never sent (Patroni strips it). */
  latestEnd: number | null;
}

export function buildStatus(
  state: ClusterState,
  node: SimNode,
  t: number,
): { body: StatusBody; extras: StatusExtras } {
  const v4 = state.version !== "3.0.2";
  const body: StatusBody = {};
  let latestEnd: number | null = null;
  // The status query only runs against a running PostgreSQL; otherwise the body is reduced to
  // state and role (as a stopped replica answers).
  if (node.pgState === "running") {
    body.state = "running";
    body.postmaster_start_time = pyTimestamp(node.postmasterStartUsec);
    body.role = roleName(state, node.pgRole);
    body.server_version = SERVER_VERSION;
    if (node.pgRole === "primary") {
      body.xlog = { location: state.wal.lsnAt(t) };
    } else {
      const pos = replicaPositions(state, node, t);
      latestEnd = pos.latestEnd;
      body.xlog = {
        received_location: pos.received,
        replayed_location: pos.replayed,
        replayed_timestamp: pyTimestamp(pos.replayUsec),
        paused: node.replayPause !== null,
      };
      // From the node's cached DCS view: listed in /sync (3.0.2+); quorum_standby in quorum mode (4.x).
      // A node cut off from the DCS has no valid view, so neither flag.
      if (node.dcsCutAt === null && isSyncMember(state, node))
        body[state.dcs.syncMode === "quorum" ? "quorum_standby" : "sync_standby"] = true;
    }
    body.timeline = node.timeline;
    if (v4 && node.pgRole === "replica" && node.streaming) body.replication_state = "streaming";
    // Walsenders exist on the primary and on a cascade's upstream replica.
    const rows = replicationRows(state, node);
    if (rows.length > 0) body.replication = rows;
  } else {
    body.state = node.pgState;
    body.role = roleName(state, node.pgRole);
  }
  // 3.3+ reports pause from the status query; 3.0.2 appended it last (d-paused captures).
  if (v4 && state.dcs.paused) body.pause = true;
  // No leader key, or no valid DCS view at all (a node cut off from the DCS).
  if (!leaderAt(state, t) || node.dcsCutAt !== null) body.cluster_unlocked = true;
  body.dcs_last_seen = Math.floor(node.lastSeenMs / 1000);
  const tags = effectiveTags(node);
  if (tags) body.tags = tags;
  body.database_system_identifier = state.sysid;
  if (node.pendingRestart) {
    body.pending_restart = true;
    // pending_restart_reason appeared in 3.3.0.
    if (v4) {
      body.pending_restart_reason = pendingRestartReason({
        oldValue: node.runningMaxConnections,
        newValue: state.dcs.maxConnections,
      });
    }
  }
  body.patroni = v4
    ? { version: state.version, scope: state.scope, name: node.name }
    : { version: state.version, scope: state.scope };
  if (!v4 && state.dcs.paused) body.pause = true;
  return { body, extras: { latestEnd } };
}
