import "server-only";
import {
  GRACEFUL_STOP_MS,
  REJOIN_STARTING_MS,
  REJOIN_STREAMING_MS,
  STREAM_LOSS_MIN_MS,
  STREAM_LOSS_SPREAD_MS,
  TTL_MS,
} from "./constants";
import { loseStream, promote, publishMember, type SimContext, startStreaming } from "./ha";
import { freezeReceiver } from "./positions";
import { noise } from "./random";
import { isStreamingReplica, markPostgresStarted, type SimNode } from "./state";

// What happens to one node when it dies or comes back. Timings follow the captures' watch traces.

const startUsec = (ctx: SimContext, node: SimNode, t: number) =>
  t * 1000 + (Math.floor(noise(ctx.state.seed, t, node.index + 90) * 1_000_000) % 1000);

/**
 * SIGKILL of Patroni, the postmaster and its children: the REST API refuses connections at once,
 * while the DCS keeps its keys until they expire (ttl after the last refresh).
 */
export function crashNode(ctx: SimContext, node: SimNode, t: number): void {
  const { state } = ctx;
  const wasPrimary = node.pgRole === "primary" && node.pgState === "running";
  if (node.pgRole === "replica") loseStream(ctx, node, t);
  node.apiUp = false;
  node.pgState = "crashed";
  if (!wasPrimary) return;
  state.wal.freeze(t);
  // Each replica's walreceiver notices the dead primary a moment later; 4.x /cluster then shows
  // "running" instead of "streaming" (c1: 0.9 s and 1.6 s after the kill).
  for (const replica of state.nodes) {
    if (!isStreamingReplica(replica)) continue;
    const delay =
      STREAM_LOSS_MIN_MS + Math.floor(noise(state.seed, t, replica.index + 10) * STREAM_LOSS_SPREAD_MS);
    ctx.schedule(t + delay, `${replica.name} loses its primary`, (at) => {
      if (!replica.apiUp || !replica.streaming) return;
      loseStream(ctx, replica, at);
      publishMember(ctx, replica, at);
    });
  }
}

/**
 * SIGTERM of a replica's Patroni: the API stops accepting connections at once; Patroni stops
 * PostgreSQL, writes a last member key saying "stopped" and exits, so /cluster lists the node as
 * stopped with lag "unknown" until that key expires (e3: stopped after ~2.3 s, gone after ~22.7 s).
 */
export function stopNodeGracefully(ctx: SimContext, node: SimNode, t: number): void {
  node.apiUp = false;
  node.pgState = "stopping";
  ctx.schedule(t + GRACEFUL_STOP_MS, `${node.name} stops PostgreSQL and exits`, (at) => {
    if (node.apiUp) return;
    loseStream(ctx, node, at);
    node.pgState = "stopped";
    node.timeline = null;
    publishMember(ctx, node, at);
  });
}

/** Patroni starts again on a former member: stopped → starting (rewind, recovery) → streaming. */
export function rejoinAsReplica(ctx: SimContext, node: SimNode, t: number): void {
  if (node.pgRole === "primary") {
    // A former primary: pg_rewind brings it to the new timeline; it receives from where it stands.
    node.receiver = { kind: "frozen", lsn: ctx.state.wal.lsnAt(t), replayUsec: t * 1000 };
  } else {
    freezeReceiver(ctx.state, node, t);
  }
  node.apiUp = true;
  node.pgRole = "replica";
  node.pgState = "stopped";
  node.timeline = null;
  node.streaming = false;
  node.streamingSinceMs = null;
  node.upstream = null;
  node.stalled = false;
  node.publishedTimeline = "actual";
  node.lastSeenMs = t;
  publishMember(ctx, node, t);
  ctx.schedule(t + REJOIN_STARTING_MS, `${node.name} starts PostgreSQL`, (at) => {
    node.pgState = "starting";
    publishMember(ctx, node, at);
  });
  ctx.schedule(t + REJOIN_STREAMING_MS, `${node.name} rejoins as a replica`, (at) => {
    node.pgState = "running";
    markPostgresStarted(ctx.state, node, startUsec(ctx, node, at - 900));
    node.timeline = ctx.state.timeline;
    startStreaming(ctx, node, at);
    publishMember(ctx, node, at);
  });
}

/**
 * The leader's Patroni comes back while its leader key is still valid (a failover that has not
 * happened yet): it keeps the key, recovers PostgreSQL and goes on as primary on the same timeline.
 */
export function restartAsLeader(ctx: SimContext, node: SimNode, t: number, readyAt: number): void {
  const { state } = ctx;
  node.apiUp = true;
  node.pgRole = "primary";
  node.pgState = "starting";
  node.publishedTimeline = "actual";
  node.lastSeenMs = t;
  state.dcs.leader = { name: node.name, expiresAt: t + TTL_MS };
  publishMember(ctx, node, t);
  ctx.schedule(readyAt, `${node.name} is primary again`, (at) => {
    node.pgState = "running";
    node.timeline = state.timeline;
    markPostgresStarted(state, node, startUsec(ctx, node, at - 1200));
    state.dcs.leader = { name: node.name, expiresAt: at + TTL_MS };
    state.wal.resume(at);
    publishMember(ctx, node, at);
  });
}

/**
 * No leader key at all (leaderless): the returning former leader takes the key and promotes itself
 * onto a new timeline, as the 3.0.2 recovery watch shows (scenario i: leader again within ~1.8 s).
 */
export function bootAsNewLeader(ctx: SimContext, node: SimNode, t: number, readyAt: number): void {
  node.apiUp = true;
  node.pgState = "starting";
  node.publishedTimeline = "actual";
  node.lastSeenMs = t;
  // It grabs the free key first (/cluster: leader, not yet running), so nobody else races it.
  ctx.state.dcs.leader = { name: node.name, expiresAt: t + TTL_MS };
  publishMember(ctx, node, t);
  ctx.schedule(readyAt, `${node.name} takes the leader key`, (at) => {
    // Crash recovery replayed everything it had; promote() reads the switch point from here.
    node.receiver = { kind: "frozen", lsn: ctx.state.wal.lsnAt(at), replayUsec: at * 1000 };
    node.pgRole = "replica";
    node.pgState = "running";
    markPostgresStarted(ctx.state, node, startUsec(ctx, node, at - 1000));
    promote(ctx, node, at);
  });
}
