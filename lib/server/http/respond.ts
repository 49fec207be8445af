import "server-only";
import type { z } from "zod";

// Every API response: JSON checked against the shared contract, never cached by anyone.
export function jsonResponse<S extends z.ZodType>(schema: S, data: z.infer<S>, status = 200): Response {
  return Response.json(schema.parse(data), { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * A body serialised once per change (lib/server/snapshot.ts), sent as is: 304 without a body when the
 * reader already holds exactly these bytes (its If-None-Match names our ETag).
 */
export function cachedJsonResponse(request: Request, body: { json: string; etag: string }): Response {
  const headers = { ETag: body.etag, "Cache-Control": "no-store" };
  const held = request.headers.get("if-none-match");
  if (held !== null && held.split(",").some((tag) => tag.trim().replace(/^W\//, "") === body.etag))
    return new Response(null, { status: 304, headers });
  return new Response(body.json, { headers: { ...headers, "Content-Type": "application/json" } });
}
