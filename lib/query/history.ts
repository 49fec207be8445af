import { eventsResponseSchema, lagHistoryResponseSchema } from "@/lib/domain/history-events";
import { fetchJson } from "./fetch-json";
import type { HistoryQuery } from "./keys";

// URLs and fetchers of the history routes (their keys are in keys.ts). The time range is turned into
// `since` when the request is made, never held in a key.

export function eventsUrl(q: HistoryQuery, nowMs: number): string {
  const params = new URLSearchParams({ limit: String(q.limit) });
  if (q.kind) params.set("kind", q.kind);
  if (q.member) params.set("member", q.member);
  if (q.spanMs !== null) params.set("since", String(Math.max(0, Math.floor(nowMs - q.spanMs))));
  if (q.cluster) return `/api/clusters/${encodeURIComponent(q.cluster)}/events?${params}`;
  return `/api/events?${params}`;
}

export function lagHistoryUrl(cluster: string, range: string): string {
  return `/api/clusters/${encodeURIComponent(cluster)}/lag?range=${encodeURIComponent(range)}`;
}

/** The events of a history query, `since` taken from the time of the request. */
export function fetchEvents(q: HistoryQuery, signal?: AbortSignal) {
  return fetchJson(eventsUrl(q, Date.now()), eventsResponseSchema, { signal });
}

export function fetchLagHistory(cluster: string, range: string, signal?: AbortSignal) {
  return fetchJson(lagHistoryUrl(cluster, range), lagHistoryResponseSchema, { signal });
}
