// Shared by the bench scripts: start the fleet simulator and the built app as child processes, read
// a process tree's CPU time and RSS from /proc, and drive HTTP load. Loopback only.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import { parseExposition, type Sample } from "../../tests/support/exposition";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The app's /metrics on `port`, parsed. */
export async function scrapeMetrics(port: number): Promise<Sample[]> {
  return parseExposition(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).samples;
}

export function requireBuild(): void {
  if (!existsSync(".next/BUILD_ID")) throw new Error("build first: npx next build");
}

/** A child in its own process group, so stopping it stops everything it started. */
function spawnGroup(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

export function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(-child.pid!, "SIGTERM");
  });
}

async function waitFor(url: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${what} did not start (${url})`);
}

/**
 * The fleet simulator with N 3-node clusters (support/counting-fleet.ts): writes the dashboard's config
 * file and counts every request its nodes receive, by path (`counts()`).
 */
export async function startFleet(opts: {
  clusters: number;
  basePort: number;
  countsPort: number;
  configOut: string;
  pollIntervalS: number;
}): Promise<{ child: ChildProcess; counts: () => Promise<Record<string, number>> }> {
  const child = spawnGroup(
    process.execPath,
    [
      "--import",
      "./scripts/register.mjs",
      "bench/support/counting-fleet.ts",
      String(opts.clusters),
      String(opts.basePort),
      String(opts.countsPort),
      opts.configOut,
      String(opts.pollIntervalS),
    ],
    {},
  );
  const url = `http://127.0.0.1:${opts.countsPort}/`;
  await waitFor(url, 60_000, "the fleet simulator");
  const counts = async () => (await (await fetch(url)).json()) as Record<string, number>;
  return { child, counts };
}

/** BENCH_NODE_FLAGS: V8/Node flags for the app's process (e.g. "--max-old-space-size=256"), to compare. */
function nodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
}

/** The built app (scripts/serve.mjs, as `npm start` runs it; no npx in between: the measured process is the server itself). */
export async function startApp(
  port: number,
  configFile: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawnGroup(
    process.execPath,
    [...nodeFlags(), "scripts/serve.mjs", "--port", String(port), "--hostname", "127.0.0.1"],
    // A fresh history store per run (unless the caller names one): with ./data, every run's events
    // piled into the next run's answers (the detail grew from 8 to 147 KB over a day of runs).
    {
      DASHBOARD_CONFIG: configFile,
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: mkdtempSync(join(tmpdir(), "pd-bench-data-")),
      ...env,
    },
  );
  await waitFor(`http://127.0.0.1:${port}/api/healthz`, 90_000, "the app");
  return child;
}

/** The pid and every descendant (next start may fork a worker). */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) and RSS in MB of a process tree, from /proc; RSS also split into
 * anonymous memory (heaps, malloc) and file-backed pages (code and mapped files). */
export function usage(pid: number): { cpuS: number; rssMb: number; anonMb: number; fileMb: number } {
  let cpuS = 0;
  let rssMb = 0;
  let anonMb = 0;
  let fileMb = 0;
  const kb = (status: string, field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  for (const p of tree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpuS += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      rssMb += kb(status, "VmRSS");
      anonMb += kb(status, "RssAnon");
      fileMb += kb(status, "RssFile");
    } catch {
      /* gone */
    }
  }
  return { cpuS, rssMb, anonMb, fileMb };
}

/** `clients` loops of GET `path` on 127.0.0.1:`port` for `seconds`; every latency in ms and the bytes. */
export async function load(
  port: number,
  path: string,
  clients: number,
  seconds: number,
  /** Each client offers the ETag of its last answer (If-None-Match), as the dashboard's pages do. */
  conditional = false,
  /** Sent with every request (a session cookie, say). */
  extraHeaders: Record<string, string> = {},
): Promise<{ latencies: number[]; bytes: number; statuses: Map<number, number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  const end = Date.now() + seconds * 1000;
  const one = (held: { etag: string | null }) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string> = {
        ...extraHeaders,
        ...(conditional && held.etag ? { "if-none-match": held.etag } : {}),
      };
      http
        .get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
          held.etag = typeof res.headers.etag === "string" ? res.headers.etag : held.etag;
          res.on("data", (chunk: Buffer) => (bytes += chunk.length));
          res.on("end", () => {
            latencies.push(performance.now() - started);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        })
        .on("error", reject);
    });
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const held = { etag: null as string | null };
      while (Date.now() < end) await one(held);
    }),
  );
  agent.destroy();
  return { latencies, bytes, statuses };
}
