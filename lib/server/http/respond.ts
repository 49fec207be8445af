import "server-only";
import type { z } from "zod";

// Every API response: JSON checked against the shared contract, never cached by anyone.
export function jsonResponse<S extends z.ZodType>(schema: S, data: z.infer<S>, status = 200): Response {
  return Response.json(schema.parse(data), { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}
