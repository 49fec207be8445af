import { callerOf, currentAuth } from "@/lib/server/auth/guard";
import { errorResponse } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

/** `{username, role, actions}` of the signed-in user, or 401 (404 when login is not configured). */
export async function GET(request: Request): Promise<Response> {
  const { config, auth } = await currentAuth();
  if (!auth) return errorResponse(404, "login is not configured (no auth section)");
  const caller = await callerOf(request, auth);
  if (!caller) return errorResponse(401, "not signed in");
  return Response.json(
    { username: caller.username, role: caller.role, actions: config.actions?.enabled === true },
    { headers: { "Cache-Control": "no-store" } },
  );
}
