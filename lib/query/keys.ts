// Query keys and paths of our API and screens. Keys never contain "now" or anything else that changes
// between renders.
export interface HistoryQuery {
  cluster: string | null;
  kind: string | null;
  member: string | null;
  /** How far back, in ms; null: everything kept. */
  spanMs: number | null;
  limit: number;
}

export const queryKeys = {
  clusters: () => ["clusters"] as const,
  cluster: (name: string) => ["cluster", name] as const,
  node: (cluster: string, member: string) => ["node", cluster, member] as const,
  demo: () => ["demo"] as const,
  demoExercises: () => ["demo", "exercises"] as const,
  /** Stored events: the filters, never "now" (the span becomes `since` at request time). */
  events: (q: HistoryQuery) => ["history", q.cluster, q.kind, q.member, q.spanMs, q.limit] as const,
  lagHistory: (cluster: string, range: string) => ["lag-history", cluster, range] as const,
};

const segment = encodeURIComponent;

export const apiPaths = {
  clusters: () => "/api/clusters",
  cluster: (name: string) => `/api/clusters/${segment(name)}`,
  node: (cluster: string, member: string) => `/api/clusters/${segment(cluster)}/nodes/${segment(member)}`,
  haproxyCfg: (cluster: string) => `/api/clusters/${segment(cluster)}/haproxy.cfg`,
  demo: () => "/api/demo",
  demoExercises: () => "/api/demo/exercises",
};

/** Screens (pages), not API paths. */
export const pagePaths = {
  node: (cluster: string, member: string) => `/clusters/${segment(cluster)}/nodes/${segment(member)}`,
};
