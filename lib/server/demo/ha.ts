import "server-only";
import {
  HISTORY_REASON,
  LEADER_TIMELINE_PUBLISH_DELAY_MS,
  RESTREAM_AFTER_PROMOTION_MS,
  SYNC_RESELECT_DELAY_MS,
  TTL_MS,
} from "./constants";
import { isoTimestamp } from "./format";
import { caughtUp, freezeReceiver, nodeLsn, replicaPositions } from "./positions";
import { noise } from "./random";
import {
  type ClusterState,
  effectiveTags,
  isRunningPrimary,
  isStreamingReplica,
  isSyncMember,
  leaderAt,
  type MemberData,
  nodeByName,
  type SimNode,
} from "./state";

// A small version of Patroni's HA loop, run for every live node every loop_wait: refresh the
// leader key and the member keys, keep a sync standby, and promote the sync standby once the
// leader key has expired (never in maintenance mode, never anyone else: synchronous_mode on).

/** The model's scheduler, as seen by the HA and scenario code. */
export interface SimContext {
  readonly state: ClusterState;
  /**
   * Runs `run(at)` when the clock reaches `at`. `step` names it for the UI badge. A blocking step
   * (the default) is part of a transition: no switchover, failover or leaderless starts meanwhile.
   */
  schedule(at: number, step: string, run: (at: number) => void, blocking?: boolean): void;
  /** True while blocking steps are pending. */
  busy(): boolean;
  /** Drops every pending step ("healthy" replaces them with its own recovery plan). */
  cancelPending(): void;
}

/**
 * The leader reads its flush LSN at the start of its loop and writes /status a little later, so the
 * published optime is slightly older than the loop's tick; live replicas are therefore never behind it.
 */
const STATUS_LEAD_MS = 150;

export function memberSnapshot(state: ClusterState, node: SimNode, t: number): MemberData {
  const running = node.pgState === "running";
  const data: MemberData = {
    state: node.pgState,
    role: node.pgRole,
    receiveLsn: null,
    replayLsn: null,
    pendingRestart: node.pendingRestart
      ? { oldValue: node.runningMaxConnections, newValue: state.dcs.maxConnections }
      : null,
  };
  const tags = effectiveTags(node);
  if (tags) data.tags = tags;
  // replication_state exists from 3.0.4; the 3.0.2 member key has only the PostgreSQL state.
  if (state.version !== "3.0.2" && running && isStreamingReplica(node)) data.replicationState = "streaming";
  const published = node.publishedTimeline;
  if (running && published !== "hidden") {
    const timeline = published === "actual" ? node.timeline : published;
    if (timeline !== null) data.timeline = timeline;
  }
  if (running && node.pgRole === "replica") {
    const pos = replicaPositions(state, node, t);
    data.receiveLsn = pos.received;
    data.replayLsn = pos.replayed;
  } else if (running) {
    data.receiveLsn = data.replayLsn = state.wal.lsnAt(t);
  }
  return data;
}

/** The node's HA loop writes its member key; the key lives ttl unless rewritten. */
export function publishMember(ctx: SimContext, node: SimNode, t: number): void {
  // Cut off from the DCS (dcs-lost), the node's writes never arrive.
  if (node.dcsCutAt !== null) return;
  ctx.state.dcs.members.set(node.name, { data: memberSnapshot(ctx.state, node, t), expiresAt: t + TTL_MS });
}

export function haTick(ctx: SimContext, t: number): void {
  const { state } = ctx;
  const { dcs } = state;
  for (const [name, key] of dcs.members) if (key.expiresAt <= t) dcs.members.delete(name);
  if (dcs.leader && dcs.leader.expiresAt <= t) dcs.leader = null;
  for (const node of state.nodes) {
    if (!node.apiUp || node.dcsCutAt !== null) continue;
    node.lastSeenMs = t;
    // Patroni compares the running settings with the DCS config once per loop.
    node.pendingRestart = dcs.maxConnections !== node.runningMaxConnections;
    if (node.receiver.kind === "catchup" && caughtUp(state, node, t)) {
      node.receiver = { kind: "live", baseLsn: replicaPositions(state, node, t).received };
    }
    const holder = leaderAt(state, t);
    if (holder === node && isRunningPrimary(node)) {
      dcs.leader = { name: node.name, expiresAt: t + TTL_MS };
      dcs.optime = state.wal.lsnAt(t - STATUS_LEAD_MS);
      manageSync(ctx, node, t);
    } else if (!holder && !dcs.paused && isSyncMember(state, node) && isStreamingCandidate(node)) {
      promote(ctx, node, t);
    } else if (holder && isRunningPrimary(holder)) {
      followReplicatefrom(ctx, node, t);
    }
    publishMember(ctx, node, t);
  }
}

/**
 * A replica streams from the member its replicatefrom tag names while that member streams itself,
 * and from the leader otherwise (Patroni falls back to the leader). A change of upstream is a
 * new primary_conninfo: the walreceiver reconnects.
 */
function followReplicatefrom(ctx: SimContext, node: SimNode, t: number): void {
  if (!isStreamingReplica(node) || node.stalled) return;
  const wanted = cascadeUpstream(ctx.state, node);
  if (wanted === node.upstream) return;
  loseStream(ctx, node, t);
  startStreaming(ctx, node, t);
}

/** The replica `node` should stream from: its replicatefrom target if that one streams, else none. */
function cascadeUpstream(state: ClusterState, node: SimNode): SimNode["upstream"] {
  const tag = node.tags.replicatefrom;
  if (typeof tag !== "string" || tag === node.name) return null;
  const target = nodeByName(state, tag);
  return target && target.apiUp && isStreamingReplica(target) && target.upstream === null
    ? target.name
    : null;
}

/** In synchronous_mode only the /sync standby may take over; it need not still be streaming. */
function isStreamingCandidate(node: SimNode): boolean {
  // A nofailover member never promotes itself, whatever the /sync key says.
  return node.pgRole === "replica" && node.pgState === "running" && node.tags.nofailover !== true;
}

function manageSync(ctx: SimContext, leader: SimNode, t: number): void {
  const { dcs, nodes, version } = ctx.state;
  // Only replicas streaming straight from the leader are in its pg_stat_replication.
  const direct = nodes.filter((n) => n !== leader && isStreamingReplica(n) && n.upstream === null);
  if (dcs.syncMode === "quorum") {
    // Quorum commit (4.x): every direct streaming replica votes (q capture: ANY 1 (node1,node2)).
    dcs.sync = null;
    const quorum = direct.map((n) => n.name).sort();
    if (quorum.join() !== dcs.quorum.join()) {
      dcs.quorum = quorum;
      dcs.syncChangedAt = t;
    }
    return;
  }
  dcs.quorum = [];
  const current = nodes.find((n) => n.name === dcs.sync);
  if (current && (!isStreamingReplica(current) || current.upstream !== null)) {
    // The sync standby's walsender is gone: Patroni empties /sync at its next loop (3.0.2 e3: ~1.4 s).
    dcs.sync = null;
    dcs.syncChangedAt = t;
  }
  if (dcs.sync !== null || t - dcs.syncChangedAt < SYNC_RESELECT_DELAY_MS[version]) return;
  const candidate = direct
    .slice()
    .sort((a, b) => (a.streamingSinceMs ?? 0) - (b.streamingSinceMs ?? 0) || a.index - b.index)[0];
  if (candidate) {
    dcs.sync = candidate.name;
    dcs.syncChangedAt = t;
  }
}

/** The WAL receiver lost its primary: the node keeps running as a replica, not streaming. */
export function loseStream(ctx: SimContext, node: SimNode, t: number): void {
  if (!node.streaming) return;
  freezeReceiver(ctx.state, node, t);
  node.streaming = false;
  node.streamingSinceMs = null;
  node.stalled = false;
  node.upstream = null;
}

/** Connects a running replica to the current primary; retries each second while there is none. */
export function startStreaming(ctx: SimContext, node: SimNode, t: number): void {
  if (!node.apiUp || node.pgRole !== "replica" || node.pgState !== "running" || node.streaming) return;
  // Without the DCS the node cannot learn who leads: it stays a replica that follows nobody.
  if (node.dcsCutAt !== null) return;
  const leader = leaderAt(ctx.state, t);
  if (!isRunningPrimary(leader)) {
    ctx.schedule(t + 1000, `${node.name} waits for a primary to stream from`, (at) =>
      startStreaming(ctx, node, at),
    );
    return;
  }
  node.receiver = { kind: "live", baseLsn: Math.min(nodeLsn(ctx.state, node, t), ctx.state.wal.lsnAt(t)) };
  node.timeline = leader.timeline;
  node.streaming = true;
  node.streamingSinceMs = t;
  node.upstream = cascadeUpstream(ctx.state, node);
  publishMember(ctx, node, t);
}

/** Promotes `node`: new timeline, /history row, leader key, writes resume, others re-follow. */
export function promote(ctx: SimContext, node: SimNode, t: number): void {
  const { state } = ctx;
  const { dcs } = state;
  const ended = state.timeline;
  const switchLsn = nodeLsn(state, node, t);
  loseStream(ctx, node, t);
  node.pgRole = "primary";
  node.pgState = "running";
  node.timeline = ended + 1;
  // /cluster keeps showing the old timeline for a while after a promotion (c2 README).
  node.publishedTimeline = ended;
  state.timeline = ended + 1;
  state.lastLeader = node.name;
  const usec = t * 1000 - 200_000 + Math.floor(noise(state.seed, t, 77) * 1000);
  dcs.history.push([ended, switchLsn, HISTORY_REASON, isoTimestamp(usec), node.name]);
  dcs.leader = { name: node.name, expiresAt: t + TTL_MS };
  dcs.sync = null;
  dcs.quorum = [];
  dcs.syncChangedAt = t;
  dcs.optime = switchLsn;
  // Any leader change consumes the /failover key, a scheduled switchover included.
  dcs.scheduledSwitchover = null;
  state.wal.resume(t);
  ctx.schedule(t + LEADER_TIMELINE_PUBLISH_DELAY_MS, `${node.name} publishes its new timeline`, (at) => {
    node.publishedTimeline = "actual";
    if (node.apiUp) publishMember(ctx, node, at);
  });
  for (const other of state.nodes) {
    if (other === node || !other.apiUp || other.pgRole !== "replica" || other.pgState !== "running") continue;
    if (other.dcsCutAt !== null) continue;
    loseStream(ctx, other, t);
    const delay = RESTREAM_AFTER_PROMOTION_MS + Math.floor(noise(state.seed, t, other.index) * 400);
    ctx.schedule(t + delay, `${other.name} streams from the new leader`, (at) =>
      startStreaming(ctx, other, at),
    );
    publishMember(ctx, other, t);
  }
  publishMember(ctx, node, t);
}

/**
 * A clock jump skipped many loops: the live nodes would have refreshed their keys in them, so
 * their keys are renewed as of `t`; keys of dead nodes keep their expiry and may lapse now.
 */
export function renewLiveKeys(ctx: SimContext, t: number): void {
  const { dcs, nodes } = ctx.state;
  for (const node of nodes) {
    const key = dcs.members.get(node.name);
    if (node.apiUp && node.dcsCutAt === null && key) key.expiresAt = Math.max(key.expiresAt, t + TTL_MS);
  }
  const holder = dcs.leader ? nodes.find((n) => n.name === dcs.leader?.name) : undefined;
  if (dcs.leader && isRunningPrimary(holder) && holder.dcsCutAt === null)
    dcs.leader.expiresAt = Math.max(dcs.leader.expiresAt, t + TTL_MS);
}
