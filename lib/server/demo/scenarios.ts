import "server-only";
import {
  type DemoScenario,
  isDemoScenario,
  LAG_SPIKE_STALL_MS,
  LEADERLESS_SECOND_KILL_MS,
  PENDING_MAX_CONNECTIONS,
} from "./constants";
import { loseStream, promote, publishMember, type SimContext, startStreaming } from "./ha";
import { crashNode, stopNodeGracefully } from "./lifecycle";
import { freezeReceiver } from "./positions";
import { recoverAll } from "./recovery";
import {
  type ClusterState,
  isRunningPrimary,
  isStreamingReplica,
  leaderAt,
  markPostgresStarted,
  type SimNode,
} from "./state";

// Scenario triggers. Each checks that it makes sense now (a switchover needs a leader and a sync
// standby, as Patroni's own 412 says), then injects the fault or schedules the steps; the HA loop
// (ha.ts) does the rest on its own, exactly as Patroni would (expiry, promotion, new sync standby).

export type TriggerResult =
  | { ok: true; scenario: DemoScenario; atMs: number; message: string }
  | { ok: false; scenario: string; atMs: number; error: string };

type Outcome = { message: string } | { error: string };

function runningLeader(state: ClusterState, t: number): SimNode | undefined {
  const leader = leaderAt(state, t);
  return isRunningPrimary(leader) ? leader : undefined;
}

function syncStandby(state: ClusterState): SimNode | undefined {
  const sync = state.nodes.find((n) => n.name === state.dcs.sync);
  return sync && sync.apiUp && isStreamingReplica(sync) ? sync : undefined;
}

/** The async replica a fault hits: the last streaming non-sync replica by name (node3 at first). */
function asyncReplica(state: ClusterState): SimNode | undefined {
  return state.nodes
    .filter((n) => n.apiUp && isStreamingReplica(n) && !n.stalled && n.name !== state.dcs.sync)
    .at(-1);
}

/** Leader + sync standby + nothing in flight: what switchover, failover and leaderless need. */
function pair(ctx: SimContext, t: number): { leader: SimNode; sync: SimNode } | { error: string } {
  const leader = runningLeader(ctx.state, t);
  if (!leader) return { error: "there is no running leader; trigger healthy first" };
  if (ctx.busy()) return { error: "another transition is still in progress; wait for it to finish" };
  const sync = syncStandby(ctx.state);
  if (!sync)
    return {
      error: "no sync standby yet (synchronous_mode: Patroni would refuse with 412); retry in a few seconds",
    };
  return { leader, sync };
}

function switchover(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  const { leader, sync } = p;
  const { state } = ctx;
  // b-after-switchover watch: the leader's member key loses its timeline first, then says
  // "stopping"; ~0.3 s later the sync standby holds the key on the old timeline (updated ~1.3 s later).
  ctx.schedule(t + 300, `${leader.name} prepares the switchover`, (at) => {
    leader.publishedTimeline = "hidden";
    publishMember(ctx, leader, at);
  });
  ctx.schedule(t + 2000, `${leader.name} stops PostgreSQL`, (at) => {
    state.wal.freeze(at);
    leader.pgState = "stopping";
    for (const n of state.nodes) if (n.pgRole === "replica") loseStream(ctx, n, at);
    publishMember(ctx, leader, at);
  });
  ctx.schedule(t + 2300, `${sync.name} is promoted`, (at) => {
    leader.pgRole = "replica";
    leader.pgState = "stopped";
    leader.timeline = null;
    leader.publishedTimeline = "actual";
    leader.receiver = { kind: "frozen", lsn: state.wal.lsnAt(at), replayUsec: at * 1000 };
    promote(ctx, sync, at);
    publishMember(ctx, leader, at);
  });
  ctx.schedule(t + 4300, `${leader.name} starts as a replica`, (at) => {
    leader.pgState = "starting";
    publishMember(ctx, leader, at);
  });
  ctx.schedule(t + 4900, `${leader.name} rejoins as a replica`, (at) => {
    leader.pgState = "running";
    leader.timeline = state.timeline;
    markPostgresStarted(state, leader, at * 1000 - 600_000);
    startStreaming(ctx, leader, at);
  });
  return {
    message: `switchover ${leader.name} -> ${sync.name}: new leader in ~2.3 s, old leader streams again in ~5 s`,
  };
}

function failover(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  crashNode(ctx, p.leader, t);
  const expiresIn = Math.round(((ctx.state.dcs.leader?.expiresAt ?? t) - t) / 1000);
  return {
    message: ctx.state.dcs.paused
      ? `${p.leader.name} killed; maintenance mode is on, so nobody takes over (leader key expires in ~${expiresIn} s)`
      : `${p.leader.name} killed; ${p.sync.name} takes over when the leader key expires (~${expiresIn} s)`,
  };
}

function lagSpike(ctx: SimContext, t: number): Outcome {
  const replica = asyncReplica(ctx.state);
  if (!replica) return { error: "no streaming async replica to stall" };
  // SIGSTOP of the walreceiver: nothing more arrives, yet it still reports "streaming" (f2).
  freezeReceiver(ctx.state, replica, t);
  replica.stalled = true;
  const resume = (at: number) => {
    if (!replica.stalled || replica.receiver.kind !== "frozen") return;
    replica.stalled = false;
    const { lsn, replayUsec } = replica.receiver;
    replica.receiver = { kind: "catchup", fromLsn: lsn, sinceMs: at, replayUsec };
  };
  ctx.schedule(t + LAG_SPIKE_STALL_MS, `${replica.name}'s walreceiver resumes`, resume, false);
  return {
    message: `${replica.name}'s walreceiver stalls for ${LAG_SPIKE_STALL_MS / 1000} s; lag passes 1 MB within seconds`,
  };
}

function nodeDown(ctx: SimContext, t: number): Outcome {
  const replica = asyncReplica(ctx.state);
  if (!replica) return { error: "no running async replica to stop" };
  stopNodeGracefully(ctx, replica, t);
  return { message: `${replica.name}'s Patroni stopped: its API refuses connections until healthy` };
}

function leaderless(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  const { leader, sync } = p;
  crashNode(ctx, sync, t);
  // The leader empties /sync at its next loop but waits before naming the async replica; dying
  // meanwhile leaves nobody allowed to promote (the 3.0.2 capture i-leaderless-no-sync-candidate in tests/fixtures).
  ctx.schedule(t + LEADERLESS_SECOND_KILL_MS, `${leader.name} dies too`, (at) => {
    if (leader.apiUp) crashNode(ctx, leader, at);
  });
  return {
    message: `${sync.name} (sync standby) killed, ${leader.name} follows in ~3 s: no leader until healthy`,
  };
}

export function runScenario(ctx: SimContext, name: string, t: number): TriggerResult {
  if (!isDemoScenario(name))
    return { ok: false, scenario: name, atMs: t, error: `unknown scenario "${name}"` };
  const { dcs } = ctx.state;
  let outcome: Outcome;
  switch (name) {
    case "healthy":
      outcome = { message: `back to healthy: ${recoverAll(ctx, t)}` };
      break;
    case "switchover":
      outcome = switchover(ctx, t);
      break;
    case "failover":
      outcome = failover(ctx, t);
      break;
    case "lag-spike":
      outcome = lagSpike(ctx, t);
      break;
    case "node-down":
      outcome = nodeDown(ctx, t);
      break;
    case "maintenance":
      dcs.paused = true;
      outcome = { message: "maintenance mode on: pause is set, automatic failover is disabled" };
      break;
    case "pending-restart":
      dcs.maxConnections = PENDING_MAX_CONNECTIONS;
      outcome = {
        message: "max_connections changed; every node reports pending_restart after its next loop",
      };
      break;
    case "leaderless":
      outcome = leaderless(ctx, t);
      break;
  }
  return "error" in outcome
    ? { ok: false, scenario: name, atMs: t, error: outcome.error }
    : { ok: true, scenario: name, atMs: t, message: outcome.message };
}
