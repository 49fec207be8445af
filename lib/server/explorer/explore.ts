import "server-only";
import {
  curlCommand,
  explorerPath,
  explorerPathInVersion,
  prettyJson,
  type ExplorerExchange,
} from "@/lib/domain/explorer";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import type { NodeRecord } from "@/lib/server/store/node-record";

// The Lab 1 explorer on the server: one GET of a listed path to one polled node, answered as `curl -i`
// would show it. The request names only a cluster, a member and a path id; the URL is the node's own
// (configured, or its api_url from the cluster's DCS) and the credentials and TLS are the cluster's,
// through the node's poll client, so the node still never has more than one request of ours on the
// wire. Each node takes one explorer request at a time and a few a minute: a room full of students
// clicking cannot turn the dashboard into a load generator against Patroni's few REST workers.

export const EXPLORER_BUDGET = 10;
export const EXPLORER_WINDOW_MS = 60_000;
/** What of a body is shown (a /metrics page is ~10 KB; /history of a long-lived cluster can grow). */
export const EXPLORER_BODY_CHARS = 64 * 1024;

const HIDDEN_HEADERS = new Set(["authorization", "proxy-authorization", "set-cookie", "cookie"]);

export type ExploreOutcome =
  | { ok: true; exchange: ExplorerExchange }
  | { ok: false; status: 400 | 404 | 429; error: string; retryAfterSeconds?: number };

/** Per node (by URL): a request in flight, and the times of the recent ones. */
export class ExplorerLimiter {
  private readonly busy = new Set<string>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly budget = EXPLORER_BUDGET,
    readonly windowMs = EXPLORER_WINDOW_MS,
  ) {}

  /** Takes a slot for the node, or says how long to wait (seconds). */
  acquire(
    key: string,
    now: number,
  ): { ok: true } | { ok: false; reason: "busy" | "budget"; retryAfterSeconds: number } {
    if (this.busy.has(key)) return { ok: false, reason: "busy", retryAfterSeconds: 1 };
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length >= this.budget) {
      this.recent.set(key, times);
      return {
        ok: false,
        reason: "budget",
        retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + this.windowMs - now) / 1000)),
      };
    }
    times.push(now);
    this.recent.set(key, times);
    this.busy.add(key);
    return { ok: true };
  }

  release(key: string): void {
    this.busy.delete(key);
  }
}

const KEY = Symbol.for("patroni-dashboard.explorer-limiter");
export function explorerLimiter(): ExplorerLimiter {
  const holder = globalThis as { [KEY]?: ExplorerLimiter };
  return (holder[KEY] ??= new ExplorerLimiter());
}

/** The polled node that is this member: by the name it reports, else by its DCS api_url. */
export function findExplorerNode(cluster: ClusterState, member: string): NodeRecord | null {
  return (
    cluster.nodes.find((n) => n.memberName === member) ??
    cluster.nodes.find((n) => n.status?.name === member) ??
    null
  );
}

export async function explore(
  cluster: ClusterState,
  member: string,
  pathId: unknown,
  limiter: ExplorerLimiter = explorerLimiter(),
  now = Date.now(),
): Promise<ExploreOutcome> {
  const path = explorerPath(pathId);
  if (!path)
    return {
      ok: false,
      status: 400,
      error: `"${String(pathId).slice(0, 40)}" is not one of the explorer's paths`,
    };
  const node = findExplorerNode(cluster, member);
  if (!node)
    return {
      ok: false,
      status: 404,
      error: `cluster "${cluster.name}" has no polled member named "${member}"`,
    };
  const version = node.status?.patroniVersion ?? null;
  if (!explorerPathInVersion(path, version))
    return {
      ok: false,
      status: 400,
      error: `${path.path} is not in Patroni ${version} (it came in ${"since" in path ? path.since : "?"})`,
    };
  const slot = limiter.acquire(node.url, now);
  if (!slot.ok)
    return {
      ok: false,
      status: 429,
      retryAfterSeconds: slot.retryAfterSeconds,
      error:
        slot.reason === "busy"
          ? `a request to ${member} is already on its way; try again in a moment`
          : `${member} has had ${limiter.budget} explorer requests in the last ${limiter.windowMs / 1000} s; try again in ${slot.retryAfterSeconds} s`,
    };
  try {
    const target = node.client.target;
    const https = target.url.startsWith("https:");
    const curl = curlCommand(target.url, path.path, {
      auth: target.auth !== null,
      https,
      insecure: https && target.tls !== null && !target.tls.verify,
    });
    const result = await node.client.get(path.path);
    const base = {
      member,
      pathId: path.id,
      request: `GET ${path.path} HTTP/1.1`,
      curl,
      elapsedMs: Math.round(result.elapsedMs),
    };
    if (!result.ok)
      return {
        ok: true,
        exchange: {
          ...base,
          statusLine: null,
          status: result.error.status,
          headers: [],
          body: "",
          prettyBody: null,
          truncated: false,
          error: { kind: result.error.kind, message: result.error.message },
        },
      };
    const raw = result.wire?.rawHeaders ?? [];
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2)
      headers.push([raw[i]!, HIDDEN_HEADERS.has(raw[i]!.toLowerCase()) ? "[redacted]" : raw[i + 1]!]);
    const statusLine = result.wire
      ? `HTTP/${result.wire.httpVersion} ${result.status}${result.wire.statusMessage ? ` ${result.wire.statusMessage}` : ""}`
      : null;
    const truncated = result.text.length > EXPLORER_BODY_CHARS;
    const pretty = prettyJson(result.text);
    return {
      ok: true,
      exchange: {
        ...base,
        statusLine,
        status: result.status,
        headers,
        body: result.text.slice(0, EXPLORER_BODY_CHARS),
        prettyBody: pretty === null ? null : pretty.slice(0, EXPLORER_BODY_CHARS * 2),
        truncated,
        error: null,
      },
    };
  } finally {
    limiter.release(node.url);
  }
}
