import "server-only";

// The demo cluster's fixed facts. They mirror the lab cluster the real captures in tests/fixtures
// were recorded from (scope demo, node1..node3, ttl 20, loop_wait 2, synchronous_mode on), so the
// simulator and a real lab look the same to the dashboard and to a student's curl.

// Scenario names live in lib/domain/demo.ts: the browser's demo panel needs them too.
export { DEMO_SCENARIOS, type DemoScenario, isDemoScenario } from "@/lib/domain/demo";

/** The two Patroni releases the fixtures were captured from. 4.1.4 is the default. */
export const DEMO_VERSIONS = ["4.1.4", "3.0.2"] as const;
export type DemoVersion = (typeof DEMO_VERSIONS)[number];

export function isDemoVersion(value: string): value is DemoVersion {
  return (DEMO_VERSIONS as readonly string[]).includes(value);
}

export const DEMO_SCOPE = "demo";
export const DEMO_NODE_NAMES = ["node1", "node2", "node3"] as const;
export type DemoNodeName = (typeof DEMO_NODE_NAMES)[number];

/** Patroni's usual REST port and the next two, as in the lab (scripts/lab.sh). */
export const DEMO_DEFAULT_PORTS = [8008, 8009, 8010] as const;
/** PostgreSQL connect addresses shown in /cluster (host/port); nothing listens there. */
export const DEMO_PG_PORTS = [5433, 5434, 5435] as const;
export const DEMO_HOST = "127.0.0.1";

// DCS timing (seconds in Patroni's config, milliseconds here). ttl 20 is Patroni 4's minimum;
// loop_wait 2 makes /cluster lag and state refresh about every 2 s while /patroni stays live.
export const TTL_MS = 20_000;
export const LOOP_WAIT_MS = 2_000;
export const RETRY_TIMEOUT_S = 5;
export const MAXIMUM_LAG_ON_FAILOVER = 1_048_576;

/** PostgreSQL 15.18, as in every capture. */
export const SERVER_VERSION = 150018;
/** Python 3.11.2's http.server default, as every capture shows. */
export const SERVER_HEADER = "BaseHTTP/0.6 Python/3.11.2";
export const HISTORY_REASON = "no recovery target specified";

export const BASE_MAX_CONNECTIONS = 100;
/** The pending-restart scenario's edit-config change (a restart-only parameter). */
export const PENDING_MAX_CONNECTIONS = 200;

// Scripted delays, taken from the cluster-watch traces in tests/fixtures (see the scenario files).
/** 4.x replicas drop `streaming` about 0.9–1.6 s after their primary dies (c1, _extra failover2). */
export const STREAM_LOSS_MIN_MS = 900;
export const STREAM_LOSS_SPREAD_MS = 700;
/** After a promotion the other replica streams from the new leader ~1.3 s later (c2 watch). */
export const RESTREAM_AFTER_PROMOTION_MS = 1_300;
/** The new leader's /cluster timeline lags its real one for "at least 2 s" (c2 README). */
export const LEADER_TIMELINE_PUBLISH_DELAY_MS = 2_500;
/**
 * A leader waits this long after dropping its sync standby before naming another one. It decides
 * whether the leaderless trap springs: 4.1.4 re-picked after ~4.4 s, 3.0.2 after ~8 s.
 */
export const SYNC_RESELECT_DELAY_MS: Record<DemoVersion, number> = { "4.1.4": 4_000, "3.0.2": 6_500 };
/** A rejoining node: Patroni up and stopped → starting → streaming (c3 watch: ~3–4 s). */
export const REJOIN_STARTING_MS = 1_500;
export const REJOIN_STREAMING_MS = 3_500;
/** lag-spike: the walreceiver stays stopped this long; the lag passes 1 MB within ~2–10 s of it. */
export const LAG_SPIKE_STALL_MS = 35_000;
/** Catch-up speed once the walreceiver resumes (f2: "back at lag 0 within ~3 s"). */
export const CATCHUP_BYTES_PER_S = 8 * 1024 * 1024;
/** leaderless: the leader dies this long after the sync standby (3.0.2 scenario i: ~1–3 s). */
export const LEADERLESS_SECOND_KILL_MS = 3_000;
/** node-down: Patroni stops PostgreSQL, writes its last member key (`stopped`) and exits (e3: ~2.3 s). */
export const GRACEFUL_STOP_MS = 2_300;
/** cascade: after the reload Patroni rewrites primary_conninfo; the walreceiver reconnects (~1 s). */
export const CASCADE_RECONNECT_MS = 1_000;
/** scheduled-switchover: how far ahead the switchover is scheduled (patronictl --scheduled). */
export const SCHEDULED_SWITCHOVER_DELAY_MS = 30_000;
/**
 * dcs-lost: the leader's next loop cannot read the DCS and retries for retry_timeout, then demotes
 * itself ("demoting self because DCS is not accessible and I was a leader"), well before ttl.
 */
export const DCS_LOST_DEMOTE_MS = LOOP_WAIT_MS + RETRY_TIMEOUT_S * 1000;
/** restart (g-pending-restart watch): a replica's walreceiver stops, then "restarting" for ~2.3 s. */
export const RESTART_REPLICA_STOP_MS = 2_000;
export const RESTART_REPLICA_UP_MS = 4_300;
/** The leader restarts in place, keeping its key: "restarting" for ~0.8 s; replicas reconnect ~3.8 s later. */
export const RESTART_LEADER_UP_MS = 800;
export const RESTART_LEADER_RESTREAM_MS = 3_800;
