import { alertKey } from "./alerts";
import type { ClusterDetail, ConfigHistoryEntry } from "./contracts";
import type { EventLogEntry } from "./contracts";
import type { NewHistoryEvent } from "./history-events";

// What the persistent history records from one poll cycle: leader and timeline changes, member state
// changes, members joining and leaving, alerts opened and resolved, config changes and pause/resume.
// Pure. Leadership, timeline and pause come from the event log's own entries for the same cycle
// (lib/domain/events.ts), so the two never disagree; the rest compares the previous and next view.

type View = Pick<ClusterDetail, "name" | "leader" | "timeline" | "members" | "alerts" | "observedAt">;

export function deriveHistoryEvents(
  prev: View | null,
  next: View,
  nowMs: number,
  logEntries: readonly EventLogEntry[],
  configChanges: readonly ConfigHistoryEntry[] = [],
): NewHistoryEvent[] {
  const cluster = next.name;
  const out: NewHistoryEvent[] = [];
  const at = nowMs;
  for (const entry of logEntries) {
    if (entry.kind === "leader_lost" || entry.kind === "leader_elected")
      out.push({
        at,
        cluster,
        kind: "leader_changed",
        member: entry.to ?? entry.from,
        from: entry.from,
        to: entry.to,
        timeline: next.timeline,
      });
    else if (entry.kind === "timeline_changed" && entry.from !== null && entry.to !== null)
      out.push({
        at,
        cluster,
        kind: "timeline_changed",
        member: null,
        from: Number(entry.from),
        to: Number(entry.to),
      });
    else if (entry.kind === "paused" || entry.kind === "resumed")
      out.push({ at, cluster, kind: entry.kind, member: null });
  }
  for (const change of configChanges)
    out.push({ at: change.at, cluster, kind: "config_changed", member: null, diff: change.changes });
  // Start-up (no previous view, or one that had heard from no node) is not news: as in deriveEvents.
  if (prev === null || prev.observedAt === null) return out;

  const before = new Map(prev.members.map((m) => [m.name, m]));
  const after = new Map(next.members.map((m) => [m.name, m]));
  for (const member of [...next.members].sort((a, b) => a.name.localeCompare(b.name))) {
    const old = before.get(member.name);
    if ((!old || !old.inDcs) && member.inDcs)
      out.push({ at, cluster, kind: "member_joined", member: member.name });
    else if (old?.inDcs && !member.inDcs) out.push({ at, cluster, kind: "member_left", member: member.name });
    else if (old?.inDcs && member.inDcs && old.state !== member.state)
      out.push({
        at,
        cluster,
        kind: "member_state_changed",
        member: member.name,
        from: old.state,
        to: member.state,
      });
  }
  for (const old of prev.members)
    if (old.inDcs && !after.has(old.name)) out.push({ at, cluster, kind: "member_left", member: old.name });

  const opened = new Map(prev.alerts.map((a) => [alertKey(a), a]));
  const open = new Map(next.alerts.map((a) => [alertKey(a), a]));
  for (const [key, alert] of open)
    if (!opened.has(key))
      out.push({
        at,
        cluster,
        kind: "alert_opened",
        member: alert.member,
        code: alert.code,
        severity: alert.severity,
      });
  for (const [key, alert] of opened)
    if (!open.has(key))
      out.push({
        at,
        cluster,
        kind: "alert_resolved",
        member: alert.member,
        code: alert.code,
        severity: alert.severity,
        durationMs: Math.max(0, nowMs - alert.since),
      });
  return out;
}
