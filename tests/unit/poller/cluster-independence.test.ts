import { test } from "node:test";
import assert from "node:assert/strict";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

// Clusters are independent: one whose nodes answer slowly never delays another's refresh.

const INTERVAL = 5000;

function cluster(clock: FakeClock, base: number, name: string) {
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${base + i - 1}`, "patroni-4", "a-healthy", `node${i}`),
  );
  const state = new ClusterState(
    name,
    0,
    nodes.map((n) => n.asClient()),
    100,
  );
  return { nodes, state };
}

test("a cluster whose nodes hang 12 s per request keeps the other on its 5 s pace", async () => {
  const clock = new FakeClock();
  const fast = cluster(clock, 8108, "fast");
  const slow = cluster(clock, 8208, "slow");
  const poller = new Poller([fast.state, slow.state], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30_000,
    clock,
  });
  try {
    await poller.runCycle(); // the first cycle, both answering at once
    for (const node of slow.nodes) node.mode = { hangMs: 12_000 };
    poller.start();
    await clock.advance(60_000 - 1);
    // The fast cluster: polled every 5 s, 0 … 55 s.
    assert.equal(fast.nodes[0]!.count("/patroni"), 12);
    assert.ok(fast.state.nodes.every((n) => n.statusAt === 55_000 + Date.parse("2026-11-25T12:00:00Z")));
    // The hung one: each /patroni ends in a timeout after 12 s; its leader (never backed off) is asked
    // again as soon as that ends: at 0 (the first cycle), 5, 17, 29, 41, 53; never two polls at once.
    assert.equal(slow.nodes[0]!.count("/patroni"), 6);
    for (const node of slow.nodes) assert.equal(node.maxActive, 1, node.node);
  } finally {
    poller.stop();
  }
});

test("every cluster still waits for its own previous poll: no overlap, whatever its pace", async () => {
  const clock = new FakeClock();
  const one = cluster(clock, 8108, "one");
  const poller = new Poller([one.state], { intervalMs: INTERVAL, slowIntervalMs: 30_000, clock });
  for (const node of one.nodes) node.mode = { hangMs: 4_000 };
  try {
    poller.start();
    await clock.advance(60_000);
    // /patroni + /cluster + /config, 4 s each: a poll every 12 s at most, never two at once on a node.
    const polls = one.nodes[0]!.count("/patroni");
    assert.ok(polls >= 4 && polls <= 6, `${polls} polls in 60 s`);
    for (const node of one.nodes) assert.equal(node.maxActive, 1, node.node);
    assert.ok(poller.cycles >= 4, `${poller.cycles} cycles`);
  } finally {
    poller.stop();
  }
});
