// Benchmark: does HTTP load on our API slow the poller down? Poll cycles and probe rounds per interval,
// idle and with 200 API clients flat out, at a 2 s and a 5 s poll interval, on 100 simulated clusters.
//
//   npx next build && node --import ./scripts/register.mjs bench/cadence-load.ts
//
// The fleet simulator (BENCH_CLUSTERS, default 100 × 3 nodes, from BENCH_SIM_PORT) counts every request
// it receives. For each interval in BENCH_INTERVALS (default "2,5") the built app starts on
// BENCH_APP_PORT with that poll_interval (probe_interval 15 s), warms up for BENCH_WARMUP_S (default 20),
// then two back-to-back windows of BENCH_WINDOW_S (default 45, a multiple of both intervals and of the
// probe interval, so both windows see the same phase): idle, then BENCH_CLIENTS (default 200) keep-alive
// clients asking GET /api/clusters/{name} and GET /api/clusters back-to-back (BENCH_LOAD_PATHS, comma
// separated, names other paths: e.g. "/api/healthz,/api/status" for routes Next.js serves). A poll
// cycle is one /patroni per node; a probe round is one /liveness per node (asked in every round, full or
// partial). Each window also reports the Patroni requests the app counted as failed (its /metrics).
// NEXT_REQUESTS_PER_TURN reaches the app (scripts/serve.mjs's turn gate; 0 = none) to compare.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  load,
  percentile,
  requireBuild,
  scrapeMetrics,
  sleep,
  startApp,
  startFleet,
  stopGroup,
} from "./support/processes";

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 31000);
const COUNTS_PORT = Number(process.env.BENCH_COUNTS_PORT ?? 31490);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 31400);
const INTERVALS = (process.env.BENCH_INTERVALS ?? "2,5").split(",").map(Number);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 20);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 45);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const PROBE_S = 15;
const LOAD_PATHS = (process.env.BENCH_LOAD_PATHS ?? "/api/clusters/demo-001,/api/clusters").split(",");

/**
 * Patroni requests the app counted as failed (timeouts, refusals, …) so far, from its /metrics: cycles
 * above idle under load are re-reads after such failures, not a faster pace.
 */
async function requestErrors(): Promise<number> {
  return (await scrapeMetrics(APP_PORT))
    .filter((s) => s.name === "patroni_dashboard_poll_request_errors_total")
    .reduce((sum, s) => sum + s.value, 0);
}

async function main(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-cadence-"));
  const fleetConfig = join(dir, "fleet.yml");
  const sim = await startFleet({
    clusters: CLUSTERS,
    basePort: SIM_PORT,
    countsPort: COUNTS_PORT,
    configOut: fleetConfig,
    pollIntervalS: 5,
  });
  const nodes = 3 * CLUSTERS;
  const rows: string[] = [];
  try {
    for (const interval of INTERVALS) {
      const config = join(dir, `fleet-${interval}.yml`);
      const text = readFileSync(fleetConfig, "utf8").replace(/^poll_interval: .*$/m, "");
      writeFileSync(config, `poll_interval: ${interval}\nprobe_interval: ${PROBE_S}\n${text}`);
      const app = await startApp(APP_PORT, config);
      try {
        await sleep(WARMUP_S * 1000);
        const window = async (clients: number) => {
          const before = await sim.counts();
          const started = performance.now();
          const errorsBefore = await requestErrors();
          let latencies: number[] = [];
          if (clients === 0) await sleep(WINDOW_S * 1000);
          else {
            const each = Math.max(1, Math.round(clients / LOAD_PATHS.length));
            const served = await Promise.all(LOAD_PATHS.map((path) => load(APP_PORT, path, each, WINDOW_S)));
            latencies = served.flatMap((s) => s.latencies);
          }
          const after = await sim.counts();
          // The window as it really lasted: clients finish the request they are in when it ends, and a
          // slow route (a page: p99 of seconds) would otherwise be credited with cycles of that overrun.
          const seconds = (performance.now() - started) / 1000;
          const errors = (await requestErrors()) - errorsBefore;
          const delta = (p: string) => (after[p] ?? 0) - (before[p] ?? 0);
          return {
            cycles: delta("/patroni") / nodes / (seconds / interval),
            rounds: delta("/liveness") / nodes / (seconds / PROBE_S),
            latencies,
            errors,
            seconds,
          };
        };
        const idle = await window(0);
        const busy = await window(CLIENTS);
        rows.push(
          `poll ${interval} s: cycles per interval idle ${idle.cycles.toFixed(3)}, loaded ${busy.cycles.toFixed(3)} (ratio ${(busy.cycles / idle.cycles).toFixed(2)}); ` +
            `probe rounds per ${PROBE_S} s idle ${idle.rounds.toFixed(3)}, loaded ${busy.rounds.toFixed(3)} (ratio ${(busy.rounds / idle.rounds).toFixed(2)}); ` +
            `failed Patroni requests idle ${idle.errors}, loaded ${busy.errors}; ` +
            `API under load: ${(busy.latencies.length / busy.seconds).toFixed(0)} req/s, p50 ${percentile(busy.latencies, 50).toFixed(0)} ms, p99 ${percentile(busy.latencies, 99).toFixed(0)} ms`,
        );
        console.log(rows.at(-1));
      } finally {
        await stopGroup(app);
      }
    }
  } finally {
    await stopGroup(sim.child);
  }
  console.log(
    `${CLUSTERS} clusters × 3 nodes, ${CLIENTS} clients on ${LOAD_PATHS.join(" and ")}, ${WINDOW_S} s windows after ${WARMUP_S} s`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
