import { actionRequestSchema } from "@/lib/domain/actions";
import { recordAudit } from "@/lib/server/actions/audit";
import { runAction } from "@/lib/server/actions/run";
import { authContext, callerOf, clientAddress, mayAct, sameOrigin } from "@/lib/server/auth/guard";
import { readCappedText } from "@/lib/server/http/body";
import { errorResponse } from "@/lib/server/http/respond";
import { findCluster, getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/**
 * `{action, member?, candidate?, scheduledAt?, force?, pendingOnly?, confirm}` → Patroni's answer.
 * 404 unless actions are enabled (with auth), 403 cross-origin or for a viewer, 401 without a session,
 * 400 for a bad body or a `confirm` that is not the cluster's name, 409 when the preflight says no.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const runtime = await getRuntime();
  const auth = authContext(runtime.config);
  if (!auth || runtime.config.actions?.enabled !== true) return errorResponse(404, "actions are not enabled");
  if (!sameOrigin(request))
    return errorResponse(403, "cross-origin request refused (Origin must be this dashboard)");
  const session = await callerOf(request, auth);
  if (!session) return errorResponse(401, "sign in first");
  const { name } = await context.params;
  const cluster = findCluster(runtime, name);
  if (!cluster) return errorResponse(404, `no cluster named "${name}" is configured`);
  const address = clientAddress(request);
  const body = await readCappedText(request, 16 * 1024);
  let raw: unknown = null;
  try {
    raw = body.ok ? JSON.parse(body.text) : null;
  } catch {
    raw = null;
  }
  const parsed = actionRequestSchema.safeParse(raw);
  const refuse = async (status: number, outcome: string, message: string) => {
    await recordAudit(runtime, {
      kind: "action",
      at: Date.now(),
      cluster: cluster.name,
      member: parsed.success ? (parsed.data.member ?? parsed.data.candidate ?? null) : null,
      user: session.username,
      role: session.role,
      address,
      action: parsed.success ? parsed.data.action : "(invalid)",
      candidate: parsed.success ? (parsed.data.candidate ?? null) : null,
      scheduledAt: parsed.success ? (parsed.data.scheduledAt ?? null) : null,
      force: parsed.success && parsed.data.force === true,
      outcome,
      status,
      patroniStatus: null,
      patroniText: null,
      node: null,
      problems: [],
      durationMs: 0,
    });
    return errorResponse(status, message);
  };
  if (!mayAct(session.role))
    return refuse(403, "forbidden", `the role ${session.role} may not act on clusters`);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return refuse(400, "invalid", `invalid action request: ${issues}`);
  }
  if (parsed.data.confirm !== cluster.name)
    return refuse(400, "bad_confirm", `confirm must be the cluster's name ("${cluster.name}")`);
  const result = await runAction(runtime, cluster, parsed.data, { session, address });
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
