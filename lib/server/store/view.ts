import "server-only";
import type { ClusterDetail, Member } from "@/lib/domain/contracts";
import { redactSecrets } from "@/lib/domain/config-diff";
import { summarise } from "@/lib/domain/summary";
import { chooseDcsView, freshStatus, lagOf, leaderOf } from "@/lib/domain/observations";
import { deriveFailoverReadiness } from "@/lib/domain/readiness";
import { deriveRouting } from "@/lib/domain/routing";
import type { DcsMember } from "@/lib/server/patroni/normalise";
import type { ClusterState } from "./cluster-state";
import type { NodeRecord } from "./node-record";
import { endpointMatrix, latestDcsViews } from "./diagnostics-view";
import { tlsPostureView } from "./posture-view";
import { statusFields } from "./status-fields";

// Turns the raw per-node observations of one cluster into the API's view of it. Pure given `now`:
// it reads the store and never writes to it (route handlers call it on every cache miss).

function memberView(
  base: DcsMember,
  inDcs: boolean,
  node: NodeRecord | undefined,
  leaderNode: NodeRecord | undefined,
  leaderName: string | null,
  now: number,
  intervalMs: number,
): Member {
  const status = node?.status ?? null;
  const reachable = node ? (node.failures > 0 ? false : node.statusAt !== null ? true : null) : null;
  const live = reachable ? freshStatus(node, now, intervalMs) : null;
  // A polled member without a fresh answer of its own has unknown lag (see lagOf).
  const ownDataStale = node !== undefined && live === null;
  return {
    name: base.name,
    role: base.role,
    state: inDcs ? base.state : "missing",
    timeline: base.timeline ?? (reachable ? (status?.timeline ?? null) : null),
    host: base.host,
    port: base.port,
    inDcs,
    reachable,
    lastError: node?.lastError ?? null,
    observedAt: node?.statusAt ?? null,
    apiLatencyMs: node?.latencyMs ?? null,
    ...lagOf(
      inDcs ? base : null,
      freshStatus(node, now, intervalMs),
      freshStatus(leaderNode, now, intervalMs),
      base.name === leaderName,
      ownDataStale,
    ),
    dcsLagBytes: inDcs && !ownDataStale ? base.lag : null,
    pendingRestart: base.pendingRestart || status?.pendingRestart === true,
    pendingRestartReason: base.pendingRestartReason.length
      ? base.pendingRestartReason
      : (status?.pendingRestartReason ?? []),
    scheduledRestartAt: base.scheduledRestartAt ?? status?.scheduledRestartAt ?? null,
    tags: Object.keys(base.tags).length ? base.tags : (status?.tags ?? {}),
    ...statusFields(status),
    apiUrl: node?.url ?? (base.apiUrl ? sanitiseUrl(base.apiUrl) : null),
    liveTimeline: live?.timeline ?? null,
    dcsLastSeenAdvancedAt: node?.dcsLastSeenAdvancedAt ?? null,
  };
}

/** A REST URL as shown to browsers: scheme, host and port only — never credentials. */
function sanitiseUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** A member we know only from its own /patroni (never listed in any /cluster view we read). */
function memberFromStatus(node: NodeRecord): DcsMember {
  const status = node.status!;
  return {
    name: node.memberName!,
    role: status.role === "primary" ? "leader" : "replica",
    state: status.state,
    apiUrl: node.url,
    host: null,
    port: null,
    timeline: status.timeline,
    pendingRestart: status.pendingRestart,
    pendingRestartReason: status.pendingRestartReason,
    scheduledRestartAt: status.scheduledRestartAt,
    tags: status.tags,
    lag: null,
    receiveLag: null,
    replayLag: null,
    lsn: null,
    receiveLsn: null,
    replayLsn: null,
  };
}

export interface DetailOptions {
  /** How often health endpoints are probed (null: probing is off). */
  probeIntervalMs?: number | null;
}

export function buildDetail(
  state: ClusterState,
  now: number,
  intervalMs: number,
  options: DetailOptions = {},
): ClusterDetail {
  const view = chooseDcsView(state.dcsObservations(), now, intervalMs);
  const leader = view ? leaderOf(view) : null;
  const byName = new Map(state.nodes.filter((n) => n.memberName).map((n) => [n.memberName!, n]));
  const leaderNode = leader ? byName.get(leader) : undefined;
  const listed = new Set(view?.members.map((m) => m.name) ?? []);

  const members: Member[] = (view?.members ?? []).map((m) =>
    memberView(m, true, byName.get(m.name), leaderNode, leader, now, intervalMs),
  );
  for (const [name, known] of state.known) {
    if (!listed.has(name))
      members.push(memberView(known.last, false, byName.get(name), leaderNode, leader, now, intervalMs));
  }
  for (const node of state.nodes) {
    if (node.memberName && node.status && !listed.has(node.memberName) && !state.known.has(node.memberName)) {
      members.push(memberView(memberFromStatus(node), false, node, leaderNode, leader, now, intervalMs));
    }
  }
  members.sort((a, b) => a.name.localeCompare(b.name));

  const leaderMember = members.find((m) => m.name === leader);
  const leaderStatus = freshStatus(leaderNode, now, intervalMs);
  const observed = state.nodes.map((n) => n.statusAt ?? 0);
  const newest = Math.max(0, ...observed);

  const endpoints = endpointMatrix(state, options.probeIntervalMs ?? null);
  const lagSamples = state.lagSamples.toArray();
  const core = {
    name: state.name,
    scope: view?.scope ?? state.nodes.find((n) => n.status)?.status?.scope ?? null,
    demo: state.demo,
    leader,
    timeline: leaderStatus?.timeline ?? leaderMember?.timeline ?? state.timeline,
    paused: view?.paused ?? state.config?.paused ?? false,
    observedAt: newest > 0 ? newest : null,
    pollIntervalMs: intervalMs,
    refreshMs: null,
    generatedAt: now,
    members,
    orphanNodes: state.nodes
      .filter((n) => !n.memberName)
      .map((n) => ({
        apiUrl: n.url,
        reachable: n.failures > 0 ? false : n.statusAt !== null ? true : null,
        lastError: n.lastError,
        observedAt: n.statusAt,
      })),
    scheduledSwitchover: view?.scheduledSwitchover ?? null,
    history: state.history,
    // NOTE: /config is passed on as stored, minus anything that looks like a secret.
    config: state.config
      ? { ...state.config, raw: redactSecrets(state.config.raw) as Record<string, unknown> }
      : null,
    lagSamples,
    lagSince: null,
    lagFrom: lagSamples[0]?.t ?? null,
    events: state.events.toArray(),
    requestTimeoutMs: state.nodes.length
      ? Math.max(...state.nodes.map((n) => n.client.target.timeoutMs))
      : null,
    endpoints,
    routing: deriveRouting(endpoints),
    dcsViews: latestDcsViews(state),
    configHistory: state.configHistory.toArray(),
    eventLog: state.eventLog.entries(),
    lagWarningBytes: state.lagWarningBytes,
    tlsPosture: tlsPostureView(state),
  };
  return {
    ...core,
    ...summarise(core, state.nodes.length, now, state.alertTrack),
    readiness: deriveFailoverReadiness(core),
  };
}
