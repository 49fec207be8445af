import "server-only";
import { z } from "zod";
import { actionsSchema, authSchema } from "@/lib/server/auth/config";
import { notifySchema } from "@/lib/server/notify/config";

// The dashboard's YAML configuration. Key names follow patroni.yml where DBAs already know them:
// `restapi.authentication.{username,password}` and the `ctl` section ({cacert, certfile, keyfile, insecure}).
// Durations are seconds, as in Patroni's own config (ttl, loop_wait).

// NOTE: one check that stops at the first problem: zod runs every refinement even after one failed,
// and `new URL()` on a scheme-less "10.0.1.11:8008" would then throw a bare TypeError.
const nodeUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
      return fail("has no scheme: write it like http://10.0.1.11:8008 (or https://…)");
    if (!URL.canParse(value)) return fail("is not a URL like http://10.0.1.11:8008");
    const url = new URL(value);
    if (!["http:", "https:"].includes(url.protocol)) return fail("must start with http:// or https://");
    if (url.username || url.password)
      return fail("must not contain credentials: put them under restapi.authentication");
  });

const authentication = z.strictObject({
  username: z.string().min(1),
  password: z.string().optional(),
  /** Name of an environment variable holding the password, so it stays out of the file. */
  password_env: z.string().min(1).optional(),
});

const clusterSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "letters, digits, '.', '_' and '-' only (it is used in URLs)")
    .optional(),
  nodes: z.array(nodeUrl).min(1, "list at least one node REST URL"),
  /**
   * Also poll every member the cluster's DCS lists (through its /cluster api_url), following joins and
   * leaves, so one URL is enough. false = poll only the nodes listed here.
   */
  discover: z.boolean().default(true),
  restapi: z.strictObject({ authentication: authentication.optional() }).optional(),
  ctl: z
    .strictObject({
      cacert: z.string().optional(),
      certfile: z.string().optional(),
      keyfile: z.string().optional(),
      insecure: z.boolean().optional(),
    })
    .optional(),
  /** Replica lag (bytes) that raises an alert; default: the cluster's maximum_lag_on_failover. */
  lag_warning_bytes: z.number().int().positive().optional(),
});

/** Where the history is kept and for how long (lib/server/storage). */
const storageSchema = z.strictObject({
  /** postgres://user:pass@host:5432/db for a database shared by several dashboards; absent: SQLite in DATA_DIR. */
  url: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), "must be a postgres:// URL")
    .optional(),
  /** Name of an environment variable holding that URL, so its password stays out of the file. */
  url_env: z.string().min(1).optional(),
  retention: z
    .strictObject({
      events_days: z.number().positive().max(3650).default(90),
      lag_raw_minutes: z.number().positive().max(1440).default(60),
      lag_rollup_days: z.number().positive().max(365).default(7),
      max_size_mb: z.number().positive().max(1_000_000).default(1024),
    })
    .prefault({}),
});

const seconds = (fallback: number, max: number) => z.number().positive().max(max).default(fallback);

export const configFileSchema = z.strictObject({
  poll_interval: seconds(5, 3600),
  request_timeout: seconds(2.5, 60),
  /** /history changes rarely: read it every N seconds (and every cycle for a while after a leader change). */
  slow_poll_interval: seconds(30, 3600),
  /**
   * Health endpoints (/primary, /replica, /health, … the endpoint matrix) are probed every N seconds:
   * GETs per node one after the other (a dozen in a full round, 4 in most: lib/server/poller/probes.ts),
   * so less often than the main poll.
   */
  probe_interval: seconds(15, 3600),
  /** Lag samples kept per member (720 at 5 s = one hour). */
  history_length: z.number().int().min(10).max(100_000).default(720),
  clusters: z.array(clusterSchema).min(1, "configure at least one cluster"),
  storage: storageSchema.prefault({}),
  /** Webhooks told of alerts (lib/server/notify/config.ts). */
  notify: notifySchema.optional(),
  /** Login and roles (lib/server/auth/config.ts); absent: read-only and anonymous. */
  auth: authSchema.optional(),
  /** Guarded actions (switchover, restart, …); off unless enabled and auth is configured. */
  actions: actionsSchema.optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ConfigFileCluster = z.infer<typeof clusterSchema>;
export type ConfigFileStorage = z.infer<typeof storageSchema>;
