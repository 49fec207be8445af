import "server-only";
import {
  DCS_LOST_DEMOTE_MS,
  RESTART_LEADER_RESTREAM_MS,
  RESTART_LEADER_UP_MS,
  RESTART_REPLICA_STOP_MS,
  RESTART_REPLICA_UP_MS,
  SCHEDULED_SWITCHOVER_DELAY_MS,
  TTL_MS,
} from "./constants";
import { loseStream, publishMember, type SimContext, startStreaming } from "./ha";
import { type Outcome, pair, syncStandby } from "./picks";
import { isRunningPrimary, leaderAt, markPostgresStarted, type SimNode } from "./state";
import { switchoverTo } from "./switchover";

// Scenarios about Patroni's own operations: a leader losing the DCS, a switchover scheduled for
// later, and the restart that clears a pending restart.

/**
 * The leader's Patroni loses its DCS connection. It cannot renew the leader key, so after one loop
 * plus retry_timeout it demotes itself (PostgreSQL restarts read-only, following nobody): there are
 * never two primaries. The key expires ttl after its last renewal and the sync standby takes over.
 */
export function dcsLost(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  const { leader, sync } = p;
  const { state } = ctx;
  leader.dcsCutAt = t;
  ctx.schedule(t + DCS_LOST_DEMOTE_MS, `${leader.name} demotes itself (no DCS)`, (at) => {
    if (leader.dcsCutAt === null || !isRunningPrimary(leader)) return;
    state.wal.freeze(at);
    leader.pgState = "stopping";
    for (const n of state.nodes) if (n !== leader && n.pgRole === "replica") loseStream(ctx, n, at);
  });
  ctx.schedule(t + DCS_LOST_DEMOTE_MS + 600, `${leader.name} starts read-only`, (at) => {
    if (leader.dcsCutAt === null || leader.pgState !== "stopping") return;
    leader.pgRole = "replica";
    leader.pgState = "starting";
    leader.receiver = { kind: "frozen", lsn: state.wal.lsnAt(at), replayUsec: at * 1000 };
  });
  ctx.schedule(t + DCS_LOST_DEMOTE_MS + 2000, `${leader.name} runs as a replica of nobody`, (at) => {
    if (leader.dcsCutAt === null || leader.pgState !== "starting") return;
    leader.pgState = "running";
    markPostgresStarted(state, leader, at * 1000 - 1_500_000);
  });
  const expiresIn = Math.round(((state.dcs.leader?.expiresAt ?? t + TTL_MS) - t) / 1000);
  return {
    message: `${leader.name} is cut off from the DCS: it demotes itself in ~${DCS_LOST_DEMOTE_MS / 1000} s, its leader key expires in ~${expiresIn} s, then ${sync.name} takes over`,
  };
}

/** patronictl switchover --scheduled: the /failover key holds the time; the leader acts then. */
export function scheduledSwitchover(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  const { dcs } = ctx.state;
  if (dcs.scheduledSwitchover) return { error: "a switchover is already scheduled" };
  // Whole seconds, as a user types the time.
  const atMs = Math.ceil((t + SCHEDULED_SWITCHOVER_DELAY_MS) / 1000) * 1000;
  const plan = { atMs, from: p.leader.name, to: p.sync.name };
  dcs.scheduledSwitchover = plan;
  ctx.schedule(
    atMs,
    `the scheduled switchover ${plan.from} -> ${plan.to}`,
    (at) => {
      // Cancelled, or consumed by another leader change meanwhile.
      if (dcs.scheduledSwitchover !== plan) return;
      dcs.scheduledSwitchover = null;
      const leader = leaderAt(ctx.state, at);
      const target = syncStandby(ctx.state);
      // Patroni drops a scheduled switchover whose leader or candidate no longer fits.
      if (!leader || leader.name !== plan.from || !isRunningPrimary(leader) || target?.name !== plan.to)
        return;
      switchoverTo(ctx, at, leader, target);
    },
    false,
  );
  return {
    message: `switchover ${plan.from} -> ${plan.to} scheduled in ${Math.round((atMs - t) / 1000)} s (scheduled_switchover in /cluster)`,
  };
}

/** patronictl restart --pending: each member with a pending restart, in name order, one at a time. */
export function restartPending(ctx: SimContext, t: number): Outcome {
  const { state } = ctx;
  if (ctx.busy()) return { error: "another transition is still in progress; wait for it to finish" };
  const targets = state.nodes.filter((n) => n.apiUp && n.pendingRestart && n.pgState === "running");
  if (targets.length === 0)
    return { error: "no member has a pending restart; trigger pending-restart first" };
  let at = t;
  for (const node of targets) at = restartOne(ctx, node, at);
  return {
    message: `restarting ${targets.map((n) => n.name).join(", ")} one at a time; pending_restart clears on each (~${Math.round((at - t) / 1000)} s)`,
  };
}

/** Schedules one member's restart from `from`; returns when it is done. */
function restartOne(ctx: SimContext, node: SimNode, from: number): number {
  const { state } = ctx;
  if (node.pgRole === "primary") {
    ctx.schedule(from, `${node.name} (leader) restarts`, (at) => {
      state.wal.freeze(at);
      node.pgState = "restarting";
      for (const n of state.nodes) if (n !== node && n.pgRole === "replica") loseStream(ctx, n, at);
      publishMember(ctx, node, at);
    });
    ctx.schedule(from + RESTART_LEADER_UP_MS, `${node.name} is back as leader`, (at) => {
      node.pgState = "running";
      markPostgresStarted(state, node, at * 1000 - 300_000);
      state.wal.resume(at);
      publishMember(ctx, node, at);
    });
    const restream = from + RESTART_LEADER_UP_MS + RESTART_LEADER_RESTREAM_MS;
    for (const n of state.nodes) {
      if (n === node) continue;
      ctx.schedule(restream, `${n.name} streams again`, (at) => startStreaming(ctx, n, at));
    }
    return restream;
  }
  ctx.schedule(from, `${node.name} stops its walreceiver for the restart`, (at) => {
    loseStream(ctx, node, at);
    publishMember(ctx, node, at);
  });
  ctx.schedule(from + RESTART_REPLICA_STOP_MS, `${node.name} restarts`, (at) => {
    node.pgState = "restarting";
    publishMember(ctx, node, at);
  });
  ctx.schedule(from + RESTART_REPLICA_UP_MS, `${node.name} is back`, (at) => {
    node.pgState = "running";
    markPostgresStarted(state, node, at * 1000 - 400_000);
    startStreaming(ctx, node, at);
    publishMember(ctx, node, at);
  });
  return from + RESTART_REPLICA_UP_MS;
}
