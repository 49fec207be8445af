import { listAudit } from "@/lib/server/actions/audit";
import { authContext, callerOf, mayAct } from "@/lib/server/auth/guard";
import { errorResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** `{ events }`: action attempts and outcomes, newest first (?cluster=, ?limit= up to 1000). Operators and admins. */
export async function GET(request: Request): Promise<Response> {
  const runtime = await getRuntime();
  const auth = authContext(runtime.config);
  if (!auth) return errorResponse(404, "login is not configured (no auth section)");
  const session = await callerOf(request, auth);
  if (!session) return errorResponse(401, "sign in first");
  if (!mayAct(session.role)) return errorResponse(403, `the role ${session.role} may not read the audit`);
  const params = new URL(request.url).searchParams;
  const limit = Number(params.get("limit") ?? 200);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return errorResponse(400, "limit must be a whole number from 1 to 1000");
  const events = await listAudit(runtime, { cluster: params.get("cluster") ?? undefined, limit });
  return Response.json({ events }, { headers: { "Cache-Control": "no-store" } });
}
