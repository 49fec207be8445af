import type { Tone } from "./constants";
import type { Alert, Problem } from "./contracts";
import { deriveAlerts, type AlertInput, type AlertTrack } from "./alerts";
import { isMemberUp, worstLag } from "./member-rules";

// A cluster's health summary from its detail view: counts, tone, and the problems list, which is the
// alerts (alerts.ts) in the older one-line shape the overview and the problem list read. Pure.

type Core = AlertInput;

/** The one-line detail a problem shows next to its title (lags as bytes, states as Patroni's words). */
export function problemDetail(alert: Alert): string | null {
  const p = alert.params;
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  switch (alert.code) {
    case "no_data":
    case "failover_pending":
      return text(p.error);
    case "node_unreachable":
      return text(p.error ?? p.apiUrl);
    case "member_not_running":
      return text(p.state);
    case "lag_over_threshold":
      return text(p.lagBytes);
    case "pending_restart":
      return text(p.parameters);
    case "multiple_leaders":
      return text(p.members);
    case "nodes_disagree":
      return text(p.leaders);
    case "timeline_mismatch":
      return `${text(p.timeline)} ≠ ${text(p.leaderTimeline)}`;
    case "api_slow":
      return p.timedOut ? "timeout" : `${text(p.latencyMs)} ms`;
    case "tls_cert_expiring":
      return `${text(p.daysLeft)} d`;
    case "tls_hostname_mismatch":
      return text(p.host);
    case "no_sync_standby":
      return p.strict ? "synchronous_mode_strict" : null;
    default:
      return null;
  }
}

export function toProblem(alert: Alert): Problem {
  return { code: alert.code, severity: alert.severity, member: alert.member, detail: problemDetail(alert) };
}

export function toneOf(problems: readonly Pick<Problem, "severity">[], hasData: boolean): Tone {
  if (problems.some((p) => p.severity === "critical")) return "crit";
  if (!hasData) return "unknown";
  if (problems.some((p) => p.severity === "warning")) return "warn";
  return "ok";
}

/** Alerts as problems, worst first; `track` is the store's memory of earlier cycles (see alerts.ts). */
export function deriveProblems(core: Core, now: number, track?: AlertTrack): Problem[] {
  return deriveAlerts(core, now, track).map(toProblem);
}

export function summarise(core: Core, configuredNodes: number, now: number, track?: AlertTrack) {
  const alerts = deriveAlerts(core, now, track);
  const problems = alerts.map(toProblem);
  const lags = core.members
    .filter((m) => m.inDcs)
    .map(worstLag)
    .filter((v): v is number => v !== null);
  return {
    membersUp: core.members.filter(isMemberUp).length,
    membersExpected: Math.max(configuredNodes, core.members.length),
    worstLagBytes: lags.length ? Math.max(...lags) : null,
    tone: toneOf(problems, core.observedAt !== null),
    problems,
    alerts,
  };
}
