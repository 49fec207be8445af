import "server-only";
import { resolve } from "node:path";
import bcrypt from "bcryptjs";
import type { DashboardConfig } from "@/lib/server/config/load";
import { getRuntime } from "@/lib/server/runtime";
import type { AuthSettings, Role } from "./config";
import { LoginRateLimiter } from "./rate-limit";
import { normaliseAddress, PEER_HEADER, peerStamped, proxyUser, trustedPeer } from "./proxy-auth";
import { cookieValue, loadSessionSecret, openSession, SESSION_COOKIE } from "./session";

// Who is asking, and may they: the session cookie checked against the configuration as it is now (a
// user removed from the YAML or given another role is treated accordingly at once), the Origin check
// for every state-changing request, and the login rate limiter. One set per configuration.

export interface AuthContext {
  settings: AuthSettings;
  secret: string;
  limiter: LoginRateLimiter;
}

const contexts = new WeakMap<DashboardConfig, AuthContext>();

/** null: no `auth` section, the dashboard is anonymous and read-only. */
export function authContext(config: DashboardConfig): AuthContext | null {
  const settings = config.auth;
  if (!settings) return null;
  let context = contexts.get(config);
  if (!context) {
    const dataDir = config.storage?.dataDir ?? resolve(process.env.DATA_DIR?.trim() || "data");
    context = {
      settings,
      secret: loadSessionSecret(settings.sessionSecret, dataDir),
      limiter: new LoginRateLimiter(),
    };
    contexts.set(config, context);
  }
  return context;
}

export async function currentAuth(): Promise<{ config: DashboardConfig; auth: AuthContext | null }> {
  const runtime = await getRuntime();
  return { config: runtime.config, auth: authContext(runtime.config) };
}

/** Who is asking: a user named by a trusted proxy, or one with a session cookie. */
export interface Caller {
  username: string;
  role: Role;
  via: "proxy" | "session";
}

/**
 * The caller with the role the configuration gives them now, or null. A trusted proxy's user header
 * wins over a cookie: the proxy authenticated this very request.
 */
export async function callerOf(
  request: Request,
  auth: AuthContext,
  now = Date.now(),
): Promise<Caller | null> {
  const viaProxy = proxyUser(request, auth.settings.proxy ?? null);
  if (viaProxy) return { ...viaProxy, via: "proxy" };
  const session = await openSession(
    auth.secret,
    cookieValue(request.headers.get("cookie"), SESSION_COOKIE),
    now,
  );
  if (!session) return null;
  const user = auth.settings.users.find((u) => u.username === session.username);
  return user ? { username: user.username, role: user.role, via: "session" } : null;
}

export const mayAct = (role: Role): boolean => role === "operator" || role === "admin";

/**
 * A state-changing request must come from a page of this dashboard: its Origin (which browsers send
 * on every cross-origin request and every POST) must name the host the request was sent to. A request
 * without Origin is refused too, so scripts add `-H "Origin: http://host:port"`.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (!origin || !host || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // Parsed the same way, so a default port written out ("host:443") compares equal to none.
  const target = `${url.protocol}//${host}`;
  return URL.canParse(target) && new URL(target).host === url.host;
}

/** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function overHttps(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : new URL(request.url).protocol === "https:";
}

/**
 * The client's address for the audit and the login rate limit. Served by scripts/serve.mjs, the
 * socket's peer (x-dashboard-peer), or — when that peer is a trusted proxy — the address the proxy
 * puts first in X-Forwarded-For. Otherwise (`next start`) X-Forwarded-For as Next.js reports it, which
 * a client can write: good for a log line, proof of nothing.
 */
export function clientAddress(request: Request, auth: AuthContext | null = null): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const peer = peerStamped() ? request.headers.get(PEER_HEADER) : null;
  if (!peer) return forwarded || "unknown";
  if (forwarded && trustedPeer(request, auth?.settings.proxy ?? null)) return normaliseAddress(forwarded);
  return normaliseAddress(peer);
}

// A real hash of a random password: unknown user names take as long to refuse as wrong passwords.
const DUMMY_HASH = bcrypt.hashSync(Math.random().toString(36), 10);

export async function checkPassword(
  auth: AuthContext,
  username: string,
  password: string,
): Promise<Role | null> {
  const user = auth.settings.users.find((u) => u.username === username);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return ok && user ? user.role : null;
}
