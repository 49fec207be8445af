import "server-only";
import {
  type DemoScenario,
  isDemoScenario,
  LAG_SPIKE_STALL_MS,
  LEADERLESS_SECOND_KILL_MS,
  PENDING_MAX_CONNECTIONS,
} from "./constants";
import type { SimContext } from "./ha";
import { crashNode, stopNodeGracefully } from "./lifecycle";
import { dcsLost, restartPending, scheduledSwitchover } from "./operations";
import { asyncReplica, type Outcome, pair } from "./picks";
import { freezeReceiver } from "./positions";
import { cascade, nofailover, quorum, replayPaused } from "./reconfigure";
import { recoverAll } from "./recovery";
import { switchover } from "./switchover";

// Scenario triggers. Each checks that it makes sense now (a switchover needs a leader and a sync
// standby, as Patroni's own 412 says), then injects the fault or schedules the steps; the HA loop
// (ha.ts) does the rest on its own, exactly as Patroni would (expiry, promotion, new sync standby).

export type TriggerResult =
  | { ok: true; scenario: DemoScenario; atMs: number; message: string }
  | { ok: false; scenario: string; atMs: number; error: string };

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
    case "cascade":
      outcome = cascade(ctx, t);
      break;
    case "nofailover":
      outcome = nofailover(ctx, t);
      break;
    case "replay-paused":
      outcome = replayPaused(ctx, t);
      break;
    case "quorum":
      outcome = quorum(ctx, t);
      break;
    case "dcs-lost":
      outcome = dcsLost(ctx, t);
      break;
    case "scheduled-switchover":
      outcome = scheduledSwitchover(ctx, t);
      break;
    case "restart":
      outcome = restartPending(ctx, t);
      break;
  }
  return "error" in outcome
    ? { ok: false, scenario: name, atMs: t, error: outcome.error }
    : { ok: true, scenario: name, atMs: t, message: outcome.message };
}
