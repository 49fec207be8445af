import type { z } from "zod";
import { demoTriggerResponseSchema, type DemoScenario } from "@/lib/domain/demo";
import { FetchError } from "./fetch-json";
import { apiPaths } from "./keys";

// The demo panel's one write: POST /api/demo {"scenario": name}. JSON only, which is also what keeps
// a cross-site form from triggering it. 200 (started) and 409 (refused, with the simulator's reason)
// both carry the same body and are answers, not errors; anything else throws a FetchError.

export type DemoTriggerResponse = z.infer<typeof demoTriggerResponseSchema>;

export async function postDemoScenario(scenario: DemoScenario): Promise<DemoTriggerResponse> {
  let response: Response;
  try {
    response = await fetch(apiPaths.demo(), {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ scenario }),
    });
  } catch (err) {
    throw new FetchError("network", err instanceof Error ? err.message : String(err));
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: handled below
  }
  if (response.status !== 200 && response.status !== 409) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new FetchError(
      "http",
      typeof error === "string" ? error : `HTTP ${response.status}`,
      response.status,
    );
  }
  const parsed = demoTriggerResponseSchema.safeParse(body);
  if (!parsed.success) throw new FetchError("parse", parsed.error.message, response.status);
  return parsed.data;
}
