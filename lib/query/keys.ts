// Query keys and paths of our API and screens. Keys never contain "now" or anything else that changes
// between renders.
export const queryKeys = {
  clusters: () => ["clusters"] as const,
  cluster: (name: string) => ["cluster", name] as const,
  node: (cluster: string, member: string) => ["node", cluster, member] as const,
  demo: () => ["demo"] as const,
};

const segment = encodeURIComponent;

export const apiPaths = {
  clusters: () => "/api/clusters",
  cluster: (name: string) => `/api/clusters/${segment(name)}`,
  node: (cluster: string, member: string) => `/api/clusters/${segment(cluster)}/nodes/${segment(member)}`,
  haproxyCfg: (cluster: string) => `/api/clusters/${segment(cluster)}/haproxy.cfg`,
  demo: () => "/api/demo",
};

/** Screens (pages), not API paths. */
export const pagePaths = {
  node: (cluster: string, member: string) => `/clusters/${segment(cluster)}/nodes/${segment(member)}`,
};
