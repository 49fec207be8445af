// Patroni's health-check endpoints the dashboard probes, and the HAProxy listeners built on them.
// Single sources of truth: the contract's enums, the probe loop, the routing view and the haproxy.cfg
// generator all derive from these arrays. Pure and isomorphic.

/**
 * Probed on every node with GET (never HEAD: HEAD on a non-health path is always 503). `/` and
 * `/patroni` lead because Lab 1 starts with them: `/` is Patroni's `/primary` under another name (503
 * on a replica, whatever a course says), `/patroni` answers 200 on every node that runs.
 */
export const PROBE_ENDPOINTS = [
  "root",
  "patroni",
  "primary",
  "replica",
  "read_write",
  "read_only",
  "synchronous",
  "asynchronous",
  "health",
  "liveness",
  "readiness",
  "standby_leader",
  "quorum",
  "replica_lag",
] as const;
export type ProbeEndpoint = (typeof PROBE_ENDPOINTS)[number];

/** The path of each endpoint; `replica_lag` gets `?lag=<maximum_lag_on_failover>` (see probePath). */
export const PROBE_PATHS: Record<ProbeEndpoint, string> = {
  root: "/",
  patroni: "/patroni",
  primary: "/primary",
  replica: "/replica",
  read_write: "/read-write",
  read_only: "/read-only",
  synchronous: "/synchronous",
  asynchronous: "/asynchronous",
  health: "/health",
  liveness: "/liveness",
  readiness: "/readiness",
  standby_leader: "/standby-leader",
  quorum: "/quorum",
  replica_lag: "/replica",
};

/**
 * First Patroni version that has the endpoint. Older versions route an unknown path to the generic
 * health routine, which answers 503: that 503 means "not in this version", not "unhealthy".
 */
export const PROBE_SINCE: Partial<Record<ProbeEndpoint, string>> = {
  liveness: "2.0.0",
  readiness: "2.0.0",
  quorum: "4.0.0",
};

export function probePath(endpoint: ProbeEndpoint, lagBytes: number): string {
  const path = PROBE_PATHS[endpoint];
  return endpoint === "replica_lag" ? `${path}?lag=${Math.max(0, Math.round(lagBytes))}` : path;
}

/**
 * One cell of the matrix: `up` = 200, `down` = any other HTTP status (Patroni uses 503),
 * `error` = no HTTP answer (timeout, refused…), `not_in_version` = not probed because this node's
 * Patroni has no such endpoint, `not_probed` = the round stopped before it (or none has run yet).
 */
export const PROBE_OUTCOMES = ["up", "down", "error", "not_in_version", "not_probed"] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

/** The listeners of the course's HAProxy: which health endpoint decides who gets each port's traffic. */
export const HAPROXY_LISTENERS = [
  { name: "primary", port: 5000, endpoint: "primary" },
  { name: "replicas", port: 5001, endpoint: "replica" },
  { name: "read_write", port: 5002, endpoint: "read_write" },
  { name: "read_only", port: 5003, endpoint: "read_only" },
] as const satisfies readonly { name: string; port: number; endpoint: ProbeEndpoint }[];
export type HaproxyListenerName = (typeof HAPROXY_LISTENERS)[number]["name"];
export const HAPROXY_LISTENER_NAMES = HAPROXY_LISTENERS.map((l) => l.name) as [
  HaproxyListenerName,
  ...HaproxyListenerName[],
];
