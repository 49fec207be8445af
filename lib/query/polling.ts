import type { Query } from "@tanstack/react-query";

// Polling rules for the one observer per screen:
// the interval comes from the data (the server's own poll interval), no tick while a fetch is in
// flight (so polls never overlap), doubling after consecutive errors up to a cap, and no polling
// in background tabs except in kiosk mode (a wall screen must stay live).

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
/** After repeated failures, poll at most this rarely: a dead server is noticed within a minute of recovering. */
export const MAX_POLL_INTERVAL_MS = 60_000;

export function nextPollDelay(input: {
  baseMs: number | null | undefined;
  fetching: boolean;
  consecutiveErrors: number;
}): number | false {
  if (input.fetching) return false;
  const base = input.baseMs && input.baseMs > 0 ? input.baseMs : DEFAULT_POLL_INTERVAL_MS;
  if (input.consecutiveErrors <= 0) return base;
  return Math.min(MAX_POLL_INTERVAL_MS, base * 2 ** Math.min(input.consecutiveErrors, 16));
}

/**
 * Consecutive failures of one screen's query. TanStack resets fetchFailureCount at every fetch, so the
 * streak is counted by the query function itself.
 */
export class ErrorStreak {
  count = 0;
  async track<R>(run: () => Promise<R>): Promise<R> {
    try {
      const result = await run();
      this.count = 0;
      return result;
    } catch (err) {
      this.count += 1;
      throw err;
    }
  }
}

interface HasInterval {
  pollIntervalMs: number;
  /** Faster refreshes the server asks for (a cluster in a failover); absent or null: pollIntervalMs. */
  refreshMs?: number | null;
}

/** How often a screen showing this data refreshes. */
export function refreshEvery(data: HasInterval | undefined): number | undefined {
  return data ? (data.refreshMs ?? data.pollIntervalMs) : undefined;
}

/** The polling part of a screen's query options; `intervalOf` gives the base interval. */
export function pollingOptions<D>(
  streak: ErrorStreak,
  kiosk: boolean,
  intervalOf: (data: D | undefined) => number | null | undefined,
) {
  return {
    refetchInterval: (query: Query<D, Error, D, readonly unknown[]>) =>
      nextPollDelay({
        baseMs: intervalOf(query.state.data),
        fetching: query.state.fetchStatus === "fetching",
        consecutiveErrors: streak.count,
      }),
    refetchIntervalInBackground: kiosk,
    retry: false,
  } as const;
}

/** For data that carries the server's own poll interval (the overview and the cluster detail). */
export function livePollingOptions<D extends HasInterval>(streak: ErrorStreak, kiosk: boolean) {
  return pollingOptions<D>(streak, kiosk, refreshEvery);
}
