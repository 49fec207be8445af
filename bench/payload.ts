// Benchmark: how many bytes a cluster screen's refresh downloads, the longer the server has run.
//
//   node --import ./scripts/register.mjs bench/payload.ts
//
// In process, no network: one 3-node cluster filled by the real poller from the real 4.1.4 captures
// (5 s interval on a fake clock, the default 720-cycle history), answered by the real route handler.
// At 5 min, 25 min, 1 h and 2 h of polling it prints the size of: the whole answer (a first load, or
// what every refresh downloaded before ?since=), a refresh one interval later (?since= the newest
// sample the screen held), and a refresh that finds nothing changed (If-None-Match: 304).
import { GET } from "@/app/api/clusters/[name]/route";
import { clusterDetailSchema } from "@/lib/domain/contracts";
import { clusterUrl } from "@/lib/query/cluster-merge";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../tests/support/fake-clock";
import { FakeNode } from "../tests/support/fake-node";

const INTERVAL = 5000;
const HISTORY = 720;

async function main(): Promise<void> {
  const clock = new FakeClock(Date.now());
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
  );
  const cluster = new ClusterState(
    "lab",
    0,
    nodes.map((n) => n.asClient()),
    HISTORY,
  );
  const poller = new Poller([cluster], { intervalMs: INTERVAL, slowIntervalMs: 30_000, clock });
  installRuntime({
    config: {
      source: "file",
      file: null,
      pollIntervalMs: INTERVAL,
      slowPollIntervalMs: 30_000,
      probeIntervalMs: 15_000,
      requestTimeoutMs: 2500,
      historyLength: HISTORY,
      clusters: [],
    },
    clusters: [cluster],
    poller,
    demo: null,
    startedAt: 0,
  });
  const get = (path: string, etag?: string) =>
    GET(new Request(`http://x${path}`, { headers: etag ? { "if-none-match": etag } : {} }), {
      params: Promise.resolve({ name: "lab" }),
    });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log("one 3-node cluster, 5 s interval, history_length 720");
  console.log("after   | whole answer | refresh (?since=) | refresh, nothing changed (304)");
  let cycles = 0;
  for (const minutes of [5, 25, 60, 120]) {
    const target = (minutes * 60_000) / INTERVAL;
    for (; cycles < target - 1; cycles++) {
      await clock.advance(INTERVAL);
      await poller.runCycle();
    }
    // The screen holds the answer of one interval ago, then refreshes.
    const held = clusterDetailSchema.parse(await (await get("/api/clusters/lab")).json());
    await clock.advance(INTERVAL);
    await poller.runCycle();
    cycles++;
    const whole = await (await get("/api/clusters/lab")).text();
    const refresh = await get(clusterUrl("/api/clusters/lab", held));
    const refreshBytes = (await refresh.clone().text()).length;
    const again = await get(clusterUrl("/api/clusters/lab", held), refresh.headers.get("etag") ?? "");
    const againBytes = (await again.text()).length;
    console.log(
      `${String(minutes).padStart(3)} min | ${kb(whole.length).padStart(12)} | ${kb(refreshBytes).padStart(17)} | ${again.status} ${kb(againBytes)}`,
    );
  }
  installRuntime(null);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
