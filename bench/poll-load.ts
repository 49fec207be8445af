// Benchmark: does the number of viewers change the load on Patroni, and how fast is our API?
//
//   npx next build && node --import ./scripts/register.mjs bench/poll-load.ts
//
// Starts three Patroni stand-ins on 127.0.0.1 that replay the real 4.1.4 captures and count every
// request, plus a "black hole" (accepts connections, never answers), then runs the built app
// (`scripts/serve.mjs`) against them and measures:
//   1. Patroni requests per poll cycle and per probe round with 1 client, 200 viewers polling every
//      second, and 200 clients flat out (must be equal), and how many cycles fit in each interval;
//   2. GET /api/clusters/{name} p50/p99 with all nodes healthy vs with one node black-holed.
// Ports: BENCH_APP_PORT (default 23100); the stand-ins use free ephemeral ports. Loopback only.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 23100);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 2);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 20);
const CLIENTS = 200;

function capture(node: string, endpoint: string): { status: number; text: string } {
  const file = join("tests", "fixtures", "patroni-4", "a-healthy", node, `${endpoint}.json`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { status: number; body: unknown };
  return { status: parsed.status, text: JSON.stringify(parsed.body) };
}

interface StandIn {
  url: string;
  count: (path?: string) => number;
  close: () => void;
}

async function standIn(node: string): Promise<StandIn> {
  const requests = new Map<string, number>();
  const server = http.createServer((req, res) => {
    requests.set(req.url ?? "", (requests.get(req.url ?? "") ?? 0) + 1);
    const endpoint = (req.url ?? "/").split("?")[0]!.slice(1) || "root";
    const file = join("tests", "fixtures", "patroni-4", "a-healthy", node, `${endpoint}.json`);
    if (!existsSync(file)) return void res.writeHead(503).end();
    const { status, text } = capture(node, endpoint);
    res.writeHead(status, { "Content-Type": "application/json", Connection: "close" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const count = (path?: string) =>
    path ? (requests.get(path) ?? 0) : [...requests.values()].reduce((a, b) => a + b, 0);
  return { url: `http://127.0.0.1:${port}`, count, close: () => server.close() };
}

async function blackHole(): Promise<StandIn> {
  let connections = 0;
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => connections,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

async function startApp(nodes: string[]): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-"));
  const config = join(dir, "bench.yml");
  writeFileSync(
    config,
    `poll_interval: ${INTERVAL_S}\nrequest_timeout: 2.5\nclusters:\n  - name: bench\n    nodes: [${nodes.join(", ")}]\n`,
  );
  const child = spawn(
    process.execPath,
    ["scripts/serve.mjs", "--port", String(APP_PORT), "--hostname", "127.0.0.1"],
    {
      env: { ...process.env, DASHBOARD_CONFIG: config, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
      detached: true,
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${APP_PORT}/api/healthz`);
      if (res.status === 200) return child;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error("the app did not start");
}

function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGTERM");
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `clients` loops of GET /api/clusters/bench for `seconds`; returns every latency in ms. */
async function load(clients: number, seconds: number, pauseMs = 0): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      http
        .get({ host: "127.0.0.1", port: APP_PORT, path: "/api/clusters/bench", agent }, (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            resolve();
          });
        })
        .on("error", reject);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        await one();
        if (pauseMs) await sleep(pauseMs);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Window {
  perCycle: number;
  cyclesPerInterval: number;
  probesPerRound: number;
  slow: number;
  latencies: number[];
}

const POLL_PATHS = ["/patroni", "/cluster"];
const SLOW_PATHS = ["/history", "/config"];

/**
 * Load for one window, counting what reached the stand-ins: requests per poll cycle (a cycle = one
 * /patroni to node1), cycles per interval, and the slow-cadence reads (/history, /config) apart.
 */
async function measure(nodes: StandIn[], clients: number, pauseMs = 0): Promise<Window> {
  const sum = (paths: string[]) =>
    nodes.reduce((acc, n) => acc + paths.reduce((a, p) => a + n.count(p), 0), 0);
  const all = () => nodes.reduce((acc, n) => acc + n.count(), 0);
  const snap = () => ({
    poll: sum(POLL_PATHS),
    slow: sum(SLOW_PATHS),
    all: all(),
    cycles: nodes[0]!.count("/patroni"),
    // /liveness is asked in every round, full or partial (lib/server/poller/probes.ts EVERY_ROUND).
    rounds: nodes[0]!.count("/liveness"),
  });
  const a = snap();
  const latencies = await load(clients, WINDOW_S, pauseMs);
  const b = snap();
  const cycles = b.cycles - a.cycles;
  const probes = b.all - a.all - (b.poll - a.poll) - (b.slow - a.slow);
  return {
    perCycle: (b.poll - a.poll) / cycles,
    cyclesPerInterval: cycles / (WINDOW_S / INTERVAL_S),
    probesPerRound: b.rounds > a.rounds ? probes / (b.rounds - a.rounds) : 0,
    slow: b.slow - a.slow,
    latencies,
  };
}

async function main(): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("build first: npx next build");
  const nodes = [await standIn("node1"), await standIn("node2"), await standIn("node3")];
  const hole = await blackHole();
  const rows: string[] = [];
  try {
    let app = await startApp(nodes.map((n) => n.url));
    await sleep(2 * INTERVAL_S * 1000); // past the first cycles and the first slow reads
    const one = await measure(nodes, 1);
    const viewers = await measure(nodes, CLIENTS, 1000);
    const many = await measure(nodes, CLIENTS);
    await stopApp(app);
    rows.push(
      `Patroni poll requests per cycle (3 nodes × /patroni + /cluster): 1 client ${one.perCycle.toFixed(2)}, ${CLIENTS} viewers (1 req/s each) ${viewers.perCycle.toFixed(2)}, ${CLIENTS} clients flat out ${many.perCycle.toFixed(2)}`,
    );
    rows.push(
      `Probe requests per endpoint-matrix round: 1 client ${one.probesPerRound.toFixed(2)}, ${CLIENTS} viewers ${viewers.probesPerRound.toFixed(2)}, ${CLIENTS} flat out ${many.probesPerRound.toFixed(2)}`,
    );
    rows.push(
      `Poll cycles per ${INTERVAL_S} s interval: 1 client ${one.cyclesPerInterval.toFixed(2)}, ${CLIENTS} viewers ${viewers.cyclesPerInterval.toFixed(2)}, ${CLIENTS} flat out ${many.cyclesPerInterval.toFixed(2)}`,
    );
    rows.push(
      `GET /api/clusters/bench, ${CLIENTS} viewers (1 req/s each): p50 ${percentile(viewers.latencies, 50).toFixed(1)} ms, p99 ${percentile(viewers.latencies, 99).toFixed(1)} ms`,
    );
    rows.push(
      `Slow reads (/history + /config) in ${WINDOW_S} s: 1 client ${one.slow}, ${CLIENTS} clients ${many.slow}`,
    );
    rows.push(
      `API requests served in ${WINDOW_S} s: 1 client ${one.latencies.length}, ${CLIENTS} clients ${many.latencies.length}`,
    );
    rows.push(
      `GET /api/clusters/bench, 1 client, healthy:             p50 ${percentile(one.latencies, 50).toFixed(1)} ms, p99 ${percentile(one.latencies, 99).toFixed(1)} ms`,
    );
    rows.push(
      `GET /api/clusters/bench, ${CLIENTS} clients, healthy:      p50 ${percentile(many.latencies, 50).toFixed(1)} ms, p99 ${percentile(many.latencies, 99).toFixed(1)} ms`,
    );

    app = await startApp([nodes[0]!.url, nodes[1]!.url, hole.url]);
    await sleep(2 * INTERVAL_S * 1000);
    const holed = await measure(nodes.slice(0, 2), CLIENTS);
    await stopApp(app);
    rows.push(
      `GET /api/clusters/bench, ${CLIENTS} clients, 1 black-holed: p50 ${percentile(holed.latencies, 50).toFixed(1)} ms, p99 ${percentile(holed.latencies, 99).toFixed(1)} ms`,
    );
    rows.push(
      `p99 ratio black-holed / healthy: ${(percentile(holed.latencies, 99) / percentile(many.latencies, 99)).toFixed(2)}`,
    );
    rows.push(
      `black hole: ${hole.count()} connections in ${WINDOW_S + 2 * INTERVAL_S} s (one at a time, backed off)`,
    );
  } finally {
    nodes.forEach((n) => n.close());
    hole.close();
  }
  console.log(rows.join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
