import "server-only";
import { isIP } from "node:net";
import type { Role } from "./roles";

// A trusted reverse proxy's user header (oauth2-proxy, Authelia, …): the proxy authenticated the user
// and names them in a header. The header is believed only from a proxy whose address is listed in
// `trusted`, and that address must come from the socket, never from anything a client can write:
// scripts/serve.mjs sets x-dashboard-peer on every request to the TCP peer's address (dropping any
// value a client sent) and says so on globalThis. Served any other way (`next start`), the header could
// be forged, so no request is from a trusted proxy then.

export const PEER_HEADER = "x-dashboard-peer";
const PEER_STAMPED = Symbol.for("patroni-dashboard.peer-stamped");

export interface ProxySettings {
  /** The user header's name, lower case. */
  header: string;
  /** Normalised addresses (see normaliseAddress). */
  trusted: ReadonlySet<string>;
  roles: Readonly<Record<string, Role>>;
}

/** Whether this process is served by scripts/serve.mjs, which stamps the peer on every request. */
export function peerStamped(): boolean {
  return (globalThis as { [PEER_STAMPED]?: boolean })[PEER_STAMPED] === true;
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1; IPv6 in lower case. */
export function normaliseAddress(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  return mapped ? mapped[1]! : bare;
}

/** A `trusted` entry as written in the YAML, normalised; throws when it is not an IP address. */
export function trustedAddress(entry: string, field: string): string {
  const address = normaliseAddress(entry);
  if (isIP(address) === 0)
    throw new Error(`${field}: "${entry}" is not an IP address (list the proxy's own addresses)`);
  return address;
}

/** The TCP peer, when the server stamped it and it is a trusted proxy; otherwise null. */
export function trustedPeer(request: Request, proxy: ProxySettings | null): string | null {
  if (!proxy || !peerStamped()) return null;
  const peer = request.headers.get(PEER_HEADER);
  if (!peer) return null;
  const address = normaliseAddress(peer);
  return proxy.trusted.has(address) ? address : null;
}

/**
 * The user a trusted proxy names, with the role `roles` gives them. A user the proxy let in but
 * `roles` does not list is a viewer: the proxy decided they may look; acting needs a listed role.
 */
export function proxyUser(
  request: Request,
  proxy: ProxySettings | null,
): { username: string; role: Role } | null {
  if (!proxy || trustedPeer(request, proxy) === null) return null;
  const username = request.headers.get(proxy.header)?.trim();
  if (!username || username.length > 200) return null;
  return { username, role: Object.hasOwn(proxy.roles, username) ? proxy.roles[username]! : "viewer" };
}
