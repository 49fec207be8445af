import { errorResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** Prometheus text exposition of every cluster and member the dashboard sees, and of its own poller. */
export async function GET(): Promise<Response> {
  const { metrics } = await getRuntime();
  if (!metrics) return errorResponse(503, "metrics are not available in this runtime");
  const text = await metrics.scrape();
  return new Response(text, {
    headers: { "Content-Type": metrics.contentType, "Cache-Control": "no-store" },
  });
}
