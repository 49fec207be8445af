import "server-only";
import type { ErrorKind } from "@/lib/domain/constants";
import { getCluster, getConfig, getHistory, getStatusWithRaw } from "@/lib/server/patroni/api";
import type { PollError } from "@/lib/server/patroni/client";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import type { NodeRecord } from "@/lib/server/store/node-record";

// The reads one poll cycle makes of a cluster, and what a failure does to a node: its /patroni and
// /cluster, then /history and /config from one answering node. The poller (poller.ts) decides when.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PollObserver {
  cycleFinished(durationMs: number, at: number): void;
  requestFailed(cluster: string, kind: ErrorKind): void;
}

/** What the reads need from the poller that runs them. */
export interface ReadContext {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly random: () => number;
  readonly observer?: PollObserver;
  /** Nodes added from a cluster's DCS listing (see discovery.ts), as opposed to configured ones. */
  readonly discovered: WeakSet<NodeRecord>;
}

/** A node that keeps failing is polled at most every 4 intervals: a hung node is not hammered. */
export const MAX_BACKOFF_FACTOR = 4;

/**
 * Delay before retrying a failing node: the next cycle at first, then 2 and 4 intervals, ±10% jitter.
 * Cycles start on interval boundaries, so half an interval is taken off to land on the intended one.
 */
export function backoffMs(ctx: ReadContext, failures: number): number {
  if (failures <= 1) return 0;
  const factor = Math.min(2 ** (failures - 1), MAX_BACKOFF_FACTOR);
  return ctx.intervalMs * factor * (0.9 + 0.2 * ctx.random()) - ctx.intervalMs * 0.5;
}

/** pollNode, with anything it throws recorded as that node's error instead of failing the cycle. */
export async function pollNodeSafely(
  ctx: ReadContext,
  cluster: ClusterState,
  node: NodeRecord,
): Promise<void> {
  try {
    await pollNode(ctx, cluster, node);
  } catch (err) {
    const error: PollError = {
      kind: "parse",
      status: null,
      message: `${node.url}: its answer could not be processed (${(err as Error).message})`,
    };
    cluster.recordFailure(node, error, ctx.clock.now());
    node.nextPollAt = ctx.clock.now() + backoffMs(ctx, node.failures);
  }
}

async function pollNode(ctx: ReadContext, cluster: ClusterState, node: NodeRecord): Promise<void> {
  const status = await getStatusWithRaw(node.client);
  if (!status.ok) {
    ctx.observer?.requestFailed(cluster.name, status.error.kind);
    cluster.recordFailure(node, status.error, ctx.clock.now());
    // NOTE: no back-off for the node the DCS names leader: while it is down a failover is pending,
    // and whether it comes back (a restart within ttl keeps its lock) must show within one cycle.
    const isLeader = node.memberName !== null && node.memberName === cluster.leader;
    node.nextPollAt = ctx.clock.now() + (isLeader ? 0 : backoffMs(ctx, node.failures));
    return;
  }
  if (ctx.discovered.has(node)) {
    // A discovered URL that answers for another cluster is not this cluster's member.
    const scope = cluster.nodes.find((n) => !ctx.discovered.has(n) && n.status)?.status?.scope;
    if (scope !== undefined && status.data.status.scope !== scope) {
      const message = `${node.url}: listed by the DCS of "${scope}" but answers for cluster "${status.data.status.scope}": not polled as a member`;
      cluster.recordFailure(node, { kind: "http", status: null, message }, ctx.clock.now());
      node.nextPollAt = ctx.clock.now() + backoffMs(ctx, node.failures);
      return;
    }
  }
  const dcs = await getCluster(node.client);
  const at = ctx.clock.now();
  cluster.recordSuccess(
    node,
    status.data.status,
    dcs.ok ? dcs.data : null,
    at,
    status.elapsedMs,
    status.data.raw,
  );
  node.nextPollAt = 0;
  // The node answers but could not read the DCS (Patroni closes /cluster without a response then):
  // it stays reachable, and the error says what is wrong.
  if (!dcs.ok) {
    ctx.observer?.requestFailed(cluster.name, dcs.error.kind);
    node.lastError = { ...dcs.error, since: at };
  }
}

/** One answering node to read cluster-wide data from, the leader's if we can tell which it is. */
function sourceNode(cluster: ClusterState): NodeRecord | undefined {
  const answering = cluster.nodes.filter((n) => n.failures === 0 && n.status);
  return answering.find((n) => n.status?.role === "primary") ?? answering[0];
}

export async function pollHistory(ctx: ReadContext, cluster: ClusterState): Promise<void> {
  const source = sourceNode(cluster);
  if (!source) return;
  cluster.slowPolledAt = ctx.clock.now();
  const history = await getHistory(source.client);
  if (history.ok) {
    cluster.history = history.data;
    cluster.historyAt = ctx.clock.now();
  } else ctx.observer?.requestFailed(cluster.name, history.error.kind);
}

export async function pollConfig(ctx: ReadContext, cluster: ClusterState): Promise<void> {
  const source = sourceNode(cluster);
  if (!source) return;
  const config = await getConfig(source.client);
  if (config.ok) cluster.recordConfig(config.data, ctx.clock.now());
  else ctx.observer?.requestFailed(cluster.name, config.error.kind);
}
