import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

const INTERVAL = 5000;
const SLOW = 30000;

/** Every poller a test made, stopped after it however it ended (a failed assertion skips its own stop()). */
const pollers: Poller[] = [];
afterEach(() => pollers.splice(0).forEach((poller) => poller.stop()));

function setup(version = "patroni-4", scenario = "a-healthy", historyLength = 100) {
  const clock = new FakeClock();
  const base = version === "patroni-4" ? 8108 : 8008;
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${base + i - 1}`, version, scenario, `node${i}`),
  );
  const cluster = new ClusterState(
    null,
    0,
    nodes.map((n) => n.asClient()),
    historyLength,
  );
  const poller = new Poller([cluster], {
    intervalMs: INTERVAL,
    slowIntervalMs: SLOW,
    clock,
    random: () => 0.5,
  });
  pollers.push(poller);
  const setScenario = (name: string) => nodes.forEach((n) => (n.scenario = name));
  return {
    clock,
    nodes,
    cluster,
    poller,
    setScenario,
    detail: () => buildDetail(cluster, clock.now(), INTERVAL),
  };
}

describe("poller with a fake clock", () => {
  test("one /patroni and one /cluster per node per interval; /config every cycle, /history on the slow cadence", async () => {
    const { clock, nodes, poller } = setup();
    poller.start();
    await clock.advance(0); // first cycle
    await clock.advance(10 * INTERVAL - 1); // ten more cycles start at 5 s, 10 s, … 45 s
    poller.stop();
    for (const node of nodes) {
      assert.equal(node.count("/patroni"), 10, node.node);
      assert.equal(node.count("/cluster"), 10, node.node);
    }
    const slowReads = nodes.reduce((sum, n) => sum + n.count("/history"), 0);
    assert.equal(slowReads, 2, "history at 0 s and 30 s"); // from one node each time
    assert.equal(
      nodes.reduce((sum, n) => sum + n.count("/config"), 0),
      10,
      "from one node per cycle",
    );
  });

  test("readers of the store never cause requests: 200 readers between cycles", async () => {
    const { clock, nodes, poller, cluster } = setup();
    await poller.runCycle();
    const before = nodes.map((n) => n.requests.length);
    for (let i = 0; i < 200; i++) buildDetail(cluster, clock.now(), INTERVAL);
    assert.deepEqual(
      nodes.map((n) => n.requests.length),
      before,
    );
  });

  test("a hung node: cycles never overlap and the node never has two requests in flight", async () => {
    const { clock, nodes, poller } = setup();
    nodes[2]!.mode = { hangMs: 12_000 }; // longer than two intervals
    poller.start();
    await clock.advance(60_000);
    poller.stop();
    for (const node of nodes) assert.equal(node.maxActive, 1, node.node);
    // Cycles wait for the hung request (12 s) when node3 is due: 0→12, 12→24; then it backs off
    // (due again at 31.5 s: polled at 34→46), skipped at 24, 29, 46, 51, 56. 8 cycles, 3 hung requests.
    assert.equal(poller.cycles, 8);
    assert.equal(nodes[2]!.count("/patroni"), 3);
    assert.equal(nodes[0]!.count("/patroni"), 8);
  });

  test("a refusing node is retried next cycle, then backs off to every 2nd and 4th interval", async () => {
    const { clock, nodes, poller } = setup();
    nodes[2]!.mode = "refused";
    poller.start();
    await clock.advance(0);
    await clock.advance(20 * INTERVAL - 1); // cycles at 0 … 95 s: 20 cycles
    poller.stop();
    assert.equal(nodes[0]!.count("/patroni"), 20);
    // failures at cycles 0,1 (next cycle), 3 (2 intervals later), then every 4: 7, 11, 15, 19
    assert.equal(nodes[2]!.count("/patroni"), 7);
    assert.equal(nodes[2]!.count("/cluster"), 0, "no /cluster after a failed /patroni");
  });

  test("the down node is marked with its reason while the others stay fresh, then recovers", async () => {
    const { clock, nodes, poller, detail } = setup();
    await poller.runCycle();
    nodes[2]!.mode = "refused";
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const down = detail();
    const node3 = down.members.find((m) => m.name === "node3")!;
    assert.equal(node3.reachable, false);
    assert.equal(node3.lastError?.kind, "refused");
    assert.match(node3.lastError!.message, /127\.0\.0\.1:8110\/patroni: connection refused/);
    for (const name of ["node1", "node2"]) {
      const m = down.members.find((x) => x.name === name)!;
      assert.equal(m.reachable, true);
      assert.equal(m.observedAt, clock.now());
    }
    assert.ok(down.problems.some((p) => p.code === "node_unreachable" && p.member === "node3"));
    nodes[2]!.mode = "ok";
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const back = detail().members.find((m) => m.name === "node3")!;
    assert.equal(back.reachable, true);
    assert.equal(back.lastError, null);
  });

  test("a switchover is seen: new leader, a leader_change event, and /history read again", async () => {
    const { clock, nodes, poller, detail, setScenario } = setup("patroni-3.0.2");
    await poller.runCycle();
    assert.equal(detail().leader, "node1");
    assert.equal(detail().history.length, 0);
    setScenario("b-after-switchover");
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const after = detail();
    assert.equal(after.leader, "node2");
    assert.equal(after.timeline, 2);
    assert.deepEqual(
      after.events.map((e) => [e.kind, e.from, e.to]),
      [
        ["leader_change", "node1", "node2"],
        ["timeline_change", "1", "2"],
      ],
    );
    assert.equal(after.history.length, 1);
    assert.equal(after.history[0]!.newLeader, "node2");
    assert.ok(nodes.reduce((sum, n) => sum + n.count("/history"), 0) >= 2);
  });

  test("a member that vanishes from /cluster stays visible as missing (c2 after failover)", async () => {
    const { clock, poller, detail, setScenario } = setup("patroni-3.0.2", "c1-failover-in-progress");
    await poller.runCycle();
    assert.equal(detail().leader, "node3");
    setScenario("c2-after-failover");
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const after = detail();
    assert.equal(after.leader, "node1");
    const node3 = after.members.find((m) => m.name === "node3")!;
    assert.equal(node3.inDcs, false);
    assert.equal(node3.state, "missing");
    assert.equal(node3.reachable, false);
    assert.ok(after.problems.some((p) => p.code === "member_missing" && p.member === "node3"));
  });

  test("history_length lag samples per replica, not more (720 at 5 s is the lag chart's hour)", async () => {
    const { clock, poller, detail } = setup("patroni-4", "a-healthy", 10);
    for (let cycle = 0; cycle < 25; cycle++) {
      await poller.runCycle();
      await clock.advance(INTERVAL);
    }
    const perMember = new Map<string, number>();
    for (const s of detail().lagSamples) perMember.set(s.member, (perMember.get(s.member) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(perMember), { node2: 10, node3: 10 });
  });

  test("live lag from /patroni positions; 3.0.2 members are matched to nodes by api_url", async () => {
    const { poller, detail } = setup("patroni-3.0.2", "f2-walreceiver-stalled");
    await poller.runCycle();
    const d = detail();
    const node2 = d.members.find((m) => m.name === "node2")!;
    assert.equal(node2.lagSource, "live");
    assert.ok(node2.receiveLagBytes! > 1_048_576, String(node2.receiveLagBytes));
    assert.equal(node2.receiveLagBytes, node2.replayLagBytes);
    assert.ok(d.problems.some((p) => p.code === "lag_over_threshold" && p.member === "node2"));
    assert.equal(d.orphanNodes.length, 0);
    assert.ok(d.lagSamples.some((s) => s.member === "node2" && s.receive === node2.receiveLagBytes));
  });

  test("replay paused (4.1.4 f1): replay lag is seen although the DCS lag is 0", async () => {
    const { poller, detail } = setup("patroni-4", "f1-replay-paused");
    await poller.runCycle();
    const node2 = detail().members.find((m) => m.name === "node2")!;
    assert.equal(node2.dcsLagBytes, 0);
    assert.ok(node2.replayLagBytes! > 9_000_000, String(node2.replayLagBytes));
    assert.equal(node2.replayPaused, true);
  });

  test("PATRONI_NODES clusters are named by the scope the nodes report", async () => {
    const { poller, cluster } = setup();
    assert.equal(cluster.name, "cluster-1");
    await poller.runCycle();
    assert.equal(cluster.name, "demo");
  });
});

describe("a cluster where nothing answers", () => {
  test("before the first poll it is unknown; once every node fails it is critical with the reason", async () => {
    const { nodes, poller, detail } = setup();
    const before = detail();
    assert.equal(before.tone, "unknown");
    assert.deepEqual(
      before.problems.map((p) => [p.code, p.severity]),
      [["no_data", "info"]],
    );
    for (const node of nodes) node.mode = "refused";
    await poller.runCycle();
    const after = detail();
    assert.equal(after.tone, "crit");
    assert.equal(after.problems[0]!.code, "no_data");
    assert.match(after.problems[0]!.detail!, /connection refused/);
  });
});
