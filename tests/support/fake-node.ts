import type { HttpResult, NodeTarget, PatroniHttpClient } from "@/lib/server/patroni/client";
import { FIXTURES } from "./fixtures";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeClock } from "./fake-clock";

// A stand-in for one Patroni node's HTTP client in poller unit tests: answers from the real captures
// of a chosen scenario, can be made to refuse or to hang, and counts requests and concurrency.

export type FakeMode =
  | "ok"
  | "refused"
  | { hangMs: number }
  /** Answers every path with this status and body (hostile or broken nodes). */
  | { status: number; text: string }
  /** The client itself throws (a bug path: must still mark only this node). */
  | "throws";

export class FakeNode {
  readonly target: NodeTarget;
  requests: string[] = [];
  active = 0;
  maxActive = 0;
  mode: FakeMode = "ok";
  /** Maps a requested path to the capture that answers it (paths the captures lack); identity by default. */
  alias: (path: string) => string = (path) => path;
  /** Answers these paths only after this many ms of the fake clock (a slow node under a failover). */
  delays: Partial<Record<string, number>> = {};

  constructor(
    readonly clock: FakeClock,
    url: string,
    public version: string,
    public scenario: string,
    public node: string,
  ) {
    this.target = { url, auth: null, tls: null, timeoutMs: 2500, maxBodyBytes: 1 << 20 };
  }

  get activeRequests(): number {
    return this.active;
  }

  count(path: string): number {
    return this.requests.filter((p) => p === path).length;
  }

  async get(path: string): Promise<HttpResult> {
    this.requests.push(path);
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const mode = this.mode;
      if (mode === "refused") {
        return {
          ok: false,
          error: { kind: "refused", status: null, message: `${this.target.url}${path}: connection refused` },
          elapsedMs: 1,
        };
      }
      if (mode === "throws") throw new Error("client blew up");
      if (typeof mode === "object" && "text" in mode) {
        return { ok: true, status: mode.status, text: mode.text, elapsedMs: 2 };
      }
      if (typeof mode === "object") {
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, mode.hangMs));
        return {
          ok: false,
          error: { kind: "timeout", status: null, message: `${this.target.url}${path}: no complete answer` },
          elapsedMs: mode.hangMs,
        };
      }
      const delay = this.delays[path];
      if (delay) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
      const file = join(
        FIXTURES,
        this.version,
        this.scenario,
        this.node,
        // the captures name the file of `/` "root" (their README)
        `${this.alias(path).slice(1) || "root"}.json`,
      );
      if (!existsSync(file)) throw new Error(`no capture ${file}`);
      const capture = JSON.parse(readFileSync(file, "utf8")) as {
        status: number | null;
        body: unknown;
        error: string | null;
      };
      if (capture.status === null) {
        return {
          ok: false,
          error: { kind: "refused", status: null, message: `${this.target.url}${path}: ${capture.error}` },
          elapsedMs: 1,
        };
      }
      const text = typeof capture.body === "string" ? capture.body : JSON.stringify(capture.body);
      return { ok: true, status: capture.status, text, elapsedMs: 2 };
    } finally {
      this.active -= 1;
    }
  }

  asClient(): PatroniHttpClient {
    return this as unknown as PatroniHttpClient;
  }
}
