import { eventsResponse } from "@/lib/server/storage/history-api";

export const dynamic = "force-dynamic";

/** One cluster's events from the history store, newest first (same filters as /api/events). */
export async function GET(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  return eventsResponse(request, name);
}
