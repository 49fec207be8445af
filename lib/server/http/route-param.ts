import "server-only";

/**
 * A dynamic segment of a page URL, decoded. NOTE: Next hands route handlers their params decoded but
 * pages theirs still percent-encoded ("pg%201" for member "pg 1"), so without this a page and the API
 * disagreed on any name with a space, "/", "%" or a non-ASCII letter. Malformed encoding stays as sent
 * (and then names nothing, so the page is a 404).
 */
export function decodeRouteParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
