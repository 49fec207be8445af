import { z } from "zod";
import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER } from "./constants";
import { versionAtLeast } from "./version";

// The Lab 1 explorer's paths: every GET the course sends to a node's REST API, and nothing else. The
// server fetches only a path picked from this list by its id; a path or URL from the request is never
// used. Pure and isomorphic: the buttons and the route handler read the same list.

/** `?lag=` on the two lag paths: Patroni's own default for maximum_lag_on_failover (1 MiB, in bytes). */
export const EXPLORER_LAG_BYTES = DEFAULT_MAXIMUM_LAG_ON_FAILOVER;

export const EXPLORER_PATHS = [
  { id: "root", path: "/" },
  { id: "patroni", path: "/patroni" },
  { id: "cluster", path: "/cluster" },
  { id: "history", path: "/history" },
  { id: "config", path: "/config" },
  { id: "health", path: "/health" },
  { id: "liveness", path: "/liveness", since: "2.0.0" },
  { id: "readiness", path: "/readiness", since: "2.0.0" },
  { id: "primary", path: "/primary" },
  { id: "master", path: "/master" },
  { id: "replica", path: "/replica" },
  { id: "read_write", path: "/read-write" },
  { id: "read_only", path: "/read-only" },
  { id: "synchronous", path: "/synchronous" },
  { id: "sync", path: "/sync" },
  { id: "asynchronous", path: "/asynchronous" },
  { id: "async", path: "/async" },
  { id: "standby_leader", path: "/standby-leader" },
  { id: "failsafe", path: "/failsafe", since: "3.0.0" },
  { id: "metrics", path: "/metrics", since: "2.1.0" },
  { id: "replica_lag", path: `/replica?lag=${EXPLORER_LAG_BYTES}`, since: "2.0.0" },
  { id: "read_only_lag", path: `/read-only?lag=${EXPLORER_LAG_BYTES}`, since: "2.0.0" },
] as const satisfies readonly { id: string; path: string; since?: string }[];

export type ExplorerPath = (typeof EXPLORER_PATHS)[number];
export type ExplorerPathId = ExplorerPath["id"];
export const EXPLORER_PATH_IDS = EXPLORER_PATHS.map((p) => p.id) as [ExplorerPathId, ...ExplorerPathId[]];

/** The listed path with this id, or null: anything not in the list is refused. */
export function explorerPath(id: unknown): ExplorerPath | null {
  if (typeof id !== "string") return null;
  return EXPLORER_PATHS.find((p) => p.id === id) ?? null;
}

/**
 * Does this node's Patroni have the path? Unknown version: yes (ask it). An older Patroni answers a
 * path it lacks with the generic health 503, which would look like an answer about the node.
 */
export function explorerPathInVersion(path: ExplorerPath, version: string | null): boolean {
  return !("since" in path) || version === null || versionAtLeast(version, path.since);
}

/** Exchange as the server returns it: the answer's head as sent, the body, and the curl to repeat it. */
export const explorerExchangeSchema = z.object({
  member: z.string(),
  pathId: z.enum(EXPLORER_PATH_IDS),
  /** The request line, e.g. "GET /replica?lag=1048576 HTTP/1.1". */
  request: z.string(),
  /** "HTTP/1.0 503 Service Unavailable", as the node sent it; null when no answer came. */
  statusLine: z.string().nullable(),
  status: z.number().int().nullable(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  /** The body as sent (capped), and pretty-printed when it is JSON. */
  body: z.string(),
  prettyBody: z.string().nullable(),
  truncated: z.boolean(),
  /** `curl -i …` with the node's URL; `-u 'USER:PASSWORD'` (a placeholder) when the cluster uses REST auth. */
  curl: z.string(),
  elapsedMs: z.number(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
});
export type ExplorerExchange = z.infer<typeof explorerExchangeSchema>;

/** The body pretty-printed when it parses as JSON, else null (HTML 502 pages, Prometheus text). */
export function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

/** Shell-quotes a URL for the curl line (single quotes: `?` and `&` stay literal). */
export function curlCommand(
  baseUrl: string,
  path: string,
  opts: { auth: boolean; https: boolean; insecure: boolean },
): string {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  const parts = ["curl", "-i"];
  if (opts.https && opts.insecure) parts.push("-k");
  if (opts.auth) parts.push("-u", "'USER:PASSWORD'");
  parts.push(`'${url.replace(/'/g, "'\\''")}'`);
  return parts.join(" ");
}
