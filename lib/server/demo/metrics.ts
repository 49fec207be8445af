import "server-only";
import { pyFloat } from "./format";
import type { ClusterState, SimNode } from "./state";
import type { StatusBody } from "./status";

// GET /metrics: Patroni's Prometheus text, line for line as each version prints it
// (tests/fixtures/patroni-4/a-healthy/node1/metrics.json, patroni-3.0.2/a-healthy/node1/metrics.json).
// Kept quirks: 3.0.2's `patroni_master`, its space before the server-version labels, its copy-pasted
// failsafe HELP text and counter-typed timeline; 4.1.4's `patroni_postgres_state` with its
// non-standard "# Values:" line. Streaming metrics are absent in 3.0.2 (added in 3.0.4).

const STATE_INDEX: Record<string, number> = {
  running: 5,
  starting: 6,
  restarting: 9,
  stopping: 11,
  stopped: 12,
  crashed: 14,
};
const STATE_VALUES =
  "# Values: 0=initdb, 1=initdb_failed, 2=custom_bootstrap, 3=custom_bootstrap_failed, 4=creating_replica, " +
  "5=running, 6=starting, 7=bootstrap_starting, 8=start_failed, 9=restarting, 10=restart_failed, 11=stopping, " +
  "12=stopped, 13=stop_failed, 14=crashed";

/** Seconds since the epoch from Python's "YYYY-MM-DD HH:MM:SS.ffffff+00:00". */
function epochSeconds(text: unknown): number {
  if (typeof text !== "string") return 0;
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{6}))?\+00:00$/.exec(text);
  if (!match) return 0;
  const whole = Date.parse(`${match[1]}T${match[2]}Z`) / 1000;
  return Number(`${whole}.${match[3] ?? "0"}`);
}

export function metricsText(state: ClusterState, node: SimNode, status: StatusBody): string {
  const v3 = state.version === "3.0.2";
  const labels = v3 ? `{scope="${state.scope}"}` : `{scope="${state.scope}",name="${node.name}"}`;
  const xlog = (status.xlog ?? {}) as Record<string, unknown>;
  const role = status.role;
  const isPrimary = role === "primary" || role === "master";
  const lines: string[] = [];
  const metric = (name: string, help: string, type: string, value: string | number, sep = "") => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name}${sep}${labels} ${value}`);
  };
  const flag = (v: unknown) => (v ? 1 : 0);
  const start = epochSeconds(status.postmaster_start_time);
  const replayTs = epochSeconds(xlog.replayed_timestamp);

  metric(
    "patroni_version",
    "Patroni semver without periods.",
    "gauge",
    state.version
      .split(".")
      .map((p) => p.padStart(2, "0"))
      .join(""),
  );
  metric(
    "patroni_postgres_running",
    "Value is 1 if Postgres is running, 0 otherwise.",
    "gauge",
    flag(status.state === "running"),
  );
  metric(
    "patroni_postmaster_start_time",
    "Epoch seconds since Postgres started.",
    "gauge",
    start ? pyFloat(start) : 0,
  );
  if (v3)
    metric("patroni_master", "Value is 1 if this node is the leader, 0 otherwise.", "gauge", flag(isPrimary));
  metric("patroni_primary", "Value is 1 if this node is the leader, 0 otherwise.", "gauge", flag(isPrimary));
  metric(
    "patroni_xlog_location",
    "Current location of the Postgres transaction log, 0 if this node is not the leader.",
    "counter",
    Number(xlog.location ?? 0),
  );
  metric("patroni_standby_leader", "Value is 1 if this node is the standby_leader, 0 otherwise.", "gauge", 0);
  metric(
    "patroni_replica",
    "Value is 1 if this node is a replica, 0 otherwise.",
    "gauge",
    flag(role === "replica"),
  );
  metric(
    "patroni_sync_standby",
    v3
      ? "Value is 1 if this node is a sync standby replica, 0 otherwise."
      : "Value is 1 if this node is a sync standby, 0 otherwise.",
    "gauge",
    flag(status.sync_standby),
  );
  if (!v3)
    metric(
      "patroni_quorum_standby",
      "Value is 1 if this node is a quorum standby, 0 otherwise.",
      "gauge",
      flag(status.quorum_standby),
    );
  metric(
    "patroni_xlog_received_location",
    "Current location of the received Postgres transaction log, 0 if this node is not a replica.",
    "counter",
    Number(xlog.received_location ?? 0),
  );
  metric(
    "patroni_xlog_replayed_location",
    "Current location of the replayed Postgres transaction log, 0 if this node is not a replica.",
    "counter",
    Number(xlog.replayed_location ?? 0),
  );
  metric(
    "patroni_xlog_replayed_timestamp",
    "Current timestamp of the replayed Postgres transaction log, 0 if null.",
    "gauge",
    replayTs ? pyFloat(replayTs) : 0,
  );
  metric(
    "patroni_xlog_paused",
    "Value is 1 if the Postgres xlog is paused, 0 otherwise.",
    "gauge",
    flag(xlog.paused === true),
  );
  // Emitted only when the status query reported a server_version (i.e. PostgreSQL answered).
  if (!v3 && typeof status.server_version === "number") {
    metric(
      "patroni_postgres_streaming",
      "Value is 1 if Postgres is streaming, 0 otherwise.",
      "gauge",
      flag(status.replication_state === "streaming"),
    );
    metric(
      "patroni_postgres_in_archive_recovery",
      "Value is 1 if Postgres is replicating from archive, 0 otherwise.",
      "gauge",
      0,
    );
  }
  metric(
    "patroni_postgres_server_version",
    "Version of Postgres (if running), 0 otherwise.",
    "gauge",
    Number(status.server_version ?? 0),
    v3 ? " " : "",
  );
  metric(
    "patroni_cluster_unlocked",
    "Value is 1 if the cluster is unlocked, 0 if locked.",
    "gauge",
    flag(status.cluster_unlocked),
  );
  metric(
    "patroni_failsafe_mode_is_active",
    v3
      ? "Value is 1 if the cluster is unlocked, 0 if locked."
      : "Value is 1 if failsafe mode is active, 0 if inactive.",
    "gauge",
    0,
  );
  metric(
    "patroni_postgres_timeline",
    "Postgres timeline of this node (if running), 0 otherwise.",
    v3 ? "counter" : "gauge",
    Number(status.timeline ?? 0),
  );
  metric(
    "patroni_dcs_last_seen",
    "Epoch timestamp when DCS was last contacted successfully by Patroni.",
    "gauge",
    Number(status.dcs_last_seen ?? 0),
  );
  metric(
    "patroni_pending_restart",
    "Value is 1 if the node needs a restart, 0 otherwise.",
    "gauge",
    flag(status.pending_restart),
  );
  metric(
    "patroni_is_paused",
    "Value is 1 if auto failover is disabled, 0 otherwise.",
    "gauge",
    flag(status.pause),
  );
  if (!v3) {
    lines.push(
      "# HELP patroni_postgres_state Numeric representation of Postgres state.",
      STATE_VALUES,
      "# TYPE patroni_postgres_state gauge",
      `patroni_postgres_state${labels} ${STATE_INDEX[String(status.state)] ?? -1}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
