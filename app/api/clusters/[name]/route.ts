import { errorResponse } from "@/lib/server/http/respond";
import { clusterJson } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  // Checked against the contract when the cached view is serialised (lib/server/snapshot.ts).
  const json = await clusterJson(name);
  if (json === null) return errorResponse(404, `no cluster named "${name}" is configured`);
  return new Response(json, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
