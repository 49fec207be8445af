import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  clusterSchema,
  configSchema,
  historySchema,
  patroniStatusSchema,
} from "@/lib/server/patroni/schemas";
import {
  normaliseCluster,
  normaliseConfig,
  normaliseHistory,
  normaliseStatus,
} from "@/lib/server/patroni/normalise";
import { allCaptures, body, sample, sampleFiles } from "../../support/fixtures";

// Every JSON body Patroni 3.0.2 and 4.1.4 returned in the captures must parse, whatever the endpoint.

function endpointOf(path: string): "cluster" | "history" | "config" | "failsafe" | "status" {
  const first = path.split("?")[0]!.split("/")[1] ?? "";
  if (first === "cluster" || first === "history" || first === "config" || first === "failsafe") return first;
  return "status";
}

for (const version of ["patroni-3.0.2", "patroni-4"]) {
  describe(`every ${version} capture`, () => {
    const captures = allCaptures(version).filter((c) => c.status !== null && c.body_is_json);
    test("there are captures to check", () => assert.ok(captures.length > 300, `only ${captures.length}`));
    test("parses with the schema of its endpoint and normalises", () => {
      const counts = { cluster: 0, history: 0, config: 0, status: 0 };
      for (const capture of captures) {
        const kind = endpointOf(capture.path);
        const where = capture.file.replace(process.cwd(), "");
        if (kind === "failsafe") continue; // a name → URL map, not read by the dashboard
        const schema = {
          cluster: clusterSchema,
          history: historySchema,
          config: configSchema,
          status: patroniStatusSchema,
        }[kind];
        const parsed = schema.safeParse(capture.body);
        assert.ok(parsed.success, `${where}: ${parsed.success ? "" : parsed.error.message}`);
        counts[kind] += 1;
      }
      assert.ok(
        counts.cluster > 20 && counts.history > 20 && counts.config > 20 && counts.status > 300,
        JSON.stringify(counts),
      );
    });
    test("node-down captures carry no body (the poller reports them as errors)", () => {
      const down = allCaptures(version).filter((c) => c.status === null);
      assert.ok(down.length > 0);
      for (const capture of down)
        assert.match(
          capture.error ?? "",
          /refused|reset|timed out|Empty reply|RemoteDisconnected/i,
          capture.file,
        );
    });
  });
}

describe("patroni-4-samples", () => {
  test("every sample body parses with the schema its file name names", () => {
    let checked = 0;
    for (const file of sampleFiles()) {
      const raw = sample(file);
      const kind = file.split(".")[0];
      if (kind === "patroni") normaliseStatus(patroniStatusSchema.parse(raw));
      else if (kind === "cluster") normaliseCluster(clusterSchema.parse(raw));
      else if (kind === "history") normaliseHistory(historySchema.parse(raw));
      else if (kind === "config") normaliseConfig(configSchema.parse(raw));
      else continue;
      checked += 1;
    }
    assert.ok(checked >= 18, `checked ${checked}`);
  });

  test("quorum mode: both replicas are quorum_standby, synchronous_mode is the string quorum", () => {
    const view = normaliseCluster(clusterSchema.parse(sample("cluster.quorum-mode.live-v4.1.4.json")));
    assert.deepEqual(view.members.filter((m) => m.role === "quorum_standby").length, 2);
    const status = normaliseStatus(
      patroniStatusSchema.parse(sample("patroni.replica.quorum-standby.live-v4.1.4.json")),
    );
    assert.equal(status.quorumStandby, true);
  });

  test("scheduled switchover and restart are read with their times", () => {
    const view = normaliseCluster(
      clusterSchema.parse(sample("cluster.scheduled-switchover-and-restart.live-v4.1.4.json")),
    );
    assert.ok(view.scheduledSwitchover && view.scheduledSwitchover.at! > 1.7e12);
    assert.ok(view.members.some((m) => m.scheduledRestartAt !== null));
  });

  test("4-element history rows (Patroni older than 2.1.1) have no new leader", () => {
    const rows = normaliseHistory(historySchema.parse(sample("history.docs-v4.1.4.json")));
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[0], {
      timeline: 1,
      lsn: 25623960,
      reason: "no recovery target specified",
      at: Date.parse("2019-09-23T16:57:57+02:00"),
      newLeader: null,
    });
  });

  test("a stopped replica has no WAL positions, timeline or server version", () => {
    const status = normaliseStatus(
      patroniStatusSchema.parse(sample("patroni.replica.postgres-stopped.paused.live-v4.1.4.json")),
    );
    assert.equal(status.state, "stopped");
    assert.equal(status.timeline, null);
    assert.equal(status.receivedLocation, null);
    assert.equal(status.serverVersion, null);
    assert.equal(status.paused, true);
  });
});

describe("normalising 3.0.2 and 4.1.4 into one model", () => {
  test("3.0.2 master and 4.1.4 primary are both primary; 3.0.2 has no member name", () => {
    const v3 = normaliseStatus(
      patroniStatusSchema.parse(body("patroni-3.0.2", "a-healthy", "node1", "patroni")),
    );
    const v4 = normaliseStatus(patroniStatusSchema.parse(body("patroni-4", "a-healthy", "node1", "patroni")));
    assert.equal(v3.role, "primary");
    assert.equal(v4.role, "primary");
    assert.equal(v3.name, null);
    assert.equal(v4.name, "node1");
    assert.equal(v3.walLocation, 67109000);
    assert.equal(v3.postmasterStartTime, Date.parse("2026-11-25T18:56:53.041Z"));
    assert.equal(v3.dcsLastSeen, 1795633059000);
  });

  test("3.0.2 /cluster: replicas running with lag only; 4.1.4: streaming with LSN text in bytes", () => {
    const v3 = normaliseCluster(clusterSchema.parse(body("patroni-3.0.2", "a-healthy", "node1", "cluster")));
    assert.equal(v3.scope, null);
    assert.deepEqual(
      v3.members.map((m) => [m.name, m.role, m.state]),
      [
        ["node1", "leader", "running"],
        ["node2", "sync_standby", "running"],
        ["node3", "replica", "running"],
      ],
    );
    assert.equal(v3.members[1]!.lag, 0);
    assert.equal(v3.members[1]!.receiveLag, null);
    const v4 = normaliseCluster(clusterSchema.parse(body("patroni-4", "a-healthy", "node1", "cluster")));
    assert.equal(v4.scope, "demo");
    assert.equal(v4.members[1]!.state, "streaming");
    assert.equal(v4.members[1]!.receiveLsn, 0x4000050);
  });

  test("f2 walreceiver stalled (4.1.4): receive and replay lag in bytes over 1 MiB", () => {
    const view = normaliseCluster(
      clusterSchema.parse(body("patroni-4", "f2-walreceiver-stalled", "node1", "cluster")),
    );
    const node2 = view.members.find((m) => m.name === "node2")!;
    assert.equal(node2.receiveLag, 9604264);
    assert.equal(node2.replayLag, 9604264);
  });

  test("e1 (4.1.4) stopped member: every lag and LSN field unknown becomes null", () => {
    const view = normaliseCluster(
      clusterSchema.parse(body("patroni-4", "e1-replica-postgres-stopped-while-paused", "node1", "cluster")),
    );
    const node2 = view.members.find((m) => m.name === "node2")!;
    assert.equal(node2.state, "stopped");
    assert.deepEqual(
      [node2.lag, node2.receiveLag, node2.replayLag, node2.lsn, node2.receiveLsn, node2.replayLsn],
      [null, null, null, null, null, null],
    );
    assert.equal(view.paused, true);
  });

  test("g pending restart (4.1.4) carries the parameter with old and new value", () => {
    const status = normaliseStatus(
      patroniStatusSchema.parse(body("patroni-4", "g-pending-restart", "node1", "patroni")),
    );
    assert.equal(status.pendingRestart, true);
    assert.deepEqual(status.pendingRestartReason, [
      { param: "max_connections", oldValue: "100", newValue: "110" },
    ]);
  });

  test("history rows: ended timeline, bytes, time and new leader", () => {
    const rows = normaliseHistory(
      historySchema.parse(body("patroni-3.0.2", "b-after-switchover", "node1", "history")),
    );
    assert.deepEqual(rows, [
      {
        timeline: 1,
        lsn: 67393448,
        reason: "no recovery target specified",
        at: Date.parse("2026-11-25T18:58:54.506Z"),
        newLeader: "node2",
      },
    ]);
  });

  test("config: synchronous_mode true means on, and the lag threshold is read", () => {
    const config = normaliseConfig(configSchema.parse(body("patroni-4", "a-healthy", "node1", "config")));
    assert.equal(config.synchronousMode, "on");
    assert.equal(config.maximumLagOnFailover, 1048576);
    assert.equal(config.ttl, 20);
  });

  test("a body that is not Patroni's is rejected with the field that is wrong", () => {
    const parsed = patroniStatusSchema.safeParse({
      state: "running",
      role: 3,
      patroni: { version: "4.1.4", scope: "x" },
    });
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error?.issues[0]?.path, ["role"]);
    assert.equal(clusterSchema.safeParse({ members: "none" }).success, false);
  });
});
