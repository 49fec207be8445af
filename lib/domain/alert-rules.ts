import { ALERT_RULES, type AlertCode } from "./alert-codes";
import { describeChange } from "./config-diff";
import { STALE_AFTER_INTERVALS, type Severity } from "./constants";
import type { ClusterDetail, ConfigChange, Member } from "./contracts";
import { certificateFindings } from "./posture";
import { HEALTHY_STATES, lagThreshold, lagThresholdName, timelineOf, worstLag } from "./member-rules";

// The alert rules: what is wrong with a cluster right now, from its detail view alone. Pure: `nowMs`
// is a parameter. Which candidates are shown, and since when, is decided in alerts.ts.

export type AlertInput = Omit<
  ClusterDetail,
  "membersUp" | "membersExpected" | "worstLagBytes" | "tone" | "problems" | "alerts" | "readiness"
>;
export type AlertParams = Record<string, string | number | boolean | null>;

export interface AlertCandidate {
  code: AlertCode;
  severity: Severity;
  member: string | null;
  params: AlertParams;
}

/** An answer that takes more than half the client timeout is one hiccup away from being cut off. */
export const SLOW_API_FRACTION = 0.5;
/** Patroni's default ttl (seconds) when /config does not set one. */
export const DEFAULT_TTL_SECONDS = 30;

export function alertCandidates(input: AlertInput, nowMs: number): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const add = (
    code: AlertCode,
    member: string | null = null,
    params: AlertParams = {},
    severity = ALERT_RULES[code].severity,
  ) => out.push({ code, severity, member, params });

  const anyObserved =
    input.members.some((m) => m.observedAt !== null) || input.orphanNodes.some((n) => n.observedAt !== null);
  if (!anyObserved) {
    // Nothing has answered yet: either polling has not finished its first cycle, or every node fails.
    const firstError = [...input.members, ...input.orphanNodes].find((n) => n.lastError)?.lastError ?? null;
    add("no_data", null, { error: firstError?.message ?? null }, firstError ? "critical" : "info");
    // NOTE: a certificate the poller refuses (wrong host name, expired) is a reason for "no data";
    // the posture reading still has it, and says why.
    tlsRules(input, nowMs, add);
    return out;
  }
  const ageMs = nowMs - (input.observedAt ?? 0);
  if (ageMs > STALE_AFTER_INTERVALS * input.pollIntervalMs)
    add("stale", null, { observedAt: input.observedAt, ageMs });

  leaderRules(input, add);
  for (const member of input.members) memberRules(input, member, add);
  for (const node of input.orphanNodes) {
    if (node.reachable !== false) continue;
    add("node_unreachable", null, {
      apiUrl: node.apiUrl,
      error: node.lastError?.message ?? null,
      errorKind: node.lastError?.kind ?? null,
    });
    if (node.lastError?.kind === "timeout")
      add("api_slow", null, {
        apiUrl: node.apiUrl,
        timedOut: true,
        latencyMs: null,
        timeoutMs: input.requestTimeoutMs,
      });
  }
  if (input.paused) add("paused");
  syncRules(input, add);
  tlsRules(input, nowMs, add);
  return out;
}

/** Lab 4: a certificate about to expire (or expired), or one that does not name the node's host. */
function tlsRules(input: AlertInput, nowMs: number, add: Add): void {
  for (const node of input.tlsPosture.nodes) {
    const certificate = node.reading?.certificate ?? null;
    for (const finding of certificateFindings({ host: node.host, certificate }, nowMs)) {
      const where = { apiUrl: node.apiUrl };
      if (finding.kind === "hostname_mismatch")
        add("tls_hostname_mismatch", node.member, {
          ...where,
          host: finding.host,
          names: finding.subjectAltNames.join(", ") || (certificate?.subject ?? ""),
        });
      else
        add(
          "tls_cert_expiring",
          node.member,
          {
            ...where,
            daysLeft: finding.daysLeft,
            validTo: finding.validTo,
            expired: finding.kind === "expired",
          },
          finding.kind === "expired" ? "critical" : ALERT_RULES.tls_cert_expiring.severity,
        );
    }
  }
}

type Add = (code: AlertCode, member?: string | null, params?: AlertParams, severity?: Severity) => void;

function leaderRules(input: AlertInput, add: Add): void {
  const leader = input.members.find((m) => m.name === input.leader);
  const reachable = input.members.filter((m) => m.reachable === true);
  if (!input.leader) add("no_leader", null, { source: "dcs" });
  else if (
    reachable.length > 0 &&
    reachable.every((m) => m.clusterUnlocked) &&
    !reachable.some((m) => m.failsafeActive)
  ) {
    // Every node that answers says it sees no leader key (or no DCS): /cluster is only cached.
    add("no_leader", null, { source: "cluster_unlocked" });
  }
  if (leader && leader.reachable === false) {
    // The DCS still names it (its key lives until ttl expires) but its own API is gone.
    add("failover_pending", leader.name, {
      error: leader.lastError?.message ?? null,
      errorKind: leader.lastError?.kind ?? null,
      ttlSeconds: input.config?.ttl ?? DEFAULT_TTL_SECONDS,
    });
  }
  const primaries = reachable.filter((m) => m.patroniRole === "primary").map((m) => m.name);
  const dcsLeaders = input.dcsViews.find((v) => v.leaders.length > 1)?.leaders ?? [];
  if (primaries.length > 1)
    add("multiple_leaders", null, { members: primaries.join(", "), source: "patroni" });
  else if (dcsLeaders.length > 1)
    add("multiple_leaders", null, { members: dcsLeaders.join(", "), source: "dcs" });

  const signatures = new Map<string, string[]>();
  for (const view of input.dcsViews) {
    const signature = `${[...view.leaders].sort().join(",")}|${[...view.members].sort().join(",")}`;
    signatures.set(signature, [...(signatures.get(signature) ?? []), view.member ?? view.apiUrl]);
  }
  if (signatures.size > 1) {
    const leaders = [...new Set(input.dcsViews.map((v) => v.leaders.join("+") || "none"))];
    add("nodes_disagree", null, {
      leaders: leaders.join(" / "),
      views: signatures.size,
      sameLeader: leaders.length === 1,
    });
  }
}

function memberRules(input: AlertInput, m: Member, add: Add): void {
  const isLeader = m.name === input.leader;
  const running = m.inDcs && HEALTHY_STATES.has(m.state);
  if (!m.inDcs) add("member_missing", m.name, { reachable: m.reachable });
  else if (m.reachable === false && !isLeader)
    add("node_unreachable", m.name, {
      error: m.lastError?.message ?? null,
      errorKind: m.lastError?.kind ?? null,
    });
  else if (!running) add("member_not_running", m.name, { state: m.state });

  const lag = worstLag(m);
  const threshold = lagThreshold(input);
  if (m.inDcs && !isLeader && lag !== null && lag > threshold) {
    add("lag_over_threshold", m.name, {
      lagBytes: lag,
      receiveLagBytes: m.receiveLagBytes,
      replayLagBytes: m.replayLagBytes,
      thresholdBytes: threshold,
      thresholdName: lagThresholdName(input),
    });
  }
  if (m.inDcs && m.replayPaused) add("replay_paused", m.name, { replayLagBytes: m.replayLagBytes });
  if (m.pendingRestart) add("pending_restart", m.name, pendingRestartParams(m, input));

  const timeline = timelineOf(m);
  if (
    !isLeader &&
    running &&
    m.reachable !== false &&
    input.timeline !== null &&
    timeline !== null &&
    timeline !== input.timeline
  ) {
    add("timeline_mismatch", m.name, { timeline, leaderTimeline: input.timeline });
  }
  if (m.reachable === true) {
    const ttlMs = (input.config?.ttl ?? DEFAULT_TTL_SECONDS) * 1000;
    const silentMs =
      m.observedAt !== null && m.dcsLastSeenAdvancedAt !== null
        ? m.observedAt - m.dcsLastSeenAdvancedAt
        : null;
    if (silentMs !== null && silentMs > ttlMs)
      add("dcs_stale", m.name, { dcsLastSeen: m.dcsLastSeen, silentMs, ttlSeconds: ttlMs / 1000 });
    if (m.failsafeActive) add("failsafe_active", m.name);
  }
  const timeoutMs = input.requestTimeoutMs;
  if (m.lastError?.kind === "timeout")
    add("api_slow", m.name, { timedOut: true, latencyMs: null, timeoutMs });
  else if (
    m.reachable === true &&
    timeoutMs !== null &&
    m.apiLatencyMs !== null &&
    m.apiLatencyMs > SLOW_API_FRACTION * timeoutMs
  ) {
    add("api_slow", m.name, { timedOut: false, latencyMs: Math.round(m.apiLatencyMs), timeoutMs });
  }
}

function syncRules(input: AlertInput, add: Add): void {
  const mode = input.config?.synchronousMode ?? "off";
  if (mode === "off" || !input.leader) return;
  const role = mode === "on" ? "sync_standby" : "quorum_standby";
  if (input.members.some((m) => m.inDcs && m.role === role)) return;
  const strict = input.config?.synchronousModeStrict === true;
  // Strict mode never falls back to asynchronous commits: with no sync standby, writes wait.
  add("no_sync_standby", null, { mode, strict }, strict ? "critical" : ALERT_RULES.no_sync_standby.severity);
}

/**
 * What a pending restart is waiting for. Patroni 3.3+ says (pending_restart_reason); older ones
 * do not, so the dashboard's own /config history answers: parameter changes made after this
 * node's postmaster started, first old value to last new value.
 */
export function pendingRestartParams(m: Member, input: Pick<AlertInput, "configHistory">): AlertParams {
  if (m.pendingRestartReason.length > 0) {
    return {
      parameters: m.pendingRestartReason.map((r) => r.param).join(", "),
      changes: m.pendingRestartReason
        .map((r) => `${r.param} ${r.oldValue ?? "(unset)"} → ${r.newValue ?? "(unset)"}`)
        .join(", "),
      source: "patroni",
    };
  }
  const started = m.postmasterStartTime ?? Number.NEGATIVE_INFINITY;
  const merged = new Map<string, ConfigChange>();
  for (const entry of input.configHistory) {
    if (entry.at <= started) continue;
    for (const change of entry.changes) {
      if (change.path[0] !== "postgresql" || change.path[1] !== "parameters" || change.path.length !== 3)
        continue;
      const first = merged.get(change.key);
      merged.set(change.key, first ? { ...change, oldValue: first.oldValue } : change);
    }
  }
  if (merged.size === 0) return { parameters: null, changes: null, source: "unknown" };
  const changes = [...merged.values()];
  return {
    parameters: changes.map((c) => c.path[2]!).join(", "),
    changes: changes.map((c) => describeChange(c)).join(", "),
    source: "config_history",
  };
}
