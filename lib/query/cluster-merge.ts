import type { ClusterDetail } from "@/lib/domain/contracts";

// The cluster screen downloads its lag history once and only the new samples after that: it asks
// `?since=<newest sample it holds>` and appends what comes back. Pure, so it is tested without a browser.

/** The `since` to ask for: the newest sample held (null: ask for the whole history). */
export function lagCursor(held: ClusterDetail | undefined): number | null {
  if (!held || held.lagSamples.length === 0) return null;
  return held.lagSamples[held.lagSamples.length - 1]!.t;
}

/** The URL of the next refresh: the plain one, or with ?since= once the history is held. */
export function clusterUrl(base: string, held: ClusterDetail | undefined): string {
  const since = lagCursor(held);
  return since === null ? base : `${base}?since=${since}`;
}

/**
 * The screen's next detail: a full answer replaces what is held; an increment (lagSince set) brings
 * everything but the history whole, plus the samples after lagSince, which are appended to the held
 * ones up to lagSince. Samples older than the server's oldest (lagFrom) are dropped, so the browser
 * holds no more history than the server's bounded buffer, however long the screen stays open.
 */
export function mergeClusterDetail(held: ClusterDetail | undefined, next: ClusterDetail): ClusterDetail {
  if (next.lagSince === null) return next;
  const since = next.lagSince;
  const from = next.lagFrom ?? Number.POSITIVE_INFINITY;
  const kept = (held?.lagSamples ?? []).filter((s) => s.t >= from && s.t <= since);
  return { ...next, lagSamples: kept.concat(next.lagSamples), lagSince: null };
}
