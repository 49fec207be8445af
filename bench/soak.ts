// Benchmark: weeks unattended, compressed. The server on the fleet simulator at an accelerated poll
// interval and a real Chromium on the NOC wall, rotating; does memory stay flat?
//
//   npx next build && node --import ./scripts/register.mjs bench/soak.ts
//
// BENCH_DURATION_S (default 3600: 3,600 cycles at 1 s), BENCH_WARMUP_S (default 120, excluded from the
// slope), BENCH_INTERVAL_S (default 1), BENCH_CLUSTERS (default 100), BENCH_PATH (default
// /wall?rotate=5&rotate_all=1, so the rotation keeps visiting cluster details), BENCH_HISTORY_LENGTH
// (default: the dashboard's 720 cycles; the bounded buffers grow until then). Every BENCH_SAMPLE_S
// (default 10) it reads the server's RSS (its process tree, from /proc) and the page's JS heap after a
// forced garbage collection (Chrome DevTools Protocol), the server's own heap from its /metrics, and
// counts poll cycles from the simulator's /patroni requests; prints a line per sample, then the
// least-squares slope of each after warm-up, in MB per 1,000 cycles.
// Ports: BENCH_SIM_PORT (31000…), BENCH_COUNTS_PORT, BENCH_APP_PORT, BENCH_SERVER_INSPECT_PORT (below).
// Loopback only.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { sample } from "../tests/support/exposition";
import {
  requireBuild,
  scrapeMetrics,
  sleep,
  startApp,
  startFleet,
  stopGroup,
  usage,
} from "./support/processes";

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 31000);
const COUNTS_PORT = Number(process.env.BENCH_COUNTS_PORT ?? 31490);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 31400);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 1);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 3600);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 120);
const SAMPLE_S = Number(process.env.BENCH_SAMPLE_S ?? 10);
const PATH = process.env.BENCH_PATH ?? "/wall?rotate=5&rotate_all=1";
/** history_length for the app (default: the dashboard's 720); smaller fills every bounded buffer sooner. */
const HISTORY = process.env.BENCH_HISTORY_LENGTH;

interface Sample {
  cycles: number;
  rssMb: number;
  heapMb: number;
  /** The server's RSS split: anonymous (heaps, malloc) and file-backed (code, mapped files). */
  anonMb: number;
  fileMb: number;
  /** The server's own V8 heap and off-heap memory, from its /metrics (process metrics). */
  server: Record<"heapUsedMb" | "heapTotalMb" | "externalMb" | "codeMb", number> & {
    /** Heap in use right after a forced full collection (NaN unless BENCH_SERVER_INSPECT_PORT). */
    retainedMb: number;
  };
}

/**
 * BENCH_SERVER_INSPECT_PORT: the app runs with the Node inspector on this loopback port, and every
 * sample first forces a full garbage collection in the server too, so "server heap" is what it keeps
 * alive (run the bench with `node --experimental-websocket` on Node 20). It changes what it measures —
 * collections every sample keep the heap small — so it tells retained data from heap sizing, nothing
 * more.
 */
const INSPECT_PORT = process.env.BENCH_SERVER_INSPECT_PORT;

/** One DevTools Protocol session on the server's inspector: send a method, get its result. */
async function inspectServer(
  port: string,
): Promise<{ send: (method: string) => Promise<unknown>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const waiting = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  };
  let id = 0;
  return {
    send: (method) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        socket.send(JSON.stringify({ id, method }));
      }),
    close: () => socket.close(),
  };
}

/** The server's V8 heap in use and reserved, its external memory and code space, in MB, from /metrics. */
async function serverMemory(port: number): Promise<Omit<Sample["server"], "retainedMb">> {
  const samples = await scrapeMetrics(port);
  const mb = (name: string, labels: Record<string, string> = {}) =>
    (sample(samples, name, labels) ?? Number.NaN) / 2 ** 20;
  return {
    heapUsedMb: mb("nodejs_heap_size_used_bytes"),
    heapTotalMb: mb("nodejs_heap_size_total_bytes"),
    externalMb: mb("nodejs_external_memory_bytes"),
    codeMb: mb("nodejs_heap_space_size_used_bytes", { space: "code" }),
  };
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

async function main(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-soak-"));
  const fleetConfig = join(dir, "fleet.yml");
  const sim = await startFleet({
    clusters: CLUSTERS,
    basePort: SIM_PORT,
    countsPort: COUNTS_PORT,
    configOut: fleetConfig,
    pollIntervalS: INTERVAL_S,
  });
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const config = join(dir, "soak.yml");
    const fleet = readFileSync(fleetConfig, "utf8");
    writeFileSync(config, HISTORY ? `history_length: ${Number(HISTORY)}\n${fleet}` : fleet);
    if (INSPECT_PORT)
      process.env.BENCH_NODE_FLAGS = `${process.env.BENCH_NODE_FLAGS ?? ""} --inspect=127.0.0.1:${INSPECT_PORT}`;
    app = await startApp(APP_PORT, config);
    const server = INSPECT_PORT ? await inspectServer(INSPECT_PORT) : null;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: "dark" });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`http://127.0.0.1:${APP_PORT}${PATH}`);
    const nodes = 3 * CLUSTERS;
    const first = (await sim.counts())["/patroni"] ?? 0;
    const samples: Sample[] = [];
    const started = Date.now();
    while (Date.now() - started < DURATION_S * 1000) {
      await sleep(SAMPLE_S * 1000);
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
      const counts = await sim.counts();
      let retainedMb = Number.NaN;
      if (server) {
        await server.send("HeapProfiler.collectGarbage");
        retainedMb = ((await server.send("Runtime.getHeapUsage")) as { usedSize: number }).usedSize / 2 ** 20;
      }
      const own = usage(app.pid!);
      const sample: Sample = {
        cycles: ((counts["/patroni"] ?? 0) - first) / nodes,
        rssMb: own.rssMb,
        anonMb: own.anonMb,
        fileMb: own.fileMb,
        heapMb: heap.usedSize / 2 ** 20,
        server: { ...(await serverMemory(APP_PORT)), retainedMb },
      };
      samples.push(sample);
      // One line per sample: a long run shows its progress, and a stopped run keeps what it measured.
      const { heapUsedMb, heapTotalMb, externalMb, codeMb, retainedMb: kept } = sample.server;
      console.log(
        `t=${((Date.now() - started) / 1000).toFixed(0)} s  cycles ${sample.cycles.toFixed(0)}  RSS ${own.rssMb.toFixed(1)} MB (anon ${own.anonMb.toFixed(1)}, file ${own.fileMb.toFixed(1)})  server heap ${heapUsedMb.toFixed(1)}/${heapTotalMb.toFixed(1)} MB${server ? ` (after GC ${kept.toFixed(1)})` : ""}, code ${codeMb.toFixed(1)}, external ${externalMb.toFixed(1)}  page heap ${sample.heapMb.toFixed(1)} MB`,
      );
    }
    const warm = samples.filter((_, i) => (i + 1) * SAMPLE_S > WARMUP_S);
    const at = (s: Sample | undefined) =>
      s ? `${s.cycles.toFixed(0)} cycles: RSS ${s.rssMb.toFixed(0)} MB, heap ${s.heapMb.toFixed(1)} MB` : "-";
    console.log(
      `${CLUSTERS} clusters × 3 nodes, poll every ${INTERVAL_S} s, history_length ${HISTORY ?? 720}, Chromium on ${PATH}, ${DURATION_S} s (${WARMUP_S} s warm-up)`,
    );
    console.log(`after warm-up  ${at(warm[0])}`);
    console.log(`end            ${at(warm.at(-1))}`);
    console.log(
      `max            RSS ${Math.max(...warm.map((s) => s.rssMb)).toFixed(0)} MB, heap ${Math.max(...warm.map((s) => s.heapMb)).toFixed(1)} MB`,
    );
    const perK = (pick: (s: Sample) => number) =>
      (1000 * slope(warm.map((s) => [s.cycles, pick(s)]))).toFixed(2);
    console.log(
      `slope after warm-up, MB per 1,000 cycles: RSS anon ${perK((s) => s.anonMb)}, file ${perK((s) => s.fileMb)}; server heap used ${perK((s) => s.server.heapUsedMb)}${server ? ` (after GC ${perK((s) => s.server.retainedMb)})` : ""}, reserved ${perK((s) => s.server.heapTotalMb)}, code ${perK((s) => s.server.codeMb)}, external ${perK((s) => s.server.externalMb)}`,
    );
    console.log(
      `slope after warm-up: server RSS ${(1000 * slope(warm.map((s) => [s.cycles, s.rssMb]))).toFixed(2)} MB per 1,000 cycles, page JS heap ${(1000 * slope(warm.map((s) => [s.cycles, s.heapMb]))).toFixed(2)} MB per 1,000 cycles`,
    );
    // A growth that is settling shows a smaller slope over the later half than over the whole.
    const late = warm.slice(Math.floor(warm.length / 2));
    if (late.length >= 2)
      console.log(
        `slope over the later half (from ${late[0]!.cycles.toFixed(0)} cycles): server RSS ${(1000 * slope(late.map((s) => [s.cycles, s.rssMb]))).toFixed(2)} MB per 1,000 cycles, page JS heap ${(1000 * slope(late.map((s) => [s.cycles, s.heapMb]))).toFixed(2)} MB per 1,000 cycles`,
      );
    server?.close();
  } finally {
    await browser.close();
    if (app) await stopGroup(app);
    await stopGroup(sim.child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
