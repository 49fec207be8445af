import { alertsResponseSchema } from "@/lib/domain/contracts";
import { jsonResponse } from "@/lib/server/http/respond";
import { alertsSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** Every cluster's alerts: `{ alerts: [{ cluster, code, severity, member, since, params }], generatedAt }`. */
export async function GET(): Promise<Response> {
  return jsonResponse(alertsResponseSchema, await alertsSnapshot());
}
