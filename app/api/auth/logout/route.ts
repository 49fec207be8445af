import { currentAuth, overHttps, sameOrigin } from "@/lib/server/auth/guard";
import { clearedSessionCookie } from "@/lib/server/auth/session";
import { errorResponse } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

/** Clears the session cookie (the session itself expires on its own: nothing is kept server-side). */
export async function POST(request: Request): Promise<Response> {
  const { auth } = await currentAuth();
  if (!auth) return errorResponse(404, "login is not configured (no auth section)");
  if (!sameOrigin(request))
    return errorResponse(403, "cross-origin request refused (Origin must be this dashboard)");
  return new Response(null, {
    status: 204,
    headers: { "Set-Cookie": clearedSessionCookie(overHttps(request)), "Cache-Control": "no-store" },
  });
}
