// Which paths `auth.viewers: login` guards, and the hand-off between the server and proxy.ts.
// NOTE: no `import "server-only"`: proxy.ts imports this, and its bundle is not compiled under the
// react-server condition that package needs. Nothing here is secret; the check itself (the session
// cookie, the user list) lives in ./viewers.ts, which the server installs here at start-up
// (lib/server/start.ts), because the proxy cannot import the configuration or the session code.

/** What a request for a path needs when viewing requires a login. */
export type PathAccess = "public" | "api" | "page";

/**
 * Open without a login even with `viewers: login`: signing in itself, the dashboard's own health, the
 * robots file, the icon and Next's static chunks (no cluster data in any), and the monitoring URLs
 * (/metrics and the status URLs) — see README, "Who may view", for why those stay open.
 */
const PUBLIC_EXACT = new Set([
  "/login",
  "/api/auth/login",
  "/api/healthz",
  "/robots.txt",
  "/icon.svg",
  "/favicon.ico",
  "/metrics",
  "/api/status",
]);
const CLUSTER_STATUS = /^\/api\/clusters\/[^/]+\/status$/;
/**
 * The action route checks the caller itself (401 without one) and audits every attempt, refused ones
 * included: the gate lets it through so that an anonymous attempt is recorded, not just turned away.
 */
const SELF_GUARDED = /^\/api\/clusters\/[^/]+\/actions$/;

export function pathAccess(pathname: string): PathAccess {
  if (
    PUBLIC_EXACT.has(pathname) ||
    pathname.startsWith("/_next/") ||
    CLUSTER_STATUS.test(pathname) ||
    SELF_GUARDED.test(pathname)
  )
    return "public";
  return pathname === "/api" || pathname.startsWith("/api/") ? "api" : "page";
}

/** The error an API answers to a visitor who is not signed in, under `viewers: login`. */
export const SIGN_IN_FIRST = "sign in first";

/** Where an anonymous visitor of a page is sent: the login page, told to come back here. */
export function loginRedirect(pathname: string, search: string): string {
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

/**
 * A return path the login page may follow: a path on this dashboard only. "//host" and "/\host" are
 * read by browsers as another host, so both are refused along with absolute URLs.
 */
export function safeReturnPath(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) && !/[\\\s]/.test(next) ? next : "/";
}

/** true: the request may view; false: it needs a login. */
export type ViewerGate = (request: Request) => Promise<boolean>;

const KEY = Symbol.for("patroni-dashboard.viewer-gate");
type Holder = { [KEY]?: ViewerGate };

export function installViewerGate(gate: ViewerGate | null): void {
  const holder = globalThis as Holder;
  if (gate) holder[KEY] = gate;
  else delete holder[KEY];
}

/** The installed gate; undefined while the server has not started (a request then is refused). */
export function installedViewerGate(): ViewerGate | undefined {
  return (globalThis as Holder)[KEY];
}
