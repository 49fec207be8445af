import { demoExercisesRequestSchema, demoExercisesSchema } from "@/lib/domain/demo";
import { exerciseTracker } from "@/lib/server/exercises/tracker";
import { readCappedJson } from "@/lib/server/http/body";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";
import type { ClusterState } from "@/lib/server/store/cluster-state";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1024;

// The demo's guided exercises: which of the course's tasks the dashboard has seen done in this run.
// Only while the built-in simulator runs; with a configured cluster it answers 404.

async function demoCluster(): Promise<ClusterState | null> {
  const runtime = await getRuntime();
  return runtime.demo ? (runtime.clusters.find((c) => c.demo) ?? null) : null;
}

function answer(cluster: ClusterState): Response {
  return jsonResponse(demoExercisesSchema, exerciseTracker(cluster).state(cluster.eventLog.entries()));
}

export async function GET(): Promise<Response> {
  const cluster = await demoCluster();
  if (!cluster) return errorResponse(404, "no demo cluster is running (a cluster is configured)");
  return answer(cluster);
}

/** POST {"action": "reset"}: start the checklist over for a new group. JSON only (no cross-site form). */
export async function POST(request: Request): Promise<Response> {
  const cluster = await demoCluster();
  if (!cluster) return errorResponse(404, "no demo cluster is running (a cluster is configured)");
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    return errorResponse(415, 'send JSON: {"action": "reset"}');
  }
  const sent = await readCappedJson(request, MAX_BODY_BYTES);
  if (!sent.ok)
    return sent.problem === "too_large"
      ? errorResponse(413, `the body is over ${MAX_BODY_BYTES} bytes`)
      : errorResponse(400, "the body is not JSON");
  if (!demoExercisesRequestSchema.safeParse(sent.value).success)
    return errorResponse(400, 'send {"action": "reset"}');
  exerciseTracker(cluster).reset(Date.now());
  return answer(cluster);
}
