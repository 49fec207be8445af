import "server-only";
import { CASCADE_RECONNECT_MS } from "./constants";
import { loseStream, publishMember, type SimContext, startStreaming } from "./ha";
import { asyncReplica, type Outcome, runningLeader, syncStandby } from "./picks";
import { replicaPositions } from "./positions";

// Scenarios that change how the cluster is configured rather than break it: tags (replicatefrom,
// nofailover), quorum commit, paused WAL replay. Each is undone by "healthy".

/** The async replica streams from the sync standby instead of the leader (replicatefrom tag). */
export function cascade(ctx: SimContext, t: number): Outcome {
  if (!runningLeader(ctx.state, t)) return { error: "there is no running leader; trigger healthy first" };
  const upstream = syncStandby(ctx.state);
  const replica = asyncReplica(ctx.state);
  if (!upstream || !replica) return { error: "needs a streaming sync standby and an async replica" };
  if (replica.tags.replicatefrom === upstream.name)
    return { error: `${replica.name} already replicates from ${upstream.name}` };
  replica.tags = { ...replica.tags, replicatefrom: upstream.name };
  publishMember(ctx, replica, t);
  // The reload changes primary_conninfo: the walreceiver disconnects and connects to the upstream.
  ctx.schedule(t + CASCADE_RECONNECT_MS, `${replica.name} reconnects to ${upstream.name}`, (at) => {
    loseStream(ctx, replica, at);
    startStreaming(ctx, replica, at);
  });
  return {
    message: `${replica.name} gets the tag replicatefrom: ${upstream.name}; in ~1 s it streams from ${upstream.name}, not from the leader`,
  };
}

/** The async replica is tagged nofailover: it is never promoted. */
export function nofailover(ctx: SimContext, t: number): Outcome {
  const replica = asyncReplica(ctx.state);
  if (!replica) return { error: "no streaming async replica to tag" };
  if (replica.tags.nofailover === true) return { error: `${replica.name} already has nofailover` };
  replica.tags = { ...replica.tags, nofailover: true };
  publishMember(ctx, replica, t);
  return { message: `${replica.name} gets the tag nofailover: true; Patroni will never promote it` };
}

/** pg_wal_replay_pause() on the async replica; maintenance mode first, as the f1 capture needed. */
export function replayPaused(ctx: SimContext, t: number): Outcome {
  const replica = asyncReplica(ctx.state);
  if (!replica) return { error: "no streaming async replica to pause" };
  if (replica.replayPause) return { error: `replay is already paused on ${replica.name}` };
  // Outside maintenance mode Patroni calls pg_wal_replay_resume() within one loop (PostgreSQL 14+).
  ctx.state.dcs.paused = true;
  const pos = replicaPositions(ctx.state, replica, t);
  replica.replayPause = { lsn: pos.replayed, usec: pos.replayUsec };
  return {
    message: `maintenance mode on, then WAL replay paused on ${replica.name}: it still receives WAL, its replay lag grows`,
  };
}

/** synchronous_mode: quorum (Patroni 4 only): every streaming replica becomes a quorum standby. */
export function quorum(ctx: SimContext, t: number): Outcome {
  const { state } = ctx;
  if (state.version === "3.0.2") return { error: "quorum commit needs Patroni 4.0 or newer" };
  if (!runningLeader(state, t)) return { error: "there is no running leader; trigger healthy first" };
  if (state.dcs.syncMode === "quorum") return { error: "synchronous_mode is already quorum" };
  state.dcs.syncMode = "quorum";
  return {
    message: "synchronous_mode: quorum; at the leader's next loop both replicas become quorum standbys",
  };
}
