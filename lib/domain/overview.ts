import type { Tone } from "./constants";
import type { ClusterSummary } from "./contracts";

// Ordering of the overview: the cluster that needs attention first.

export const TONE_RANK: Record<Tone, number> = { crit: 0, warn: 1, unknown: 2, ok: 3 };

/**
 * Worst tone first (crit > warn > unknown > ok), then by name. Only a change of tone moves a tile: on a
 * wall screen, tiles that reshuffle on every transient problem are harder to read than useful.
 */
export function worstFirst<C extends Pick<ClusterSummary, "name" | "tone">>(clusters: readonly C[]): C[] {
  return clusters
    .slice()
    .sort((a, b) => TONE_RANK[a.tone] - TONE_RANK[b.tone] || a.name.localeCompare(b.name));
}
