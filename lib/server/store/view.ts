import "server-only";
import { STALE_AFTER_INTERVALS } from "@/lib/domain/constants";
import type { ClusterDetail, Member } from "@/lib/domain/contracts";
import { redactSecrets } from "@/lib/domain/config-diff";
import { summarise } from "@/lib/domain/health";
import { deriveFailoverReadiness } from "@/lib/domain/readiness";
import { deriveRouting } from "@/lib/domain/routing";
import type { DcsMember, DcsView } from "@/lib/server/patroni/normalise";
import type { ClusterState, NodeRecord } from "./cluster-state";
import { endpointMatrix, latestDcsViews } from "./health-view";

// Turns the raw per-node observations of one cluster into the API's view of it. Pure given `now`.

/**
 * The cluster's DCS view. Every node serves its own /cluster; we take the views read within the
 * freshness window, and among them the leader most of them name (ties: configuration order).
 */
export function chooseDcsView(state: ClusterState, now: number, intervalMs: number): DcsView | null {
  const fresh = state.nodes.filter(
    (n) => n.dcs && n.dcsAt !== null && now - n.dcsAt <= STALE_AFTER_INTERVALS * intervalMs,
  );
  const candidates = fresh.length > 0 ? fresh : newestFirst(state.nodes.filter((n) => n.dcs)).slice(0, 1);
  if (candidates.length === 0) return null;
  const votes = new Map<string, number>();
  for (const node of candidates)
    votes.set(leaderOf(node.dcs!) ?? "", (votes.get(leaderOf(node.dcs!) ?? "") ?? 0) + 1);
  const best = Math.max(...votes.values());
  return candidates.find((n) => votes.get(leaderOf(n.dcs!) ?? "") === best)!.dcs;
}

function newestFirst(nodes: NodeRecord[]): NodeRecord[] {
  return nodes.slice().sort((a, b) => (b.dcsAt ?? 0) - (a.dcsAt ?? 0));
}

export function leaderOf(view: DcsView): string | null {
  return view.members.find((m) => m.role === "leader" || m.role === "standby_leader")?.name ?? null;
}

interface Lag {
  receiveLsn: number | null;
  replayLsn: number | null;
  receiveLagBytes: number | null;
  replayLagBytes: number | null;
  lagSource: "live" | "dcs" | null;
}

function isFresh(at: number | null, now: number, intervalMs: number): boolean {
  return at !== null && now - at <= STALE_AFTER_INTERVALS * intervalMs;
}

/**
 * Live lag from near-simultaneous /patroni calls (leader xlog.location minus the replica's received and
 * replayed positions); otherwise the DCS lag (`/cluster`, up to loop_wait old; 3.x has `lag` only).
 */
function lagOf(
  member: DcsMember | null,
  node: NodeRecord | undefined,
  leaderNode: NodeRecord | undefined,
  isLeader: boolean,
  now: number,
  intervalMs: number,
): Lag {
  const status = node && isFresh(node.statusAt, now, intervalMs) ? node.status : null;
  if (isLeader) {
    const location = status?.walLocation ?? null;
    return {
      receiveLsn: location,
      replayLsn: location,
      receiveLagBytes: null,
      replayLagBytes: null,
      lagSource: null,
    };
  }
  const leaderStatus = leaderNode && isFresh(leaderNode.statusAt, now, intervalMs) ? leaderNode.status : null;
  const leaderAt = leaderStatus?.walLocation ?? null;
  if (status && leaderAt !== null && (status.receivedLocation !== null || status.replayedLocation !== null)) {
    const received = status.receivedLocation ?? status.replayedLocation;
    const replayed = status.replayedLocation;
    return {
      receiveLsn: received,
      replayLsn: replayed,
      receiveLagBytes: received === null ? null : Math.max(0, leaderAt - received),
      replayLagBytes: replayed === null ? null : Math.max(0, leaderAt - replayed),
      lagSource: "live",
    };
  }
  if (!member)
    return {
      receiveLsn: null,
      replayLsn: null,
      receiveLagBytes: null,
      replayLagBytes: null,
      lagSource: null,
    };
  const receive = member.receiveLag ?? (member.replayLag === null ? member.lag : null);
  return {
    receiveLsn: status?.receivedLocation ?? member.receiveLsn ?? member.lsn,
    replayLsn: status?.replayedLocation ?? member.replayLsn,
    receiveLagBytes: receive,
    replayLagBytes: member.replayLag,
    lagSource: receive === null && member.replayLag === null ? null : "dcs",
  };
}

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
  const live = node && isFresh(node.statusAt, now, intervalMs) && reachable ? status : null;
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
    ...lagOf(inDcs ? base : null, node, leaderNode, base.name === leaderName, now, intervalMs),
    dcsLagBytes: inDcs ? base.lag : null,
    pendingRestart: base.pendingRestart || status?.pendingRestart === true,
    pendingRestartReason: base.pendingRestartReason.length
      ? base.pendingRestartReason
      : (status?.pendingRestartReason ?? []),
    scheduledRestartAt: base.scheduledRestartAt ?? status?.scheduledRestartAt ?? null,
    tags: Object.keys(base.tags).length ? base.tags : (status?.tags ?? {}),
    replicationState: status?.replicationState ?? null,
    replayPaused: status?.replayPaused ?? false,
    replayedTimestamp: status?.replayedTimestamp ?? null,
    postmasterStartTime: status?.postmasterStartTime ?? null,
    serverVersion: status?.serverVersion ?? null,
    patroniVersion: status?.patroniVersion ?? null,
    clusterUnlocked: status?.clusterUnlocked ?? false,
    dcsLastSeen: status?.dcsLastSeen ?? null,
    apiUrl: node?.url ?? (base.apiUrl ? sanitiseUrl(base.apiUrl) : null),
    patroniRole: status?.role ?? null,
    liveTimeline: live?.timeline ?? null,
    failsafeActive: status?.failsafeActive ?? false,
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
  const view = chooseDcsView(state, now, intervalMs);
  const leader = view ? leaderOf(view) : null;
  // A node that never answered (3.0.x has no name in /patroni anyway) is matched by its api_url.
  const knownMembers = [...(view?.members ?? []), ...[...state.known.values()].map((k) => k.last)];
  for (const node of state.nodes) node.memberName ??= matchByUrl(node.url, knownMembers);
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
  const leaderStatus = leaderNode && isFresh(leaderNode.statusAt, now, intervalMs) ? leaderNode.status : null;
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
  };
  return {
    ...core,
    ...summarise(core, state.nodes.length, now, state.alertTrack),
    readiness: deriveFailoverReadiness(core),
  };
}

/** Finds the member whose /cluster api_url has the same host:port as a configured node URL. */
export function matchByUrl(url: string, members: readonly DcsMember[]): string | null {
  const want = new URL(url).host;
  for (const member of members) {
    if (member.apiUrl && URL.canParse(member.apiUrl) && new URL(member.apiUrl).host === want)
      return member.name;
  }
  return null;
}
