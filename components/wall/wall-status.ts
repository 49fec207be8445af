import type { Tone } from "@/lib/domain/constants";
import type { ClustersResponse } from "@/lib/domain/contracts";
import { freshness, staleAfterMs } from "@/lib/domain/freshness";

// Is the wall live? Pure: the client clock and what the query knows are passed in. A wall that
// silently shows an old "all green" is the worst failure a NOC screen can have, so the whole screen
// is "not live" when the dashboard's server fails to answer, when its last answer is older than two
// poll intervals, or when the server's newest observation of any cluster is older than that.

export type NotLiveReason = "server" | "data";

export interface WallStatus {
  live: boolean;
  reason: NotLiveReason | null;
  /** Age of the newest data on screen (ms), null before mount or before any observation. */
  ageMs: number | null;
  limitMs: number;
  /** The newest observation, on the browser's clock (epoch ms); null if none. */
  dataAsOf: number | null;
  /** Clusters whose own data is older than the limit (greyed even while the wall is live). */
  staleNames: Set<string>;
  counts: Record<Tone, number>;
}

export function wallStatus(
  data: ClustersResponse,
  receivedAt: number,
  now: number | null,
  serverError: boolean,
): WallStatus {
  const limitMs = staleAfterMs(data.pollIntervalMs);
  const counts: Record<Tone, number> = { crit: 0, warn: 0, unknown: 0, ok: 0 };
  for (const c of data.clusters) counts[c.tone] += 1;
  const observed = data.clusters.map((c) => c.observedAt).filter((v): v is number => v !== null);
  const newest = observed.length ? Math.max(...observed) : null;
  // The server's age of its newest observation, moved onto the browser's clock (two clocks never mix).
  const dataAsOf = newest === null ? null : receivedAt - Math.max(0, data.generatedAt - newest);
  const staleNames = new Set<string>();
  if (now === null)
    return {
      live: !serverError,
      reason: serverError ? "server" : null,
      ageMs: null,
      limitMs,
      dataAsOf,
      staleNames,
      counts,
    };
  for (const c of data.clusters) {
    if (freshness(c.observedAt, data.generatedAt, receivedAt, now, data.pollIntervalMs).stale)
      staleNames.add(c.name);
  }
  const whole = freshness(newest, data.generatedAt, receivedAt, now, data.pollIntervalMs);
  const dataStale = data.clusters.length > 0 && whole.stale;
  const reason: NotLiveReason | null = serverError
    ? "server"
    : dataStale || now - receivedAt > limitMs
      ? "data"
      : null;
  return { live: reason === null, reason, ageMs: whole.ageMs, limitMs, dataAsOf, staleNames, counts };
}
