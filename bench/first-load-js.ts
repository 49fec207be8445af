// First-load JavaScript per route, gzip: what a browser must download before a page is interactive.
//
//   npx next build && node --import ./scripts/register.mjs bench/first-load-js.ts
//
// Next 16's build no longer prints route sizes, so this serves the build (`scripts/serve.mjs` on the demo
// cluster, BENCH_APP_PORT default 23100, demo nodes on BENCH_DEMO_PORT.. default 23208) and measures
// each page with bench/first-load.ts. The budget (250 kB gzip) is enforced by
// tests/e2e/first-load-js.test.ts; this prints the figures for BENCHMARKS.md.
import { spawn } from "node:child_process";
import { FIRST_LOAD_BUDGET_KB, FIRST_LOAD_ROUTES, measureFirstLoad } from "./first-load";

const PORT = Number(process.env.BENCH_APP_PORT ?? 23100);
const DEMO = Number(process.env.BENCH_DEMO_PORT ?? 23208);

async function main(): Promise<void> {
  const app = spawn(
    process.execPath,
    ["scripts/serve.mjs", "--port", String(PORT), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DASHBOARD_CONFIG: "",
        PATRONI_NODES: "",
        DEMO_PORTS: `${DEMO},${DEMO + 1},${DEMO + 2}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
      detached: true,
    },
  );
  try {
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 240) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
    const rows: string[] = [];
    for (const route of FIRST_LOAD_ROUTES) {
      const { scripts, kb } = await measureFirstLoad(base, route);
      const verdict = kb <= FIRST_LOAD_BUDGET_KB ? "within" : "OVER";
      rows.push(
        `${route.padEnd(16)} ${scripts.length} scripts, ${kb.toFixed(1)} kB gzip (budget ${FIRST_LOAD_BUDGET_KB} kB: ${verdict})`,
      );
    }
    console.log(rows.join("\n"));
  } finally {
    process.kill(-app.pid!, "SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
