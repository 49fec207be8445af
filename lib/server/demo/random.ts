import "server-only";

// Seeded randomness only: the same seed and the same clock must give byte-identical responses, so
// nothing in the simulator may call Math.random().

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for demo noise, fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stateless noise in [0, 1) for (seed, a, b): used where a value must be recomputable for any
 * moment without replaying a sequence (e.g. a replica's lag at second N).
 */
export function noise(seed: number, a: number, b: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (a | 0), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13) ^ Math.floor(a / 4294967296), 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (b | 0) ^ (h >>> 16), 0x27d4eb2f) >>> 0;
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/** Turns any user seed (number or text) into a 32-bit integer. */
export function normaliseSeed(seed: number | string | undefined): number {
  if (seed === undefined) return 1;
  if (typeof seed === "number" && Number.isFinite(seed)) return Math.trunc(seed) >>> 0;
  let h = 2166136261;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/**
 * noise() interpolated linearly between whole seconds of `ms`: it drifts slowly instead of jumping,
 * so values built on it (a replica's few-kB gap) never make a position run backwards.
 */
export function smoothNoise(seed: number, a: number, ms: number): number {
  const second = Math.floor(ms / 1000);
  const frac = (ms - second * 1000) / 1000;
  return noise(seed, a, second) * (1 - frac) + noise(seed, a, second + 1) * frac;
}
