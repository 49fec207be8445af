import { ALERT_CODES, ALERT_RULES } from "./alert-codes";
import { alertCandidates, type AlertCandidate, type AlertInput } from "./alert-rules";
import type { Severity } from "./constants";
import type { Alert } from "./contracts";

// Alerts: the rules' candidates (alert-rules.ts), shown once they have held for their rule's number of
// consecutive poll cycles, each with the time it was first seen. The poller keeps that memory (an
// AlertTrack in the store) and advances it once per cycle with nextAlertTrack; readers only read it.
// Pure: time is a parameter.

export {
  alertCandidates,
  SLOW_API_FRACTION,
  DEFAULT_TTL_SECONDS,
  type AlertInput,
  type AlertCandidate,
} from "./alert-rules";

export interface AlertTrackEntry {
  /** First cycle (epoch ms) of the current unbroken run of this alert. */
  since: number;
  /** Consecutive cycles it has been seen, this one included. */
  cycles: number;
}
export type AlertTrack = ReadonlyMap<string, AlertTrackEntry>;

/** One alert per code and member (unmatched nodes are told apart by their URL). */
export function alertKey(alert: Pick<AlertCandidate, "code" | "member" | "params">): string {
  const node = alert.member ?? (typeof alert.params.apiUrl === "string" ? `url:${alert.params.apiUrl}` : "");
  return `${alert.code}\u0000${node}`;
}

/** The track after one more poll cycle: runs that continue count up, new ones start now, the rest clear. */
export function nextAlertTrack(
  track: AlertTrack,
  candidates: readonly AlertCandidate[],
  nowMs: number,
): Map<string, AlertTrackEntry> {
  const next = new Map<string, AlertTrackEntry>();
  for (const candidate of candidates) {
    const key = alertKey(candidate);
    if (next.has(key)) continue;
    const previous = track.get(key);
    next.set(key, { since: previous?.since ?? nowMs, cycles: (previous?.cycles ?? 0) + 1 });
  }
  return next;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const CODE_RANK = new Map<string, number>(ALERT_CODES.map((code, index) => [code, index]));

export function compareAlerts(
  a: Pick<Alert, "severity" | "code" | "member">,
  b: Pick<Alert, "severity" | "code" | "member">,
): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (CODE_RANK.get(a.code) ?? 99) - (CODE_RANK.get(b.code) ?? 99) ||
    (a.member ?? "").localeCompare(b.member ?? "")
  );
}

/**
 * Alerts of several clusters, worst first: by severity, then the longest-standing (oldest `since`),
 * then by cluster name and the per-cluster order.
 */
export function compareClusterAlerts(
  a: Pick<Alert, "severity" | "code" | "member" | "since"> & { cluster: string },
  b: Pick<Alert, "severity" | "code" | "member" | "since"> & { cluster: string },
): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.since - b.since ||
    a.cluster.localeCompare(b.cluster) ||
    compareAlerts(a, b)
  );
}

/**
 * The alerts to show for a cluster at `nowMs`. Without a track (a one-off view) every candidate counts
 * as seen once: alerts that need several cycles stay hidden and `since` is now.
 */
export function deriveAlerts(input: AlertInput, nowMs: number, track: AlertTrack = new Map()): Alert[] {
  const alerts: Alert[] = [];
  const seen = new Set<string>();
  for (const candidate of alertCandidates(input, nowMs)) {
    const key = alertKey(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    const tracked = track.get(key);
    if ((tracked?.cycles ?? 1) < ALERT_RULES[candidate.code].minCycles) continue;
    alerts.push({ ...candidate, since: tracked?.since ?? nowMs });
  }
  return alerts.sort(compareAlerts);
}
