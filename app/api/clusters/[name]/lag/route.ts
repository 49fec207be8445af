import { lagHistoryResponse } from "@/lib/server/storage/history-api";

export const dynamic = "force-dynamic";

/** Replication lag over 1h (raw samples), 6h, 24h or 7d (the worst value per bucket of the 1-minute rollups). */
export async function GET(
  request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  return lagHistoryResponse(request, name);
}
