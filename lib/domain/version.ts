// Version numbers as Patroni reports them. Pure and isomorphic.

/**
 * PostgreSQL's server_version_num as text: 150018 → "15.18", 90624 → "9.6.24".
 * From PostgreSQL 10 the number is major × 10000 + minor; before it, major.minor × 100 + patch.
 */
export function formatServerVersion(num: number | null): string | null {
  if (num === null || !Number.isInteger(num) || num <= 0) return null;
  if (num >= 100_000) return `${Math.floor(num / 10_000)}.${num % 10_000}`;
  return `${Math.floor(num / 10_000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

/** "4.1.4" → [4, 1, 4]; anything unparsable (a dev build's suffix is ignored) → null. */
export function parseVersion(text: string | null): [number, number, number] | null {
  const match = text ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text) : null;
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** True when `version` is at least `minimum` ("4.0.0"); false when `version` is unknown. */
export function versionAtLeast(version: string | null, minimum: string): boolean {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  if (!have || !want) return false;
  for (let i = 0; i < 3; i++) {
    if (have[i]! !== want[i]!) return have[i]! > want[i]!;
  }
  return true;
}
