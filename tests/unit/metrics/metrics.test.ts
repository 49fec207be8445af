import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { lagThreshold } from "@/lib/domain/member-rules";
import { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { parseExposition, sample, type Sample } from "../../support/exposition";

// /metrics text from a store filled by the real poller over the real 4.1.4 captures, parsed back.

const INTERVAL = 5000;

/** `probeIntervalMs`: health-endpoint probes with each cycle (absent: the poller's default). */
function setup(scenario = "a-healthy", probeIntervalMs?: number) {
  const clock = new FakeClock();
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", scenario, `node${i}`),
  );
  const cluster = new ClusterState(
    "lab",
    0,
    nodes.map((n) => n.asClient()),
    50,
  );
  let dropped = false;
  const metrics: DashboardMetrics = new DashboardMetrics({
    details: () => {
      const detail = buildDetail(cluster, clock.now(), INTERVAL);
      // A view without node3, as after Patroni dropped a dead member from /cluster and we forgot it.
      return [dropped ? { ...detail, members: detail.members.filter((m) => m.name !== "node3") } : detail];
    },
    lastCycleAt: () => poller.lastCycleAt,
    pollerRunning: () => poller.isRunning,
    lagWarningBytes: (detail) => lagThreshold(detail),
  });
  const poller = new Poller([cluster], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30000,
    clock,
    observer: metrics,
    ...(probeIntervalMs === undefined ? {} : { probeIntervalMs }),
  });
  return { clock, nodes, cluster, poller, metrics, drop: () => (dropped = true) };
}

const byName = (samples: Sample[], name: string) => samples.filter((s) => s.name === name);

describe("GET /metrics exposition", () => {
  test("per-member gauges carry cluster and member labels with the values the dashboard shows", async () => {
    const { poller, metrics } = setup();
    await poller.runCycle();
    const { samples, types } = parseExposition(await metrics.scrape());
    assert.equal(types.get("patroni_dashboard_member_reachable"), "gauge");
    assert.equal(types.get("patroni_dashboard_poll_cycle_duration_seconds"), "histogram");
    assert.equal(types.get("patroni_dashboard_poll_request_errors_total"), "counter");
    for (const member of ["node1", "node2", "node3"]) {
      assert.equal(sample(samples, "patroni_dashboard_member_reachable", { cluster: "lab", member }), 1);
      assert.equal(sample(samples, "patroni_dashboard_member_timeline", { cluster: "lab", member }), 1);
    }
    assert.equal(
      sample(samples, "patroni_dashboard_member_is_leader", { cluster: "lab", member: "node1" }),
      1,
    );
    assert.equal(
      sample(samples, "patroni_dashboard_member_is_leader", { cluster: "lab", member: "node2" }),
      0,
    );
    assert.equal(sample(samples, "patroni_dashboard_cluster_has_leader", { cluster: "lab" }), 1);
    assert.equal(sample(samples, "patroni_dashboard_cluster_paused", { cluster: "lab" }), 0);
    // The leader has no lag of its own; both replicas have a (small) number of bytes.
    assert.equal(
      sample(samples, "patroni_dashboard_member_replay_lag_bytes", { member: "node1" }),
      undefined,
    );
    const lag = sample(samples, "patroni_dashboard_member_replay_lag_bytes", { member: "node2" });
    assert.ok(typeof lag === "number" && lag >= 0, `node2 replay lag ${lag}`);
    assert.equal(sample(samples, "patroni_dashboard_cluster_lag_warning_bytes", { cluster: "lab" }), 1048576);
    assert.equal(sample(samples, "patroni_dashboard_poll_cycle_duration_seconds_count", {}), 1);
    assert.equal(sample(samples, "patroni_dashboard_poller_running", {}), 0);
    assert.equal(sample(samples, "patroni_dashboard_poll_request_errors_total", { kind: "refused" }), 0);
    const lastCycle = sample(samples, "patroni_dashboard_last_poll_cycle_timestamp_seconds", {});
    assert.equal(lastCycle, poller.lastCycleAt! / 1000);
  });

  test("pending restart, paused and alerts by code and severity", async () => {
    const pending = setup("g-pending-restart");
    await pending.poller.runCycle();
    const p = parseExposition(await pending.metrics.scrape()).samples;
    assert.ok(byName(p, "patroni_dashboard_member_pending_restart").some((s) => s.value === 1));
    assert.equal(
      sample(p, "patroni_dashboard_alerts_firing", {
        cluster: "lab",
        code: "pending_restart",
        severity: "info",
      }),
      byName(p, "patroni_dashboard_member_pending_restart").filter((s) => s.value === 1).length,
    );

    const paused = setup("d-paused");
    await paused.poller.runCycle();
    const d = parseExposition(await paused.metrics.scrape()).samples;
    assert.equal(sample(d, "patroni_dashboard_cluster_paused", { cluster: "lab" }), 1);
    assert.equal(sample(d, "patroni_dashboard_alerts_firing", { code: "paused", severity: "warning" }), 1);
  });

  test("a killed leader: unreachable, failover_pending critical, errors counted by kind", async () => {
    const { poller, metrics, nodes, clock } = setup();
    await poller.runCycle();
    nodes[0]!.mode = "refused";
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const s = parseExposition(await metrics.scrape()).samples;
    assert.equal(sample(s, "patroni_dashboard_member_reachable", { member: "node1" }), 0);
    assert.equal(
      sample(s, "patroni_dashboard_poll_request_errors_total", { cluster: "lab", kind: "refused" }),
      1,
    );
    assert.equal(
      sample(s, "patroni_dashboard_alerts_firing", { code: "failover_pending", severity: "critical" }),
      1,
    );
    assert.equal(sample(s, "patroni_dashboard_poll_cycle_duration_seconds_count", {}), 2);
  });

  test("a failed /history read counts as a request error of its kind (parse), beside node failures", async () => {
    const { poller, metrics, nodes } = setup();
    // /history answered with a /patroni body: valid JSON, not a history.
    for (const node of nodes) node.alias = (path) => (path === "/history" ? "/patroni" : path);
    await poller.runCycle();
    const s = parseExposition(await metrics.scrape()).samples;
    assert.equal(
      sample(s, "patroni_dashboard_poll_request_errors_total", { cluster: "lab", kind: "parse" }),
      1,
    );
    assert.equal(
      sample(s, "patroni_dashboard_poll_request_errors_total", { cluster: "lab", kind: "refused" }),
      0,
    );
  });

  test("a health-endpoint probe that gets no answer counts as a request error of its kind", async () => {
    const { clock, nodes, cluster, poller, metrics } = setup("a-healthy", INTERVAL);
    // node2 answers its polls but its /liveness probe times out (a stuck HA loop thread, say).
    const answer = nodes[1]!.get.bind(nodes[1]!);
    nodes[1]!.get = async (path) =>
      path.startsWith("/liveness")
        ? { ok: false, error: { kind: "timeout", status: null, message: `${path}: timed out` }, elapsedMs: 1 }
        : answer(path);
    await poller.runCycle();
    // The probe rounds run beside the cycle: let them finish.
    for (let i = 0; i < 20 && cluster.nodes.some((n) => n.probing); i++) await clock.advance(0);
    assert.ok(cluster.nodes.every((n) => !n.probing && n.probe !== null));
    const s = parseExposition(await metrics.scrape()).samples;
    assert.equal(
      sample(s, "patroni_dashboard_poll_request_errors_total", { cluster: "lab", kind: "timeout" }),
      1,
    );
    assert.equal(
      sample(s, "patroni_dashboard_poll_request_errors_total", { cluster: "lab", kind: "refused" }),
      0,
    );
  });

  test("a member that disappears drops out of the next scrape; no series is kept forever", async () => {
    const { poller, metrics, drop } = setup();
    await poller.runCycle();
    const before = parseExposition(await metrics.scrape()).samples;
    assert.ok(before.some((s) => s.labels.member === "node3"));
    drop();
    const after = parseExposition(await metrics.scrape()).samples;
    assert.equal(after.filter((s) => s.labels.member === "node3").length, 0);
    assert.ok(after.some((s) => s.labels.member === "node2"));
  });

  test("webhook delivery attempts are counted by outcome, every outcome exposed from 0", async () => {
    const { metrics } = setup();
    metrics.notificationAttempt("retrying");
    metrics.notificationAttempt("delivered");
    metrics.notificationAttempt("delivered");
    const s = parseExposition(await metrics.scrape()).samples;
    const count = (outcome: string) =>
      sample(s, "patroni_dashboard_notification_attempts_total", { outcome });
    assert.deepEqual(["delivered", "retrying", "gave_up", "dropped"].map(count), [2, 1, 0, 0]);
  });

  test("the running server's own process metrics are exposed only when asked for", async () => {
    const source = {
      details: () => [],
      lastCycleAt: () => null,
      pollerRunning: () => true,
      lagWarningBytes: () => 1,
    };
    const own = parseExposition(await new DashboardMetrics(source, { processMetrics: true }).scrape());
    assert.equal(own.types.get("process_resident_memory_bytes"), "gauge");
    assert.ok(sample(own.samples, "process_resident_memory_bytes", {})! > 1e6);
    assert.ok(sample(own.samples, "nodejs_heap_size_used_bytes", {})! > 1e6);
    assert.equal(own.types.get("nodejs_eventloop_lag_p99_seconds"), "gauge");
    const text = await new DashboardMetrics(source, { processMetrics: true }).scrape();
    const check = spawnSync("promtool", ["check", "metrics"], {
      input: text,
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(check.error, undefined, "promtool (Debian package prometheus) could not run");
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
    const plain = parseExposition(await new DashboardMetrics(source).scrape());
    assert.equal(plain.types.get("process_resident_memory_bytes"), undefined);
    assert.ok([...plain.types.keys()].every((name) => name.startsWith("patroni_dashboard_")));
  });

  test("views are built once per scrape, whatever the number of gauges", async () => {
    const { poller, metrics, cluster, clock } = setup();
    await poller.runCycle();
    let builds = 0;
    const counting = new DashboardMetrics({
      details: () => {
        builds += 1;
        return [buildDetail(cluster, clock.now(), INTERVAL)];
      },
      lastCycleAt: () => null,
      pollerRunning: () => true,
      lagWarningBytes: () => 1,
    });
    await counting.scrape();
    await counting.scrape();
    assert.equal(builds, 2);
    assert.ok((await metrics.scrape()).length > 0);
  });
});
