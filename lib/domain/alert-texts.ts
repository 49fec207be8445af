import type { AlertCode } from "./alert-codes";
import type { ClusterReadinessReason, ReadinessReason } from "./readiness";

// English texts for every alert code and readiness reason: the source the UI's i18n catalogs are
// filled from (the UI translates codes; the API never sends prose). `{name}` is an alert param.
// title: a few words for a banner; explanation: what it means for the cluster; check: what a DBA
// looks at first.

export interface AlertText {
  title: string;
  explanation: string;
  check: string;
}

export const ALERT_TEXTS: Record<AlertCode, AlertText> = {
  no_data: {
    title: "No data yet",
    explanation: "No node of this cluster has answered the dashboard yet.",
    check:
      "That the node URLs in the dashboard's configuration are right and the REST API port is reachable from the dashboard host.",
  },
  stale: {
    title: "Data is stale",
    explanation: "No node has answered for more than two poll intervals: what is shown may be out of date.",
    check: "The dashboard's own log, and the network between the dashboard and the nodes.",
  },
  no_leader: {
    title: "No leader",
    explanation: "No member holds the leader lock: writes fail until Patroni elects a new leader.",
    check:
      '`patronictl list`, and the Patroni logs of the replicas ("following a different leader", "not the healthiest node"). In synchronous mode only a sync standby can be promoted.',
  },
  failover_pending: {
    title: "Leader down, failover pending",
    explanation:
      "The DCS still names {member} leader, but its REST API does not answer ({error}). Patroni promotes a replica once the leader lock expires (ttl {ttlSeconds} s).",
    check:
      "Whether the host, Patroni and PostgreSQL on {member} are up; then watch which replica gets promoted.",
  },
  multiple_leaders: {
    title: "More than one leader",
    explanation: "{members} all claim to be primary: a split brain, where writes may go to two databases.",
    check:
      "Which node holds the leader key in the DCS (`patronictl list`); stop PostgreSQL on the other at once.",
  },
  nodes_disagree: {
    title: "Nodes disagree about the cluster",
    explanation:
      "The nodes' /cluster views name different leaders or members ({leaders}): some read an outdated or different DCS.",
    check: "That every node uses the same DCS endpoints and scope, and the DCS's own health.",
  },
  member_missing: {
    title: "Member missing",
    explanation:
      "{member} was seen before but is no longer listed in the DCS: its Patroni stopped or its host is down.",
    check: "Whether Patroni runs on {member}, and its log.",
  },
  node_unreachable: {
    title: "Node unreachable",
    explanation: "The REST API of {member} did not answer the last poll ({error}).",
    check: "Whether Patroni runs on the node, and that its REST API port is open to the dashboard.",
  },
  member_not_running: {
    title: "Member not running",
    explanation: "PostgreSQL on {member} is not running or not replicating (state: {state}).",
    check: "The Patroni and PostgreSQL logs on {member}.",
  },
  lag_over_threshold: {
    title: "Replica lag over threshold",
    explanation:
      "{member} is {lagBytes} bytes behind the leader, more than {thresholdName} ({thresholdBytes} bytes).",
    check: "The replica's WAL receiver (`pg_stat_wal_receiver`), the network, and its disk and CPU.",
  },
  replay_paused: {
    title: "WAL replay paused",
    explanation:
      "{member} receives WAL but does not apply it (pg_wal_replay_pause): its data is falling behind.",
    check: "Who paused it; `SELECT pg_wal_replay_resume()` on {member} resumes replay.",
  },
  paused: {
    title: "Maintenance mode",
    explanation: "Patroni is paused: it does not fail over automatically, whatever happens to the leader.",
    check: "Whether the maintenance is still going on; `patronictl resume` ends it.",
  },
  pending_restart: {
    title: "Restart pending",
    explanation: "A changed PostgreSQL setting on {member} takes effect only after a restart: {changes}.",
    check: "Plan `patronictl restart` (replicas first, then a switchover, then the old leader).",
  },
  timeline_mismatch: {
    title: "Member on another timeline",
    explanation:
      "{member} is on timeline {timeline} while the leader is on {leaderTimeline}: it has not followed the last promotion.",
    check: "The Patroni log of {member} (pg_rewind, or a reinit if rewind failed).",
  },
  no_sync_standby: {
    title: "No synchronous standby",
    explanation:
      "Synchronous mode is on but no replica is a synchronous standby: commits are not copied before they are confirmed, and Patroni will not fail over to an asynchronous replica.",
    check:
      "The replicas' state and lag; with synchronous_mode_strict on, writes block until a sync standby is back.",
  },
  dcs_stale: {
    title: "Node lost the DCS",
    explanation:
      "{member} has not read the DCS for longer than ttl ({ttlSeconds} s): it cannot take part in elections, and a leader that loses the DCS demotes itself.",
    check: "The DCS (etcd, Consul…) and the network from {member} to it.",
  },
  failsafe_active: {
    title: "Failsafe mode active",
    explanation:
      "{member} cannot reach the DCS and keeps running because failsafe mode is on and all members answer each other.",
    check: "The DCS: no failover can happen until it is back.",
  },
  api_slow: {
    title: "REST API slow",
    explanation:
      "The REST API of {member} answered in {latencyMs} ms (timeout {timeoutMs} ms), or not at all in time: its workers may be stuck.",
    check: "A hung PostgreSQL on the node, and clients holding Patroni's REST worker threads.",
  },
};

export const READINESS_REASON_TEXTS: Record<ReadinessReason | ClusterReadinessReason, string> = {
  not_in_dcs: "Not listed in the DCS",
  unreachable: "Its REST API does not answer",
  not_running: "PostgreSQL is not running",
  not_streaming: "Not streaming WAL from the leader",
  nofailover: "Tagged nofailover (or failover_priority 0)",
  lag_unknown: "Lag unknown",
  lag_over_threshold: "Lag over maximum_lag_on_failover",
  not_sync_standby: "Not the synchronous standby (synchronous mode promotes only it)",
  not_quorum_standby: "Not a quorum standby (quorum mode promotes only them)",
  timeline_mismatch: "On another timeline than the leader",
  no_data: "No data yet",
  no_candidate: "No replica could take over",
  maintenance_mode: "Maintenance mode: Patroni does not fail over",
};
