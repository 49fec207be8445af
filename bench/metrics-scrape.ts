// Benchmark: what a Prometheus scrape of /metrics and the notifier's per-cycle comparison cost.
//
//   node --import ./scripts/register.mjs bench/metrics-scrape.ts [clusters=100]
//
// In process, no network: N clusters of 3 members each, filled by the real poller from the real 4.1.4
// captures (a healthy cluster; every 10th one with a dead leader, so alerts fire), then:
//   1. one scrape = every view built once + the exposition text (prom-client), p50/p99 over 50 scrapes,
//      and the text's size;
//      and how much of it is building the views (which the notifier also does once per poll cycle);
//   2. Notifier.observe over every cluster's alerts (what each poll cycle adds), p50/p99 over 200 calls,
//      with a webhook whose sends never settle (no network is touched).
import { performance } from "node:perf_hooks";
import { lagThreshold } from "@/lib/domain/member-rules";
import { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { Notifier } from "@/lib/server/notify/notifier";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../tests/support/fake-clock";
import { FakeNode } from "../tests/support/fake-node";

const CLUSTERS = Number(process.argv[2] ?? 100);
const INTERVAL = 5000;

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const clock = new FakeClock();
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => {
    const nodes = [1, 2, 3].map(
      (i) =>
        new FakeNode(clock, `http://127.0.0.1:${10000 + c * 3 + i}`, "patroni-4", "a-healthy", `node${i}`),
    );
    if (c % 10 === 0) nodes[0]!.mode = "refused";
    return new ClusterState(
      `c${c}`,
      c,
      nodes.map((n) => n.asClient()),
      50,
    );
  });
  const poller = new Poller(clusters, { intervalMs: INTERVAL, slowIntervalMs: 30000, clock });
  await poller.runCycle();
  const details = () => clusters.map((cluster) => buildDetail(cluster, clock.now(), INTERVAL));
  const metrics = new DashboardMetrics({
    details,
    lastCycleAt: () => poller.lastCycleAt,
    pollerRunning: () => true,
    lagWarningBytes: (detail) => lagThreshold(detail),
  });

  const scrapes: number[] = [];
  let bytes = 0;
  let series = 0;
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const text = await metrics.scrape();
    scrapes.push(performance.now() - started);
    bytes = Buffer.byteLength(text);
    series = text.split("\n").filter((line) => line && !line.startsWith("#")).length;
  }

  const builds: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    details();
    builds.push(performance.now() - started);
  }

  const notifier = new Notifier(
    {
      webhooks: [{ url: "http://127.0.0.1:9/x", minSeverity: "info", format: "json" }],
      reminderIntervalMs: null,
    },
    { clock, send: () => new Promise(() => {}), log: () => {} },
  );
  const alerts = details().map((d) => ({ cluster: d.name, alerts: d.alerts }));
  const firing = alerts.reduce((sum, c) => sum + c.alerts.length, 0);
  const observes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    notifier.observe(alerts);
    observes.push(performance.now() - started);
  }
  notifier.stop();

  console.log(`clusters: ${CLUSTERS} × 3 members, alerts firing: ${firing}`);
  console.log(
    `GET /metrics scrape: p50 ${percentile(scrapes, 50).toFixed(1)} ms, p99 ${percentile(scrapes, 99).toFixed(1)} ms; ` +
      `${(bytes / 1024).toFixed(1)} KiB, ${series} samples`,
  );
  console.log(
    `  of which building the ${CLUSTERS} views: p50 ${percentile(builds, 50).toFixed(1)} ms, p99 ${percentile(builds, 99).toFixed(1)} ms ` +
      "(the same views the notifier compares after each poll cycle)",
  );
  console.log(
    `notifier.observe per cycle: p50 ${percentile(observes, 50).toFixed(3)} ms, p99 ${percentile(observes, 99).toFixed(3)} ms`,
  );
}

await main();
