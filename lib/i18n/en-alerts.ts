// English texts of every alert code and readiness reason: their one home (tests and anything else
// that needs the English words read them here). title: a few words for a banner; explanation: what
// it means for the cluster; check: what a DBA looks at first. Values arrive formatted for the locale
// ({lagBytes} is "9.2 MB", {ttlSeconds} is "20 s", {latencyMs} is "1,840 ms"), and a few codes have a
// variant for a param the default text cannot say (`.error`, `.unlocked`, `.timeout`, `.unknown`).
// Backticks mark commands and SQL: the banner renders them as code. Spread into en-diagnostics.ts.

export const enAlerts = {
  "alert.no_data.title": "No data yet",
  "alert.no_data.explanation": "No node of this cluster has answered the dashboard yet.",
  "alert.no_data.explanation.error":
    "No node of this cluster has answered the dashboard yet; the last attempt failed: {error}.",
  "alert.no_data.check":
    "That the node URLs in the dashboard's configuration are right and the REST API port is reachable from the dashboard host.",
  "alert.stale.title": "Data is stale",
  "alert.stale.explanation":
    "No node has answered for more than two poll intervals: what is shown may be out of date.",
  "alert.stale.check": "The dashboard's own log, and the network between the dashboard and the nodes.",
  "alert.no_leader.title": "No leader",
  "alert.no_leader.explanation":
    "No member holds the leader lock: writes fail until Patroni elects a new leader.",
  "alert.no_leader.explanation.unlocked":
    "/cluster still names a leader, but every node that answers reports cluster_unlocked: none of them sees a leader key in the DCS, so writes may fail.",
  "alert.no_leader.check":
    '`patronictl list`, and the Patroni logs of the replicas ("following a different leader", "not the healthiest node"). In synchronous mode only a sync standby can be promoted.',
  "alert.failover_pending.title": "Leader down, failover pending",
  "alert.failover_pending.explanation":
    "The DCS still names {member} leader, but its REST API does not answer ({error}). Patroni promotes a replica once the leader lock expires (ttl {ttlSeconds}).",
  "alert.failover_pending.check":
    "Whether the host, Patroni and PostgreSQL on {member} are up; then watch which replica gets promoted.",
  "alert.multiple_leaders.title": "More than one leader",
  "alert.multiple_leaders.explanation":
    "{members} all claim to be primary: a split brain, where writes may go to two databases.",
  "alert.multiple_leaders.check":
    "Which node holds the leader key in the DCS (`patronictl list`); stop PostgreSQL on the other at once.",
  "alert.nodes_disagree.title": "Nodes disagree about the cluster",
  "alert.nodes_disagree.explanation":
    "The nodes' /cluster views name different leaders or members ({leaders}): some read an outdated or different DCS.",
  "alert.nodes_disagree.check":
    "That every node uses the same DCS endpoints and scope, and the DCS's own health.",
  "alert.member_missing.title": "Member missing",
  "alert.member_missing.explanation":
    "{member} was seen before but is no longer listed in the DCS: its Patroni stopped or its host is down.",
  "alert.member_missing.check": "Whether Patroni runs on {member}, and its log.",
  "alert.node_unreachable.title": "Node unreachable",
  "alert.node_unreachable.explanation": "The REST API of {member} did not answer the last poll ({error}).",
  "alert.node_unreachable.check":
    "Whether Patroni runs on the node, and that its REST API port is open to the dashboard.",
  "alert.member_not_running.title": "Member not running",
  "alert.member_not_running.explanation":
    "PostgreSQL on {member} is not running or not replicating (state: {state}).",
  "alert.member_not_running.check": "The Patroni and PostgreSQL logs on {member}.",
  "alert.lag_over_threshold.title": "Replica lag over threshold",
  "alert.lag_over_threshold.explanation":
    "{member} is {lagBytes} behind the leader, more than {thresholdName} ({thresholdBytes}).",
  "alert.lag_over_threshold.check":
    "The replica's WAL receiver (`pg_stat_wal_receiver`), the network, and its disk and CPU.",
  "alert.replay_paused.title": "WAL replay paused",
  "alert.replay_paused.explanation":
    "{member} receives WAL but does not apply it (pg_wal_replay_pause): its data is falling behind.",
  "alert.replay_paused.check": "Who paused it; `SELECT pg_wal_replay_resume()` on {member} resumes replay.",
  "alert.paused.title": "Maintenance mode",
  "alert.paused.explanation":
    "Patroni is paused: it does not fail over automatically, whatever happens to the leader.",
  "alert.paused.check": "Whether the maintenance is still going on; `patronictl resume` ends it.",
  "alert.pending_restart.title": "Restart pending",
  "alert.pending_restart.explanation":
    "A changed PostgreSQL setting on {member} takes effect only after a restart: {changes}.",
  "alert.pending_restart.explanation.unknown":
    "A changed PostgreSQL setting on {member} takes effect only after a restart.",
  "alert.pending_restart.check":
    "Plan `patronictl restart` (replicas first, then a switchover, then the old leader).",
  "alert.timeline_mismatch.title": "Member on another timeline",
  "alert.timeline_mismatch.explanation":
    "{member} is on timeline {timeline} while the leader is on {leaderTimeline}: it has not followed the last promotion.",
  "alert.timeline_mismatch.check": "The Patroni log of {member} (pg_rewind, or a reinit if rewind failed).",
  "alert.no_sync_standby.title": "No synchronous standby",
  "alert.no_sync_standby.explanation":
    "Synchronous mode is on but no replica is a synchronous standby: commits are not copied before they are confirmed, and Patroni will not fail over to an asynchronous replica.",
  "alert.no_sync_standby.check":
    "The replicas' state and lag; with synchronous_mode_strict on, writes block until a sync standby is back.",
  "alert.dcs_stale.title": "Node lost the DCS",
  "alert.dcs_stale.explanation":
    "{member} has not read the DCS for longer than ttl ({ttlSeconds}): it cannot take part in elections, and a leader that loses the DCS demotes itself.",
  "alert.dcs_stale.check": "The DCS (etcd, Consul…) and the network from {member} to it.",
  "alert.failsafe_active.title": "Failsafe mode active",
  "alert.failsafe_active.explanation":
    "{member} cannot reach the DCS and keeps running because failsafe mode is on and all members answer each other.",
  "alert.failsafe_active.check": "The DCS: no failover can happen until it is back.",
  "alert.api_slow.title": "REST API slow",
  "alert.api_slow.explanation":
    "The REST API of {member} answered in {latencyMs} (timeout {timeoutMs}): its workers may be stuck.",
  "alert.api_slow.explanation.timeout":
    "The REST API of {member} did not answer within the timeout ({timeoutMs}): its workers may be stuck.",
  "alert.api_slow.check": "A hung PostgreSQL on the node, and clients holding Patroni's REST worker threads.",

  "readiness.reason.not_in_dcs": "Not listed in the DCS",
  "readiness.reason.unreachable": "Its REST API does not answer",
  "readiness.reason.not_running": "PostgreSQL is not running",
  "readiness.reason.not_streaming": "Not streaming WAL from the leader",
  "readiness.reason.nofailover": "Tagged nofailover (or failover_priority 0)",
  "readiness.reason.lag_unknown": "Lag unknown",
  "readiness.reason.lag_over_threshold": "Lag over maximum_lag_on_failover",
  "readiness.reason.not_sync_standby": "Not the synchronous standby (synchronous mode promotes only it)",
  "readiness.reason.not_quorum_standby": "Not a quorum standby (quorum mode promotes only them)",
  "readiness.reason.timeline_mismatch": "On another timeline than the leader",
  "readiness.reason.no_data": "No data yet",
  "readiness.reason.no_candidate": "No replica could take over",
  "readiness.reason.maintenance_mode": "Maintenance mode: Patroni does not fail over",
  // Webhook messages (lib/server/notify/message.ts): a chat line in notify.locale.
  "notify.text.alert_opened": "[{severity}] {where}: {title} (since {since})",
  "notify.text.alert_reminder": "[{severity}] still open, {where}: {title} (since {since})",
  "notify.text.alert_resolved": "[RESOLVED] {where}: {title} (lasted {minutes} min)",
} as const;
