import "server-only";

// Patroni's deepest real answer (/config with postgresql.parameters, pg_hba lists, standby_cluster) is
// five or six levels deep. A node that sends thousands of levels (a hostile or broken `tags` value) would
// make the recursive JSON.stringify/compare code downstream throw RangeError, so such bodies are refused
// as a parse error before they are parsed at all.

/** Deepest nesting of arrays and objects accepted in one response body. */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a JSON text, counted without parsing it (brackets inside strings do not count),
 * stopping as soon as it passes `limit`. Malformed text is left to JSON.parse to reject.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
