import "server-only";
import { stringify } from "yaml";
import { DEMO_HOST, DEMO_NODE_NAMES, type DemoVersion, isDemoScenario } from "./constants";
import type { DemoClusterInfo } from "./model";
import { normaliseSeed } from "./random";
import type { TriggerResult } from "./scenarios";
import { type DemoCluster, startDemoCluster } from "./server";

// A fleet: N independent demo clusters (3 nodes each) in one process, on consecutive loopback ports
// from a base port, each with its own scope (demo-001, demo-002, …) and its own seed derived from
// the fleet's seed. One timer advances every cluster (300 per-node timers would cost more than the
// nodes themselves); requests advance their own cluster lazily anyway.

export const FLEET_MAX_CLUSTERS = 1000;
const NODES_PER_CLUSTER = DEMO_NODE_NAMES.length;

export interface DemoFleetOptions {
  /** How many clusters (1–1000). */
  clusters: number;
  /** node1 of the first cluster listens here; cluster i node j on basePort + 3·i + j. */
  basePort: number;
  /** Scope prefix (default "demo"): scopes are demo-001, demo-002, … (3 digits, more past 999). */
  prefix?: string;
  seed?: number | string;
  version?: DemoVersion;
  host?: string;
  /** Scenarios to start right away, by scope: { "demo-007": "node-down" }. */
  scenarios?: Readonly<Record<string, string>>;
  /** One loop for the whole fleet (default 250 ms). */
  syncIntervalMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface DemoFleetCluster {
  scope: string;
  cluster: DemoCluster;
}

export interface DemoFleet {
  clusters: DemoFleetCluster[];
  get(scope: string): DemoCluster | undefined;
  /** Starts scenario `name` on cluster `scope`; an unknown scope is refused, never guessed. */
  trigger(scope: string, name: string): Promise<TriggerResult | { ok: false; error: string }>;
  info(): (DemoClusterInfo & { urls: string[] })[];
  stop(): Promise<void>;
}

/** demo-001 … demo-100: zero-padded so the names sort the way they count. */
export function fleetScopes(count: number, prefix = "demo"): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, "0")}`);
}

/** Each cluster's seed: the fleet seed and the scope, so one cluster's state never depends on N. */
export function fleetClusterSeed(seed: number | string | undefined, scope: string): number {
  return normaliseSeed(`${String(seed ?? 1)}/${scope}`);
}

export function fleetPorts(basePort: number, index: number): number[] {
  return DEMO_NODE_NAMES.map((_, j) => basePort + index * NODES_PER_CLUSTER + j);
}

export function validateFleetOptions(options: DemoFleetOptions): void {
  const { clusters, basePort, prefix = "demo" } = options;
  if (!Number.isInteger(clusters) || clusters < 1 || clusters > FLEET_MAX_CLUSTERS) {
    throw new Error(
      `fleet: clusters must be a whole number from 1 to ${FLEET_MAX_CLUSTERS}, got ${clusters}`,
    );
  }
  const last = basePort + clusters * NODES_PER_CLUSTER - 1;
  if (!Number.isInteger(basePort) || basePort < 1 || last > 65535) {
    throw new Error(
      `fleet: ${clusters} clusters need ports ${basePort}–${last}; the base port must be 1–${65536 - clusters * NODES_PER_CLUSTER}`,
    );
  }
  // The scope becomes the dashboard's cluster name, which is used in URLs (config schema's rule).
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,50}$/.test(prefix)) {
    throw new Error(`fleet: prefix "${prefix}" must be letters, digits, '.', '_' or '-'`);
  }
  const scopes = new Set(fleetScopes(clusters, prefix));
  for (const [scope, scenario] of Object.entries(options.scenarios ?? {})) {
    if (!scopes.has(scope)) throw new Error(`fleet: no cluster named "${scope}" (have ${prefix}-001…)`);
    if (!isDemoScenario(scenario)) throw new Error(`fleet: unknown scenario "${scenario}" for ${scope}`);
  }
}

export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  validateFleetOptions(options);
  const host = options.host ?? DEMO_HOST;
  const log = options.log ?? (() => {});
  const scopes = fleetScopes(options.clusters, options.prefix);
  const started: DemoFleetCluster[] = [];
  try {
    for (const [i, scope] of scopes.entries()) {
      const cluster = await startDemoCluster({
        scope,
        seed: fleetClusterSeed(options.seed, scope),
        version: options.version,
        host,
        now: options.now,
        ports: fleetPorts(options.basePort, i),
        syncIntervalMs: 0,
        log,
      });
      started.push({ scope, cluster });
    }
  } catch (err) {
    await Promise.all(started.map((c) => c.cluster.stop()));
    throw err;
  }
  const byScope = new Map(started.map((c) => [c.scope, c.cluster]));

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  const syncAll = () => (pending = Promise.all(started.map((c) => c.cluster.sync())));
  const interval = options.syncIntervalMs ?? 250;
  // Self-rescheduling (never setInterval): a slow round delays the next instead of piling up.
  const loop = () => {
    timer = setTimeout(() => {
      void syncAll().finally(() => {
        if (!stopped) loop();
      });
    }, interval);
  };
  if (interval > 0) loop();

  for (const [scope, scenario] of Object.entries(options.scenarios ?? {})) {
    const result = await byScope.get(scope)!.trigger(scenario);
    log(`[fleet] ${scope} ${scenario}: ${result.ok ? result.message : `refused: ${result.error}`}`);
  }

  return {
    clusters: started,
    get: (scope) => byScope.get(scope),
    async trigger(scope, name) {
      const cluster = byScope.get(scope);
      if (!cluster) return { ok: false, error: `no cluster named "${scope}"` };
      return cluster.trigger(name);
    },
    info: () => started.map((c) => ({ ...c.cluster.info(), urls: c.cluster.urls })),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pending.catch(() => {});
      await Promise.all(started.map((c) => c.cluster.stop()));
    },
  };
}

/**
 * A patroni-dashboard.yml that points the dashboard at every cluster of the fleet. Durations are
 * seconds, as in the config file; omitted ones keep the dashboard's defaults.
 */
export function fleetConfigYaml(
  clusters: readonly { scope: string; urls: readonly string[] }[],
  intervals: { poll_interval?: number; probe_interval?: number; request_timeout?: number } = {},
): string {
  const doc = {
    ...intervals,
    clusters: clusters.map((c) => ({ name: c.scope, nodes: [...c.urls] })),
  };
  return `# Written by npm run demo:sim -- --clusters ${clusters.length}: the simulated fleet.\n${stringify(doc)}`;
}
