import type { DashboardConfig } from "@/lib/server/config/load";

/**
 * A dashboard config as the loader would produce it for a file with no clusters, the defaults' intervals
 * and a 50-entry history: the base every in-process runtime of the unit tests starts from.
 */
export function testConfig(overrides: Partial<DashboardConfig> = {}): DashboardConfig {
  return {
    source: "file",
    file: null,
    pollIntervalMs: 5000,
    slowPollIntervalMs: 30000,
    probeIntervalMs: 15000,
    requestTimeoutMs: 2500,
    historyLength: 50,
    clusters: [],
    ...overrides,
  };
}
