import "server-only";
import { RETRY_TIMEOUT_S, SERVER_HEADER, TTL_MS } from "./constants";
import { httpDate } from "./format";
import { healthStatus, livenessStatus, readinessStatus } from "./health";
import { metricsText } from "./metrics";
import type { ClusterState, SimNode } from "./state";
import { buildStatus } from "./status";
import { clusterBody, configBody, historyBody } from "./views";

// One request in, one Patroni-shaped answer out: routing (as patroni/api.py does it), bodies, headers.
// The HTTP layer writes the answer as-is; tests call this directly with a fake clock.

export interface DemoResponse {
  status: number;
  /** The reason phrase of the status line ("OK", "Service Unavailable", "Unsupported method ('POST')"). */
  statusText: string;
  /** Exactly the headers Patroni sends, in its order; empty for bare status lines. */
  headers: Record<string, string>;
  body: string;
  /**
   * Set when Patroni would close the connection without any answer after this long (a DCS read
   * that fails, e.g. /cluster on a node cut off from the DCS); status, headers and body are unused.
   */
  dropAfterMs?: number;
}

const REASONS: Record<number, string> = {
  200: "OK",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
};
/** Python's http.server explanations, used on its HTML error pages. */
const EXPLAIN: Record<number, string> = {
  501: "Server does not support this operation",
  502: "Invalid responses from another server/proxy",
};

/** json.dumps() with Python's default ", " and ": " separators and ensure_ascii. */
export function pyJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`);
    return `{${entries.join(", ")}}`;
  }
  const text = JSON.stringify(value ?? null);
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const bare = (status: number): DemoResponse => ({
  status,
  statusText: REASONS[status] ?? "",
  headers: {},
  body: "",
});

function normal(status: number, t: number, contentType: string, body: string): DemoResponse {
  return {
    status,
    statusText: REASONS[status] ?? "",
    // Patroni sends no Connection header, but closes every connection (HTTP/1.0); say so explicitly.
    headers: { Server: SERVER_HEADER, Date: httpDate(t), "Content-Type": contentType, Connection: "close" },
    body,
  };
}

/** BaseHTTPRequestHandler.send_error(): the stdlib HTML page, with Content-Length and a close. */
export function errorPage(status: number, t: number, message = REASONS[status] ?? ""): DemoResponse {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body =
    `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n` +
    `        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n` +
    `        <p>Error code: ${status}</p>\n        <p>Message: ${escape(message)}.</p>\n` +
    `        <p>Error code explanation: ${status} - ${escape(EXPLAIN[status] ?? "")}.</p>\n    </body>\n</html>\n`;
  return {
    status,
    statusText: message,
    headers: {
      Server: SERVER_HEADER,
      Date: httpDate(t),
      Connection: "close",
      "Content-Type": "text/html;charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
    },
    body,
  };
}

/** Python's urlparse() of the request target: fragment, query, and a `//netloc` prefix removed. */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  let rest = target.split("#")[0] ?? "";
  const q = rest.indexOf("?");
  const query = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : "");
  rest = q >= 0 ? rest.slice(0, q) : rest;
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    rest = slash >= 0 ? rest.slice(slash) : "";
  }
  return { path: rest, query };
}

export function respondTo(
  state: ClusterState,
  node: SimNode,
  method: string,
  target: string,
  t: number,
): DemoResponse {
  const { path, query } = splitTarget(target);
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
    // The demo implements no writes; Patroni answers any method it has no handler for like this.
    return errorPage(501, t, `Unsupported method ('${method}')`);
  }
  const { body: status, extras } = buildStatus(state, node, t);
  // HEAD and OPTIONS never reach the dedicated handlers: HEAD /patroni or /cluster gets the health
  // verdict of that path (503), as a bare status line (extra-requests captures).
  if (method !== "GET") return bare(healthStatus(state, node, t, path, query, status, extras));

  const json = (code: number, value: unknown) => normal(code, t, "application/json", pyJson(value));
  const segment = path.replace(/^\/+/, "").split("/")[0];
  // Without the DCS, /cluster retries for retry_timeout and then hangs up; /history and /config
  // do the same once the node's cached view has expired (ttl), as Patroni behaves in a DCS outage.
  if (node.dcsCutAt !== null) {
    const stale = t - node.lastSeenMs > TTL_MS;
    if (segment === "cluster" || (stale && (segment === "history" || segment === "config")))
      return { ...bare(0), dropAfterMs: RETRY_TIMEOUT_S * 1000 };
  }
  // Dedicated handlers are chosen by the first path segment (do_GET_<segment>).
  switch (segment) {
    case "patroni":
      return json(200, status);
    case "cluster":
      // Any successful cluster read refreshes dcs_last_seen, REST calls included.
      node.lastSeenMs = Math.max(node.lastSeenMs, t);
      return json(200, clusterBody(state, t));
    case "history":
      return json(200, historyBody(state));
    case "config":
      return json(200, configBody(state));
    case "metrics":
      return normal(200, t, "text/plain", metricsText(state, node, status));
    case "failsafe":
      // failsafe_mode was never enabled, so there is no /failsafe key.
      return errorPage(502, t);
    case "liveness":
      return bare(livenessStatus());
    case "readiness":
      return bare(readinessStatus(state, node, t, query, status, extras));
    default:
      return json(healthStatus(state, node, t, path, query, status, extras), status);
  }
}
