// English messages of the diagnostics screens: the alerts banner, failover readiness, the
// endpoint matrix and HAProxy routing, the haproxy.cfg panel, the node page and the config view.
// Spread into en.ts (the one source of keys), like en-demo.ts. Alert and readiness-reason texts are
// in en-alerts.ts.

import { enAlerts } from "./en-alerts";

export const enDiagnostics = {
  ...enAlerts,
  "alerts.title": "Alerts",
  "alerts.count": "{count} active",
  "alerts.none": "No alerts: every check passes",
  "alerts.for": "for {duration}",
  "alerts.check": "Check",
  "alerts.noAnswer": "no answer",

  "readiness.title": "Failover readiness",
  "readiness.description":
    "Could a replica take over if the leader failed now? Patroni's own rules: running, not tagged nofailover, within maximum_lag_on_failover, on the leader's timeline, and in synchronous mode only the sync standby.",
  "readiness.verdict.safe.one": "Safe: 1 candidate ({names})",
  "readiness.verdict.safe.many": "Safe: {count} candidates ({names})",
  "readiness.verdict.unsafe": "Unsafe: {reasons}",
  "readiness.verdict.unknown": "Unknown: {reasons}",
  "readiness.col.member": "Replica",
  "readiness.col.candidate": "Could take over",
  "readiness.col.why": "Why not",
  "readiness.yes": "Yes",
  "readiness.no": "No",
  "readiness.noReplicas": "No replica known.",

  "matrix.title": "Health endpoints",
  "matrix.description":
    "What each node's REST API answers on Patroni's health-check endpoints (GET). 200 means yes, 503 means no: HAProxy and other load balancers route on these answers.",
  "matrix.col.endpoint": "Endpoint",
  "matrix.probed": "Probed",
  "matrix.every": "every {interval}",
  "matrix.off": "Endpoint probing is off in the dashboard's configuration (probe_interval).",
  "matrix.pending": "Not probed yet: the first round runs shortly after start.",
  "matrix.yes": "yes",
  "matrix.no": "no",
  "matrix.notInVersion": "not in this version",
  "matrix.notProbed": "not probed",
  "matrix.unmatched": "unmatched node",
  "matrix.explain.root":
    'Patroni\'s /primary under another name: 200 on the leader only, 503 on every replica. It does not mean "Patroni is up".',
  "matrix.explain.patroni":
    "The node's status as JSON: 200 whenever Patroni runs, whatever the role (read from the regular poll, not asked twice).",
  "matrix.explain.primary": "The leader only: the node that holds the leader lock and accepts writes.",
  "matrix.explain.replica": "A running replica, unless tagged noloadbalance.",
  "matrix.explain.read_write": "Same rule as /primary: where writes can go.",
  "matrix.explain.read_only": "The leader and the replicas: every node that can serve reads.",
  "matrix.explain.synchronous": "The synchronous standby (sync_state sync).",
  "matrix.explain.asynchronous": "A replica that is not a synchronous standby.",
  "matrix.explain.health": "PostgreSQL is up and running, whatever the role.",
  "matrix.explain.liveness": "Patroni's HA loop is running (not stuck for longer than ttl).",
  "matrix.explain.readiness": "The leader, or a replica that is streaming and not too far behind.",
  "matrix.explain.standby_leader": "The leader of a standby cluster; 503 in a normal cluster.",
  "matrix.explain.quorum": "A quorum standby in quorum commit mode (Patroni 4).",
  "matrix.explain.replica_lag":
    "A replica no further behind than the given lag (here maximum_lag_on_failover).",

  "routing.title": "HAProxy routing",
  "routing.description":
    "Where an HAProxy set up like the course's would send connections now: a server is UP when its endpoint answers 200.",
  "routing.col.listener": "Listener",
  "routing.col.check": "Check",
  "routing.col.servers": "Servers",
  "routing.listener.primary": "primary: writes",
  "routing.listener.replicas": "replicas: reads",
  "routing.listener.read_write": "read-write",
  "routing.listener.read_only": "read-only: reads, the primary included",
  "routing.up": "UP",
  "routing.down": "DOWN",
  "routing.unknown": "no answer",
  "routing.noServer": "No server UP: connections to this port fail.",

  "haproxy.title": "Generated haproxy.cfg",
  "haproxy.description":
    "An HAProxy configuration with the four listeners above, for this cluster's current members. Generated when you ask for it, not refreshed.",
  "haproxy.show": "Show haproxy.cfg",
  "haproxy.regenerate": "Generate again",
  "haproxy.loading": "Generating…",
  "haproxy.failed": "Could not get haproxy.cfg: {reason}",
  "haproxy.copy": "Copy",
  "haproxy.copied": "Copied",
  "haproxy.copyFailed": "Copy failed",
  "haproxy.download": "Download",
  "haproxy.label": "haproxy.cfg for the cluster {name}",
  "haproxy.noteTitle": "Why not the course's tcp-check?",
  "haproxy.note":
    "The course checks servers with `option tcp-check` and `tcp-check expect string HTTP/1.1\\ 200`. Patroni's REST API (Python's http.server) answers `HTTP/1.0 200 OK`, so that string never matches and every server stays DOWN. This file uses `option httpchk` with `http-check expect status 200`, which reads the status code whatever the HTTP version.",

  "node.back": "Cluster {name}",
  "node.heading": "Node {member}",
  "node.description":
    "This node's own GET /patroni, field by field, as the dashboard read it on its last poll.",
  "node.open": "Open the /patroni details of {member}",
  "node.unreachable":
    "The node's REST API does not answer ({reason}): the values below are from its last answer.",
  "node.never": "This node has not answered yet: there is nothing to explain.",
  "node.lastAnswer": "Last answer:",
  "node.fields": "What /patroni says",
  "node.col.field": "Field",
  "node.col.value": "Value",
  "node.col.meaning": "What it means",
  "node.raw": "Raw JSON of the last /patroni answer",
  "node.rawNone": "No answer recorded yet.",
  "node.yes": "yes",
  "node.no": "no",
  "node.none": "none",
  "node.notReported": "not reported by this version",
  "node.bytes": "{bytes} bytes",
  "node.field.role": "Role",
  "node.explain.role":
    "What the node says it is: primary (holds the leader lock, writable) or replica. Patroni 3 says master.",
  "node.field.dcsRole": "Role in the DCS",
  "node.explain.dcsRole": "The role /cluster gives this member: leader, sync standby, replica…",
  "node.field.state": "State",
  "node.explain.state": "Patroni's view of its PostgreSQL: running, streaming, stopped, starting, crashed…",
  "node.field.replicationState": "Replication state",
  "node.explain.replicationState":
    "Where a replica gets WAL: streaming from its upstream, or in archive recovery. Reported from Patroni 3.0.4.",
  "node.field.timeline": "Timeline",
  "node.explain.timeline":
    "Goes up by one at every promotion; a replica must be on the leader's timeline to follow it.",
  "node.field.walLocation": "Current WAL position",
  "node.explain.walLocation": "The primary's write position (pg_current_wal_lsn): everything written so far.",
  "node.field.walReceived": "Received WAL position",
  "node.explain.walReceived": "How far this replica has received WAL (pg_last_wal_receive_lsn).",
  "node.field.walReplayed": "Replayed WAL position",
  "node.explain.walReplayed":
    "How far this replica has applied WAL (pg_last_wal_replay_lsn): queries on it see data up to here.",
  "node.field.replayPaused": "Replay paused",
  "node.explain.replayPaused": "pg_wal_replay_pause() was called: WAL keeps arriving but is not applied.",
  "node.field.lastReplayed": "Last replayed transaction",
  "node.explain.lastReplayed":
    "Commit time of the last transaction applied (pg_last_xact_replay_timestamp); old on an idle cluster, which is normal.",
  "node.field.postmasterStart": "PostgreSQL started",
  "node.explain.postmasterStart": "When the postmaster started (pg_postmaster_start_time).",
  "node.field.uptime": "Uptime",
  "node.explain.uptime": "How long PostgreSQL has been running; a restart resets it.",
  "node.field.serverVersion": "PostgreSQL version",
  "node.explain.serverVersion": "server_version_num ({num}) read as a version.",
  "node.field.patroniVersion": "Patroni version",
  "node.explain.patroniVersion": "The Patroni on this node: endpoints and fields differ between versions.",
  "node.field.systemIdentifier": "System identifier",
  "node.explain.systemIdentifier":
    "The same on every member of one cluster; a different one means another database.",
  "node.field.tags": "Tags",
  "node.explain.tags": "From patroni.yml: nofailover, noloadbalance, clonefrom, nosync, failover_priority…",
  "node.field.pendingRestart": "Pending restart",
  "node.explain.pendingRestart": "A changed setting waits for a PostgreSQL restart to take effect.",
  "node.field.scheduledRestart": "Scheduled restart",
  "node.explain.scheduledRestart": "A restart planned with patronictl restart --scheduled.",
  "node.field.paused": "Maintenance mode",
  "node.explain.paused": "True while Patroni is paused (patronictl pause): no automatic failover.",
  "node.field.clusterUnlocked": "Cluster unlocked",
  "node.explain.clusterUnlocked": "True when this node sees no leader key in the DCS.",
  "node.field.failsafe": "Failsafe active",
  "node.explain.failsafe":
    "The DCS is unreachable and the leader stays up only because every member answers it.",
  "node.field.dcsLastSeen": "DCS last read",
  "node.explain.dcsLastSeen": "When this node last read the DCS successfully, by its own clock.",
  "node.field.apiUrl": "REST API",
  "node.explain.apiUrl": "The address the dashboard polls for this node.",
  "node.replication.title": "Replication connections",
  "node.replication.description":
    "This node's walsenders (pg_stat_replication): one row per replica streaming from it.",
  "node.replication.empty": "No replica streams from this node.",
  "node.replication.col.client": "Client",
  "node.replication.col.address": "Address",
  "node.replication.col.state": "State",
  "node.replication.col.sync": "Sync state",
  "node.replication.col.priority": "Sync priority",
  "node.upstream.title": "This node as the leader sees it",
  "node.upstream.none": "The leader has no replication connection from this node.",

  "cfg.title": "Dynamic configuration",
  "cfg.description":
    "/config: the cluster-wide settings Patroni keeps in the DCS (patronictl edit-config changes them).",
  "cfg.none": "/config has not been read yet.",
  "cfg.col.key": "Setting",
  "cfg.col.value": "Value",
  "cfg.col.meaning": "What it does",
  "cfg.default": "{value} (default)",
  "cfg.explain.ttl":
    "How long the leader lock lives without renewal: a dead leader is replaced after about this long.",
  "cfg.explain.loop_wait":
    "Pause between runs of Patroni's HA loop, which renews the lock and checks the cluster.",
  "cfg.explain.retry_timeout":
    "How long DCS and PostgreSQL operations are retried before Patroni gives up; a leader then demotes itself.",
  "cfg.explain.maximum_lag_on_failover":
    "A replica further behind than this is never promoted by a failover.",
  "cfg.explain.synchronous_mode":
    "on: commits wait for a sync standby, and only it may be promoted; quorum: a quorum of standbys does.",
  "cfg.explain.synchronous_mode_strict":
    "on: writes stop when no sync standby is available, instead of going on unprotected.",
  "cfg.explain.synchronous_node_count": "How many synchronous standbys Patroni keeps.",
  "cfg.explain.failsafe_mode":
    "on: the leader keeps running while the DCS is down, as long as every member answers it.",
  "cfg.explain.pause": "Maintenance mode: Patroni fails over nothing and restarts nothing by itself.",
  "cfg.explain.use_pg_rewind": "An old leader is rewound with pg_rewind so it can rejoin as a replica.",
  "cfg.explain.use_slots":
    "The leader keeps a replication slot per replica, so it keeps the WAL they still need.",
  "cfg.explain.check_timeline": "Only replicas on the leader's timeline may be promoted.",
  "cfg.explain.primary_start_timeout":
    "How long a crashed primary may take to recover before Patroni fails over.",
  "cfg.params.title": "PostgreSQL parameters",
  "cfg.params.description": "postgresql.parameters: applied on every member; some need a restart.",
  "cfg.params.empty": "No PostgreSQL parameter is set in /config.",
  "cfg.params.col.name": "Parameter",
  "cfg.other.title": "Other keys",
  "cfg.history.title": "What changed and when",
  "cfg.history.description":
    "Changes to /config the dashboard saw while polling, newest first. Changes before it started are not known.",
  "cfg.history.empty": "No change seen since the dashboard started watching.",
  "cfg.history.col.when": "When",
  "cfg.history.col.change": "Change",
  "cfg.history.kind.added": "added",
  "cfg.history.kind.removed": "removed",
  "cfg.history.kind.changed": "changed",
} as const;
