// Query keys for our API. They never contain "now" or anything else that changes between renders.
export const queryKeys = {
  clusters: () => ["clusters"] as const,
  cluster: (name: string) => ["cluster", name] as const,
  demo: () => ["demo"] as const,
};

export const apiPaths = {
  clusters: () => "/api/clusters",
  cluster: (name: string) => `/api/clusters/${encodeURIComponent(name)}`,
  demo: () => "/api/demo",
};
