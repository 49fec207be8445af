import "server-only";
import { gzipSync } from "node:zlib";
import { SIGN_IN_FIRST } from "@/lib/server/auth/viewer-gate";
import { mayView } from "@/lib/server/auth/viewers";
import { getRuntime } from "@/lib/server/runtime";
import { clusterBody, clustersBody, type JsonBody } from "@/lib/server/snapshot";
import {
  contentSecurityPolicy,
  frameAncestors,
  jsonErrorPolicy,
  staticSecurityHeaders,
} from "./security-headers";

// GET /api/clusters and GET /api/clusters/{name}, written once without the framework: the Next route
// handlers wrap the answer in a Response, and scripts/serve.mjs answers these two paths straight from
// node:http (through the hook below) so that the busiest routes skip Next's per-request pipeline,
// which cost about fifty times a bare server's work for the same bytes (BENCHMARKS.md, route cost).

/** An answer as plain data: status, headers and the body (null: no body). */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

/** A request's headers as node:http hands them over (names lower-case, repeats joined or listed). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const NO_STORE = { "Cache-Control": "no-store" } as const;

function errorAnswer(status: number, message: string): PlainResponse {
  return {
    status,
    headers: { ...NO_STORE, "Content-Type": "application/json" },
    body: JSON.stringify({ error: message }),
  };
}

/**
 * A body serialised once per change, sent as is: 304 without a body when the reader already holds
 * exactly these bytes (its If-None-Match names our ETag).
 */
export function cachedAnswer(ifNoneMatch: string | null, body: JsonBody): PlainResponse {
  const headers = { ETag: body.etag, ...NO_STORE };
  if (
    ifNoneMatch !== null &&
    ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === body.etag)
  )
    return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "Content-Type": "application/json" }, body: body.json };
}

/** An answer and the cached body it came from (null: an error), so the fast path can gzip it once. */
interface Outcome {
  answer: PlainResponse;
  body: JsonBody | null;
}

async function clustersOutcome(ifNoneMatch: string | null): Promise<Outcome> {
  // Checked against the contract when the list is serialised, once per change (lib/server/snapshot.ts).
  const body = await clustersBody();
  return { answer: cachedAnswer(ifNoneMatch, body), body };
}

async function clusterOutcome(
  name: string,
  sinceRaw: string | null,
  ifNoneMatch: string | null,
): Promise<Outcome> {
  const since = sinceParam(sinceRaw);
  if (typeof since === "string") return { answer: errorAnswer(400, since), body: null };
  // Checked against the contract when the cached view is serialised (lib/server/snapshot.ts).
  const body = await clusterBody(name, since);
  if (!body) return { answer: errorAnswer(404, `no cluster named "${name}" is configured`), body: null };
  return { answer: cachedAnswer(ifNoneMatch, body), body };
}

/** GET /api/clusters. */
export async function clustersAnswer(ifNoneMatch: string | null): Promise<PlainResponse> {
  return (await clustersOutcome(ifNoneMatch)).answer;
}

/** GET /api/clusters/{name}[?since=T]; `name` already decoded. */
export async function clusterAnswer(
  name: string,
  sinceRaw: string | null,
  ifNoneMatch: string | null,
): Promise<PlainResponse> {
  return (await clusterOutcome(name, sinceRaw, ifNoneMatch)).answer;
}

/**
 * ?since=T (epoch ms): only the lag samples newer than T; the reader already holds the older ones.
 * null: absent; a string: why it is refused.
 */
function sinceParam(raw: string | null): number | null | string {
  if (raw === null) return null;
  const since = Number(raw);
  if (raw.trim() === "" || !Number.isSafeInteger(since) || since < 0)
    return `since must be a time in epoch milliseconds, got "${raw.slice(0, 40)}"`;
  return since;
}

/** For the Next route handlers (proxy.ts adds the security headers there). */
export function toResponse(answer: PlainResponse): Response {
  // The route handlers' answers are text (only the fast path gzips); a copy keeps the types honest.
  const body = answer.body instanceof Uint8Array ? new Uint8Array(answer.body) : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

function header(headers: RequestHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** "gzip" listed in Accept-Encoding and not refused with q=0. */
function acceptsGzip(value: string | null): boolean {
  return (value ?? "").split(",").some((item) => {
    const [coding, ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    return coding === "gzip" && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

/** Encoded once per body: a socket write of ready bytes, not a UTF-8 encoding of 20–30 KB per request. */
const encoded = new WeakMap<object, Uint8Array>();
function bytesOnce(body: JsonBody): Uint8Array {
  let bytes = encoded.get(body);
  if (!bytes) encoded.set(body, (bytes = Buffer.from(body.json, "utf8")));
  return bytes;
}

/** Gzipped once per body (bodies are cached per change of the view), as Next would send them. */
const gzipped = new WeakMap<object, Uint8Array>();
function gzipOnce(body: JsonBody): Uint8Array {
  let bytes = gzipped.get(body);
  if (!bytes) gzipped.set(body, (bytes = gzipSync(body.json)));
  return bytes;
}

/**
 * The answer for a request node:http received, or null to let Next handle it: anything but a plain GET
 * of the two paths, or any path Next would treat specially (a trailing slash, malformed encoding,
 * `?lang=`). With `auth.viewers: login` it makes proxy.ts's check first and answers its 401. The
 * headers are the ones proxy.ts puts on every response, with a fresh nonce as there; bodies are
 * gzipped for readers that accept it, as Next compresses its own.
 */
export async function fastAnswer(
  method: string | undefined,
  url: string | undefined,
  headers: RequestHeaders,
): Promise<PlainResponse | null> {
  if (method !== "GET" || !url || !url.startsWith("/api/clusters")) return null;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  const params = query === -1 ? null : new URLSearchParams(url.slice(query + 1));
  if (params?.has("lang")) return null;
  /** The cluster asked for; null: the list. */
  let name: string | null = null;
  if (path !== "/api/clusters") {
    const segment = path.slice("/api/clusters/".length);
    if (!path.startsWith("/api/clusters/") || segment === "" || segment.includes("/")) return null;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null; // proxy.ts answers the JSON 400 for malformed encoding
    }
  }
  if (!(await viewerAllowed(url, headers))) return withSecurityHeaders(errorAnswer(401, SIGN_IN_FIRST), true);
  const ifNoneMatch = header(headers, "if-none-match");
  const { answer, body } =
    name === null
      ? await clustersOutcome(ifNoneMatch)
      : await clusterOutcome(name, params?.get("since") ?? null, ifNoneMatch);
  if (body && answer.status === 200) {
    if (acceptsGzip(header(headers, "accept-encoding"))) {
      answer.body = gzipOnce(body);
      answer.headers["Content-Encoding"] = "gzip";
    } else answer.body = bytesOnce(body);
  }
  return withSecurityHeaders(answer, false);
}

/**
 * The check proxy.ts makes before these routes with `auth.viewers: login` (a session cookie, or a
 * user named by a trusted proxy), on the headers node:http received. Anyone may view otherwise, and
 * then no request is built.
 */
async function viewerAllowed(url: string, headers: RequestHeaders): Promise<boolean> {
  if ((await getRuntime()).config.auth?.viewers !== "login") return true;
  const copy = new Headers();
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) copy.set(name, Array.isArray(value) ? value.join(", ") : value);
  return mayView(new Request(`http://dashboard.invalid${url}`, { headers: copy }));
}

/**
 * proxy.ts's headers: the fixed ones, and a policy with a fresh nonce (a JSON error refused before
 * any route gets proxy.ts's policy for JSON: nothing to load).
 */
function withSecurityHeaders(answer: PlainResponse, refused: boolean): PlainResponse {
  const { ancestors, fixed } = securityHeaders();
  const csp = refused
    ? jsonErrorPolicy(ancestors)
    : contentSecurityPolicy({
        nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
        dev: false,
        frameAncestors: ancestors,
      });
  answer.headers = { ...answer.headers, ...fixed, "Content-Security-Policy": csp };
  return answer;
}

/** The headers that do not change per response, worked out again only when FRAME_ANCESTORS changes. */
let fixedHeaders: { setting: string | undefined; ancestors: string; fixed: Record<string, string> } | null =
  null;
function securityHeaders(): { ancestors: string; fixed: Record<string, string> } {
  const setting = process.env.FRAME_ANCESTORS;
  if (fixedHeaders?.setting !== setting || !fixedHeaders) {
    const ancestors = frameAncestors(setting);
    fixedHeaders = {
      setting,
      ancestors,
      fixed: { Vary: "Accept-Encoding", ...staticSecurityHeaders(ancestors) },
    };
  }
  return fixedHeaders;
}

/** The hook scripts/serve.mjs looks for: published by lib/server/start.ts once the runtime is up. */
export const FAST_ROUTES = Symbol.for("patroni-dashboard.fast-routes");

export function publishFastRoutes(): void {
  (globalThis as { [FAST_ROUTES]?: typeof fastAnswer })[FAST_ROUTES] = fastAnswer;
}
