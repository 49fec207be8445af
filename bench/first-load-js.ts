// First-load JavaScript per route, gzip: what a browser must download before a page is interactive.
//
//   npx next build && node --import ./scripts/register.mjs bench/first-load-js.ts
//
// Next 16's build no longer prints route sizes, so this serves the build (`next start` on the demo
// cluster, BENCH_APP_PORT default 23100, demo nodes on BENCH_DEMO_PORT.. default 23208), reads every
// <script src> of each page's HTML (module-capable browsers skip `noModule`), and gzips those files.
// Budget: the cluster page at or under 250 kB gzip.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const PORT = Number(process.env.BENCH_APP_PORT ?? 23100);
const DEMO = Number(process.env.BENCH_DEMO_PORT ?? 23208);
const BUDGET_KB = 250;

async function main(): Promise<void> {
  const app = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DASHBOARD_CONFIG: "",
      PATRONI_NODES: "",
      DEMO_PORTS: `${DEMO},${DEMO + 1},${DEMO + 2}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
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
    for (const route of ["/", "/clusters/demo"]) {
      const html = await (await fetch(`${base}${route}`)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)]
        .map((m) => m[1]!)
        .filter((attrs) => !/\bnoModule\b/i.test(attrs))
        .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
        .filter((src): src is string => !!src && src.startsWith("/_next/static/"));
      const unique = [...new Set(scripts)];
      const bytes = unique.reduce(
        (sum, src) =>
          sum +
          gzipSync(readFileSync(join(".next", "static", src.slice("/_next/static/".length).split("?")[0]!)))
            .length,
        0,
      );
      const kb = bytes / 1000;
      rows.push(
        `${route.padEnd(16)} ${unique.length} scripts, ${kb.toFixed(1)} kB gzip${route.startsWith("/clusters") ? ` (budget ${BUDGET_KB} kB: ${kb <= BUDGET_KB ? "within" : "OVER"})` : ""}`,
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
