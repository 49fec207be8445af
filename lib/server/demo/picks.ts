import "server-only";
import type { SimContext } from "./ha";
import {
  type ClusterState,
  isRunningPrimary,
  isStreamingReplica,
  isSyncMember,
  leaderAt,
  type SimNode,
} from "./state";

// Which node a scenario acts on, and whether it may start now. Shared by every scenario module.

export type Outcome = { message: string } | { error: string };

export function runningLeader(state: ClusterState, t: number): SimNode | undefined {
  const leader = leaderAt(state, t);
  return isRunningPrimary(leader) ? leader : undefined;
}

/** The standby Patroni would promote: the /sync standby, or the first quorum standby in quorum mode. */
export function syncStandby(state: ClusterState): SimNode | undefined {
  return state.nodes.find(
    (n) => n.apiUp && isSyncMember(state, n) && isStreamingReplica(n) && n.tags.nofailover !== true,
  );
}

/** The async replica a fault hits: the last streaming non-sync replica by name (node3 at first). */
export function asyncReplica(state: ClusterState): SimNode | undefined {
  return state.nodes
    .filter((n) => n.apiUp && isStreamingReplica(n) && !n.stalled && !isSyncMember(state, n))
    .at(-1);
}

/** Leader + sync standby + nothing in flight: what switchover, failover and leaderless need. */
export function pair(ctx: SimContext, t: number): { leader: SimNode; sync: SimNode } | { error: string } {
  const leader = runningLeader(ctx.state, t);
  if (!leader) return { error: "there is no running leader; trigger healthy first" };
  if (ctx.busy()) return { error: "another transition is still in progress; wait for it to finish" };
  const sync = syncStandby(ctx.state);
  // nosync, not nofailover, keeps a node from being the sync standby: a nofailover one can hold /sync.
  const barred = ctx.state.nodes.find((n) => isSyncMember(ctx.state, n) && n.tags.nofailover === true);
  if (!sync && barred)
    return {
      error: `the sync standby ${barred.name} has nofailover: Patroni would promote nobody; trigger healthy first`,
    };
  if (!sync)
    return {
      error: "no sync standby yet (synchronous_mode: Patroni would refuse with 412); retry in a few seconds",
    };
  return { leader, sync };
}
