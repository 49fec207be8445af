import "server-only";
import type { z } from "zod";
import {
  eventsQuerySchema,
  eventsResponseSchema,
  LAG_BUCKET_MS,
  LAG_RANGE_MS,
  LAG_RANGES,
  lagHistoryResponseSchema,
  type LagRange,
} from "@/lib/domain/history-events";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { findCluster, getRuntime } from "@/lib/server/runtime";

// The history routes' shared handlers: query parameters checked with the contract's zod schemas (a bad
// one is a 400 naming it), then one read from the store. Nothing here calls Patroni.

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.join(".");
  return field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
}

/** GET /api/events and /api/clusters/{name}/events (then `cluster` is the path's). */
export async function eventsResponse(request: Request, clusterInPath?: string): Promise<Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = eventsQuerySchema.safeParse(params);
  if (!parsed.success) return errorResponse(400, firstIssue(parsed.error));
  const runtime = await getRuntime();
  if (clusterInPath !== undefined && !findCluster(runtime, clusterInPath))
    return errorResponse(404, `no cluster named "${clusterInPath}" is configured`);
  if (!runtime.storage) return errorResponse(503, "the history store is not enabled in this process");
  const q = parsed.data;
  try {
    const events = await runtime.storage.events({
      cluster: clusterInPath ?? q.cluster,
      member: q.member,
      since: q.since,
      until: q.until,
      kinds: q.kind,
      limit: q.limit,
    });
    return jsonResponse(eventsResponseSchema, { events });
  } catch (err) {
    console.error("[storage] reading events failed:", err);
    return errorResponse(503, "the history store cannot be read right now");
  }
}

/** GET /api/clusters/{name}/lag?range=1h|6h|24h|7d: raw samples for 1h, worst per bucket beyond. */
export async function lagHistoryResponse(
  request: Request,
  cluster: string,
  now = Date.now(),
): Promise<Response> {
  const range = new URL(request.url).searchParams.get("range") ?? "1h";
  if (!(LAG_RANGES as readonly string[]).includes(range))
    return errorResponse(400, `range must be one of ${LAG_RANGES.join(", ")}`);
  const runtime = await getRuntime();
  if (!findCluster(runtime, cluster))
    return errorResponse(404, `no cluster named "${cluster}" is configured`);
  if (!runtime.storage) return errorResponse(503, "the history store is not enabled in this process");
  const r = range as LagRange;
  const from = now - LAG_RANGE_MS[r];
  try {
    const points = await runtime.storage.lag({ cluster, from, to: now, bucketMs: LAG_BUCKET_MS[r] });
    return jsonResponse(lagHistoryResponseSchema, {
      cluster,
      range: r,
      from,
      to: now,
      bucketMs: LAG_BUCKET_MS[r],
      points,
    });
  } catch (err) {
    console.error("[storage] reading lag history failed:", err);
    return errorResponse(503, "the history store cannot be read right now");
  }
}
