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

/** Data older than this many poll intervals is shown as stale (issue: "older than two intervals"). */
export const STALE_AFTER_INTERVALS = 2;
