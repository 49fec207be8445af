// Serves the built dashboard (`npm start` runs this through scripts/start.sh; tests and benches run it
// directly): Next.js's documented custom-server API behind our own node:http server, for three reasons.
//
// 1. x-dashboard-peer: every request reaches the app with this header set to the TCP peer's address,
//    and any value a client sent under that name is discarded first. Next hands route handlers no
//    socket, so this is the only address the app can trust (auth.proxy checks the reverse proxy's
//    address against it); a client can never choose it.
// 2. A fast path for GET /api/clusters and GET /api/clusters/{name}: answered by the route logic the
//    compiled app publishes on globalThis (lib/server/http/cluster-routes.ts, registered from
//    lib/server/start.ts) without Next's per-request pipeline, which cost ~50× a bare server's work per
//    request and starved the poller under load. Anything the hook declines goes to Next.
// 3. A turn gate in front of Next (createTurnGate): a few requests per turn of the event loop, so a
//    backlog of page and API requests never holds the poller's socket events back for long.
//
//   node scripts/serve.mjs [--port N] [--hostname H]     (defaults: $PORT or 3000, $BIND_ADDRESS or 127.0.0.1)
import http from "node:http";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import { scheduleHeapCompaction } from "./heap-compaction.mjs";
import { createRequestListener, createTurnGate, stampPeer } from "./serve-listener.mjs";

const FAST_ROUTES = Symbol.for("patroni-dashboard.fast-routes");

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const port = Number(option("port", process.env.PORT || "3000"));
const hostname = option("hostname", process.env.BIND_ADDRESS || "127.0.0.1");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `[patroni-dashboard] port must be a whole number from 0 to 65535, got "${option("port", process.env.PORT)}"`,
  );
  process.exit(1);
}

// Memory: the live heap of a 100-cluster fleet is ~50 MB, but with V8's default heap growth (up to 4×
// the live size before a full collection) the process swung between 190 and 310 MB RSS. Growing by at
// most 1.5× keeps it near 210 MB for about one more percent of a core (BENCHMARKS.md, fleet cost). A
// growth factor, not a limit: a larger fleet still gets all the heap it needs. V8 reads this flag at
// every collection, so setting it here at start-up takes effect. A --heap-growing-percent given on
// the command line wins.
if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent")))
  v8.setFlagsFromString("--heap-growing-percent=50");
// And a memory-reducing full collection every HEAP_COMPACT_INTERVAL_S (default 300; 0 = never): a
// server that is never idle never gets V8's own, and its reserved heap crept up by about 1 MB per 1,000
// poll cycles while the heap in use stayed flat (scripts/heap-compaction.mjs, BENCHMARKS.md soak).
// Node runs a timer longer than 2^31 - 1 ms after 1 ms instead: a month would mean a collection every ms.
const MAX_COMPACT_INTERVAL_S = Math.floor((2 ** 31 - 1) / 1000);
const compactEvery = Number(process.env.HEAP_COMPACT_INTERVAL_S || 300);
if (!(compactEvery >= 0 && compactEvery <= MAX_COMPACT_INTERVAL_S)) {
  console.error(
    `[patroni-dashboard] HEAP_COMPACT_INTERVAL_S must be a number of seconds (0 = never), got "${process.env.HEAP_COMPACT_INTERVAL_S}"; at most ${MAX_COMPACT_INTERVAL_S} (24 days)`,
  );
  process.exit(1);
}
if (compactEvery > 0)
  scheduleHeapCompaction(compactEvery * 1000, {
    onError: (err) =>
      console.error(
        `[patroni-dashboard] heap compaction is off: ${err instanceof Error ? err.message : err}`,
      ),
  });

// Set before Next loads: it reads both when its modules are first evaluated.
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { default: next } = await import("next");

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
// Tells the app that x-dashboard-peer comes from the socket (stampPeer), so auth.proxy may trust it.
globalThis[Symbol.for("patroni-dashboard.peer-stamped")] = true;
// Runs instrumentation.ts's register(): the runtime and the poller start, and the fast path is published.
await app.prepare();

// Requests for Next start at most this many per turn of the event loop (createTurnGate), so the poller's
// socket events are never queued behind a whole backlog of them. NEXT_REQUESTS_PER_TURN=0: no gate
// (the benches' "before").
const perTurn = Number(process.env.NEXT_REQUESTS_PER_TURN ?? 8);
const admit = perTurn > 0 ? createTurnGate(perTurn) : undefined;
const server = http.createServer(createRequestListener(handle, () => globalThis[FAST_ROUTES], admit));
server.on("upgrade", (req, socket, head) => {
  stampPeer(req);
  void app.getUpgradeHandler()(req, socket, head);
});

server.on("error", (err) => {
  console.error(`[patroni-dashboard] cannot listen on ${hostname}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(
    `[patroni-dashboard] listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
  );
});

// As `next start` does: stop accepting, let requests in flight finish, close Next, exit 128 + signal.
let stopping = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 5000).unref();
    server.close(() => {
      app
        .close()
        .catch((err) => console.error(err))
        .finally(() => process.exit(code));
    });
    server.closeIdleConnections();
  });
}
