import { cachedJsonResponse, errorResponse } from "@/lib/server/http/respond";
import { clusterBody } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  // ?since=T (epoch ms): only the lag samples newer than T; the reader already holds the older ones.
  const raw = new URL(request.url).searchParams.get("since");
  const since = raw === null ? null : Number(raw);
  if (since !== null && (raw!.trim() === "" || !Number.isSafeInteger(since) || since < 0))
    return errorResponse(400, `since must be a time in epoch milliseconds, got "${raw!.slice(0, 40)}"`);
  // Checked against the contract when the cached view is serialised (lib/server/snapshot.ts).
  const body = await clusterBody(name, since);
  if (body === null) return errorResponse(404, `no cluster named "${name}" is configured`);
  return cachedJsonResponse(request, body);
}
