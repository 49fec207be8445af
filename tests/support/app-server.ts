import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "./lab";

// Runs the built app (scripts/serve.mjs, exactly as `npm start` runs it) for browser tests, on TEST_APP_PORT.

export interface AppServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL the server's whole process group and wait for it to go (a crash, not a shutdown). */
  crash(): Promise<void>;
}

export async function startApp(
  env: Record<string, string>,
  port = Number(process.env.TEST_APP_PORT ?? 23000),
): Promise<AppServer> {
  let output = "";
  // Each server keeps its history in its own DATA_DIR unless the test names one (to restart on it):
  // one test's stored events must never show up in another's screens.
  const ownDataDir = env.DATA_DIR ? null : mkdtempSync(join(tmpdir(), "pd-app-data-"));
  const cleanup = () => ownDataDir && rmSync(ownDataDir, { recursive: true, force: true });
  const child: ChildProcess = spawn(
    process.execPath,
    ["scripts/serve.mjs", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DASHBOARD_CONFIG: "",
        PATRONI_NODES: "",
        ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      "the app to answer /api/healthz",
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}: ${output}`);
        const res = await fetch(`${url}/api/healthz`);
        return res.status === 200;
      },
      60_000,
    );
  } catch (err) {
    process.kill(-child.pid!, "SIGKILL");
    cleanup();
    throw err;
  }
  return {
    url,
    output: () => output,
    crash: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGKILL");
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        // NOTE: a child killed by a signal has exitCode null and signalCode set: both mean "gone".
        if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          return resolve();
        }
        child.once("exit", () => {
          cleanup();
          resolve();
        });
        process.kill(-child.pid!, "SIGTERM");
        setTimeout(() => child.exitCode === null && process.kill(-child.pid!, "SIGKILL"), 5000).unref();
      }),
  };
}
