import { clustersResponseSchema } from "@/lib/domain/contracts";
import { jsonResponse } from "@/lib/server/http/respond";
import { clustersSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return jsonResponse(clustersResponseSchema, await clustersSnapshot());
}
