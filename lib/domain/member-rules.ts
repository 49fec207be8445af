import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER } from "./constants";
import type { ClusterDetail, Member } from "./contracts";

// Small per-member facts shared by the health summary, the alerts and the failover readiness. Pure.

/** States of a member that serves: the leader says running, a 4.x replica in /cluster says streaming. */
export const HEALTHY_STATES: ReadonlySet<string> = new Set(["running", "streaming"]);

/** Lag a replica may have before failover would skip it: the cluster's own maximum_lag_on_failover. */
export function failoverLagLimit(core: Pick<ClusterDetail, "config">): number {
  return core.config?.maximumLagOnFailover ?? DEFAULT_MAXIMUM_LAG_ON_FAILOVER;
}

/**
 * Lag over which a replica raises the lag alert (and the chart draws its line): the cluster's
 * lag_warning_bytes when configured, else maximum_lag_on_failover.
 */
export function lagThreshold(
  core: Pick<ClusterDetail, "config"> & { lagWarningBytes?: number | null },
): number {
  return core.lagWarningBytes ?? failoverLagLimit(core);
}

/** Which setting lagThreshold took its value from (named in the alert text and on the chart). */
export function lagThresholdName(core: {
  lagWarningBytes?: number | null;
}): "lag_warning_bytes" | "maximum_lag_on_failover" {
  return core.lagWarningBytes != null ? "lag_warning_bytes" : "maximum_lag_on_failover";
}

export function isMemberUp(member: Member): boolean {
  return member.inDcs && HEALTHY_STATES.has(member.state) && member.reachable !== false;
}

export function worstLag(member: Member): number | null {
  const values = [member.receiveLagBytes, member.replayLagBytes].filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

/** The timeline the node itself reports (live, from /patroni) when known, else the DCS one. */
export function timelineOf(member: Member): number | null {
  return member.liveTimeline ?? member.timeline;
}

/** A tag that is true in YAML may arrive as true or "true" (Patroni lower-cases non-strings). */
export function tagIsTrue(member: Member, tag: string): boolean {
  const value = member.tags[tag];
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}
