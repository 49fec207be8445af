// The wall's rotation (?rotate=20): the board, then each cluster that needs attention for the same
// time, then the board again. Pure: the caller owns the timer and passes the current order in.

/** Seconds per screen: a value outside 3–3600 is clamped, not refused (a wall has no one to read an error). */
export function rotateSeconds(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.min(3600, Math.max(3, Math.round(n)));
}

/**
 * What to show after `current` (null: the board). `order` is the board's order; `candidates` the
 * names to visit. A cluster that recovered while shown still hands over to the one after it.
 */
export function nextScreen(
  current: string | null,
  order: readonly string[],
  candidates: ReadonlySet<string>,
): string | null {
  const visit = order.filter((name) => candidates.has(name));
  if (current === null) return visit[0] ?? null;
  const at = order.indexOf(current);
  if (at < 0) return null;
  return order.slice(at + 1).find((name) => candidates.has(name)) ?? null;
}
