import {
  ADMIN_ACTIONS,
  actionRequestSchema,
  type ActionOutcome,
  type ActionRequest,
} from "@/lib/domain/actions";
import { applyPatch, validateConfigPatch } from "@/lib/domain/config-edit";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { admitUnsignedAudit, attemptEvent, recordAudit, type Attempt } from "@/lib/server/actions/audit";
import { runAction } from "@/lib/server/actions/run";
import { authContext, callerOf, clientAddress, mayAct, sameOrigin } from "@/lib/server/auth/guard";
import { readCappedJson } from "@/lib/server/http/body";
import { errorResponse } from "@/lib/server/http/respond";
import { findCluster, getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** The body as an action request, or the issues that make it none. */
async function readActionRequest(
  request: Request,
): Promise<{ ok: true; data: ActionRequest } | { ok: false; issues: string }> {
  const body = await readCappedJson(request, 16 * 1024);
  if (!body.ok)
    return {
      ok: false,
      issues: body.problem === "too_large" ? "body: larger than 16 KiB" : "body: not JSON",
    };
  const parsed = actionRequestSchema.safeParse(body.value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
  };
}

/** What is wrong with a configuration change, judged on the configuration as last polled. */
function configProblems(cluster: ClusterState, patch: Record<string, unknown>) {
  const current = (cluster.config?.raw ?? {}) as Record<string, unknown>;
  return validateConfigPatch(patch, applyPatch(current, patch));
}

/**
 * `{action, member?, candidate?, scheduledAt?, force?, pendingOnly?, confirm}` → Patroni's answer.
 * 404 unless actions are enabled (with auth), 403 cross-origin or for a viewer, 401 without a session,
 * 400 for a bad body or a `confirm` that is not the cluster's name, 409 when the preflight says no.
 * Every attempt on a configured cluster is audited, refused ones included: who (or "(anonymous)"),
 * from which address and Origin, what, and why it was refused.
 */
export async function POST(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const runtime = await getRuntime();
  const auth = authContext(runtime.config);
  if (!auth || runtime.config.actions?.enabled !== true) return errorResponse(404, "actions are not enabled");
  const { name } = await context.params;
  const cluster = findCluster(runtime, name);
  const session = await callerOf(request, auth);
  const body = await readActionRequest(request);
  const attempt: Attempt = {
    cluster: cluster?.name ?? name,
    user: session,
    address: clientAddress(request, auth),
    origin: request.headers.get("origin"),
    request: body.ok ? body.data : null,
  };
  const refuse = async (status: number, outcome: ActionOutcome, message: string) => {
    // An unknown cluster is not audited: there is nothing there to act on, and a made-up name would
    // start a history of its own. Attempts without a session are kept up to a rate (see audit.ts).
    if (cluster && (session || admitUnsignedAudit(Date.now())))
      await recordAudit(runtime, attemptEvent(attempt, { at: Date.now(), outcome, status }));
    return errorResponse(status, message);
  };
  if (!sameOrigin(request))
    return refuse(403, "cross_origin", "cross-origin request refused (Origin must be this dashboard)");
  if (!session) return refuse(401, "unauthenticated", "sign in first");
  if (!cluster) return errorResponse(404, `no cluster named "${name}" is configured`);
  if (!mayAct(session.role))
    return refuse(403, "forbidden", `the role ${session.role} may not act on clusters`);
  if (!body.ok) return refuse(400, "invalid", `invalid action request: ${body.issues}`);
  if (ADMIN_ACTIONS.has(body.data.action) && session.role !== "admin")
    return refuse(403, "forbidden", `the role ${session.role} may not ${body.data.action}; an admin may`);
  if (body.data.action === "edit-config") {
    const problems = configProblems(cluster, body.data.config ?? {});
    if (problems.length > 0)
      return refuse(
        400,
        "invalid",
        `invalid configuration change: ${problems.map((p) => (p.key ? `${p.key}: ${p.code}` : p.code)).join("; ")}`,
      );
  }
  if (body.data.confirm !== cluster.name)
    return refuse(400, "bad_confirm", `confirm must be the cluster's name ("${cluster.name}")`);
  const result = await runAction(runtime, cluster, body.data, {
    session,
    address: attempt.address,
    origin: attempt.origin,
  });
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
