import { z } from "zod";
import { CERT_EXPIRY_WARNING_DAYS, tlsPostureSchema } from "./contracts-posture";
import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER, ERROR_KINDS, MEMBER_ROLES, SEVERITIES, TONES } from "./constants";
import {
  alertSchema,
  configHistoryEntrySchema,
  dcsViewSchema,
  endpointMatrixSchema,
  eventLogEntrySchema,
  readinessSchema,
  routeSchema,
} from "./contracts-diagnostics";

export * from "./contracts-diagnostics";

// The one contract of our own HTTP API: used by the route handlers, the browser fetchers and the tests.
// Times are epoch milliseconds; sizes and LSNs are bytes; nothing here ever holds a credential.

export const pollErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  status: z.number().nullable(),
  /** When this error was first seen in the current run of failures. */
  since: z.number(),
});
export type PollErrorView = z.infer<typeof pollErrorSchema>;

export const tagValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const pendingChangeSchema = z.object({
  param: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});

/**
 * What a node's own /patroni says, named once for the member list and the node page alike. The two
 * defaults keep a member built by an older producer valid.
 */
export const nodeStatusFields = {
  /** The role in the node's last /patroni answer (`primary` also for 3.x `master`); null if it never answered. */
  patroniRole: z.string().nullable().default(null),
  replicationState: z.string().nullable(),
  replayPaused: z.boolean(),
  replayedTimestamp: z.number().nullable(),
  postmasterStartTime: z.number().nullable(),
  serverVersion: z.number().nullable(),
  patroniVersion: z.string().nullable(),
  /** `/patroni` cluster_unlocked: this node sees no leader key (or no valid DCS view). */
  clusterUnlocked: z.boolean(),
  /** `/patroni` failsafe_mode_is_active: the DCS is unreachable and failsafe keeps the leader up. */
  failsafeActive: z.boolean().default(false),
  dcsLastSeen: z.number().nullable(),
};
export const nodeStatusFieldsSchema = z.object(nodeStatusFields);
export type NodeStatusFields = z.infer<typeof nodeStatusFieldsSchema>;

export const memberSchema = z.object({
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  /** As `/cluster` says (4.x replicas: streaming), or "missing" when the DCS no longer lists it. */
  state: z.string(),
  timeline: z.number().nullable(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  /** Listed in the freshest `/cluster` view. A member that vanished stays visible with inDcs false. */
  inDcs: z.boolean(),
  /** The REST API answered the last poll: true/false for polled nodes, null when not polled. */
  reachable: z.boolean().nullable(),
  lastError: pollErrorSchema.nullable(),
  /** When this member's own REST API last answered (epoch ms). */
  observedAt: z.number().nullable(),
  apiLatencyMs: z.number().nullable(),
  /** Bytes: WAL received / replayed by a replica (the leader's current position for the leader). */
  receiveLsn: z.number().nullable(),
  replayLsn: z.number().nullable(),
  /** Bytes behind the leader. "live" = from near-simultaneous /patroni calls; "dcs" = from /cluster. */
  receiveLagBytes: z.number().nullable(),
  replayLagBytes: z.number().nullable(),
  lagSource: z.enum(["live", "dcs"]).nullable(),
  /** The DCS view's lag (`/cluster` lag, up to loop_wait old). */
  dcsLagBytes: z.number().nullable(),
  pendingRestart: z.boolean(),
  pendingRestartReason: z.array(pendingChangeSchema),
  scheduledRestartAt: z.number().nullable(),
  tags: z.record(z.string(), tagValueSchema),
  ...nodeStatusFields,
  /** The REST base URL we poll, without credentials (null: known only from /cluster). */
  apiUrl: z.string().nullable(),
  // Additive fields: their defaults keep a member built by an older producer valid.
  /** The timeline the node's own /patroni reports (live; /cluster's lags after a promotion). */
  liveTimeline: z.number().nullable().default(null),
  /** When (dashboard clock) this node's dcs_last_seen last advanced: immune to clock skew. */
  dcsLastSeenAdvancedAt: z.number().nullable().default(null),
});
export type Member = z.infer<typeof memberSchema>;

const replicationRowSchema = z.object({
  applicationName: z.string().nullable(),
  clientAddr: z.string().nullable(),
  state: z.string().nullable(),
  syncState: z.string().nullable(),
  syncPriority: z.number().nullable(),
});

/**
 * GET /api/clusters/{name}/nodes/{member}: one node's own `/patroni`, explained. The fields it shares
 * with a member have the member's names and meaning (nodeStatusFields, pollErrorSchema, …).
 */
export const nodeDetailSchema = z.object({
  cluster: z.string(),
  member: z.string(),
  apiUrl: z.string().nullable(),
  reachable: z.boolean().nullable(),
  lastError: pollErrorSchema.nullable(),
  observedAt: z.number().nullable(),
  ...nodeStatusFields,
  /** The role `/cluster` gives the member (null: not listed). */
  dcsRole: z.enum(MEMBER_ROLES).nullable(),
  state: z.string().nullable(),
  timeline: z.number().nullable(),
  /** Bytes from 0/0: `location` on a primary; received/replayed on a replica. */
  wal: z.object({
    location: z.number().nullable(),
    receivedLocation: z.number().nullable(),
    replayedLocation: z.number().nullable(),
  }),
  serverVersionText: z.string().nullable(),
  systemIdentifier: z.string().nullable(),
  tags: z.record(z.string(), tagValueSchema),
  /** This node's walsenders (a leader's replicas; a cascading replica's too). */
  replication: z.array(replicationRowSchema),
  /** The leader's row about this node (its application_name is the member name); null if none. */
  upstream: replicationRowSchema.nullable(),
  paused: z.boolean(),
  pendingRestart: z.boolean(),
  pendingRestartReason: z.array(pendingChangeSchema),
  scheduledRestartAt: z.number().nullable(),
  /** The last `/patroni` body as the node sent it (keys that look like secrets redacted). */
  raw: z.record(z.string(), z.unknown()).nullable(),
});
export type NodeDetail = z.infer<typeof nodeDetailSchema>;

/** A configured node URL we could not (yet) match to a member name. */
export const orphanNodeSchema = z.object({
  apiUrl: z.string(),
  reachable: z.boolean().nullable(),
  lastError: pollErrorSchema.nullable(),
  observedAt: z.number().nullable(),
});

export const historyRowSchema = z.object({
  timeline: z.number(),
  lsn: z.number().nullable(),
  reason: z.string().nullable(),
  at: z.number().nullable(),
  newLeader: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const configViewSchema = z.object({
  ttl: z.number().nullable(),
  loopWait: z.number().nullable(),
  retryTimeout: z.number().nullable(),
  maximumLagOnFailover: z.number().nullable(),
  synchronousMode: z.enum(["off", "on", "quorum"]),
  synchronousModeStrict: z.boolean(),
  failsafeMode: z.boolean(),
  paused: z.boolean(),
  raw: z.record(z.string(), z.unknown()),
});
export type ConfigViewContract = z.infer<typeof configViewSchema>;

export const lagSampleSchema = z.object({
  t: z.number(),
  member: z.string(),
  receive: z.number().nullable(),
  replay: z.number().nullable(),
});
export type LagSample = z.infer<typeof lagSampleSchema>;

export const clusterEventSchema = z.object({
  t: z.number(),
  kind: z.enum(["leader_change", "timeline_change"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ClusterEvent = z.infer<typeof clusterEventSchema>;

export const problemSchema = z.object({
  code: z.string(),
  severity: z.enum(SEVERITIES),
  member: z.string().nullable(),
  detail: z.string().nullable(),
});
export type Problem = z.infer<typeof problemSchema>;

export const clusterSummarySchema = z.object({
  name: z.string(),
  scope: z.string().nullable(),
  demo: z.boolean(),
  leader: z.string().nullable(),
  timeline: z.number().nullable(),
  membersUp: z.number(),
  membersExpected: z.number(),
  worstLagBytes: z.number().nullable(),
  paused: z.boolean(),
  /** The newest successful observation of any node (epoch ms), null if none yet. */
  observedAt: z.number().nullable(),
  tone: z.enum(TONES),
  problems: z.array(problemSchema),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const clusterDetailSchema = clusterSummarySchema.extend({
  /** The configured poll interval: what staleness is judged by. */
  pollIntervalMs: z.number(),
  /**
   * How often a screen refreshes now when that is faster than pollIntervalMs: while a failover is
   * pending the server re-reads the cluster every 250 ms and the screen follows. null: every interval.
   */
  refreshMs: z.number().nullable().default(null),
  generatedAt: z.number(),
  members: z.array(memberSchema),
  orphanNodes: z.array(orphanNodeSchema),
  scheduledSwitchover: z
    .object({ at: z.number().nullable(), from: z.string().nullable(), to: z.string().nullable() })
    .nullable(),
  history: z.array(historyRowSchema),
  config: configViewSchema.nullable(),
  lagSamples: z.array(lagSampleSchema),
  events: z.array(clusterEventSchema),
  // Additive fields: their defaults keep a detail built by an older producer valid.
  /** The per-request deadline of the dashboard's Patroni client (null: unknown). */
  requestTimeoutMs: z.number().nullable().default(null),
  alerts: z.array(alertSchema).default([]),
  readiness: readinessSchema.default({
    verdict: "unknown",
    candidates: [],
    reasons: ["no_data"],
    members: [],
  }),
  endpoints: endpointMatrixSchema.default({
    probeIntervalMs: null,
    lagBytes: DEFAULT_MAXIMUM_LAG_ON_FAILOVER,
    probedAt: null,
    nodes: [],
  }),
  routing: z.array(routeSchema).default([]),
  /** Each node's /cluster from the latest cycle: who it names leader and which members it lists. */
  dcsViews: z.array(dcsViewSchema).default([]),
  /** Changes of /config seen while polling, oldest first (bounded). */
  configHistory: z.array(configHistoryEntrySchema).default([]),
  /** Plain-language log of what changed, newest last (derived by lib/domain/events.ts). */
  eventLog: z.array(eventLogEntrySchema).default([]),
  /** The configured lag_warning_bytes (null: the lag alert uses maximum_lag_on_failover). */
  lagWarningBytes: z.number().nullable().default(null),
  /**
   * Set when the request asked `?since=T`: lagSamples then holds only the samples newer than T, to be
   * appended to those the reader already has (lib/query/cluster-merge.ts). null: the whole history.
   */
  lagSince: z.number().nullable().default(null),
  /** The oldest sample time the server still holds (null: none); a reader drops anything older. */
  lagFrom: z.number().nullable().default(null),
  /** Lab 4's posture: per node http/https, REST auth configured, the certificate it presented. */
  tlsPosture: tlsPostureSchema.default({ expiryWarningDays: CERT_EXPIRY_WARNING_DAYS, nodes: [] }),
});
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;

export const clustersResponseSchema = z.object({
  clusters: z.array(clusterSummarySchema),
  pollIntervalMs: z.number(),
  generatedAt: z.number(),
});
export type ClustersResponse = z.infer<typeof clustersResponseSchema>;

export const healthzSchema = z.object({
  status: z.enum(["ok", "starting", "degraded"]),
  source: z.enum(["file", "env", "demo"]),
  clusters: z.number(),
  pollerRunning: z.boolean(),
  lastCycleAt: z.number().nullable(),
  uptimeMs: z.number(),
});
export type Healthz = z.infer<typeof healthzSchema>;
