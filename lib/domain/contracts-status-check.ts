import { z } from "zod";
import { ALERT_CODES } from "./alert-codes";
import { SEVERITIES } from "./constants";

// The status URL's contract (GET /api/status, GET /api/clusters/{name}/status): a short body for an
// uptime checker, a Nagios check or a Kubernetes probe, whose verdict is the HTTP status code itself.

export const statusCheckSchema = z.object({
  cluster: z.string(),
  /** 200 when true: no critical alert and fresh data. */
  ok: z.boolean(),
  leader: z.string().nullable(),
  /** The worst severity among the alerts shown; null when there is none. */
  worstSeverity: z.enum(SEVERITIES).nullable(),
  /** The newest answer from a node is at most two poll intervals old. */
  fresh: z.boolean(),
  observedAt: z.number().nullable(),
  alerts: z.array(
    z.object({
      code: z.enum(ALERT_CODES),
      severity: z.enum(SEVERITIES),
      member: z.string().nullable(),
      since: z.number(),
    }),
  ),
});
export type StatusCheck = z.infer<typeof statusCheckSchema>;

export const statusCheckAllSchema = z.object({
  ok: z.boolean(),
  clusters: z.array(statusCheckSchema),
  generatedAt: z.number(),
});
export type StatusCheckAll = z.infer<typeof statusCheckAllSchema>;
