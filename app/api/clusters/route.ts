import { cachedJsonResponse } from "@/lib/server/http/respond";
import { clustersBody } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  // Checked against the contract when the list is serialised, once per change (lib/server/snapshot.ts).
  return cachedJsonResponse(request, await clustersBody());
}
