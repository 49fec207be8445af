import { clustersAnswer, toResponse } from "@/lib/server/http/cluster-routes";

export const dynamic = "force-dynamic";

// The logic lives in lib/server/http/cluster-routes.ts, shared with scripts/serve.mjs's fast path.
export async function GET(request: Request): Promise<Response> {
  return toResponse(await clustersAnswer(request.headers.get("if-none-match")));
}
