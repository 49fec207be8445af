import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { alertCandidates } from "@/lib/domain/alert-rules";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { startDemoCluster } from "@/lib/server/demo";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";

// Regression: with the demo's node-down (and leaderless) scenario the dead node got lag_over_threshold
// (1.9 MB) next to node_unreachable for several seconds: its last WAL position, as the DCS still listed
// it, was compared with the leader's moving one. A member whose own data is stale has unknown lag:
// shown as unknown, never alerted, never charted. The real simulator over HTTP on 127.0.0.1, the real
// client, poller and store; the simulator and the poller share one hand-moved clock.

const INTERVAL = 5000;

async function run(scenario: string) {
  const clock = { t: Date.UTC(2026, 11, 2, 3, 0, 0) };
  const demo = await startDemoCluster({ ports: [0, 0, 0], seed: 7, now: () => clock.t, syncIntervalMs: 10 });
  const state = new ClusterState(
    "demo",
    0,
    demo.urls.map(
      (url) =>
        new PatroniHttpClient({ url, auth: null, tls: null, timeoutMs: 2000, maxBodyBytes: 4 * 1024 * 1024 }),
    ),
    100,
    true,
  );
  const poller = new Poller([state], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30_000,
    clock: {
      now: () => clock.t,
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    random: () => 0.5,
  });
  const step = async (ms: number): Promise<ClusterDetail> => {
    clock.t += ms;
    await new Promise((resolve) => setTimeout(resolve, 40)); // the simulator's sync loop catches up
    await poller.runCycle();
    return buildDetail(state, clock.t, INTERVAL);
  };
  try {
    for (let i = 0; i < 3; i++) await step(INTERVAL);
    const result = await demo.trigger(scenario);
    assert.ok(result.ok, JSON.stringify(result));
    const since = clock.t;
    const views: ClusterDetail[] = [];
    // A minute of simulated time, sampled every second (the failover watch) or every interval.
    for (let i = 0; i < 40; i++) views.push(await step(poller.intervalFor(state, clock.t)));
    return { views, since, samples: state.lagSamples.toArray() };
  } finally {
    await demo.stop();
  }
}

function check(views: ClusterDetail[], since: number, samples: { t: number; member: string }[]) {
  let stale = 0;
  for (const detail of views) {
    const alerts = alertCandidates(detail, detail.generatedAt);
    for (const m of detail.members) {
      if (m.reachable === true && m.observedAt === detail.generatedAt) continue;
      if (m.reachable === null && m.observedAt === null) continue; // never polled
      stale += 1;
      assert.equal(m.receiveLagBytes, null, `${m.name} at +${detail.generatedAt - since} ms: receive lag`);
      assert.equal(m.replayLagBytes, null, `${m.name}: replay lag`);
      assert.equal(m.dcsLagBytes, null, `${m.name}: DCS lag`);
      assert.ok(
        !alerts.some((a) => a.code === "lag_over_threshold" && a.member === m.name),
        `${m.name} alerted lag_over_threshold at +${detail.generatedAt - since} ms`,
      );
      assert.ok(
        !samples.some((s) => s.member === m.name && s.t === detail.generatedAt),
        `${m.name} charted at +${detail.generatedAt - since} ms`,
      );
    }
  }
  assert.ok(stale > 0, "the scenario made some member's data stale");
}

describe("a member whose data is stale has unknown lag", () => {
  test("node-down", { timeout: 30_000 }, async () => {
    const { views, since, samples } = await run("node-down");
    check(views, since, samples);
  });

  test("leaderless", { timeout: 30_000 }, async () => {
    const { views, since, samples } = await run("leaderless");
    check(views, since, samples);
  });
});
