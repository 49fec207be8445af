import "server-only";
import { z } from "zod";

// Raw Patroni REST API shapes, as Patroni documents them (https://patroni.readthedocs.io/en/latest/rest_api.html) and seen in the real 3.0.2 and
// 4.1.4 captures (tests/fixtures). Loose objects: unknown fields pass through, so a newer Patroni
// that adds a field never breaks the dashboard. Optional booleans are present only when true.

/** An LSN: integer bytes (/patroni, /history) or "X/Y" text (/cluster 4.1+), or "unknown". */
const lsnValue = z.union([z.number(), z.string()]);
/** A lag: integer bytes or "unknown". */
const lagValue = z.union([z.number(), z.string()]);
const flag = z.boolean().optional();
const tags = z.record(z.string(), z.unknown());
const pendingRestartReason = z.record(
  z.string(),
  z.looseObject({ old_value: z.unknown().optional(), new_value: z.unknown().optional() }),
);
const scheduledRestart = z.looseObject({ schedule: z.string().optional() });

export const patroniStatusSchema = z.looseObject({
  state: z.string(),
  role: z.string(),
  postmaster_start_time: z.string().nullish(),
  server_version: z.number().nullish(),
  xlog: z
    .looseObject({
      location: lsnValue.optional(),
      received_location: lsnValue.nullish(),
      replayed_location: lsnValue.nullish(),
      replayed_timestamp: z.string().nullish(),
      paused: flag,
    })
    .optional(),
  timeline: z.number().nullish(),
  replication_state: z.string().nullish(),
  replication: z
    .array(
      z.looseObject({
        usename: z.string().nullish(),
        application_name: z.string().nullish(),
        client_addr: z.string().nullish(),
        state: z.string().nullish(),
        sync_state: z.string().nullish(),
        sync_priority: z.number().nullish(),
      }),
    )
    .optional(),
  sync_standby: flag,
  quorum_standby: flag,
  pause: flag,
  cluster_unlocked: flag,
  failsafe_mode_is_active: flag,
  pending_restart: flag,
  pending_restart_reason: pendingRestartReason.optional(),
  watchdog_failed: flag,
  dcs_last_seen: z.number().nullish(),
  tags: tags.optional(),
  database_system_identifier: z.string().optional(),
  scheduled_restart: scheduledRestart.optional(),
  patroni: z.looseObject({ version: z.string(), scope: z.string(), name: z.string().optional() }),
});
export type RawPatroniStatus = z.infer<typeof patroniStatusSchema>;

export const clusterMemberSchema = z.looseObject({
  name: z.string(),
  role: z.string(),
  state: z.string().optional(),
  api_url: z.string().nullish(),
  host: z.string().nullish(),
  port: z.number().nullish(),
  timeline: z.number().nullish(),
  pending_restart: flag,
  pending_restart_reason: pendingRestartReason.optional(),
  scheduled_restart: scheduledRestart.optional(),
  tags: tags.optional(),
  lag: lagValue.optional(),
  lsn: lsnValue.optional(),
  receive_lag: lagValue.optional(),
  receive_lsn: lsnValue.optional(),
  replay_lag: lagValue.optional(),
  replay_lsn: lsnValue.optional(),
});
export type RawClusterMember = z.infer<typeof clusterMemberSchema>;

export const clusterSchema = z.looseObject({
  members: z.array(clusterMemberSchema),
  scope: z.string().optional(),
  pause: flag,
  scheduled_switchover: z
    .looseObject({ at: z.string(), from: z.string().nullish(), to: z.string().nullish() })
    .optional(),
});
export type RawCluster = z.infer<typeof clusterSchema>;

/** Rows are [ended timeline, lsn, reason, timestamp, new leader]; older Patroni wrote 3 or 4 of them. */
export const historySchema = z.array(z.tuple([z.number(), lsnValue], z.unknown()));
export type RawHistory = z.infer<typeof historySchema>;

/** /config is the DCS dynamic configuration exactly as stored; only a few keys are typed. */
export const configSchema = z.looseObject({
  ttl: z.number().optional(),
  loop_wait: z.number().optional(),
  retry_timeout: z.number().optional(),
  maximum_lag_on_failover: z.number().optional(),
  synchronous_mode: z.union([z.boolean(), z.string()]).optional(),
  synchronous_mode_strict: z.boolean().optional(),
  synchronous_node_count: z.number().optional(),
  failsafe_mode: z.boolean().optional(),
  pause: z.boolean().optional(),
  postgresql: z.looseObject({ parameters: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type RawConfig = z.infer<typeof configSchema>;
