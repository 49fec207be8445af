import {
  demoStateSchema,
  demoTriggerRequestSchema,
  demoTriggerResponseSchema,
  type DemoState,
} from "@/lib/domain/demo";
import type { DemoCluster } from "@/lib/server/demo";
import { getBuiltInDemo } from "@/lib/server/demo/built-in";
import { readCappedJson } from "@/lib/server/http/body";
import { errorResponse, jsonResponse } from "@/lib/server/http/respond";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

/** {"scenario": "<name>"} is a few dozen bytes; anything past this is not a trigger. */
const MAX_BODY_BYTES = 4096;

// The demo cluster's control endpoint. It exists only while the built-in simulator runs (no
// configuration); with a configured cluster it answers 404 and can touch nothing.

async function demoCluster(): Promise<DemoCluster | null> {
  await getRuntime(); // the simulator starts with the runtime
  return (await getBuiltInDemo()) ?? null;
}

function stateOf(demo: DemoCluster): DemoState {
  const info = demo.info();
  return {
    version: info.version,
    scenario: info.scenario,
    triggeredAt: info.triggeredAtMs,
    settled: info.settled,
    leader: info.leader,
    timeline: info.timeline,
    nodes: info.nodes.map((n) => ({
      name: n.name,
      url: demo.nodes.find((d) => d.name === n.name)?.url ?? n.apiUrl,
      apiUp: n.apiUp,
    })),
  };
}

export async function GET(): Promise<Response> {
  const demo = await demoCluster();
  if (!demo) return errorResponse(404, "no demo cluster is running (a cluster is configured)");
  return jsonResponse(demoStateSchema, stateOf(demo));
}

/** POST {"scenario": "failover"}: JSON only, so a cross-site form cannot trigger it. */
export async function POST(request: Request): Promise<Response> {
  const demo = await demoCluster();
  if (!demo) return errorResponse(404, "no demo cluster is running (a cluster is configured)");
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    return errorResponse(415, 'send JSON: {"scenario": "<name>"}');
  }
  const sent = await readCappedJson(request, MAX_BODY_BYTES);
  if (!sent.ok)
    return sent.problem === "too_large"
      ? errorResponse(413, `the body is over ${MAX_BODY_BYTES} bytes`)
      : errorResponse(400, "the body is not JSON");
  const parsed = demoTriggerRequestSchema.safeParse(sent.value);
  if (!parsed.success) return errorResponse(400, `scenario: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const result = await demo.trigger(parsed.data.scenario);
  const body = {
    ok: result.ok,
    scenario: parsed.data.scenario,
    message: result.ok ? result.message : result.error,
    state: stateOf(demo),
  };
  return jsonResponse(demoTriggerResponseSchema, body, result.ok ? 200 : 409);
}
