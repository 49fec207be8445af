import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { ErrorKind } from "@/lib/domain/constants";

// A typed HTTP client for one Patroni node. Every call returns data or a classified error naming the
// node, never throws. Patroni's REST server has a handful of worker threads and no timeout of its own,
// so: at most one request in flight per node (later calls queue), one deadline covering connect,
// headers and body, and a cap on the body size.

export interface TlsSettings {
  ca: Buffer | null;
  cert: Buffer | null;
  key: Buffer | null;
  /** false = accept any certificate (patronictl's `ctl.insecure`). */
  verify: boolean;
}

export interface NodeTarget {
  /** Base REST URL without credentials, e.g. http://10.0.1.11:8008 */
  url: string;
  auth: { username: string; password: string } | null;
  tls: TlsSettings | null;
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface PollError {
  kind: ErrorKind;
  /** Human-readable, names the node; never contains credentials. */
  message: string;
  status: number | null;
}

export type HttpResult =
  | { ok: true; status: number; text: string; elapsedMs: number; wire?: WireHead }
  | { ok: false; error: PollError; elapsedMs: number };

/** The answer's head as it came off the socket (for the explorer's `curl -i` view). */
export interface WireHead {
  /** "1.0" for Patroni's BaseHTTPServer. */
  httpVersion: string;
  /** The reason phrase the node sent, e.g. "Service Unavailable". */
  statusMessage: string;
  /** Header names and values in order, as sent: [name, value, name, value, …]. */
  rawHeaders: string[];
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

/** Maps a socket-level error to a kind and a plain explanation. */
export function classifyNetworkError(err: NodeJS.ErrnoException): { kind: ErrorKind; reason: string } {
  const code = err.code ?? "";
  if (code === "ECONNREFUSED")
    return { kind: "refused", reason: "connection refused (is Patroni running there?)" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL")
    return { kind: "dns", reason: `host name not resolved (${code})` };
  if (code === "ETIMEDOUT") return { kind: "timeout", reason: "connection timed out" };
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(err.message)) {
    return { kind: "tls", reason: `TLS failed: ${err.message}${code ? ` (${code})` : ""}` };
  }
  if (code === "ECONNRESET" || err.message === "socket hang up") {
    // Patroni closes without answering when a handler raises, typically while the DCS is unreachable.
    return {
      kind: "network",
      reason: "closed the connection without an answer (DCS unreachable, or plain HTTP to an HTTPS port?)",
    };
  }
  return {
    kind: "network",
    reason: `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ""}`,
  };
}

/**
 * dns.lookup, except that names under the reserved `.invalid` TLD fail at once without asking any
 * server (RFC 6761 §6.4: resolvers should answer them negatively themselves; glibc does not).
 */
export const lookup: typeof dns.lookup = ((hostname: string, options: unknown, callback: unknown) => {
  const cb = (typeof options === "function" ? options : callback) as (err: NodeJS.ErrnoException) => void;
  if (/(^|\.)invalid\.?$/i.test(hostname)) {
    const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    err.code = "ENOTFOUND";
    process.nextTick(() => cb(err));
    return;
  }
  return typeof options === "function"
    ? dns.lookup(hostname, options as never)
    : dns.lookup(hostname, options as never, callback as never);
}) as typeof dns.lookup;

export class PatroniHttpClient {
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;

  constructor(readonly target: NodeTarget) {}

  /** Requests currently on the wire for this node: 0 or 1, by construction. */
  get activeRequests(): number {
    return this.inFlight;
  }

  /** GET `path` (with its query string). Queued behind any request already in flight to this node. */
  get(path: string): Promise<HttpResult> {
    return this.request("GET", path);
  }

  /**
   * Any method, with an optional JSON body (the guarded actions: POST /switchover, PATCH /config, …).
   * Queued like get(); the answer's status and text come back as they are, whatever the status.
   */
  request(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<HttpResult> {
    const run = this.queue.then(() =>
      this.send(path, method, body === undefined ? undefined : JSON.stringify(body)),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `task` in this node's queue, like a request: nothing else of ours is on the wire to the
   * node meanwhile (the posture panel's TLS handshake goes through here).
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private send(path: string, method = "GET", body?: string): Promise<HttpResult> {
    const { target } = this;
    const started = performance.now();
    const url = new URL(path, target.url);
    const isHttps = url.protocol === "https:";
    const headers: Record<string, string> = { Accept: "application/json", "User-Agent": "patroni-dashboard" };
    if (target.auth) {
      headers.Authorization = `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString("base64")}`;
    }
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const tls = isHttps && target.tls ? target.tls : null;
    const options: https.RequestOptions = {
      method,
      headers,
      agent: false, // Patroni speaks HTTP/1.0 and closes every connection: nothing to keep alive.
      lookup,
      ...(tls
        ? {
            ca: tls.ca ?? undefined,
            cert: tls.cert ?? undefined,
            key: tls.key ?? undefined,
            rejectUnauthorized: tls.verify,
          }
        : {}),
    };
    this.inFlight += 1;
    return new Promise<HttpResult>((resolve) => {
      let settled = false;
      const finish = (result: HttpResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.inFlight -= 1;
        resolve(result);
      };
      const fail = (kind: ErrorKind, reason: string, status: number | null = null) =>
        finish({
          ok: false,
          error: { kind, status, message: `${target.url}${url.pathname}: ${reason}` },
          elapsedMs: performance.now() - started,
        });

      const req = (isHttps ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > target.maxBodyBytes) {
            fail("too_large", `response body over ${target.maxBodyBytes} bytes`, res.statusCode ?? null);
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            elapsedMs: performance.now() - started,
            wire: {
              httpVersion: res.httpVersion,
              statusMessage: res.statusMessage ?? "",
              rawHeaders: res.rawHeaders,
            },
          }),
        );
        res.on("error", (err: NodeJS.ErrnoException) => {
          const { kind, reason } = classifyNetworkError(err);
          fail(kind, reason);
        });
      });
      // One deadline for connect + headers + body: a node that accepts and never answers cannot hold us.
      const deadline = setTimeout(() => {
        fail("timeout", `no complete answer within ${formatSeconds(target.timeoutMs)}`);
        req.destroy();
      }, target.timeoutMs);
      req.on("error", (err: NodeJS.ErrnoException) => {
        const { kind, reason } = classifyNetworkError(err);
        fail(kind, reason);
      });
      req.end(body);
    });
  }
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString("en-US", { maximumFractionDigits: 2 })} s`;
}
