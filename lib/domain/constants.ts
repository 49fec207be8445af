// Single sources of truth (as const arrays): the TypeScript unions, zod enums and label maps derive
// from these. Pure and isomorphic: imported by the server and the browser alike.

/** Member roles as `/cluster` names them (Patroni 4.x adds quorum_standby). */
export const MEMBER_ROLES = [
  "leader",
  "standby_leader",
  "sync_standby",
  "quorum_standby",
  "replica",
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Every way one request to a Patroni node can fail. */
export const ERROR_KINDS = [
  "timeout",
  "refused",
  "dns",
  "tls",
  "network",
  "http",
  "auth",
  "parse",
  "too_large",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Semantic tones for badges and tiles; never shown by colour alone. */
export const TONES = ["ok", "warn", "crit", "unknown"] as const;
export type Tone = (typeof TONES)[number];

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Patroni's own default for maximum_lag_on_failover (1 MiB) when /config does not set it. */
export const DEFAULT_MAXIMUM_LAG_ON_FAILOVER = 1_048_576;

/** Data older than this many poll intervals is shown as stale . */
export const STALE_AFTER_INTERVALS = 2;

/** How a /config key differs between two reads. */
export const CONFIG_CHANGE_KINDS = ["added", "removed", "changed"] as const;
export type ConfigChangeKind = (typeof CONFIG_CHANGE_KINDS)[number];

// Failover readiness (lib/domain/readiness.ts derives them).
export const READINESS_VERDICTS = ["safe", "unsafe", "unknown"] as const;

/** Why one replica could not take over now. Every "no" carries at least one. */
export const READINESS_REASONS = [
  "not_in_dcs",
  "unreachable",
  "not_running",
  "not_streaming",
  "nofailover",
  "lag_unknown",
  "lag_over_threshold",
  "not_sync_standby",
  "not_quorum_standby",
  "timeline_mismatch",
] as const;
export type ReadinessReason = (typeof READINESS_REASONS)[number];

export const CLUSTER_READINESS_REASONS = ["no_data", "no_candidate", "maintenance_mode"] as const;
export type ClusterReadinessReason = (typeof CLUSTER_READINESS_REASONS)[number];

/** Every kind of event-log entry, in the order one observation lists them (leadership first: it matters most). */
export const EVENT_KINDS = [
  "leader_lost",
  "leader_elected",
  "timeline_changed",
  "node_unreachable",
  "node_reachable",
  "member_missing",
  "member_back",
  "lag_over",
  "lag_recovered",
  "pending_restart",
  "pending_restart_cleared",
  "paused",
  "resumed",
  "config_changed",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** History events every dashboard derives from what it polls (two instances on one store record each once). */
export const OBSERVED_EVENT_KINDS = [
  "leader_changed",
  "timeline_changed",
  "member_state_changed",
  "member_joined",
  "member_left",
  "alert_opened",
  "alert_resolved",
  "config_changed",
  "paused",
  "resumed",
] as const;

/** What a webhook message is about: its JSON `event`, and the `subject` of a delivery-attempt event. */
export const NOTIFY_EVENTS = ["alert_opened", "alert_reminder", "alert_resolved"] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** One event per webhook delivery attempt. */
export const NOTIFICATION_EVENT_KINDS = ["notification_sent", "notification_failed"] as const;

/** The audit trail of guarded actions: each attempt, and how an accepted switchover turned out. */
export const AUDIT_EVENT_KINDS = ["action", "action_outcome"] as const;

/**
 * Every kind of stored event: the events API's `kind`, the history screen's filter and the README list
 * these. Adding one is additive; renaming one orphans what is on disk.
 */
export const HISTORY_EVENT_KINDS = [
  ...OBSERVED_EVENT_KINDS,
  ...NOTIFICATION_EVENT_KINDS,
  ...AUDIT_EVENT_KINDS,
] as const;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[number];
