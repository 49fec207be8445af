import { EVENT_KINDS, type EventKind } from "./constants";
import type { ClusterDetail, EventLogEntry, Member } from "./contracts";
import { lagThreshold, worstLag } from "./member-rules";

// The cluster's event log: what changed between two successive views of a cluster, in entries a
// classroom can read aloud ("node1 unreachable", "new leader node2, was node1"). Pure: the caller
// passes both views and the time; the server keeps the bounded log (lib/server/store/event-log.ts).

/**
 * What the log remembers across a gap: during a failover the leader can be null for a while and
 * /cluster can omit the timeline, so "new leader node2 (was node1)" needs the last KNOWN values.
 */
export interface EventMemory {
  leader: string | null;
  timeline: number | null;
}

export function memoryAfter(
  memory: EventMemory | null,
  next: Pick<ClusterDetail, "leader" | "timeline">,
): EventMemory {
  return {
    leader: next.leader ?? memory?.leader ?? null,
    timeline: next.timeline ?? memory?.timeline ?? null,
  };
}

/** JSON values from /config: equal when every nested value is equal (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys)
    if (!Object.hasOwn(ao, key) || !Object.hasOwn(bo, key) || !jsonEqual(ao[key], bo[key])) return false;
  return true;
}

/** Top-level /config keys added, removed or changed, sorted (e.g. "pause", "postgresql"). */
export function changedConfigKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) =>
        Object.hasOwn(before, key) !== Object.hasOwn(after, key) || !jsonEqual(before[key], after[key]),
    )
    .sort();
}

function lagOver(member: Member, threshold: number): boolean | null {
  const lag = worstLag(member);
  return lag === null ? null : lag > threshold;
}

type View = Pick<ClusterDetail, "leader" | "timeline" | "members" | "paused" | "config" | "observedAt">;

/**
 * The entries describing what changed from `prev` to `next`, all stamped `nowMs`. None for the
 * first view (prev null), nor when prev had never heard from any node: that is start-up, not news.
 * `memory` carries the last known leader and timeline over a gap (default: prev's own).
 */
export function deriveEvents(
  prev: View | null,
  next: View,
  nowMs: number,
  memory: EventMemory | null = null,
): EventLogEntry[] {
  if (prev === null || prev.observedAt === null) return [];
  const known = memory ?? memoryAfter(null, prev);
  const out: EventLogEntry[] = [];
  const add = (
    kind: EventKind,
    member: string | null,
    from: string | null = null,
    to: string | null = null,
    detail: string | null = null,
  ) => out.push({ t: nowMs, kind, member, from, to, detail });

  if (prev.leader !== null && next.leader === null) add("leader_lost", prev.leader, prev.leader, null);
  if (next.leader !== null && next.leader !== prev.leader) {
    // After a leaderless gap, "was" is the last leader before the gap (from === to: the same node is back).
    add("leader_elected", next.leader, prev.leader ?? known.leader, next.leader);
  }
  const lastTimeline = prev.timeline ?? known.timeline;
  if (next.timeline !== null && lastTimeline !== null && next.timeline !== lastTimeline) {
    add("timeline_changed", null, String(lastTimeline), String(next.timeline));
  }

  const before = new Map(prev.members.map((m) => [m.name, m]));
  const prevThreshold = lagThreshold(prev);
  const nextThreshold = lagThreshold(next);
  for (const member of [...next.members].sort((a, b) => a.name.localeCompare(b.name))) {
    const old = before.get(member.name);
    if (!old) continue;
    if (old.reachable === true && member.reachable === false)
      add("node_unreachable", member.name, null, null, member.lastError?.kind ?? null);
    if (old.reachable === false && member.reachable === true)
      add("node_reachable", member.name, old.lastError?.kind ?? null);
    if (old.inDcs && !member.inDcs) add("member_missing", member.name);
    if (!old.inDcs && member.inDcs) add("member_back", member.name);
    const wasOver = lagOver(old, prevThreshold);
    const isOver = lagOver(member, nextThreshold);
    // A lag that becomes unknown (node down, now leader) is neither over nor recovered: no entry.
    if (wasOver !== true && isOver === true)
      add("lag_over", member.name, null, String(worstLag(member)), String(nextThreshold));
    if (wasOver === true && isOver === false)
      add(
        "lag_recovered",
        member.name,
        String(worstLag(old)),
        String(worstLag(member)),
        String(nextThreshold),
      );
    if (!old.pendingRestart && member.pendingRestart) {
      add(
        "pending_restart",
        member.name,
        null,
        null,
        member.pendingRestartReason.map((r) => r.param).join(", ") || null,
      );
    }
    if (old.pendingRestart && !member.pendingRestart) add("pending_restart_cleared", member.name);
  }

  if (!prev.paused && next.paused) add("paused", null);
  if (prev.paused && !next.paused) add("resumed", null);
  if (prev.config && next.config) {
    const keys = changedConfigKeys(prev.config.raw, next.config.raw);
    if (keys.length > 0) add("config_changed", null, null, null, keys.join(", "));
  }
  // Grouped by kind in EVENT_KINDS order (a stable sort keeps members by name within a kind).
  return out.sort((a, b) => EVENT_KINDS.indexOf(a.kind) - EVENT_KINDS.indexOf(b.kind));
}

/** Newest first for display; entries of one observation keep their order (leader before members). */
export function newestFirst(entries: readonly EventLogEntry[]): EventLogEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.t - a.entry.t || a.index - b.index)
    .map(({ entry }) => entry);
}

/** A leader change stays on the banner this long: long enough to notice from the back of a room. */
export const LEADER_BANNER_MS = 60_000;
/**
 * A timeline change this close to a leader change belongs to it: /cluster publishes the new
 * timeline a few seconds after the new leader takes the lock, i.e. one or two polls later.
 */
export const SAME_FAILOVER_WINDOW_MS = 30_000;

export interface LeaderChange {
  leader: EventLogEntry;
  timeline: EventLogEntry | null;
}

/** The newest "new leader" entry and the timeline change that came with it, if any. */
export function latestLeaderChange(entries: readonly EventLogEntry[]): LeaderChange | null {
  let leader: EventLogEntry | null = null;
  for (const entry of entries)
    if (entry.kind === "leader_elected" && (leader === null || entry.t >= leader.t)) leader = entry;
  if (leader === null) return null;
  const at = leader.t;
  let timeline: EventLogEntry | null = null;
  for (const entry of entries) {
    if (entry.kind !== "timeline_changed" || Math.abs(entry.t - at) > SAME_FAILOVER_WINDOW_MS) continue;
    if (timeline === null || entry.t >= timeline.t) timeline = entry;
  }
  return { leader, timeline };
}
