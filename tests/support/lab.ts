import { spawnSync } from "node:child_process";
import http from "node:http";
import https from "node:https";
import { join } from "node:path";

// Drives the project's own lab script (scripts/lab.sh) for integration and browser tests: a real
// 3-node Patroni cluster on 127.0.0.1, on ports taken from the environment (see scripts/test-all.sh).

export interface Lab {
  name: string;
  env: Record<string, string>;
  dir: string;
  tls: boolean;
  /** Runs `scripts/lab.sh <args>`; throws with its output when it fails. */
  run(...args: string[]): string;
  urls(): string[];
}

function env(name: string, fallback: string): string {
  return process.env[name] ?? fallback;
}

export function lab(kind: "plain" | "tls" = "plain"): Lab {
  const prefix = kind === "tls" ? "TEST_TLS_LAB" : "TEST_LAB";
  const dir = env(
    `${prefix}_DIR`,
    join("/tmp", kind === "tls" ? "patroni-dashboard-test-lab-tls" : "patroni-dashboard-test-lab"),
  );
  const labEnv: Record<string, string> = {
    LAB_DIR: dir,
    LAB_REST_PORT: env(`${prefix}_REST_PORT`, kind === "tls" ? "28108" : "28008"),
    LAB_PG_PORT: env(`${prefix}_PG_PORT`, kind === "tls" ? "25533" : "25433"),
    LAB_ETCD_PORT: env(`${prefix}_ETCD_PORT`, kind === "tls" ? "22579" : "22479"),
    ...(kind === "tls" ? { LAB_TLS: "1", LAB_AUTH: "admin:s3cret" } : {}),
  };
  const run = (...args: string[]): string => {
    const res = spawnSync("bash", ["scripts/lab.sh", ...args], {
      env: { ...process.env, ...labEnv },
      encoding: "utf8",
      timeout: 300_000,
    });
    if (res.status !== 0) {
      throw new Error(
        `lab.sh ${args.join(" ")} exited ${res.status ?? res.signal}:\n${res.stdout}\n${res.stderr}`,
      );
    }
    return res.stdout;
  };
  return {
    name: kind,
    env: labEnv,
    dir,
    tls: kind === "tls",
    run,
    urls: () =>
      run("urls")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^https?:\/\//.test(l)),
  };
}

/** A plain GET of a Patroni node, independent of the dashboard's own client. */
export function getJson(url: string, ca?: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith("https:") ? https : http;
    const req = mod.get(url, { timeout: 5000, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* health endpoints without a body */
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
  });
}

/** Polls `check` until it returns a truthy value or the time is up; returns the value and the time taken. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 250,
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return { value, ms: Date.now() - started };
    } catch (err) {
      lastError = err;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
