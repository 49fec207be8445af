// Benchmark: does the server's own live JS heap grow? The dashboard's server side in this process (the
// real config loader, poller, history store and the two hot routes' code, without Next.js) on the
// 100-cluster fleet simulator at an accelerated 1 s interval, with every bounded buffer full early
// (history_length 60) and a reader asking for the cluster list and one cluster's increments every
// 200 ms. Every 30 s: the heap in use after a forced full GC. Heap snapshots after warm-up and at the
// end, compared by kind: what grew (data objects, or V8's compiled code).
//
//   node --expose-gc --import ./scripts/register.mjs bench/server-heap.ts
//
// BENCH_DURATION_S (default 600), BENCH_WARMUP_S (default 120), BENCH_CLUSTERS (default 100),
// BENCH_SIM_PORT (default 27400: 3 ports per cluster, below the kernel's ephemeral range),
// BENCH_COUNTS_PORT (default 27390). Loopback only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import { loadConfig } from "@/lib/server/config/load";
import { clusterAnswer, clustersAnswer } from "@/lib/server/http/cluster-routes";
import { createRuntime, installRuntime, startPolling } from "@/lib/server/runtime";
import { openStorage } from "@/lib/server/storage/open";
import { sleep, startFleet, stopGroup } from "./support/processes";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 600);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 120);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const SAMPLE_S = 30;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (see the header)");

/** Self size by kind in a heap snapshot: V8's compiled code apart from data. */
function kinds(file: string): Map<string, number> {
  const snap = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const sizeAt = fields.indexOf("self_size");
  const sizes = new Map<string, number>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    sizes.set(type, (sizes.get(type) ?? 0) + snap.nodes[i + sizeAt]!);
  }
  return sizes;
}

const dir = mkdtempSync(join(tmpdir(), "pd-server-heap-"));
const config = join(dir, "fleet.yml");
const fleet = await startFleet({
  clusters: CLUSTERS,
  basePort: Number(process.env.BENCH_SIM_PORT ?? 27400),
  countsPort: Number(process.env.BENCH_COUNTS_PORT ?? 27390),
  configOut: config,
  pollIntervalS: 1,
});
try {
  writeFileSync(config, `history_length: 60\n${readFileSync(config, "utf8")}`);
  const settings = loadConfig({ DASHBOARD_CONFIG: config, DATA_DIR: join(dir, "data") }, process.cwd());
  const storage = settings.storage ? await openStorage(settings.storage) : null;
  const runtime = createRuntime(settings, null, storage);
  installRuntime(runtime);
  await startPolling(runtime);
  const names = runtime.clusters.map((c) => c.name);
  let reading = true;
  const reader = (async () => {
    const since = new Map<string, number>();
    for (let i = 0; reading; i++) {
      await clustersAnswer(null);
      const name = names[i % names.length]!;
      await clusterAnswer(name, since.has(name) ? String(since.get(name)) : null, null);
      since.set(name, Date.now() - 5000);
      await sleep(200);
    }
  })();
  const started = Date.now();
  const points: [number, number][] = [];
  let first: string | null = null;
  while (Date.now() - started < DURATION_S * 1000) {
    await sleep(SAMPLE_S * 1000);
    gc();
    const heapMb = v8.getHeapStatistics().used_heap_size / 1e6;
    const elapsed = (Date.now() - started) / 1000;
    // A cycle here is one poll of every cluster: the mean of the clusters' own poll counts (the poller's
    // loop may run the clusters in several groups per interval, each counted as a loop cycle).
    const polls = runtime.clusters.reduce((sum, c) => sum + c.cycle, 0) / runtime.clusters.length;
    console.log(
      `${elapsed.toFixed(0)} s, ${polls.toFixed(0)} polls per cluster (${runtime.poller.cycles} loop cycles): heap in use after GC ${heapMb.toFixed(1)} MB`,
    );
    if (elapsed < WARMUP_S) continue;
    points.push([polls, heapMb]);
    if (!first) first = v8.writeHeapSnapshot(join(dir, "after-warm-up.heapsnapshot"));
  }
  const last = v8.writeHeapSnapshot(join(dir, "end.heapsnapshot"));
  reading = false;
  await reader;
  runtime.poller.stop();
  installRuntime(null);
  await storage?.close();
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const slope =
    points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) /
    points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  console.log(
    `heap in use after GC: ${points[0]![1].toFixed(1)} → ${points[n - 1]![1].toFixed(1)} MB over polls ${points[0]![0].toFixed(0)} → ${points[n - 1]![0].toFixed(0)} per cluster; slope ${(slope * 1000).toFixed(2)} MB per 1,000 cycles`,
  );
  const before = kinds(first!);
  const after = kinds(last);
  const grew = [...after].map(([kind, size]) => [kind, (size - (before.get(kind) ?? 0)) / 1024] as const);
  grew.sort((a, b) => b[1] - a[1]);
  console.log(
    `grew between the snapshots, by kind: ${grew
      .filter(([, kb]) => Math.abs(kb) >= 1)
      .map(([kind, kb]) => `${kind} ${kb >= 0 ? "+" : ""}${kb.toFixed(0)} KB`)
      .join(", ")}`,
  );
} finally {
  await stopGroup(fleet.child);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
