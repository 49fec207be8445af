import "server-only";
import {
  BASE_MAX_CONNECTIONS,
  DEMO_DEFAULT_PORTS,
  DEMO_HOST,
  DEMO_NODE_NAMES,
  DEMO_PG_PORTS,
  DEMO_SCOPE,
  type DemoNodeName,
  type DemoVersion,
  TTL_MS,
} from "./constants";
import { mulberry32 } from "./random";
import { WalStream } from "./wal";

// The simulator's whole state: what each node's PostgreSQL and Patroni are doing, and what the DCS
// (etcd) holds. REST responses are computed from this; nothing is stored per request.

/** PostgreSQL states the scenarios use. "crashed" is never shown: crashed nodes are down. */
export type PgState = "running" | "starting" | "stopping" | "stopped" | "crashed" | "restarting";
export type PgRole = "primary" | "replica";

/** Where a replica's WAL receiver stands. */
export type Receiver =
  /** Streaming: a few kB behind the primary, never behind `baseLsn` (where streaming began). */
  | { kind: "live"; baseLsn: number }
  /** Nothing arrives: no primary, or the walreceiver is stopped (lag-spike). */
  | { kind: "frozen"; lsn: number; replayUsec: number }
  /** A stopped walreceiver resumed and is catching up at CATCHUP_BYTES_PER_S. */
  | { kind: "catchup"; fromLsn: number; sinceMs: number; replayUsec: number };

export interface SimNode {
  readonly name: DemoNodeName;
  readonly index: number;
  apiUrl: string;
  readonly pgPort: number;
  /** Patroni is running, so its REST API accepts connections. */
  apiUp: boolean;
  pgState: PgState;
  pgRole: PgRole;
  /** PostgreSQL's timeline; null while it is not known (stopped). */
  timeline: number | null;
  /** The WAL receiver is connected (4.x: replication_state "streaming"). */
  streaming: boolean;
  streamingSinceMs: number | null;
  receiver: Receiver;
  /** lag-spike: the walreceiver process is stopped but still reports "streaming" (f2 capture). */
  stalled: boolean;
  postmasterStartUsec: number;
  /** max_connections the running postmaster was started with (a restart picks up the DCS value). */
  runningMaxConnections: number;
  /** What the member key says about the timeline: the real one, none, or a stale one. */
  publishedTimeline: "actual" | "hidden" | number;
  pendingRestart: boolean;
  /** Last successful DCS read (HA loop or a /cluster call): dcs_last_seen. */
  lastSeenMs: number;
  /** Configured tags in insertion order (replicatefrom, nofailover); {} when none. */
  tags: Record<string, string | boolean>;
  /** The replica this node's walreceiver is connected to (cascade); null: the leader. */
  upstream: DemoNodeName | null;
  /** pg_wal_replay_pause(): replay stopped here while WAL keeps arriving; null while replaying. */
  replayPause: { lsn: number; usec: number } | null;
  /** When this node's Patroni lost its connection to the DCS (dcs-lost); null while it has one. */
  dcsCutAt: number | null;
}

/** A member key's payload, as the node wrote it on its last HA loop. */
export interface MemberData {
  state: PgState;
  role: PgRole;
  replicationState?: "streaming";
  timeline?: number;
  receiveLsn: number | null;
  replayLsn: number | null;
  /** pending_restart_reason for max_connections, or null when no restart is pending. */
  pendingRestart: { oldValue: number; newValue: number } | null;
  /** The node's tags as written in its member key (only when it has some). */
  tags?: Record<string, string | boolean>;
}

export type HistoryRow = [
  timeline: number,
  lsn: number,
  reason: string,
  timestamp: string,
  newLeader: string,
];

export interface DcsState {
  leader: { name: DemoNodeName; expiresAt: number } | null;
  members: Map<DemoNodeName, { data: MemberData; expiresAt: number }>;
  /** The /sync key: the synchronous standby, or null. */
  sync: DemoNodeName | null;
  /** When the /sync key was last emptied or the leader changed (gates re-selection). */
  syncChangedAt: number;
  /** The /status key: the leader's last reported flush LSN ("leader optime"). */
  optime: number;
  history: HistoryRow[];
  paused: boolean;
  maxConnections: number;
  /** synchronous_mode in /config: true ("on") or "quorum" (4.x quorum commit). */
  syncMode: "on" | "quorum";
  /** Quorum mode: the /sync key's member list (every quorum standby); empty otherwise. */
  quorum: DemoNodeName[];
  /** The /failover key of a switchover scheduled for later: /cluster's scheduled_switchover. */
  scheduledSwitchover: { atMs: number; from: DemoNodeName; to: DemoNodeName } | null;
}

export interface ClusterState {
  readonly version: DemoVersion;
  /** Patroni's `scope` (the cluster name): "demo", or demo-001… in a fleet. */
  readonly scope: string;
  readonly seed: number;
  readonly originMs: number;
  readonly sysid: string;
  readonly wal: WalStream;
  readonly nodes: SimNode[];
  readonly dcs: DcsState;
  /** The cluster's current timeline (the newest promotion's). */
  timeline: number;
  /** Who held the leader key last: a leaderless cluster restarts it first. */
  lastLeader: DemoNodeName;
}

export function createInitialState(
  seed: number,
  version: DemoVersion,
  originMs: number,
  scope: string = DEMO_SCOPE,
): ClusterState {
  const rand = mulberry32(seed);
  // A fresh PostgreSQL 15 cluster sits at about 0/4000050 after bootstrap (see a-healthy).
  const startLsn = 0x4000000 + Math.floor(rand() * 64) * 8;
  const bootedUsec = (originMs - 60_000 - Math.floor(rand() * 240_000)) * 1000 + Math.floor(rand() * 1000);
  const sysid = (
    (BigInt(Math.floor(bootedUsec / 1e6)) << 32n) |
    BigInt(Math.floor(rand() * 2 ** 32))
  ).toString();
  const nodes: SimNode[] = DEMO_NODE_NAMES.map((name, index) => ({
    name,
    index,
    apiUrl: `http://${DEMO_HOST}:${DEMO_DEFAULT_PORTS[index] ?? 8008 + index}/patroni`,
    pgPort: DEMO_PG_PORTS[index] ?? 5433 + index,
    apiUp: true,
    pgState: "running",
    pgRole: index === 0 ? "primary" : "replica",
    timeline: 1,
    streaming: index !== 0,
    streamingSinceMs: index === 0 ? null : originMs - 30_000 + index * 1000,
    receiver: { kind: "live", baseLsn: startLsn },
    stalled: false,
    // Replicas were cloned a few seconds after the leader bootstrapped (a-healthy: ~3 s).
    postmasterStartUsec: bootedUsec + index * 3_000_000 + Math.floor(rand() * 1_000_000),
    runningMaxConnections: BASE_MAX_CONNECTIONS,
    publishedTimeline: "actual",
    pendingRestart: false,
    lastSeenMs: originMs,
    tags: {},
    upstream: null,
    replayPause: null,
    dcsCutAt: null,
  }));
  return {
    version,
    scope,
    seed,
    originMs,
    sysid,
    wal: new WalStream(seed, originMs, startLsn),
    nodes,
    dcs: {
      leader: { name: "node1", expiresAt: originMs + TTL_MS },
      members: new Map(),
      sync: "node2",
      syncChangedAt: originMs - 60_000,
      optime: startLsn,
      history: [],
      paused: false,
      maxConnections: BASE_MAX_CONNECTIONS,
      syncMode: "on",
      quorum: [],
      scheduledSwitchover: null,
    },
    timeline: 1,
    lastLeader: "node1",
  };
}

export function nodeByName(state: ClusterState, name: string): SimNode | undefined {
  return state.nodes.find((n) => n.name === name);
}

/** The leader key's holder at `t`, if the key has not expired (etcd drops it exactly at expiry). */
export function leaderAt(state: ClusterState, t: number): SimNode | undefined {
  const key = state.dcs.leader;
  return key && key.expiresAt > t ? nodeByName(state, key.name) : undefined;
}

/** PostgreSQL (re)started on `node`: new postmaster start time, and it reads the current config. */
export function markPostgresStarted(state: ClusterState, node: SimNode, usec: number): void {
  node.postmasterStartUsec = usec;
  node.runningMaxConnections = state.dcs.maxConnections;
  node.pendingRestart = false;
}

/** A node that is a working primary: Patroni up, PostgreSQL running as primary. */
export function isRunningPrimary(node: SimNode | undefined): node is SimNode & { pgRole: "primary" } {
  return !!node && node.apiUp && node.pgRole === "primary" && node.pgState === "running";
}

/** A replica with a connected WAL receiver (possibly stalled). */
export function isStreamingReplica(node: SimNode): boolean {
  return node.pgRole === "replica" && node.pgState === "running" && node.streaming;
}

/** The node is a synchronous standby Patroni may promote: the /sync standby, or in the quorum set. */
export function isSyncMember(state: ClusterState, node: SimNode): boolean {
  return state.dcs.syncMode === "quorum"
    ? state.dcs.quorum.includes(node.name)
    : state.dcs.sync === node.name;
}

/** Tags as Patroni publishes them: false booleans are dropped; null when nothing is left. */
export function effectiveTags(node: SimNode): Record<string, string | boolean> | null {
  const entries = Object.entries(node.tags).filter(([, v]) => v !== false);
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}
