import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { FAILOVER_POLL_MS, FAILOVER_WATCH_MAX_MS, Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

// Regressions: /config was read every 30 s (an edit-config showed ~25 s late), and during a failover
// the new leader showed up to an interval after Patroni named it.

const INTERVAL = 5000;

function setup(scenario: string) {
  const clock = new FakeClock();
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${8008 + i - 1}`, "patroni-3.0.2", scenario, `node${i}`),
  );
  const cluster = new ClusterState(
    null,
    0,
    nodes.map((n) => n.asClient()),
    100,
  );
  const poller = new Poller([cluster], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30_000,
    clock,
    random: () => 0.5,
  });
  const setScenario = (name: string) => nodes.forEach((n) => (n.scenario = name));
  const detail = () => buildDetail(cluster, clock.now(), INTERVAL);
  const polls = () => nodes[0]!.count("/patroni");
  return { clock, nodes, cluster, poller, setScenario, detail, polls };
}

describe("config freshness", () => {
  test("a `patronictl edit-config` (pause: true) is in the config and its history within one interval", async () => {
    const { clock, cluster, poller, setScenario } = setup("a-healthy");
    poller.start();
    await clock.advance(0);
    assert.equal(cluster.config?.paused, false);
    setScenario("d-paused");
    const changedAt = clock.now() + 1000;
    await clock.advance(1000); // the change lands 1 s after a cycle
    await clock.advance(INTERVAL);
    poller.stop();
    assert.equal(cluster.config?.paused, true);
    const entry = cluster.configHistory.toArray().at(-1);
    assert.ok(entry, "a config history entry");
    assert.ok(entry.at - changedAt <= INTERVAL, `seen ${entry.at - changedAt} ms after the change`);
    assert.ok(
      entry.changes.some((c) => c.key === "pause" && c.newValue === true),
      JSON.stringify(entry.changes),
    );
  });
});

describe("failover fast path", () => {
  test("while the DCS names an unreachable leader the cluster is re-read every FAILOVER_POLL_MS; the new leader shows within it", async () => {
    const { clock, poller, setScenario, detail, polls } = setup("a-healthy");
    poller.start();
    await clock.advance(0);
    assert.equal(detail().leader, "node1");
    await clock.advance(INTERVAL - 1); // steady: one cycle per interval
    assert.equal(polls(), 1);
    await clock.advance(1);
    assert.equal(polls(), 2);

    setScenario("c1-failover-in-progress"); // node3 named leader by the DCS, and refusing
    await clock.advance(INTERVAL); // the next regular cycle sees it
    assert.equal(detail().leader, "node3");
    const before = polls();
    await clock.advance(4 * FAILOVER_POLL_MS);
    assert.equal(polls() - before, 4, "one cycle per FAILOVER_POLL_MS while the failover is pending");

    setScenario("c2-after-failover"); // Patroni names node1
    const namedAt = clock.now();
    let shownAfter: number | null = null;
    for (let t = 0; t <= 2 * FAILOVER_POLL_MS; t += 50) {
      if (detail().leader === "node1") {
        shownAfter = clock.now() - namedAt;
        break;
      }
      await clock.advance(50);
    }
    assert.ok(shownAfter !== null && shownAfter <= FAILOVER_POLL_MS, `shown after ${shownAfter} ms`);

    const settled = polls();
    await clock.advance(2 * INTERVAL);
    poller.stop();
    assert.equal(polls() - settled, 2, "back to one cycle per interval once a leader is known");
  });

  test("a slow /history or /config never delays the new leader: they are read after it is published", async () => {
    // Regression: the cycle that saw the new leader re-read /config, then /history, before the view
    // changed, so a node slow to answer those (as Patroni is during a promotion) held the leader back.
    const { clock, nodes, poller, setScenario, detail, cluster } = setup("c1-failover-in-progress");
    poller.start();
    await clock.advance(0);
    assert.equal(detail().leader, "node3");
    const revision = () => cluster.revision;
    for (const node of nodes) node.delays = { "/history": 3000, "/config": 3000 };
    setScenario("c2-after-failover");
    const namedAt = clock.now();
    let shownAfter: number | null = null;
    let revisionShown = -1;
    for (let t = 0; t <= 2 * FAILOVER_POLL_MS; t += 50) {
      if (detail().leader === "node1") {
        shownAfter = clock.now() - namedAt;
        revisionShown = revision();
        break;
      }
      await clock.advance(50);
    }
    assert.ok(shownAfter !== null && shownAfter <= FAILOVER_POLL_MS, `shown after ${shownAfter} ms`);
    // The route handlers' cached view is keyed by the revision: it must have moved with the leader.
    assert.ok(revisionShown > 0);
    await clock.advance(4000); // the slow /history answers, and the view moves again with it
    poller.stop();
    assert.ok(revision() > revisionShown, "the history re-read is published too");
    assert.ok(nodes.some((n) => n.count("/history") >= 1));
  });

  test("a cluster that stays leaderless is re-read fast only for a bounded time", async () => {
    const { clock, poller, polls, detail } = setup("c1-failover-in-progress");
    poller.start();
    await clock.advance(0);
    assert.equal(detail().members.find((m) => m.name === "node3")?.reachable, false);
    await clock.advance(FAILOVER_WATCH_MAX_MS + 2 * FAILOVER_POLL_MS);
    const after = polls();
    await clock.advance(4 * INTERVAL);
    poller.stop();
    assert.equal(polls() - after, 4, "normal interval after the watch's limit");
  });

  test("two clusters: the one in a failover is re-read fast, the other keeps its interval", async () => {
    const clock = new FakeClock();
    const mk = (scenario: string, base: number) =>
      [1, 2, 3].map(
        (i) => new FakeNode(clock, `http://127.0.0.1:${base + i - 1}`, "patroni-3.0.2", scenario, `node${i}`),
      );
    const calm = mk("a-healthy", 8008);
    const failing = mk("c1-failover-in-progress", 8008);
    const clusters = [calm, failing].map(
      (nodes, i) =>
        new ClusterState(
          `c${i}`,
          i,
          nodes.map((n) => n.asClient()),
          100,
        ),
    );
    const poller = new Poller(clusters, {
      intervalMs: INTERVAL,
      slowIntervalMs: 30_000,
      clock,
      random: () => 0.5,
    });
    poller.start();
    await clock.advance(0);
    await clock.advance(3 * INTERVAL);
    poller.stop();
    assert.equal(calm[0]!.count("/patroni"), 4);
    const expected = (3 * INTERVAL) / FAILOVER_POLL_MS;
    assert.ok(failing[0]!.count("/patroni") >= expected, `${failing[0]!.count("/patroni")} polls in 15 s`);
  });
});
