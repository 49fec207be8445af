import { z } from "zod";
import { ALERT_CODES } from "./alert-codes";
import {
  CLUSTER_READINESS_REASONS,
  CONFIG_CHANGE_KINDS,
  EVENT_KINDS,
  ERROR_KINDS,
  READINESS_REASONS,
  READINESS_VERDICTS,
  SEVERITIES,
} from "./constants";
import { HAPROXY_LISTENER_NAMES, PROBE_ENDPOINTS, PROBE_OUTCOMES } from "./endpoints";

// The diagnostics part of our API contract: alerts, failover readiness, the endpoint matrix and
// HAProxy routing, config history, the per-node view. Additive to contracts.ts: every field the
// cluster detail gained has a default, so a detail built before these existed still parses.

/** Alert parameters: plain values the UI substitutes into its translated texts. */
export const alertParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const alertSchema = z.object({
  code: z.enum(ALERT_CODES),
  severity: z.enum(SEVERITIES),
  member: z.string().nullable(),
  /** When the condition was first seen in its current run (epoch ms); survives across poll cycles. */
  since: z.number(),
  params: alertParamsSchema,
});
export type Alert = z.infer<typeof alertSchema>;

export const alertsResponseSchema = z.object({
  alerts: z.array(alertSchema.extend({ cluster: z.string() })),
  generatedAt: z.number(),
});
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;

export const memberReadinessSchema = z.object({
  member: z.string(),
  candidate: z.boolean(),
  /** Every reason this replica could not take over now; empty when it could. */
  reasons: z.array(z.enum(READINESS_REASONS)),
});
export const readinessSchema = z.object({
  verdict: z.enum(READINESS_VERDICTS),
  /** Replicas that could take over now; `safe` means at least one. */
  candidates: z.array(z.string()),
  reasons: z.array(z.enum(CLUSTER_READINESS_REASONS)),
  members: z.array(memberReadinessSchema),
});
export type FailoverReadiness = z.infer<typeof readinessSchema>;
export type MemberReadiness = z.infer<typeof memberReadinessSchema>;

export const probeCellSchema = z.object({
  /** The path sent with GET, with its query string (`/replica?lag=1048576`). */
  path: z.string(),
  status: z.number().nullable(),
  outcome: z.enum(PROBE_OUTCOMES),
  error: z.enum(ERROR_KINDS).nullable(),
});
export type ProbeCell = z.infer<typeof probeCellSchema>;

export const endpointNodeSchema = z.object({
  /** Member name, null while the configured node is not matched to a member. */
  member: z.string().nullable(),
  apiUrl: z.string(),
  patroniVersion: z.string().nullable(),
  /** When the node's last probe round finished (epoch ms); null before the first. */
  probedAt: z.number().nullable(),
  cells: z.record(z.enum(PROBE_ENDPOINTS), probeCellSchema),
});
export type EndpointNode = z.infer<typeof endpointNodeSchema>;

export const endpointMatrixSchema = z.object({
  /** null: probing is off. */
  probeIntervalMs: z.number().nullable(),
  /** The `?lag=` of the replica_lag probe: the cluster's maximum_lag_on_failover. */
  lagBytes: z.number(),
  /** The newest round of any node. */
  probedAt: z.number().nullable(),
  nodes: z.array(endpointNodeSchema),
});
export type EndpointMatrix = z.infer<typeof endpointMatrixSchema>;

/** Which members an HAProxy configured like the course's would mark UP on each listener. */
export const routeSchema = z.object({
  listener: z.enum(HAPROXY_LISTENER_NAMES),
  port: z.number(),
  endpoint: z.enum(PROBE_ENDPOINTS),
  path: z.string(),
  up: z.array(z.string()),
  down: z.array(z.string()),
  /** No answer or not probed yet: HAProxy would keep its previous verdict for a while. */
  unknown: z.array(z.string()),
});
export type Route = z.infer<typeof routeSchema>;

/** One node's `/cluster` as read in the latest poll cycle (compared to find disagreeing nodes). */
export const dcsViewSchema = z.object({
  member: z.string().nullable(),
  apiUrl: z.string(),
  /** The members this view gives a leader role: one, or none while leaderless. */
  leaders: z.array(z.string()),
  members: z.array(z.string()),
  observedAt: z.number(),
});
export type DcsViewSummary = z.infer<typeof dcsViewSchema>;

export const configChangeSchema = z.object({
  /** Dotted key for display (`postgresql.parameters.max_connections`); `path` has the segments. */
  key: z.string(),
  path: z.array(z.string()),
  kind: z.enum(CONFIG_CHANGE_KINDS),
  /** JSON values as stored in the DCS (null when absent); secrets are redacted. */
  oldValue: z.unknown(),
  newValue: z.unknown(),
});
export const configHistoryEntrySchema = z.object({ at: z.number(), changes: z.array(configChangeSchema) });
export type ConfigChange = z.infer<typeof configChangeSchema>;
export type ConfigHistoryEntry = z.infer<typeof configHistoryEntrySchema>;

/**
 * One entry. `from`/`to` are the before/after values (leader names, timelines as text); `detail` is
 * machine text the UI formats: an error kind, a lag in bytes, a comma-separated list of keys.
 */
export const eventLogEntrySchema = z.object({
  t: z.number(),
  kind: z.enum(EVENT_KINDS),
  member: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  detail: z.string().nullable(),
});
export type EventLogEntry = z.infer<typeof eventLogEntrySchema>;
