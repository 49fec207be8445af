import "server-only";
import { BASE_MAX_CONNECTIONS } from "./constants";
import { promote, publishMember, type SimContext, startStreaming } from "./ha";
import { bootAsNewLeader, rejoinAsReplica, restartAsLeader } from "./lifecycle";
import { freezeReceiver } from "./positions";
import { isRunningPrimary, leaderAt, type SimNode } from "./state";

// The "healthy" scenario: from whatever the other scenarios left behind, get back to three
// streaming members, one leader, a sync standby, no pause, no pending restart and no lag. It acts
// the way an operator would: resume, revert the config change, restart the stopped nodes.

/** How long a restarted leader needs for crash recovery before it accepts writes. */
const LEADER_RECOVERY_MS = 2_500;
/** A returning former leader takes the free leader key after this long (3.0.2 recovery: ~1.5 s). */
const LEADER_BOOT_MS = 1_500;

export function recoverAll(ctx: SimContext, t: number): string {
  const { state } = ctx;
  const { dcs } = state;
  ctx.cancelPending();
  dcs.paused = false;
  dcs.maxConnections = BASE_MAX_CONNECTIONS;
  dcs.scheduledSwitchover = null;
  if (dcs.syncMode === "quorum") {
    // Back to synchronous_mode: true; the leader names one sync standby at its next loop.
    dcs.syncMode = "on";
    dcs.quorum = [];
    dcs.syncChangedAt = t - 60_000;
  }
  for (const node of state.nodes) {
    // The operator removes the extra tags, resumes replay and reconnects the node to the DCS.
    node.tags = {};
    node.replayPause = null;
    if (node.dcsCutAt !== null) {
      node.dcsCutAt = null;
      node.lastSeenMs = t;
    }
  }
  for (const node of state.nodes) {
    // The config edit is reverted everywhere, so nothing is pending any more.
    node.runningMaxConnections = BASE_MAX_CONNECTIONS;
    node.pendingRestart = false;
    node.publishedTimeline = "actual";
    if (node.stalled) {
      // The stopped walreceiver gets SIGCONT: it catches up within a second or two.
      freezeReceiver(state, node, t);
      node.stalled = false;
      if (node.receiver.kind === "frozen") {
        node.receiver = {
          kind: "catchup",
          fromLsn: node.receiver.lsn,
          sinceMs: t,
          replayUsec: node.receiver.replayUsec,
        };
      }
    }
  }

  const { leader, readyAt, how } = recoverLeader(ctx, t);
  for (const node of state.nodes) {
    if (node === leader) continue;
    if (!node.apiUp || node.pgState !== "running" || node.pgRole !== "replica") {
      rejoinAsReplica(ctx, node, t);
    } else if (!node.streaming) {
      ctx.schedule(Math.max(t, readyAt) + 1000, `${node.name} streams again`, (at) =>
        startStreaming(ctx, node, at),
      );
    }
  }
  for (const node of state.nodes) if (node.apiUp) publishMember(ctx, node, t);
  return how;
}

function recoverLeader(
  ctx: SimContext,
  t: number,
): { leader: SimNode | undefined; readyAt: number; how: string } {
  const { state } = ctx;
  const holder = leaderAt(state, t);
  if (holder) {
    if (isRunningPrimary(holder)) return { leader: holder, readyAt: t, how: `${holder.name} stays leader` };
    // Its key is still valid (failover not happened yet, or a switchover was cut short).
    restartAsLeader(ctx, holder, t, t + LEADER_RECOVERY_MS);
    return {
      leader: holder,
      readyAt: t + LEADER_RECOVERY_MS,
      how: `${holder.name} recovers and stays leader`,
    };
  }
  const sync = state.nodes.find((n) => n.name === state.dcs.sync);
  if (sync && sync.apiUp && sync.pgState === "running" && sync.pgRole === "replica") {
    promote(ctx, sync, t);
    return { leader: sync, readyAt: t, how: `${sync.name} (sync standby) is promoted` };
  }
  // Leaderless: the last leader holds the most WAL, so it comes back first and takes the key.
  const last = state.nodes.find((n) => n.name === state.lastLeader) ?? state.nodes[0];
  if (!last) return { leader: undefined, readyAt: t, how: "no node to lead" };
  bootAsNewLeader(ctx, last, t, t + LEADER_BOOT_MS);
  return {
    leader: last,
    readyAt: t + LEADER_BOOT_MS,
    how: `${last.name} (last leader) restarts and takes the leader key`,
  };
}
