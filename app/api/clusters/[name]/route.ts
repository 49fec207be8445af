import { clusterAnswer, toResponse } from "@/lib/server/http/cluster-routes";

export const dynamic = "force-dynamic";

// The logic lives in lib/server/http/cluster-routes.ts, shared with scripts/serve.mjs's fast path.
export async function GET(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  const since = new URL(request.url).searchParams.get("since");
  return toResponse(await clusterAnswer(name, since, request.headers.get("if-none-match")));
}
