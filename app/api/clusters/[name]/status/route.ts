import { statusCheckSchema } from "@/lib/domain/contracts-status-check";
import { statusCheck } from "@/lib/domain/status-check";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { clusterSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** One cluster's verdict for an uptime checker: 200 with no critical alert and fresh data, else 503. */
export async function GET(
  _request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  const detail = await clusterSnapshot(name);
  if (!detail) return errorResponse(404, `no cluster named "${name}" is configured`);
  const check = statusCheck(detail);
  return jsonResponse(statusCheckSchema, check, check.ok ? 200 : 503);
}
