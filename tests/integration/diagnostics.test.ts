import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { PROBE_ENDPOINTS } from "@/lib/domain/endpoints";
import { getJson, lab, waitFor } from "../support/lab";
import { apiCluster, startDashboard } from "../support/in-process";
import { apiAlerts, apiNode, writeDashboardConfig } from "../support/diagnostics-api";

// The diagnostics against a REAL 3-node Patroni cluster (scripts/lab.sh on 127.0.0.1): the endpoint matrix,
// alerts and failover readiness while real faults are injected. The in-process dashboard polls every
// second and probes every 2 s. Every test leaves the lab healthy for the next one.

const NAME = "lab";
const POLL = 1_000;
const cluster = lab("plain");
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let urls: string[];

const alertsOf = async (code: string) =>
  (await apiAlerts()).alerts.filter((a) => a.cluster === NAME && a.code === code);
const syncStandby = (d: ClusterDetail) => d.members.find((m) => m.role === "sync_standby" && m.inDcs)?.name;

/** The dashboard's view once it agrees the lab is healthy (a leader, a sync standby, no alert). */
async function healthyDetail(): Promise<ClusterDetail> {
  const { value } = await waitFor(
    "the dashboard to see a healthy cluster",
    async () => {
      const d = await apiCluster(NAME);
      return d.leader && syncStandby(d) && d.alerts.length === 0 && d.members.every((m) => m.reachable)
        ? d
        : null;
    },
    30_000,
    200,
  );
  return value;
}

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  dashboard = await startDashboard({
    DASHBOARD_CONFIG: writeDashboardConfig(NAME, urls, { poll: POLL / 1000, probe: 2 }),
  });
});
after(() => dashboard?.close());

describe("health semantics on a real Patroni cluster", () => {
  test("the endpoint matrix equals what a plain HTTP client gets from each node; routing follows it", async () => {
    const base = await healthyDetail();
    let mismatch = "";
    const { value: d } = await waitFor(
      "the matrix to match a plain client",
      async () => {
        const d = await apiCluster(NAME);
        if (d.endpoints.nodes.length !== 3 || d.endpoints.nodes.some((n) => n.probedAt === null)) return null;
        for (const node of d.endpoints.nodes) {
          for (const endpoint of PROBE_ENDPOINTS) {
            const cell = node.cells[endpoint];
            const plain = await getJson(`${node.apiUrl}${cell.path}`);
            if (cell.outcome === "not_in_version") continue;
            if (plain.status !== cell.status) {
              mismatch = `${node.member} ${cell.path}: dashboard ${cell.status}, plain client ${plain.status}`;
              return null;
            }
          }
        }
        return d;
      },
      15_000,
      500,
    ).catch((err: Error) => assert.fail(`${err.message} (${mismatch})`));
    // Debian's Patroni 3.0.2 has no /quorum: the 503 it answers means "unknown path", not "unhealthy".
    for (const node of d.endpoints.nodes) {
      assert.equal(node.patroniVersion, "3.0.2");
      assert.equal(node.cells.quorum.outcome, "not_in_version");
      assert.equal((await getJson(`${node.apiUrl}/quorum`)).status, 503);
      assert.equal(node.cells.replica_lag.path, "/replica?lag=1048576");
      // Lab 1: GET / is /primary under another name — 503 on a replica, 200 on the leader only
      assert.equal(node.cells.root.status, node.member === base.leader ? 200 : 503, `${node.member} /`);
      assert.equal(node.cells.patroni.status, 200, `${node.member} /patroni`);
    }
    const route = (name: string) => d.routing.find((r) => r.listener === name)!;
    assert.deepEqual(route("primary").up, [base.leader]);
    assert.deepEqual(route("read_write").up, [base.leader]);
    assert.deepEqual(
      route("replicas").up.sort(),
      base.members
        .filter((m) => m.name !== base.leader)
        .map((m) => m.name)
        .sort(),
    );
    assert.deepEqual(route("read_only").up.sort(), ["node1", "node2", "node3"]);
  });

  test("node view: the leader's /patroni explained", async () => {
    const d = await healthyDetail();
    const node = await apiNode(NAME, d.leader!);
    const raw = (await getJson(`${node.apiUrl}/patroni`)).body as { server_version: number; role: string };
    assert.equal(node.patroniRole, "primary");
    assert.equal(raw.role, "master", "3.0.2 says master; the dashboard says primary");
    assert.equal(node.serverVersion, raw.server_version);
    assert.match(node.serverVersionText!, /^15\.\d+$/);
    assert.deepEqual(
      node.replication.map((r) => r.applicationName).sort(),
      d.members
        .filter((m) => m.name !== d.leader)
        .map((m) => m.name)
        .sort(),
    );
    assert.equal(node.replication.find((r) => r.applicationName === syncStandby(d))?.syncState, "sync");
  });

  test("pause → maintenance alert and an unsafe verdict; resume → cleared", async () => {
    await healthyDetail();
    cluster.run("pause");
    try {
      const { value } = await waitFor(
        "the paused alert",
        async () => (await alertsOf("paused"))[0],
        2 * POLL + 2_000,
        100,
      );
      assert.equal(value.severity, "warning");
      const d = await apiCluster(NAME);
      assert.deepEqual([d.readiness.verdict, d.readiness.reasons], ["unsafe", ["maintenance_mode"]]);
    } finally {
      cluster.run("resume");
    }
    await waitFor(
      "the paused alert to clear",
      async () => (await alertsOf("paused")).length === 0,
      2 * POLL + 2_000,
      100,
    );
  });

  test("hard-killed sync standby → no sync standby; cleared once another replica becomes sync", async () => {
    const d = await healthyDetail();
    const victim = syncStandby(d)!;
    cluster.run("kill", victim);
    try {
      await waitFor(
        "no_sync_standby",
        async () => (await alertsOf("no_sync_standby")).length > 0,
        20_000,
        100,
      );
      const { value } = await waitFor(
        "another replica to become sync",
        async () => {
          const now = await apiCluster(NAME);
          const sync = syncStandby(now);
          return sync && sync !== victim && !now.alerts.some((a) => a.code === "no_sync_standby")
            ? now
            : null;
        },
        30_000,
        200,
      );
      assert.equal(value.readiness.verdict, "safe");
    } finally {
      cluster.run("start", victim);
      cluster.run("wait-healthy", "120");
    }
  });

  test("the only candidate's walreceiver stalled past maximum_lag_on_failover → unsafe; resumes → safe", async () => {
    const d = await healthyDetail();
    const sync = syncStandby(d)!;
    cluster.run("stall", sync);
    try {
      cluster.run("write", "10");
      const { value } = await waitFor(
        "an unsafe verdict",
        async () => {
          const now = await apiCluster(NAME);
          return now.readiness.verdict === "unsafe" ? now : null;
        },
        10_000,
        200,
      );
      assert.deepEqual(value.readiness.reasons, ["no_candidate"]);
      assert.ok(
        value.readiness.members.find((m) => m.member === sync)!.reasons.includes("lag_over_threshold"),
      );
      assert.ok(value.alerts.some((a) => a.code === "lag_over_threshold" && a.member === sync));
    } finally {
      cluster.run("unstall", sync);
    }
    await waitFor(
      "a safe verdict again",
      async () => (await apiCluster(NAME)).readiness.verdict === "safe",
      30_000,
      200,
    );
    cluster.run("wait-healthy", "120");
  });

  test("hard-killed leader → failover pending within two poll intervals, long before the new leader", async () => {
    const d = await healthyDetail();
    const leader = d.leader!;
    const sync = syncStandby(d)!;
    cluster.run("kill", leader);
    const killedAt = Date.now();
    try {
      const pending = await waitFor(
        "failover_pending",
        async () => (await alertsOf("failover_pending")).find((a) => a.member === leader),
        2 * POLL + 1_000,
        50,
      );
      assert.ok(pending.ms <= 2 * POLL, `failover pending after ${pending.ms} ms`);
      const during = await apiCluster(NAME);
      assert.deepEqual(
        [during.readiness.verdict, during.readiness.candidates],
        ["safe", [sync]],
        "the sync standby can take over",
      );
      const promoted = await waitFor(
        "the new leader",
        async () => {
          const now = await apiCluster(NAME);
          return now.leader && now.leader !== leader ? now : null;
        },
        60_000,
        200,
      );
      const newLeaderAfter = Date.now() - killedAt;
      assert.equal(promoted.value.leader, sync);
      assert.ok(
        newLeaderAfter - pending.ms > 5_000,
        `pending at ${pending.ms} ms, new leader at ${newLeaderAfter} ms`,
      );
      await waitFor(
        "failover_pending to clear",
        async () => (await alertsOf("failover_pending")).length === 0,
        2 * POLL + 2_000,
        100,
      );
    } finally {
      cluster.run("start", leader);
      cluster.run("wait-healthy", "120");
    }
    await healthyDetail();
  });
});
