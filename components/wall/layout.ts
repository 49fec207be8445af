import type { Tone } from "@/lib/domain/constants";
import { TONE_RANK } from "@/lib/domain/overview";

// The wall's layout, chosen from the cluster count and the screen size: pure, so it is tested with
// numbers instead of screenshots. Every cluster is on screen; nothing ever scrolls. A few clusters
// get large tiles; clusters with problems get larger tiles than healthy ones while room allows;
// otherwise every cluster is a compact cell, problems first.

export type TileKind = "large" | "medium" | "compact";

/** The smallest tile of each kind that still shows its fields at a size read across a room (px). */
export const MIN_TILE: Record<TileKind, { w: number; h: number }> = {
  // name, status, leader, members up, worst lag, timeline, worst problem
  large: { w: 380, h: 210 },
  // name, status, leader, members up, worst problem
  medium: { w: 280, h: 118 },
  // name, status colour and icon, leader, members up
  compact: { w: 168, h: 64 },
};
/** Gap between tiles (px): enough to tell tiles apart from a distance. */
export const WALL_GAP = 8;
/** A large tile wider than this only wastes the screen; a few clusters then sit side by side, centred. */
const MAX_LARGE_W = 900;
const MAX_LARGE_H = 560;

export interface Section {
  kind: TileKind;
  /** Index range into the ordered clusters: [start, end). */
  start: number;
  end: number;
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  /** Height the section takes, gaps included (px). */
  height: number;
}

export interface WallLayout {
  sections: Section[];
  /** False when even compact cells do not fit: the caller says the screen is too small. */
  fits: boolean;
}

interface Grid {
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  scale: number;
}

/** The grid of `count` cells in w×h with the largest cells no smaller than `min`; null if none fits. */
export function bestGrid(count: number, w: number, h: number, min: { w: number; h: number }): Grid | null {
  let best: Grid | null = null;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cellW = Math.floor((w - WALL_GAP * (cols - 1)) / cols);
    const cellH = Math.floor((h - WALL_GAP * (rows - 1)) / rows);
    if (cellW < min.w || cellH < min.h) continue;
    // The tile grows by its scarcer dimension: a grid of thin slivers is not "larger".
    const scale = Math.min(cellW / min.w, cellH / min.h);
    if (!best || scale > best.scale + 1e-9) best = { cols, rows, cellW, cellH, scale };
  }
  return best;
}

function section(kind: TileKind, start: number, end: number, grid: Grid): Section {
  const cellW = kind === "large" ? Math.min(grid.cellW, MAX_LARGE_W) : grid.cellW;
  const cellH = kind === "large" ? Math.min(grid.cellH, MAX_LARGE_H) : grid.cellH;
  return {
    kind,
    start,
    end,
    cols: grid.cols,
    rows: grid.rows,
    cellW,
    cellH,
    height: grid.rows * cellH + (grid.rows - 1) * WALL_GAP,
  };
}

/** Fractions of the height offered to the problem clusters' band, largest first. */
const BAND_FRACTIONS = [0.7, 0.6, 0.5, 0.42, 0.35, 0.28, 0.22, 0.16];

/**
 * The layout for `count` clusters of which the first `problems` (already ordered first) have
 * problems, in a board of width×height px.
 */
export function wallLayout(count: number, problems: number, width: number, height: number): WallLayout {
  if (count === 0) return { sections: [], fits: true };
  const allLarge = bestGrid(count, width, height, MIN_TILE.large);
  if (allLarge) return { sections: [section("large", 0, count, allLarge)], fits: true };

  const healthy = count - problems;
  if (problems > 0 && healthy > 0) {
    // The problem band takes as much height as it can while the healthy clusters still fit below.
    for (const kind of ["large", "medium"] as const) {
      for (const fraction of BAND_FRACTIONS) {
        const bandH = Math.floor(height * fraction);
        const band = bestGrid(problems, width, bandH, MIN_TILE[kind]);
        if (!band) continue;
        const top = section(kind, 0, problems, band);
        const rest = bestGrid(healthy, width, height - top.height - WALL_GAP, MIN_TILE.compact);
        if (rest) return { sections: [top, section("compact", problems, count, rest)], fits: true };
      }
    }
  } else if (problems === count) {
    const medium = bestGrid(count, width, height, MIN_TILE.medium);
    if (medium) return { sections: [section("medium", 0, count, medium)], fits: true };
  }
  const compact = bestGrid(count, width, height, MIN_TILE.compact);
  if (compact) return { sections: [section("compact", 0, count, compact)], fits: true };
  // Too small a screen: still show everything, in cells below the minimum, and say so.
  const cols = Math.max(1, Math.ceil(Math.sqrt((count * width) / Math.max(1, height))));
  const rows = Math.ceil(count / cols);
  const squeezed: Grid = {
    cols,
    rows,
    cellW: Math.max(1, Math.floor((width - WALL_GAP * (cols - 1)) / cols)),
    cellH: Math.max(1, Math.floor((height - WALL_GAP * (rows - 1)) / rows)),
    scale: 0,
  };
  return { sections: [section("compact", 0, count, squeezed)], fits: false };
}

/** The cluster name's font size in a tile (px): as large as the tile allows, never under 18. */
export function nameFontPx(kind: TileKind, cellW: number, cellH: number, longestName: number): number {
  const byHeight = kind === "compact" ? cellH * 0.34 : kind === "medium" ? cellH * 0.24 : cellH * 0.16;
  // Average glyph of a bold sans name ≈ 0.6 em; leave room for the status icon (≈ 1.6 em).
  const byWidth = (cellW - 24) / (Math.max(4, longestName) * 0.6 + 1.6);
  return Math.max(18, Math.min(56, Math.floor(Math.min(byHeight, byWidth))));
}

export interface Rankable {
  name: string;
  tone: Tone;
  problems: readonly unknown[];
}

/** Has something a person should look at: an alert, or a state that is not plainly OK. */
export function needsAttention(cluster: Rankable): boolean {
  return cluster.problems.length > 0 || cluster.tone !== "ok";
}

/**
 * Problems first (critical, warning, unknown), then the healthy ones, each by name. A cluster only
 * moves when its tone changes, so a wall does not reshuffle on every refresh.
 */
export function wallOrder<C extends Rankable>(clusters: readonly C[]): C[] {
  return clusters
    .slice()
    .sort(
      (a, b) =>
        Number(needsAttention(b)) - Number(needsAttention(a)) ||
        TONE_RANK[a.tone] - TONE_RANK[b.tone] ||
        a.name.localeCompare(b.name, "en", { numeric: true }),
    );
}
