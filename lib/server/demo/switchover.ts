import "server-only";
import { loseStream, promote, publishMember, type SimContext, startStreaming } from "./ha";
import { type Outcome, pair } from "./picks";
import { markPostgresStarted, type SimNode } from "./state";

// A switchover, as Patroni runs it (b-after-switchover watch): used by the switchover scenario and
// when a scheduled switchover's time comes.

export function switchover(ctx: SimContext, t: number): Outcome {
  const p = pair(ctx, t);
  if ("error" in p) return p;
  return switchoverTo(ctx, t, p.leader, p.sync);
}

export function switchoverTo(ctx: SimContext, t: number, leader: SimNode, sync: SimNode): Outcome {
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
