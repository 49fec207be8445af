import type { z } from "zod";

// The browser's only way to read our API: GET, no cache, response checked against the shared contract.
// Failures are classified so the page can say what went wrong with the dashboard's own server.

export type FetchErrorKind = "network" | "http" | "parse";

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  init: { signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  const answer = await fetchJsonIfChanged(url, schema, { signal: init.signal, etag: null });
  // Without an ETag to offer the server never answers 304.
  if (answer.unchanged) throw new FetchError("http", "HTTP 304 without a conditional request", 304);
  return answer.data;
}

export type Conditional<T> = { unchanged: true } | { unchanged: false; data: T; etag: string | null };

/**
 * fetchJson with revalidation: the ETag of the answer the caller holds goes out as If-None-Match and a
 * 304 comes back as `unchanged` (no body to download, parse or check). The browser's own HTTP cache
 * stays out of it (`no-store`): the caller's query cache is the only copy.
 */
export async function fetchJsonIfChanged<S extends z.ZodType>(
  url: string,
  schema: S,
  init: { signal?: AbortSignal; etag: string | null },
): Promise<Conditional<z.infer<S>>> {
  let response: Response;
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.etag) headers["if-none-match"] = init.etag;
  try {
    response = await fetch(url, { cache: "no-store", headers, signal: init.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new FetchError("network", err instanceof Error ? err.message : String(err));
  }
  if (response.status === 304 && init.etag) return { unchanged: true };
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: unknown };
      if (typeof body.error === "string") message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new FetchError("http", message, response.status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    throw new FetchError("parse", err instanceof Error ? err.message : "invalid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new FetchError("parse", parsed.error.message);
  return { unchanged: false, data: parsed.data, etag: response.headers.get("etag") };
}
