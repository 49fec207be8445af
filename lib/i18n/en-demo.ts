// English messages of the classroom features: the event log, the leader-change banner, the demo
// cluster's control panel and presentation mode. Spread into en.ts (the one source of keys), kept
// apart so neither catalog file grows past a screenful per feature.

export const enDemo = {
  "events.title": "Event log",
  "events.description": "What changed, as the dashboard saw it while polling. Newest first.",
  "events.empty": "Nothing has changed since the dashboard started watching this cluster.",
  "events.nobody": "none",
  "events.noReason": "no answer",
  "events.kind.leader_lost": "Leader lost: {from} no longer holds the leader lock",
  "events.kind.leader_elected": "New leader: {to} (was {from})",
  "events.kind.leader_first": "New leader: {to}",
  "events.kind.leader_again": "{to} is the leader again",
  "events.kind.timeline_changed": "Timeline {from} → {to}",
  "events.kind.node_unreachable": "{member} unreachable: {reason}",
  "events.kind.node_reachable": "{member} answers again",
  "events.kind.member_missing": "{member} is no longer listed in the DCS",
  "events.kind.member_back": "{member} is listed in the DCS again",
  "events.kind.lag_over": "{member} is {lag} behind, over the failover limit of {limit}",
  "events.kind.lag_recovered": "{member} caught up: {lag} behind, under the failover limit",
  "events.kind.pending_restart": "{member} needs a restart to apply: {params}",
  "events.kind.pending_restart_any": "{member} needs a restart to apply a changed setting",
  "events.kind.pending_restart_cleared": "{member} no longer needs a restart",
  "events.kind.paused": "Maintenance mode on: automatic failover is disabled",
  "events.kind.resumed": "Maintenance mode off: automatic failover is enabled again",
  "events.kind.config_changed": "Configuration changed: {keys}",

  "banner.newLeader": "New leader: {to} (was {from})",
  "banner.firstLeader": "New leader: {to}",
  "banner.leaderAgain": "{to} is the leader again",
  "banner.timeline": "timeline {from} → {to}",
  "banner.dismiss": "Dismiss",
  "banner.dismissLabel": "Dismiss the new-leader message",

  "demo.badgeTitle": "Simulated by the dashboard itself: no real database behind it",
  "demo.panel.title": "Demo cluster controls",
  "demo.panel.description":
    "Three simulated Patroni nodes that answer Patroni's REST API like real ones. Trigger a scenario and watch the screen react.",
  "demo.panel.nodes": "Simulated nodes (REST API)",
  "demo.panel.try": "Try it in a terminal:",
  "demo.panel.loading": "Reading the simulated nodes…",
  "demo.panel.unavailable": "The demo controls are not available ({reason}).",
  "demo.panel.scenarios": "Scenarios",
  "demo.panel.last": "Last scenario: {scenario}",
  "demo.panel.sending": "Starting “{scenario}”…",
  "demo.panel.started": "Scenario “{scenario}” started. Watch the topology and the event log.",
  "demo.panel.refused": "The demo cluster cannot start “{scenario}” right now. Its reason:",
  "demo.panel.failed": "Could not send the scenario: {reason}",

  "demo.scenario.healthy": "Back to healthy",
  "demo.scenario.healthy.desc":
    "Restarts whatever is down, resumes, reverts settings: three nodes streaming again.",
  "demo.scenario.switchover": "Switchover",
  "demo.scenario.switchover.desc":
    "A planned handover: the leader steps down and the sync standby takes over within ~3 s.",
  "demo.scenario.failover": "Failover",
  "demo.scenario.failover.desc":
    "The leader crashes; after its lock expires (~20 s) the sync standby is promoted, timeline +1.",
  "demo.scenario.lag-spike": "Lag spike",
  "demo.scenario.lag-spike.desc":
    "An async replica stops receiving WAL for 35 s: its lag climbs past the failover limit.",
  "demo.scenario.node-down": "Node down",
  "demo.scenario.node-down.desc":
    "An async replica's Patroni stops: its REST API refuses connections until healthy.",
  "demo.scenario.maintenance": "Maintenance mode",
  "demo.scenario.maintenance.desc": "Pauses Patroni: nothing fails over automatically until healthy.",
  "demo.scenario.pending-restart": "Pending restart",
  "demo.scenario.pending-restart.desc":
    "Changes max_connections: every node reports that it needs a restart.",
  "demo.scenario.leaderless": "No leader",
  "demo.scenario.leaderless.desc":
    "The sync standby dies, then the leader: no one may be promoted, the cluster stays leaderless.",

  "demo.scenario.cascade": "Cascading replica",
  "demo.scenario.cascade.desc":
    "The async replica gets the tag replicatefrom: it streams WAL from the sync standby, not from the leader. The topology draws the chain.",
  "demo.scenario.nofailover": "Never promote a replica",
  "demo.scenario.nofailover.desc":
    "The async replica gets the tag nofailover: it keeps replicating but Patroni will never make it the leader. See failover readiness.",
  "demo.scenario.replay-paused": "WAL replay paused",
  "demo.scenario.replay-paused.desc":
    "Maintenance mode, then pg_wal_replay_pause() on the async replica: WAL still arrives but is not applied, so its replay lag grows.",
  "demo.scenario.quorum": "Quorum commit",
  "demo.scenario.quorum.desc":
    "Patroni 4: synchronous_mode becomes quorum. Every replica is a quorum standby; a commit waits for any one of them.",
  "demo.scenario.dcs-lost": "Leader loses the DCS",
  "demo.scenario.dcs-lost.desc":
    "The leader can no longer reach etcd: it demotes itself within seconds, so there are never two primaries; when its key expires (~20 s) the sync standby takes over.",
  "demo.scenario.scheduled-switchover": "Scheduled switchover",
  "demo.scenario.scheduled-switchover.desc":
    "A switchover booked 30 s ahead: /cluster shows scheduled_switchover until then, and at that time the leader hands over.",
  "demo.scenario.restart": "Restart pending nodes",
  "demo.scenario.restart.desc":
    "Restarts each node that reports pending_restart, one at a time (run “Pending restart” first): the flag clears as each comes back.",

  "demo.exercises.title": "Guided exercises",
  "demo.exercises.description":
    "Lab 1–3 tasks. Each is ticked when the dashboard sees it happen, for everyone watching this demo.",
  "demo.exercises.lab": "Lab {lab}",
  "demo.exercises.progress": "{done} of {total} done",
  "demo.exercises.done": "Done",
  "demo.exercises.todo": "Not yet",
  "demo.exercises.reset": "Start over",
  "demo.exercises.openExplorer": "Open the explorer of",
  "demo.exercises.loading": "Reading the exercises…",
  "demo.exercises.unavailable": "The exercises are not available ({reason}).",
  "demo.exercise.find-primary": "Find the primary: GET /primary in a node's REST API explorer",
  "demo.exercise.find-primary.done": "{member} answered 200: it is the primary",
  "demo.exercise.root-503": "Find a node that answers 503 to GET /",
  "demo.exercise.root-503.done": "{member} answered 503: / asks “are you the primary?”",
  "demo.exercise.pause": "Pause the cluster (maintenance mode)",
  "demo.exercise.pause.done": "The dashboard saw the cluster paused",
  "demo.exercise.switchover": "Trigger a switchover and watch /primary move",
  "demo.exercise.switchover.done": "Leader {from} → {member}",
  "demo.exercise.failover": "Kill the leader and watch the failover",
  "demo.exercise.failover.done": "Leader {from} → {member}, after {from} was lost",

  "present.enter": "Presentation mode",
  "present.exit": "Exit presentation mode",
} as const;
