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
  let response: Response;
  try {
    response = await fetch(url, {
      cache: "no-store",
      headers: { accept: "application/json" },
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new FetchError("network", err instanceof Error ? err.message : String(err));
  }
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
  return parsed.data;
}
