// Benchmark: what our two busiest routes cost next to a bare Node `http` server serving the same bytes.
//
//   npx next build && node --import ./scripts/register.mjs bench/route-cost.ts
//
// Starts the fleet simulator (BENCH_CLUSTERS clusters, default 100, on 127.0.0.1 from BENCH_SIM_PORT),
// the built app on BENCH_APP_PORT polling it every 5 s, then a bare `http.createServer` in its own
// process on BENCH_BARE_PORT answering with the bytes the app just served (same headers). Both are
// loaded by BENCH_CLIENTS keep-alive clients (default 50), in alternating windows of BENCH_WINDOW_S
// seconds (default 8; two windows each), so both sides see the same noise on this shared machine.
// Prints requests per second, p50/p99 and the app/bare ratio for GET /api/clusters and
// GET /api/clusters/{name} (and GET /api/healthz, the framework's floor), and the cost of an answer the reader already holds (If-None-Match: 304).
// BENCH_AUTH=login: the app requires a login to view (`auth.viewers: login`); the app's clients send a
// signed-in viewer's session cookie, so every request pays for the viewer check.
import { spawn } from "node:child_process";
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, percentile, requireBuild, sleep, startApp, startFleet, stopGroup } from "./support/processes";

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100);
const SIM_PORT = Number(process.env.BENCH_SIM_PORT ?? 31000);
const COUNTS_PORT = Number(process.env.BENCH_COUNTS_PORT ?? 31490);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 31400);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 31401);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 8);
const LOGIN = process.env.BENCH_AUTH === "login";
const PASSWORD = "bench-password";

/** A signed-in viewer's session cookie ("name=value"). */
async function signIn(): Promise<string> {
  const url = `http://127.0.0.1:${APP_PORT}`;
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ username: "bench", password: PASSWORD }),
  });
  await res.arrayBuffer();
  if (res.status !== 204) throw new Error(`signing in answered ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

// The bare server: the same bytes and headers, nothing else (no routing, no framework).
const BARE = `
const http = require("node:http");
const fs = require("node:fs");
const bodies = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
http.createServer((req, res) => {
  const body = bodies[req.url];
  if (!body) return res.writeHead(404).end();
  if (req.headers["if-none-match"] === body.etag)
    return res.writeHead(304, { ETag: body.etag, "Cache-Control": "no-store" }).end();
  res.writeHead(200, { "Content-Type": "application/json", ETag: body.etag, "Cache-Control": "no-store" });
  res.end(body.json);
}).listen(Number(process.argv[2]), "127.0.0.1");
`;

async function main(): Promise<void> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-route-"));
  const config = join(dir, "fleet.yml");
  const sim = await startFleet({
    clusters: CLUSTERS,
    basePort: SIM_PORT,
    countsPort: COUNTS_PORT,
    configOut: config,
    pollIntervalS: 5,
  });
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  let bare: ReturnType<typeof spawn> | null = null;
  try {
    if (LOGIN)
      writeFileSync(
        config,
        `${readFileSync(config, "utf8")}\nauth:\n  viewers: login\n  users:\n    - { username: bench, password_hash: "${bcrypt.hashSync(PASSWORD, 4)}", role: viewer }\n`,
      );
    app = await startApp(APP_PORT, config);
    const auth: Record<string, string> = LOGIN ? { cookie: await signIn() } : {};
    await sleep(6000); // past the first cycles and probe rounds
    const detailPath = "/api/clusters/demo-001";
    // /api/healthz: a handler that does almost nothing, i.e. the framework's own cost per request.
    const paths = ["/api/clusters", detailPath, "/api/healthz"];
    const bodies: Record<string, { json: string; etag: string }> = {};
    for (const path of paths) {
      const res = await fetch(`http://127.0.0.1:${APP_PORT}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
      bodies[path] = { json: await res.text(), etag: res.headers.get("etag") ?? "" };
    }
    const file = join(dir, "bodies.json");
    writeFileSync(file, JSON.stringify(bodies));
    bare = spawn(process.execPath, ["-e", BARE, file, String(BARE_PORT)], {
      stdio: "ignore",
      detached: true,
    });
    await sleep(500);

    console.log(
      `${CLUSTERS} clusters × 3 nodes, poll 5 s; ${CLIENTS} keep-alive clients; 2 × ${WINDOW_S} s windows per side, alternating${LOGIN ? "; viewers: login, the app's clients signed in" : ""}`,
    );
    for (const path of paths) {
      // NOTE: concat, not push(...): a window of a bare server's latencies can exceed the argument limit.
      const side = { app: [] as number[], bare: [] as number[] };
      for (let round = 0; round < 2; round++) {
        const served = await load(APP_PORT, path, CLIENTS, WINDOW_S, false, auth);
        // Only full answers count: a refused or failed request is cheaper and would flatter the app.
        const other = [...served.statuses].filter(([status]) => status !== 200);
        if (other.length > 0)
          throw new Error(`GET ${path}: answers other than 200: ${JSON.stringify(other)}`);
        side.app = side.app.concat(served.latencies);
        side.bare = side.bare.concat((await load(BARE_PORT, path, CLIENTS, WINDOW_S)).latencies);
      }
      const rate = (l: number[]) => l.length / (2 * WINDOW_S);
      const describe = (l: number[]) =>
        `${rate(l).toFixed(0)} req/s, p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms`;
      const label = path === detailPath ? "GET /api/clusters/{name}" : `GET ${path}`;
      console.log(`${label} (${(bodies[path]!.json.length / 1024).toFixed(1)} KB)`);
      console.log(`  app:  ${describe(side.app)}`);
      console.log(`  bare: ${describe(side.bare)}`);
      console.log(`  app / bare throughput: ${(rate(side.app) / rate(side.bare)).toFixed(2)}`);
    }
    // Readers that offer the ETag of their last answer: 304 without a body until the view changes.
    const again = await load(APP_PORT, detailPath, CLIENTS, WINDOW_S, true, auth);
    const notModified = again.statuses.get(304) ?? 0;
    console.log(
      `GET /api/clusters/{name} with If-None-Match (app): ${(again.latencies.length / WINDOW_S).toFixed(0)} req/s, ${((100 * notModified) / again.latencies.length).toFixed(1)} % answered 304, ${(again.bytes / again.latencies.length).toFixed(0)} body bytes per answer on average`,
    );
  } finally {
    if (bare) process.kill(-bare.pid!, "SIGTERM");
    if (app) await stopGroup(app);
    await stopGroup(sim.child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
