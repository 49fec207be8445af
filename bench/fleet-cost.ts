// Benchmark: what holding a fleet costs the dashboard's server, with nobody looking at it.
//
//   npx next build && node --import ./scripts/register.mjs bench/fleet-cost.ts
//
// Starts the fleet simulator (BENCH_CLUSTERS, default 100, 3 nodes each, on 127.0.0.1 from
// BENCH_SIM_PORT) in a process of its own that counts every request by path, and the built app on
// BENCH_APP_PORT polling it every BENCH_INTERVAL_S (default 5). After BENCH_WARMUP_S (default 30) it
// reads the app's process tree from /proc for BENCH_WINDOW_S (default 60): CPU (% of one core: user +
// system time over wall time), RSS (mean and max of one sample a second), and the Patroni requests it
// made, split into the poll (/patroni, /cluster), the per-cycle and slow reads (/config, /history)
// and the endpoint-matrix probes (everything else).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireBuild, sleep, startApp, startFleet, stopGroup, usage } from "./support/processes";

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 31000);
const COUNTS_PORT = Number(process.env.BENCH_COUNTS_PORT ?? 31490);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 31400);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 5);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 30);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 60);

const POLL = ["/patroni", "/cluster"];
const READS = ["/config", "/history"];

function split(before: Record<string, number>, after: Record<string, number>) {
  const delta = (p: string) => (after[p] ?? 0) - (before[p] ?? 0);
  const total = Object.keys(after).reduce((sum, p) => sum + delta(p), 0);
  const poll = POLL.reduce((sum, p) => sum + delta(p), 0);
  const reads = READS.reduce((sum, p) => sum + delta(p), 0);
  return { total, poll, reads, probes: total - poll - reads, patroni: delta("/patroni") };
}

async function main(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-fleet-"));
  const config = join(dir, "fleet.yml");
  const sim = await startFleet({
    clusters: CLUSTERS,
    basePort: SIM_PORT,
    countsPort: COUNTS_PORT,
    configOut: config,
    pollIntervalS: INTERVAL_S,
  });
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  try {
    app = await startApp(APP_PORT, config);
    await sleep(WARMUP_S * 1000);
    const pid = app.pid!;
    const c0 = await sim.counts();
    const u0 = usage(pid);
    const t0 = performance.now();
    const rss: number[] = [];
    while (performance.now() - t0 < WINDOW_S * 1000) {
      await sleep(1000);
      rss.push(usage(pid).rssMb);
    }
    const u1 = usage(pid);
    const seconds = (performance.now() - t0) / 1000;
    const c1 = await sim.counts();
    const r = split(c0, c1);
    const cpu = (100 * (u1.cpuS - u0.cpuS)) / seconds;
    const intervals = seconds / INTERVAL_S;
    console.log(
      `${CLUSTERS} clusters × 3 nodes, poll every ${INTERVAL_S} s, no viewers; ${seconds.toFixed(0)} s window after ${WARMUP_S} s`,
    );
    console.log(`CPU: ${cpu.toFixed(1)} % of one core`);
    console.log(
      `RSS: mean ${(rss.reduce((a, b) => a + b, 0) / rss.length).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB`,
    );
    console.log(
      `Patroni requests per second: ${(r.total / seconds).toFixed(1)} (poll ${(r.poll / seconds).toFixed(1)}, /config + /history ${(r.reads / seconds).toFixed(1)}, probes ${(r.probes / seconds).toFixed(1)}); probes are ${((100 * r.probes) / r.total).toFixed(0)} % of all`,
    );
    console.log(`Poll cycles per interval per node: ${(r.patroni / (3 * CLUSTERS) / intervals).toFixed(2)}`);
  } finally {
    if (app) await stopGroup(app);
    await stopGroup(sim.child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
