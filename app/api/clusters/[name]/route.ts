import { clusterDetailSchema } from "@/lib/domain/contracts";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { clusterSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await context.params;
  const detail = await clusterSnapshot(name);
  if (!detail) return errorResponse(404, `no cluster named "${name}" is configured`);
  return jsonResponse(clusterDetailSchema, detail);
}
