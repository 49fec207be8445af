import { STALE_AFTER_INTERVALS, type MemberRole } from "./constants";

// Rules over the raw observations the store keeps: whether one is fresh, which node's /cluster view
// to believe, a member's lag, and which member a configured URL is. Pure: the store passes what it
// holds and the time; the shapes are the few fields each rule reads.

export function isFresh(at: number | null, now: number, intervalMs: number): boolean {
  return at !== null && now - at <= STALE_AFTER_INTERVALS * intervalMs;
}

/** A node's last /patroni answer if it is fresh, else null. */
export function freshStatus<S>(
  node: { status: S | null; statusAt: number | null } | undefined,
  now: number,
  intervalMs: number,
): S | null {
  return node && isFresh(node.statusAt, now, intervalMs) ? node.status : null;
}

interface RoleMember {
  name: string;
  role: MemberRole;
}

/** The member a /cluster view gives the leader key (a standby cluster's standby_leader counts). */
export function leaderOf(view: { members: readonly RoleMember[] }): string | null {
  return view.members.find((m) => m.role === "leader" || m.role === "standby_leader")?.name ?? null;
}

/** One node's /cluster view and when we read it. */
export interface DcsObservation<V> {
  view: V;
  at: number;
}

/**
 * The cluster's DCS view. Every node serves its own /cluster; we take the views read within the
 * freshness window, and among them the leader most of them name (ties: the order given, which is
 * configuration order). With no fresh view, the newest one.
 */
export function chooseDcsView<V extends { members: readonly RoleMember[] }>(
  observations: readonly DcsObservation<V>[],
  now: number,
  intervalMs: number,
): V | null {
  const fresh = observations.filter((o) => isFresh(o.at, now, intervalMs));
  const candidates = fresh.length > 0 ? fresh : observations.toSorted((a, b) => b.at - a.at).slice(0, 1);
  if (candidates.length === 0) return null;
  const votes = new Map<string, number>();
  for (const { view } of candidates) {
    const leader = leaderOf(view) ?? "";
    votes.set(leader, (votes.get(leader) ?? 0) + 1);
  }
  const best = Math.max(...votes.values());
  return candidates.find((o) => votes.get(leaderOf(o.view) ?? "") === best)!.view;
}

/** The WAL positions of one /patroni answer (bytes from 0/0). */
export interface WalPositions {
  walLocation: number | null;
  receivedLocation: number | null;
  replayedLocation: number | null;
}

/** What /cluster says of a member's lag and positions (bytes; 3.x has `lag` only). */
export interface DcsLag {
  lag: number | null;
  receiveLag: number | null;
  replayLag: number | null;
  lsn: number | null;
  receiveLsn: number | null;
  replayLsn: number | null;
}

export interface Lag {
  receiveLsn: number | null;
  replayLsn: number | null;
  receiveLagBytes: number | null;
  replayLagBytes: number | null;
  lagSource: "live" | "dcs" | null;
}

const NO_LAG: Lag = {
  receiveLsn: null,
  replayLsn: null,
  receiveLagBytes: null,
  replayLagBytes: null,
  lagSource: null,
};

/**
 * Live lag from near-simultaneous /patroni calls (leader xlog.location minus the replica's received and
 * replayed positions); otherwise the DCS lag (`/cluster`, up to loop_wait old). `status` and
 * `leaderStatus` are fresh answers or null; `member` is null when the DCS no longer lists the member.
 * `ownDataStale`: we poll this member and have no fresh answer from it (down, failing, or not yet
 * answered). Its lag is then unknown: the DCS still holds its last position until ttl expires, and
 * comparing that with the leader's moving one would show a dead node's lag rising (a false alert).
 */
export function lagOf(
  member: DcsLag | null,
  status: WalPositions | null,
  leaderStatus: WalPositions | null,
  isLeader: boolean,
  ownDataStale = false,
): Lag {
  if (ownDataStale) return NO_LAG;
  if (isLeader) {
    const location = status?.walLocation ?? null;
    return { ...NO_LAG, receiveLsn: location, replayLsn: location };
  }
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
  if (!member) return NO_LAG;
  const receive = member.receiveLag ?? (member.replayLag === null ? member.lag : null);
  return {
    receiveLsn: status?.receivedLocation ?? member.receiveLsn ?? member.lsn,
    replayLsn: status?.replayedLocation ?? member.replayLsn,
    receiveLagBytes: receive,
    replayLagBytes: member.replayLag,
    lagSource: receive === null && member.replayLag === null ? null : "dcs",
  };
}

/** The member whose /cluster api_url has the same host:port as a configured node URL. */
export function matchByUrl(
  url: string,
  members: readonly { name: string; apiUrl: string | null }[],
): string | null {
  const want = new URL(url).host;
  for (const member of members) {
    if (member.apiUrl && URL.canParse(member.apiUrl) && new URL(member.apiUrl).host === want)
      return member.name;
  }
  return null;
}
