// Query keys and API paths of the health screens (issue 5), beside keys.ts. Never "now" in a key.
export const healthKeys = {
  node: (cluster: string, member: string) => ["node", cluster, member] as const,
};

export const healthPaths = {
  node: (cluster: string, member: string) =>
    `/api/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(member)}`,
  haproxyCfg: (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/haproxy.cfg`,
  /** The node page (a screen, not an API path). */
  nodePage: (cluster: string, member: string) =>
    `/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(member)}`,
};
