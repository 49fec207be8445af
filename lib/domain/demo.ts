import { z } from "zod";

// The demo cluster's control contract, shared by the route handler, the demo panel and the tests.
// A scenario is chosen by NAME only: nothing a client sends is ever a URL to fetch.

/** Scenario names, exactly as the control API and the UI spell them. */
export const DEMO_SCENARIOS = [
  "healthy",
  "switchover",
  "failover",
  "lag-spike",
  "node-down",
  "maintenance",
  "pending-restart",
  "leaderless",
  "cascade",
  "nofailover",
  "replay-paused",
  "quorum",
  "dcs-lost",
  "scheduled-switchover",
  "restart",
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

export function isDemoScenario(name: string): name is DemoScenario {
  return (DEMO_SCENARIOS as readonly string[]).includes(name);
}

export const demoTriggerRequestSchema = z.strictObject({ scenario: z.enum(DEMO_SCENARIOS) });

export const demoStateSchema = z.object({
  version: z.string(),
  scenario: z.enum(DEMO_SCENARIOS),
  triggeredAt: z.number().nullable(),
  /** Nothing more will change on its own. */
  settled: z.boolean(),
  leader: z.string().nullable(),
  timeline: z.number(),
  /** Where the simulated nodes listen (127.0.0.1:8008–8010, or free ports when those were taken). */
  nodes: z.array(z.object({ name: z.string(), url: z.string(), apiUp: z.boolean() })),
});
export type DemoState = z.infer<typeof demoStateSchema>;

export const demoTriggerResponseSchema = z.object({
  ok: z.boolean(),
  scenario: z.enum(DEMO_SCENARIOS),
  message: z.string(),
  state: demoStateSchema,
});
