import "server-only";
import { CATCHUP_BYTES_PER_S } from "./constants";
import { smoothNoise } from "./random";
import type { ClusterState, SimNode } from "./state";

// Live WAL positions of one node at one moment: what /patroni's xlog block and the member keys
// report. A streaming replica trails the primary by a few kB that vary second by second.

export interface ReplicaPositions {
  received: number;
  replayed: number;
  /** pg_last_xact_replay_timestamp() in epoch microseconds. */
  replayUsec: number;
  /** The walreceiver's latest_end_lsn (4.1 health checks); null without a connected receiver. */
  latestEnd: number | null;
}

const align8 = (n: number) => Math.floor(n / 8) * 8;

/** Commit timestamp of the newest replayed transaction, a few ms before the last write. */
function replayTimestamp(state: ClusterState, node: SimNode, t: number): number {
  const wrote = state.wal.lastWriteMs(t);
  const delayMs = 5 + smoothNoise(state.seed, node.index + 40, wrote) * 30;
  return Math.floor((wrote - delayMs) * 1000);
}

function live(state: ClusterState, node: SimNode, baseLsn: number, t: number): ReplicaPositions {
  const primary = state.wal.lsnAt(t);
  // Gaps are bounded (≤ 10 kB) and, right after streaming starts, limited to a quarter of the WAL
  // written since, so a replica never goes backwards nor falls behind the /status optime the
  // leader published 150 ms before its last loop (that keeps ?lag=0 at 200, as in the captures).
  const room = Math.max(0, (primary - baseLsn) / 4);
  const receiveGap = state.wal.writing
    ? Math.min(room, 1024 + smoothNoise(state.seed, node.index * 2 + 1, t) * 7168)
    : 0;
  const replayGap = state.wal.writing
    ? Math.min(room, smoothNoise(state.seed, node.index * 2 + 2, t) * 2048)
    : 0;
  const received = Math.max(baseLsn, align8(primary - receiveGap));
  const replayed = Math.max(baseLsn, align8(received - replayGap));
  return { received, replayed, replayUsec: replayTimestamp(state, node, t), latestEnd: replayed };
}

export function replicaPositions(state: ClusterState, node: SimNode, t: number): ReplicaPositions {
  const r = node.receiver;
  let pos: ReplicaPositions;
  if (r.kind === "live") {
    pos = live(state, node, r.baseLsn, t);
  } else if (r.kind === "frozen") {
    pos = { received: r.lsn, replayed: r.lsn, replayUsec: r.replayUsec, latestEnd: r.lsn };
  } else {
    const target = live(state, node, r.fromLsn, t);
    const reached = align8(r.fromLsn + (Math.max(0, t - r.sinceMs) / 1000) * CATCHUP_BYTES_PER_S);
    pos =
      reached >= target.received
        ? target
        : { received: reached, replayed: reached, replayUsec: r.replayUsec, latestEnd: reached };
  }
  // pg_wal_replay_pause(): WAL still arrives, replay and its timestamp stay where they stopped (f1).
  const pause = node.replayPause;
  if (pause) pos = { ...pos, replayed: Math.min(pos.replayed, pause.lsn), replayUsec: pause.usec };
  // latest_end_lsn exists only while a walreceiver is connected (pg_stat_wal_receiver has a row).
  return node.streaming ? pos : { ...pos, latestEnd: null };
}

/** True once a resumed walreceiver has caught up (its receiver can become "live" again). */
export function caughtUp(state: ClusterState, node: SimNode, t: number): boolean {
  const r = node.receiver;
  if (r.kind !== "catchup") return false;
  return replicaPositions(state, node, t).received >= live(state, node, r.fromLsn, t).received;
}

/** Freezes a replica's receiver where it stands now (primary lost, or walreceiver stopped). */
export function freezeReceiver(state: ClusterState, node: SimNode, t: number): void {
  if (node.receiver.kind === "frozen") return;
  const pos = replicaPositions(state, node, t);
  // Without a primary everything received gets replayed; a stopped walreceiver shows
  // received == replayed too (f2 capture).
  node.receiver = { kind: "frozen", lsn: pos.received, replayUsec: pos.replayUsec };
}

/** Current position of any node, for a new receiver's base or a promotion's switch point. */
export function nodeLsn(state: ClusterState, node: SimNode, t: number): number {
  return node.pgRole === "primary" ? state.wal.lsnAt(t) : replicaPositions(state, node, t).received;
}
