import { PatroniHttpClient, type HttpResult } from "@/lib/server/patroni/client";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock, flush } from "./fake-clock";
import { FakeNode } from "./fake-node";

// The real pipeline (poller → store → view → alerts) over the real captures, for the diagnostics tests.

export const INTERVAL = 5_000;
export const SLOW = 30_000;
export const PROBE = 15_000;
/** After every capture (they were taken on 2026-11-25 between 18:56 and 19:30 UTC). */
export const AFTER_CAPTURES = Date.parse("2026-11-25T20:00:00Z");

export type Version = "patroni-3.0.2" | "patroni-4";

/**
 * Paths the captures lack, answered by the capture that gives the same status code:
 * - `/replica?lag=<maximum_lag_on_failover>` by `/replica?lag=1`: in every captured scenario a
 *   replica is either 0 bytes behind or several MB, so both limits give the same verdict;
 * - `/standby-leader` on 3.0.2 by `/standby`: both are 503 outside a standby cluster.
 */
export function captureAlias(version: Version): (path: string) => string {
  return (path) => {
    if (path.startsWith("/replica?lag=")) return "/replica_lag-1";
    if (version === "patroni-3.0.2" && path === "/standby-leader") return "/standby";
    return path;
  };
}

/** A real PatroniHttpClient (with its one-request-at-a-time queue) whose transport is the fake node. */
export function queuedClient(fake: FakeNode): PatroniHttpClient {
  const client = new PatroniHttpClient(fake.target);
  (client as unknown as { send: (path: string) => Promise<HttpResult> }).send = (path) => fake.get(path);
  return client;
}

const started: Poller[] = [];

/** Stops every pipeline's poller: call from afterEach, so a failed assertion cannot leave one running. */
export function stopPipelines(): void {
  for (const poller of started.splice(0)) poller.stop();
}

export function pipeline(
  version: Version,
  scenario: string,
  options: { probeIntervalMs?: number; start?: number } = {},
) {
  const clock = new FakeClock(options.start ?? AFTER_CAPTURES);
  const base = version === "patroni-4" ? 8108 : 8008;
  const nodes = [1, 2, 3].map((i) => {
    const node = new FakeNode(clock, `http://127.0.0.1:${base + i - 1}`, version, scenario, `node${i}`);
    node.alias = captureAlias(version);
    return node;
  });
  const cluster = new ClusterState("lab", 0, nodes.map(queuedClient), 100);
  const poller = new Poller([cluster], {
    intervalMs: INTERVAL,
    slowIntervalMs: SLOW,
    probeIntervalMs: options.probeIntervalMs,
    clock,
    random: () => 0.5,
  });
  started.push(poller);
  const setScenario = (name: string) => nodes.forEach((n) => (n.scenario = name));
  const detail = () =>
    buildDetail(cluster, clock.now(), INTERVAL, { probeIntervalMs: options.probeIntervalMs ?? null });
  /** One poll cycle per scenario, INTERVAL apart (the first at the clock's start). */
  const run = async (...scenarios: string[]) => {
    for (const [i, name] of scenarios.entries()) {
      if (i > 0 || poller.cycles > 0) await clock.advance(INTERVAL);
      setScenario(name);
      await poller.runCycle();
      await flush(); // probe rounds run beside the cycle; fake answers settle within a few ticks
    }
    return detail();
  };
  return { clock, nodes, cluster, poller, detail, run, setScenario };
}
