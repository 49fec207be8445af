import type { ClusterEvent, HistoryRow } from "./contracts";

// The cluster's timeline history for display: Patroni's /history (each row names the timeline that
// ENDED; the promotion created timeline + 1) merged with the leader and timeline changes the dashboard
// itself observed, newest first. An observed change that /history already records is folded into
// that row rather than shown twice.

export type TimelineEntry =
  | {
      kind: "promotion";
      /** The timeline that ended and the one the promotion created (fromTimeline + 1). */
      fromTimeline: number;
      toTimeline: number;
      at: number | null;
      lsn: number | null;
      reason: string | null;
      newLeader: string | null;
      /** When the dashboard saw the same change happen, if it did. */
      observedAt: number | null;
      current: boolean;
    }
  | {
      kind: "observed_timeline";
      fromTimeline: number | null;
      toTimeline: number;
      at: number;
      current: boolean;
    }
  | {
      kind: "observed_leader";
      from: string | null;
      to: string | null;
      at: number;
    };

/** An observed leader change this close to a /history row with the same new leader is that row. */
export const SAME_CHANGE_WINDOW_MS = 120_000;

function timelineNumber(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : null;
}

export function mergeTimeline(
  history: HistoryRow[],
  events: ClusterEvent[],
  currentTimeline: number | null,
): TimelineEntry[] {
  const promotions = history.map((row) => ({
    kind: "promotion" as const,
    fromTimeline: row.timeline,
    toTimeline: row.timeline + 1,
    at: row.at,
    lsn: row.lsn,
    reason: row.reason,
    newLeader: row.newLeader,
    observedAt: null as number | null,
    current: row.timeline + 1 === currentTimeline,
  }));
  const byTimeline = new Map(promotions.map((p) => [p.toTimeline, p]));
  const observed: TimelineEntry[] = [];

  for (const event of events) {
    if (event.kind === "timeline_change") {
      const to = timelineNumber(event.to);
      if (to === null) continue;
      const row = byTimeline.get(to);
      if (row) {
        row.observedAt ??= event.t;
        continue;
      }
      observed.push({
        kind: "observed_timeline",
        fromTimeline: timelineNumber(event.from),
        toTimeline: to,
        at: event.t,
        current: to === currentTimeline,
      });
    } else {
      const row = promotions.find(
        (p) =>
          p.newLeader !== null &&
          p.newLeader === event.to &&
          p.at !== null &&
          Math.abs(p.at - event.t) <= SAME_CHANGE_WINDOW_MS,
      );
      if (row) {
        row.observedAt ??= event.t;
        continue;
      }
      observed.push({ kind: "observed_leader", from: event.from, to: event.to, at: event.t });
    }
  }
  return [...promotions, ...observed].sort(newestFirst);
}

function sortTime(entry: TimelineEntry): number | null {
  if (entry.kind === "promotion") return entry.at ?? entry.observedAt;
  return entry.at;
}

function timelineOf(entry: TimelineEntry): number {
  return entry.kind === "observed_leader" ? Number.NEGATIVE_INFINITY : entry.toTimeline;
}

/** By time, newest first; entries without a time (Patroni older than 2.1.1) by timeline, after the rest. */
function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  const ta = sortTime(a);
  const tb = sortTime(b);
  if (ta !== null && tb !== null && ta !== tb) return tb - ta;
  if (ta !== null && tb === null) return -1;
  if (ta === null && tb !== null) return 1;
  const byTimeline = timelineOf(b) - timelineOf(a);
  return Number.isNaN(byTimeline) ? 0 : byTimeline;
}

/** The new timeline an entry records, if it records one (history-row test ids use it). */
export function newTimelineOf(entry: TimelineEntry): number | null {
  return entry.kind === "observed_leader" ? null : entry.toTimeline;
}
