import { eventsResponse } from "@/lib/server/storage/history-api";

export const dynamic = "force-dynamic";

/** `{ events: [...] }` from the history store, newest first; filters cluster, member, since, until, kind, limit. */
export async function GET(request: Request): Promise<Response> {
  return eventsResponse(request);
}
