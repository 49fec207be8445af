import type { ClusterReadinessReason, ReadinessReason } from "./constants";
import type { ClusterDetail, FailoverReadiness, Member, MemberReadiness } from "./contracts";
import { failoverLagLimit, HEALTHY_STATES, tagIsTrue, timelineOf } from "./member-rules";
import { versionAtLeast } from "./version";

// Failover readiness: could each replica take over right now, and is the cluster safe to lose its
// leader? The rules follow Patroni's own candidate checks (ha.py is_failover_possible /
// _is_healthiest_node): a running member, no nofailover tag, WAL position within
// maximum_lag_on_failover, and in synchronous mode only the sync (or quorum) standbys. Pure.

/** `replication_state` (streaming / in archive recovery) exists in /patroni from this version. */
export const REPLICATION_STATE_SINCE = "3.0.4";

type Input = Pick<ClusterDetail, "members" | "leader" | "timeline" | "config" | "paused">;

function isLeaderMember(member: Member, leader: string | null): boolean {
  return member.name === leader || member.role === "leader" || member.role === "standby_leader";
}

/** Failover priority 0 (Patroni 4) means the same as nofailover: never promote this member. */
function refusesFailover(member: Member): boolean {
  const priority = member.tags.failover_priority;
  return tagIsTrue(member, "nofailover") || priority === 0 || priority === "0";
}

export function memberReadiness(member: Member, core: Input, leaderReachable: boolean): MemberReadiness {
  const reasons: ReadinessReason[] = [];
  const running = member.inDcs && HEALTHY_STATES.has(member.state);
  if (!member.inDcs) reasons.push("not_in_dcs");
  if (member.reachable === false) reasons.push("unreachable");
  if (member.inDcs && !running) reasons.push("not_running");
  // Streaming is only expected while the leader is up: once it is gone no replica streams, and
  // Patroni still promotes the healthiest one. 3.0.2 does not report replication_state at all.
  const knowsStreaming = versionAtLeast(member.patroniVersion, REPLICATION_STATE_SINCE);
  const streaming = member.state === "streaming" || member.replicationState === "streaming";
  if (running && leaderReachable && knowsStreaming && !streaming) reasons.push("not_streaming");
  if (refusesFailover(member)) reasons.push("nofailover");
  if (running) {
    // Patroni compares the leader's last optime with the member's WAL position (max of received
    // and replayed): the receive lag. The DCS lag is the same measure, up to loop_wait old.
    const lag = member.receiveLagBytes ?? member.dcsLagBytes;
    if (lag === null) reasons.push("lag_unknown");
    else if (lag > failoverLagLimit(core)) reasons.push("lag_over_threshold");
  }
  const mode = core.config?.synchronousMode ?? "off";
  if (mode === "on" && member.role !== "sync_standby") reasons.push("not_sync_standby");
  if (mode === "quorum" && member.role !== "quorum_standby") reasons.push("not_quorum_standby");
  const timeline = timelineOf(member);
  if (running && core.timeline !== null && timeline !== null && timeline !== core.timeline)
    reasons.push("timeline_mismatch");
  return { member: member.name, candidate: reasons.length === 0, reasons };
}

export function deriveFailoverReadiness(core: Input): FailoverReadiness {
  if (!core.members.some((m) => m.observedAt !== null)) {
    return { verdict: "unknown", candidates: [], reasons: ["no_data"], members: [] };
  }
  const leader = core.members.find((m) => m.name === core.leader);
  const leaderReachable = leader !== undefined && leader.reachable !== false;
  const members = core.members
    .filter((m) => !isLeaderMember(m, core.leader))
    .map((m) => memberReadiness(m, core, leaderReachable));
  const candidates = members.filter((m) => m.candidate).map((m) => m.member);
  const reasons: ClusterReadinessReason[] = [];
  if (candidates.length === 0) reasons.push("no_candidate");
  // In maintenance mode Patroni does not fail over by itself, however good the replicas are.
  if (core.paused) reasons.push("maintenance_mode");
  return { verdict: reasons.length ? "unsafe" : "safe", candidates, reasons, members };
}
