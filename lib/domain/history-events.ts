import { z } from "zod";
import { ALERT_CODES } from "./alert-codes";
import { HISTORY_EVENT_KINDS, NOTIFY_EVENTS, SEVERITIES } from "./constants";
import { configChangeSchema } from "./contracts";

// The persistent history's contract: what the store keeps about each cluster, as served by
// GET /api/events and /api/clusters/{name}/events. A leaf: zod and other contract vocabularies only.
// Times are epoch ms. Nothing here may hold a credential or a webhook URL (they often carry a token).

export { HISTORY_EVENT_KINDS, type HistoryEventKind } from "./constants";

/**
 * What a notification was about. Before the vocabulary was one, a reminder was stored as "reminder":
 * such rows still read, as "alert_reminder".
 */
export const NOTIFICATION_SUBJECTS = NOTIFY_EVENTS;
const notificationSubject = z.preprocess(
  (value) => (value === "reminder" ? "alert_reminder" : value),
  z.enum(NOTIFY_EVENTS),
);

const base = {
  /** Store-assigned, increasing in commit order (newest first = highest id first within one `at`). */
  id: z.number().int(),
  at: z.number(),
  cluster: z.string(),
  member: z.string().nullable(),
};

const notification = {
  code: z.enum(ALERT_CODES),
  severity: z.enum(SEVERITIES),
  subject: notificationSubject,
  /** A label for the webhook (e.g. "webhook 1 (slack)"), never its URL. */
  channel: z.string(),
  attempt: z.number().int().min(1),
  /** The receiver's HTTP status, null when no response came. */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
};

export const historyEventSchema = z.discriminatedUnion("kind", [
  z.object({
    ...base,
    kind: z.literal("leader_changed"),
    /** null: there was no leader before (after a leaderless gap: the last one known). */
    from: z.string().nullable(),
    /** null: the leader was lost and none has taken over yet. */
    to: z.string().nullable(),
    timeline: z.number().nullable(),
  }),
  z.object({ ...base, kind: z.literal("timeline_changed"), from: z.number(), to: z.number() }),
  z.object({ ...base, kind: z.literal("member_state_changed"), from: z.string(), to: z.string() }),
  z.object({ ...base, kind: z.literal("member_joined") }),
  z.object({ ...base, kind: z.literal("member_left") }),
  z.object({
    ...base,
    kind: z.literal("alert_opened"),
    code: z.enum(ALERT_CODES),
    severity: z.enum(SEVERITIES),
  }),
  z.object({
    ...base,
    kind: z.literal("alert_resolved"),
    code: z.enum(ALERT_CODES),
    severity: z.enum(SEVERITIES),
    /** How long the alert was open (from its first sighting to this resolution). */
    durationMs: z.number(),
  }),
  z.object({ ...base, kind: z.literal("config_changed"), diff: z.array(configChangeSchema) }),
  z.object({ ...base, kind: z.literal("paused") }),
  z.object({ ...base, kind: z.literal("resumed") }),
  z.object({ ...base, kind: z.literal("notification_sent"), ...notification }),
  z.object({ ...base, kind: z.literal("notification_failed"), ...notification }),
  /** One attempt at a guarded action (the audit trail): who, from where, what, and Patroni's answer. */
  z.object({
    ...base,
    kind: z.literal("action"),
    /** The signed-in user; "(anonymous)" with role "anonymous" when the attempt had no session. */
    user: z.string(),
    role: z.string(),
    address: z.string(),
    /** The request's Origin header (null: none); a refused cross-origin attempt shows where it came from. */
    origin: z.string().nullable().optional(),
    action: z.string(),
    candidate: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    force: z.boolean(),
    /** succeeded | patroni_refused | unreachable | preflight_refused | unauthenticated | cross_origin | forbidden | bad_confirm | invalid */
    outcome: z.string(),
    /** What the dashboard answered. */
    status: z.number().int(),
    patroniStatus: z.number().int().nullable(),
    /** Patroni's answer (or why there was none), shortened. */
    patroniText: z.string().nullable(),
    /** The node's REST URL the request went to (never with credentials). */
    node: z.string().nullable(),
    problems: z.array(z.string()),
    durationMs: z.number(),
  }),
  /** How a switchover or failover turned out, followed live after Patroni accepted it. */
  z.object({
    ...base,
    kind: z.literal("action_outcome"),
    user: z.string(),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** Milliseconds after the request each check first held; null: it never did within the watch. */
    checks: z.record(z.string(), z.number().nullable()),
    completed: z.boolean(),
    durationMs: z.number(),
  }),
]);
export type HistoryEvent = z.infer<typeof historyEventSchema>;

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
/** An event before the store has committed it (and given it an id). */
export type NewHistoryEvent = WithoutId<HistoryEvent>;

export const eventsResponseSchema = z.object({ events: z.array(historyEventSchema) });
export type EventsResponse = z.infer<typeof eventsResponseSchema>;

/** Most events one request returns; the default when `limit` is not given. */
export const MAX_EVENTS_LIMIT = 1000;
export const DEFAULT_EVENTS_LIMIT = 200;

const epochMs = (field: string) =>
  z.coerce
    .number({ error: `${field} must be a time in epoch milliseconds` })
    .int(`${field} must be a whole number of epoch milliseconds`)
    .nonnegative(`${field} must be a time in epoch milliseconds`)
    .optional();

/** Query parameters of the events routes (strings in, typed values out; `kind` may be a comma list). */
export const eventsQuerySchema = z
  .strictObject({
    cluster: z.string().min(1, "cluster must not be empty").optional(),
    member: z.string().min(1, "member must not be empty").optional(),
    since: epochMs("since"),
    until: epochMs("until"),
    kind: z
      .string()
      .transform((value) => value.split(",").filter(Boolean))
      .pipe(
        z.array(
          z.enum(HISTORY_EVENT_KINDS, {
            error: `kind must be one or more of ${HISTORY_EVENT_KINDS.join(", ")}`,
          }),
        ),
      )
      .optional(),
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(MAX_EVENTS_LIMIT, `limit must be at most ${MAX_EVENTS_LIMIT}`)
      .default(DEFAULT_EVENTS_LIMIT),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since <= q.until, {
    message: "since must not be after until",
    path: ["since"],
  });
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

/** The lag history's ranges and, for each, the bucket one chart point covers. */
export const LAG_RANGES = ["1h", "6h", "24h", "7d"] as const;
export type LagRange = (typeof LAG_RANGES)[number];
export const LAG_RANGE_MS: Record<LagRange, number> = {
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
};
/** About 300–400 points per member whatever the range: enough for a chart, small on the wire. */
export const LAG_BUCKET_MS: Record<LagRange, number> = {
  "1h": 0,
  "6h": 60_000,
  "24h": 5 * 60_000,
  "7d": 30 * 60_000,
};

export const lagPointSchema = z.object({
  t: z.number(),
  member: z.string(),
  /** The worst (highest) value in the bucket; raw samples for 1h. Bytes. */
  receive: z.number().nullable(),
  replay: z.number().nullable(),
});
export type LagPoint = z.infer<typeof lagPointSchema>;

export const lagHistoryResponseSchema = z.object({
  cluster: z.string(),
  range: z.enum(LAG_RANGES),
  from: z.number(),
  to: z.number(),
  /** 0: raw samples; otherwise the bucket width in ms over the 1-minute rollups. */
  bucketMs: z.number(),
  points: z.array(lagPointSchema),
});
export type LagHistoryResponse = z.infer<typeof lagHistoryResponseSchema>;
