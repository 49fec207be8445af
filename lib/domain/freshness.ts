import { STALE_AFTER_INTERVALS } from "./constants";

// How old what the screen shows is. Pure: `now` and the time the browser received the data are passed in.
// NOTE: the server's and the browser's clocks may disagree, so an age is never `now - observedAt`:
// it is the age the server computed when it answered (generatedAt - observedAt, one clock) plus the
// time since the browser received that answer (now - receivedAt, the other clock).

export interface Freshness {
  /** Total age of the observation; null when it was never observed. */
  ageMs: number | null;
  stale: boolean;
}

export function staleAfterMs(pollIntervalMs: number): number {
  return STALE_AFTER_INTERVALS * pollIntervalMs;
}

/**
 * Stale when either hop is more than two poll intervals behind: the server's last answer from the node,
 * or the browser's last answer from the server. Each hop alone is normally under one interval old,
 * so their sum may reach two intervals in normal operation; judging the hops separately keeps a
 * healthy screen from flickering "stale" while still marking a stuck poller or a lost server.
 */
export function freshness(
  observedAt: number | null,
  generatedAt: number,
  receivedAt: number,
  now: number,
  pollIntervalMs: number,
): Freshness {
  if (observedAt === null) return { ageMs: null, stale: true };
  const serverAge = Math.max(0, generatedAt - observedAt);
  const clientAge = Math.max(0, now - receivedAt);
  const limit = staleAfterMs(pollIntervalMs);
  return { ageMs: serverAge + clientAge, stale: serverAge > limit || clientAge > limit };
}
