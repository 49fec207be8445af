import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER, STALE_AFTER_INTERVALS, type Severity, type Tone } from "./constants";
import type { ClusterDetail, Member, Problem } from "./contracts";

// Pure derivations of a cluster's health from its detail view. `now` is a parameter: no clock here.

type Core = Omit<ClusterDetail, "membersUp" | "membersExpected" | "worstLagBytes" | "tone" | "problems">;

const HEALTHY_STATES = new Set(["running", "streaming"]);

/** Lag a replica may have before failover would skip it: the cluster's own maximum_lag_on_failover. */
export function lagThreshold(core: Pick<Core, "config">): number {
  return core.config?.maximumLagOnFailover ?? DEFAULT_MAXIMUM_LAG_ON_FAILOVER;
}

export function isMemberUp(member: Member): boolean {
  return member.inDcs && HEALTHY_STATES.has(member.state) && member.reachable !== false;
}

export function worstLag(member: Member): number | null {
  const values = [member.receiveLagBytes, member.replayLagBytes].filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function deriveProblems(core: Core, now: number): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, severity: Severity, member: string | null = null, detail: string | null = null) =>
    problems.push({ code, severity, member, detail });
  const anyObserved = core.members.some((m) => m.observedAt !== null) || core.orphanNodes.some((n) => n.observedAt !== null);

  if (!anyObserved) {
    // Nothing has answered yet: either polling has not finished its first cycle, or every node fails.
    const firstError = [...core.members, ...core.orphanNodes].find((n) => n.lastError)?.lastError;
    add("no_data", firstError ? "critical" : "info", null, firstError?.message ?? null);
    return problems;
  }
  if (now - (core.observedAt ?? 0) > STALE_AFTER_INTERVALS * core.pollIntervalMs) add("stale", "critical");
  const leader = core.members.find((m) => m.name === core.leader);
  if (!core.leader) add("no_leader", "critical");
  else if (leader && leader.reachable === false) add("failover_pending", "critical", leader.name, leader.lastError?.message ?? null);

  const threshold = lagThreshold(core);
  for (const member of core.members) {
    if (!member.inDcs) add("member_missing", "critical", member.name);
    else if (member.reachable === false && member.name !== core.leader) add("node_unreachable", "critical", member.name, member.lastError?.message ?? null);
    else if (!HEALTHY_STATES.has(member.state)) add("member_not_running", "warning", member.name, member.state);
    const lag = worstLag(member);
    if (member.inDcs && lag !== null && lag > threshold) add("lag_over_threshold", "warning", member.name, String(lag));
    if (member.pendingRestart) {
      add("pending_restart", "info", member.name, member.pendingRestartReason.map((r) => r.param).join(", ") || null);
    }
  }
  for (const node of core.orphanNodes) {
    if (node.reachable === false) add("node_unreachable", "critical", null, node.lastError?.message ?? node.apiUrl);
  }
  if (core.paused) add("paused", "warning");
  return problems.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

export function toneOf(problems: Problem[], hasData: boolean): Tone {
  if (problems.some((p) => p.severity === "critical")) return "crit";
  if (!hasData) return "unknown";
  if (problems.some((p) => p.severity === "warning")) return "warn";
  return "ok";
}

export function summarise(core: Core, configuredNodes: number, now: number) {
  const problems = deriveProblems(core, now);
  const lags = core.members.filter((m) => m.inDcs).map(worstLag).filter((v): v is number => v !== null);
  return {
    membersUp: core.members.filter(isMemberUp).length,
    membersExpected: Math.max(configuredNodes, core.members.length),
    worstLagBytes: lags.length ? Math.max(...lags) : null,
    tone: toneOf(problems, core.observedAt !== null),
    problems,
  };
}
