import "server-only";
import { DEMO_HOST, LOOP_WAIT_MS, MAXIMUM_LAG_ON_FAILOVER, RETRY_TIMEOUT_S, TTL_MS } from "./constants";
import { formatLsn } from "./format";
import { isoTimestamp } from "./format";
import { type ClusterState, isSyncMember, type MemberData, leaderAt } from "./state";
import { pendingRestartReason } from "./status";

// The DCS views: /cluster, /history and /config. They read only what the DCS holds (member keys
// written every loop_wait, the /status optime, the leader and /sync keys), never live PostgreSQL
// state, so their lag and state move in ~2 s steps while /patroni stays live.

type Json = Record<string, unknown>;

/** A lag against the /status optime, clamped to 0 when the member is ahead (utils.cluster_as_json). */
function lagFields(member: Json, optime: number, prefix: string, lsn: number | null): void {
  if (!lsn) {
    // Python's chained `member[lsn] = member[lag] = 'unknown'` inserts the lsn key first.
    member[`${prefix}lsn`] = "unknown";
    member[`${prefix}lag`] = "unknown";
    return;
  }
  member[`${prefix}lag`] = Math.max(0, optime - lsn);
  member[`${prefix}lsn`] = formatLsn(lsn);
}

function memberJson(state: ClusterState, name: string, data: MemberData, leaderName: string | null): Json {
  const v4 = state.version !== "3.0.2";
  const node = state.nodes.find((n) => n.name === name);
  const quorum = state.dcs.syncMode === "quorum";
  const role =
    name === leaderName
      ? "leader"
      : node && isSyncMember(state, node)
        ? quorum
          ? "quorum_standby"
          : "sync_standby"
        : "replica";
  // 4.x shows a non-leader's replication_state ("streaming") instead of its PostgreSQL state.
  const shownState = (v4 && role !== "leader" ? data.replicationState : undefined) || data.state;
  const member: Json = { name, role, state: shownState, api_url: node?.apiUrl ?? null, host: DEMO_HOST };
  if (node) member.port = node.pgPort;
  if (data.timeline !== undefined) member.timeline = data.timeline;
  if (data.pendingRestart) {
    member.pending_restart = true;
    if (v4) member.pending_restart_reason = pendingRestartReason(data.pendingRestart);
  }
  // utils.cluster_as_json copies the optional keys in this order: ..., scheduled_restart, tags.
  if (data.tags) member.tags = { ...data.tags };
  if (role !== "leader") {
    const optime = state.dcs.optime;
    const lsn = data.receiveLsn === null ? null : Math.max(data.receiveLsn, data.replayLsn ?? 0);
    if (v4) {
      lagFields(member, optime, "receive_", data.receiveLsn);
      lagFields(member, optime, "replay_", data.replayLsn);
      lagFields(member, optime, "", lsn);
    } else {
      member.lag = lsn ? Math.max(0, optime - lsn) : "unknown";
    }
  }
  return member;
}

export function clusterBody(state: ClusterState, t: number): Json {
  const leaderName = leaderAt(state, t)?.name ?? null;
  const members = [...state.dcs.members.entries()]
    .filter(([, key]) => key.expiresAt > t)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, key]) => memberJson(state, name, key.data, leaderName));
  const body: Json = { members };
  if (state.dcs.paused) body.pause = true;
  const scheduled = state.dcs.scheduledSwitchover;
  if (scheduled) {
    // The /failover key's scheduled_at as Python's isoformat() (whole seconds, as patronictl sends it).
    body.scheduled_switchover = {
      at: isoTimestamp(scheduled.atMs * 1000),
      from: scheduled.from,
      to: scheduled.to,
    };
  }
  // `scope` was added to /cluster in 3.2.0.
  if (state.version !== "3.0.2") body.scope = state.scope;
  return body;
}

export function historyBody(state: ClusterState): unknown[] {
  return state.dcs.history.map((row) => [...row]);
}

/** The dynamic configuration exactly as the lab bootstrapped it (a-healthy/node1/config.json). */
export function configBody(state: ClusterState): Json {
  const body: Json = {
    ttl: TTL_MS / 1000,
    loop_wait: LOOP_WAIT_MS / 1000,
    retry_timeout: RETRY_TIMEOUT_S,
    maximum_lag_on_failover: MAXIMUM_LAG_ON_FAILOVER,
    // 4.x: true or the string "quorum" (q-quorum-mode/node1/config.json).
    synchronous_mode: state.dcs.syncMode === "quorum" ? "quorum" : true,
    postgresql: {
      use_pg_rewind: true,
      use_slots: true,
      remove_data_directory_on_rewind_failure: true,
      remove_data_directory_on_diverged_timelines: true,
      parameters: {
        max_connections: state.dcs.maxConnections,
        shared_buffers: "32MB",
        wal_level: "replica",
        hot_standby: "on",
        wal_log_hints: "on",
        max_wal_senders: 10,
        max_replication_slots: 10,
        wal_keep_size: "128MB",
      },
    },
  };
  // `patronictl pause` writes the key last, so it comes last (d-paused/node1/config.json).
  if (state.dcs.paused) body.pause = true;
  return body;
}
