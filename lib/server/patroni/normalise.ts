import "server-only";
import { parseLsnText } from "@/lib/domain/lsn";
import type { MemberRole } from "@/lib/domain/constants";
import { MEMBER_ROLES } from "@/lib/domain/constants";
import type { RawCluster, RawClusterMember, RawConfig, RawHistory, RawPatroniStatus } from "./schemas";

// One internal shape for every Patroni version (3.x and 4.x): `master` and `primary` are the same
// role, LSNs are bytes, "unknown" lags are null, Python-style timestamps are epoch milliseconds.

export type TagValue = string | number | boolean | null;
export interface PendingRestartChange {
  param: string;
  oldValue: string | null;
  newValue: string | null;
}
export interface ReplicationRow {
  applicationName: string | null;
  clientAddr: string | null;
  state: string | null;
  syncState: string | null;
  syncPriority: number | null;
}

export interface NodeStatus {
  state: string;
  /** PostgreSQL role: `primary` (also for 3.x `master`), `replica`, `standby_leader`, or Patroni's own. */
  role: string;
  name: string | null;
  scope: string;
  patroniVersion: string;
  serverVersion: number | null;
  timeline: number | null;
  postmasterStartTime: number | null;
  walLocation: number | null;
  receivedLocation: number | null;
  replayedLocation: number | null;
  replayedTimestamp: number | null;
  replayPaused: boolean;
  replicationState: string | null;
  replication: ReplicationRow[];
  syncStandby: boolean;
  quorumStandby: boolean;
  paused: boolean;
  clusterUnlocked: boolean;
  failsafeActive: boolean;
  pendingRestart: boolean;
  pendingRestartReason: PendingRestartChange[];
  watchdogFailed: boolean;
  dcsLastSeen: number | null;
  tags: Record<string, TagValue>;
  systemIdentifier: string | null;
  scheduledRestartAt: number | null;
}

export interface DcsMember {
  name: string;
  role: MemberRole;
  state: string;
  apiUrl: string | null;
  host: string | null;
  port: number | null;
  timeline: number | null;
  pendingRestart: boolean;
  pendingRestartReason: PendingRestartChange[];
  scheduledRestartAt: number | null;
  tags: Record<string, TagValue>;
  /** Bytes behind the leader's optime as the DCS saw it (max of receive and replay); null = unknown. */
  lag: number | null;
  receiveLag: number | null;
  replayLag: number | null;
  lsn: number | null;
  receiveLsn: number | null;
  replayLsn: number | null;
}

export interface DcsView {
  scope: string | null;
  paused: boolean;
  scheduledSwitchover: { at: number | null; from: string | null; to: string | null } | null;
  members: DcsMember[];
}

export interface HistoryEntry {
  /** The timeline that ended; the promotion created timeline + 1. */
  timeline: number;
  lsn: number | null;
  reason: string | null;
  at: number | null;
  newLeader: string | null;
}

export interface ConfigView {
  ttl: number | null;
  loopWait: number | null;
  retryTimeout: number | null;
  maximumLagOnFailover: number | null;
  synchronousMode: "off" | "on" | "quorum";
  synchronousModeStrict: boolean;
  failsafeMode: boolean;
  paused: boolean;
  raw: Record<string, unknown>;
}

/** Python's str(datetime) ("2026-11-25 19:23:15.544574+00:00") or ISO-8601 to epoch ms. */
export function parsePatroniTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text.includes("T") ? text : text.replace(" ", "T"));
  return Number.isFinite(ms) ? ms : null;
}

function lsnBytes(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value === "string") return parseLsnText(value);
  return null;
}

function lagBytes(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : null;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function normaliseTags(raw: Record<string, unknown> | undefined): Record<string, TagValue> {
  const out: Record<string, TagValue> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    out[key] =
      value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : JSON.stringify(value);
  }
  return out;
}

function normaliseReason(raw: Record<string, { old_value?: unknown; new_value?: unknown }> | undefined) {
  return Object.entries(raw ?? {}).map(([param, change]) => ({
    param,
    oldValue: textOf(change.old_value),
    newValue: textOf(change.new_value),
  }));
}

export function normaliseStatus(raw: RawPatroniStatus): NodeStatus {
  const xlog = raw.xlog;
  return {
    state: raw.state,
    role: raw.role === "master" ? "primary" : raw.role,
    name: raw.patroni.name ?? null,
    scope: raw.patroni.scope,
    patroniVersion: raw.patroni.version,
    serverVersion: raw.server_version ?? null,
    timeline: raw.timeline ?? null,
    postmasterStartTime: parsePatroniTime(raw.postmaster_start_time),
    walLocation: lsnBytes(xlog?.location),
    receivedLocation: lsnBytes(xlog?.received_location),
    replayedLocation: lsnBytes(xlog?.replayed_location),
    replayedTimestamp: parsePatroniTime(xlog?.replayed_timestamp),
    replayPaused: xlog?.paused === true,
    replicationState: raw.replication_state ?? null,
    replication: (raw.replication ?? []).map((row) => ({
      applicationName: row.application_name ?? null,
      clientAddr: row.client_addr ?? null,
      state: row.state ?? null,
      syncState: row.sync_state ?? null,
      syncPriority: row.sync_priority ?? null,
    })),
    syncStandby: raw.sync_standby === true,
    quorumStandby: raw.quorum_standby === true,
    paused: raw.pause === true,
    clusterUnlocked: raw.cluster_unlocked === true,
    failsafeActive: raw.failsafe_mode_is_active === true,
    pendingRestart: raw.pending_restart === true,
    pendingRestartReason: normaliseReason(raw.pending_restart_reason),
    watchdogFailed: raw.watchdog_failed === true,
    dcsLastSeen: raw.dcs_last_seen ? raw.dcs_last_seen * 1000 : null,
    tags: normaliseTags(raw.tags),
    systemIdentifier: raw.database_system_identifier ?? null,
    scheduledRestartAt: parsePatroniTime(raw.scheduled_restart?.schedule),
  };
}

function memberRole(role: string): MemberRole {
  if ((MEMBER_ROLES as readonly string[]).includes(role)) return role as MemberRole;
  // Older Patroni wrote "master" here too; any other unknown role is shown as a plain replica.
  return role === "master" || role === "primary" ? "leader" : "replica";
}

function normaliseMember(raw: RawClusterMember): DcsMember {
  const receiveLag = lagBytes(raw.receive_lag);
  const replayLag = lagBytes(raw.replay_lag);
  return {
    name: raw.name,
    role: memberRole(raw.role),
    state: raw.state ?? "",
    apiUrl: raw.api_url ?? null,
    host: raw.host ?? null,
    port: raw.port ?? null,
    timeline: raw.timeline ?? null,
    pendingRestart: raw.pending_restart === true,
    pendingRestartReason: normaliseReason(raw.pending_restart_reason),
    scheduledRestartAt: parsePatroniTime(raw.scheduled_restart?.schedule),
    tags: normaliseTags(raw.tags),
    lag: lagBytes(raw.lag),
    receiveLag,
    replayLag,
    lsn: lsnBytes(raw.lsn),
    receiveLsn: lsnBytes(raw.receive_lsn),
    replayLsn: lsnBytes(raw.replay_lsn),
  };
}

export function normaliseCluster(raw: RawCluster): DcsView {
  const switchover = raw.scheduled_switchover;
  return {
    scope: raw.scope ?? null,
    paused: raw.pause === true,
    scheduledSwitchover: switchover
      ? { at: parsePatroniTime(switchover.at), from: switchover.from ?? null, to: switchover.to ?? null }
      : null,
    members: raw.members.map(normaliseMember),
  };
}

export function normaliseHistory(raw: RawHistory): HistoryEntry[] {
  return raw.map((row) => ({
    timeline: row[0],
    lsn: lsnBytes(row[1]),
    reason: typeof row[2] === "string" ? row[2] : null,
    at: typeof row[3] === "string" ? parsePatroniTime(row[3]) : null,
    newLeader: typeof row[4] === "string" ? row[4] : null,
  }));
}

function synchronousMode(value: boolean | string | undefined): ConfigView["synchronousMode"] {
  if (value === true || value === "on" || value === "true") return "on";
  if (value === "quorum") return "quorum";
  return "off";
}

export function normaliseConfig(raw: RawConfig): ConfigView {
  return {
    ttl: raw.ttl ?? null,
    loopWait: raw.loop_wait ?? null,
    retryTimeout: raw.retry_timeout ?? null,
    maximumLagOnFailover: raw.maximum_lag_on_failover ?? null,
    synchronousMode: synchronousMode(raw.synchronous_mode),
    synchronousModeStrict: raw.synchronous_mode_strict === true,
    failsafeMode: raw.failsafe_mode === true,
    paused: raw.pause === true,
    raw: raw as Record<string, unknown>,
  };
}
