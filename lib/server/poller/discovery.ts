import "server-only";
import { PatroniHttpClient, type NodeTarget } from "@/lib/server/patroni/client";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { newNodeRecord, type NodeRecord } from "@/lib/server/store/node-record";

// Discovery from one URL: every member the cluster's own DCS lists (its /cluster `api_url`) is polled
// too, following members as they join and leave. The trust is the one patronictl gives the DCS: only
// http/https URLs, only members listed by this cluster's nodes, the configured node's credentials and
// TLS settings, and at most MAX_DISCOVERED_NODES of them. Nothing a viewer sends ever adds a target.

/** Discovered nodes polled per cluster at most: a DCS listing hundreds of members cannot fan us out. */
export const MAX_DISCOVERED_NODES = 16;

export type ClientFactory = (target: NodeTarget) => PatroniHttpClient;
export const defaultClientFactory: ClientFactory = (target) => new PatroniHttpClient(target);

/** The REST base (scheme://host:port) of an api_url, or null unless it is plain http(s). */
export function restBase(apiUrl: string | null): string | null {
  if (!apiUrl || !URL.canParse(apiUrl)) return null;
  const url = new URL(apiUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return `${url.protocol}//${url.host}`;
}

const hostOf = (url: string) => new URL(url).host;

/**
 * Adds a node for every listed member not polled yet, and drops discovered nodes whose member is no
 * longer listed. Only views read in this cycle count: when no node could read the DCS, nothing changes.
 */
export function followMembers(
  cluster: ClusterState,
  discovered: WeakSet<NodeRecord>,
  clientFor: ClientFactory,
): void {
  const views = cluster.nodes.filter((n) => n.dcs && n.dcsCycle === cluster.cycle && !discovered.has(n));
  // Views from configured nodes decide; if none answered, those of discovered members (still this
  // cluster's DCS: they were listed by it).
  const sources =
    views.length > 0 ? views : cluster.nodes.filter((n) => n.dcs && n.dcsCycle === cluster.cycle);
  if (sources.length === 0) return;
  const listed = new Map<string, string>(); // host → REST base
  for (const node of sources) {
    for (const member of node.dcs!.members) {
      const base = restBase(member.apiUrl);
      if (base) listed.set(hostOf(base), base);
    }
  }
  const template = cluster.nodes.find((n) => !discovered.has(n))?.client.target;
  if (!template) return;
  for (let i = cluster.nodes.length - 1; i >= 0; i--) {
    const node = cluster.nodes[i]!;
    if (discovered.has(node) && !listed.has(hostOf(node.url)) && !node.probing) cluster.nodes.splice(i, 1);
  }
  const polled = new Set(cluster.nodes.map((n) => hostOf(n.url)));
  let count = cluster.nodes.filter((n) => discovered.has(n)).length;
  for (const [host, base] of listed) {
    if (polled.has(host) || count >= MAX_DISCOVERED_NODES) continue;
    const node = newNodeRecord(clientFor({ ...template, url: base }));
    discovered.add(node);
    cluster.nodes.push(node);
    count += 1;
  }
}
