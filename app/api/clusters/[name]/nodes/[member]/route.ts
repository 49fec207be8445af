import { nodeDetailSchema } from "@/lib/domain/contracts";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { nodeSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** One member's own /patroni, explained, with the raw body (read from the store, never from Patroni). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ name: string; member: string }> },
): Promise<Response> {
  const { name, member } = await context.params;
  const { cluster, node } = await nodeSnapshot(name, member);
  if (!cluster) return errorResponse(404, `no cluster named "${name}" is configured`);
  if (!node) return errorResponse(404, `cluster "${name}" has no member named "${member}"`);
  return jsonResponse(nodeDetailSchema, node);
}
