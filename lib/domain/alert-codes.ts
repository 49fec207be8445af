import type { Severity } from "./constants";

// Every alert the dashboard can raise. The contract's enum and the UI's catalogs
// (lib/i18n/en-alerts.ts) key off this array; the table below gives each code its usual severity and how many
// consecutive poll cycles it must be seen before it is shown (1 = at once).

export const ALERT_CODES = [
  "no_data",
  "stale",
  "no_leader",
  "failover_pending",
  "multiple_leaders",
  "nodes_disagree",
  "member_missing",
  "node_unreachable",
  "member_not_running",
  "lag_over_threshold",
  "replay_paused",
  "paused",
  "pending_restart",
  "timeline_mismatch",
  "no_sync_standby",
  "dcs_stale",
  "failsafe_active",
  "api_slow",
  "tls_cert_expiring",
  "tls_hostname_mismatch",
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export interface AlertRule {
  /** The usual severity; a rule may raise it (no_sync_standby with synchronous_mode_strict). */
  severity: Severity;
  /** Consecutive cycles the condition must hold before it is shown: guards known transients. */
  minCycles: number;
}

/** Transients seen on real clusters last one cycle; two cycles in a row is a real condition. */
export const PERSISTENT_CYCLES = 2;

export const ALERT_RULES: Record<AlertCode, AlertRule> = {
  no_data: { severity: "info", minCycles: 1 },
  stale: { severity: "critical", minCycles: 1 },
  no_leader: { severity: "critical", minCycles: 1 },
  // NOTE: at once, never after back-off: a dead leader is the one case where every second counts.
  failover_pending: { severity: "critical", minCycles: 1 },
  // A switchover demotes one node and promotes another within a second: a single cycle can catch both.
  multiple_leaders: { severity: "critical", minCycles: PERSISTENT_CYCLES },
  // Nodes read /cluster a few milliseconds apart; a read that straddles a change differs once.
  nodes_disagree: { severity: "warning", minCycles: PERSISTENT_CYCLES },
  member_missing: { severity: "critical", minCycles: 1 },
  node_unreachable: { severity: "critical", minCycles: 1 },
  member_not_running: { severity: "warning", minCycles: 1 },
  lag_over_threshold: { severity: "warning", minCycles: 1 },
  replay_paused: { severity: "warning", minCycles: 1 },
  paused: { severity: "warning", minCycles: 1 },
  pending_restart: { severity: "info", minCycles: 1 },
  // The new leader's timeline in /cluster lags ~2 s after a promotion, and replicas follow within seconds.
  timeline_mismatch: { severity: "warning", minCycles: PERSISTENT_CYCLES },
  no_sync_standby: { severity: "warning", minCycles: 1 },
  dcs_stale: { severity: "critical", minCycles: 1 },
  failsafe_active: { severity: "warning", minCycles: 1 },
  api_slow: { severity: "warning", minCycles: 1 },
  // Raised to critical once the certificate has expired (every verifying client refuses the node).
  tls_cert_expiring: { severity: "warning", minCycles: 1 },
  tls_hostname_mismatch: { severity: "warning", minCycles: 1 },
};
