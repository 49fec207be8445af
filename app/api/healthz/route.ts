import { healthzSchema } from "@/lib/domain/contracts";
import { jsonResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** The dashboard's own health: is the poller running and has it completed a recent cycle? */
export async function GET(): Promise<Response> {
  const runtime = await getRuntime();
  const { poller, config } = runtime;
  const now = Date.now();
  const recent =
    poller.lastCycleAt !== null &&
    now - poller.lastCycleAt <= 3 * config.pollIntervalMs + config.requestTimeoutMs;
  const status = poller.lastCycleAt === null ? "starting" : poller.isRunning && recent ? "ok" : "degraded";
  return jsonResponse(
    healthzSchema,
    {
      status,
      source: config.source,
      clusters: runtime.clusters.length,
      pollerRunning: poller.isRunning,
      lastCycleAt: poller.lastCycleAt,
      uptimeMs: now - runtime.startedAt,
    },
    status === "degraded" ? 503 : 200,
  );
}
