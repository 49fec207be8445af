import { statusCheckAllSchema } from "@/lib/domain/contracts-status-check";
import { statusCheck } from "@/lib/domain/status-check";
import { jsonResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";
import { clusterSnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** Every cluster's verdict: 200 when all are OK, 503 when any has a critical alert or stale data. */
export async function GET(): Promise<Response> {
  const now = Date.now();
  const clusters = [];
  for (const { name } of (await getRuntime()).clusters) {
    const detail = await clusterSnapshot(name, now);
    if (detail) clusters.push(statusCheck(detail));
  }
  const ok = clusters.every((cluster) => cluster.ok);
  return jsonResponse(statusCheckAllSchema, { ok, clusters, generatedAt: now }, ok ? 200 : 503);
}
