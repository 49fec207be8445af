import { explorerExchangeSchema } from "@/lib/domain/explorer";
import { noteExplorerExchange } from "@/lib/server/exercises/tracker";
import { explore } from "@/lib/server/explorer/explore";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { findCluster, getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/**
 * The Lab 1 explorer: GET ?path=<id> sends that listed path (lib/domain/explorer.ts) to the member and
 * returns the exchange as `curl -i` shows it. Only a path id is read from the request, never a path.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ name: string; member: string }> },
): Promise<Response> {
  const { name, member } = await context.params;
  const cluster = findCluster(await getRuntime(), name);
  if (!cluster) return errorResponse(404, `no cluster named "${name}" is configured`);
  const pathId = new URL(request.url).searchParams.get("path");
  const outcome = await explore(cluster, member, pathId);
  if (!outcome.ok) {
    const response = errorResponse(outcome.status, outcome.error);
    if (outcome.retryAfterSeconds) response.headers.set("Retry-After", String(outcome.retryAfterSeconds));
    return response;
  }
  // The demo's guided exercises tick on what the explorer actually relayed (e.g. /primary → 200).
  noteExplorerExchange(cluster, outcome.exchange);
  return jsonResponse(explorerExchangeSchema, outcome.exchange);
}
