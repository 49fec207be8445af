import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Poller } from "@/lib/server/poller/poller";
import { nameClash } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

// Regression: two clusters with the same `scope` were listed twice under one name and
// /api/clusters/{scope} showed only the first. Start-up now refuses, naming the file and both fields.

async function clusters(names: (string | null)[]) {
  const clock = new FakeClock();
  const states = names.map(
    (name, i) =>
      new ClusterState(
        name,
        i,
        [new FakeNode(clock, `http://127.0.0.1:${8108 + i}`, "patroni-4", "a-healthy", "node1").asClient()],
        10,
      ),
  );
  await new Poller(states, { intervalMs: 5000, slowIntervalMs: 30_000, clock }).runCycle();
  return states; // every fake answers with scope "demo"
}

describe("clusters answering under one name", () => {
  test("two unnamed clusters with the same scope are refused with the file and both fields", async () => {
    const message = nameClash(await clusters([null, null]), "/etc/dash.yml");
    assert.equal(
      message,
      '/etc/dash.yml: clusters.1 reports scope "demo", and clusters.0 reports scope "demo": give one of them a distinct `name`',
    );
  });

  test("a configured name equal to another cluster's scope is refused too", async () => {
    assert.match(
      nameClash(await clusters([null, "demo"]), "f.yml")!,
      /clusters\.1\.name is "demo", and clusters\.0 reports scope "demo"/,
    );
  });

  test("distinct names pass", async () => {
    assert.equal(nameClash(await clusters([null, "other"]), "f.yml"), null);
  });

  test("a clash first seen after start-up (the second cluster's nodes answered late) is named apart, once", async () => {
    const clock = new FakeClock();
    const late = new FakeNode(clock, "http://127.0.0.1:8109", "patroni-4", "a-healthy", "node1");
    late.mode = "refused";
    const states = [
      new FakeNode(clock, "http://127.0.0.1:8108", "patroni-4", "a-healthy", "node1"),
      late,
    ].map((node, i) => new ClusterState(null, i, [node.asClient()], 10));
    const warnings: string[] = [];
    const poller = new Poller(states, {
      intervalMs: 5000,
      slowIntervalMs: 30_000,
      clock,
      onWarning: (message) => warnings.push(message),
    });
    await poller.runCycle(); // start-up: the second cluster does not answer yet
    assert.equal(nameClash(states, "f.yml"), null);
    assert.deepEqual(
      states.map((s) => s.name),
      ["demo", "cluster-2"],
    );
    late.mode = "ok";
    await clock.advance(5000);
    await poller.runCycle();
    assert.deepEqual(
      states.map((s) => s.name),
      ["demo", "demo-2"],
      "listed apart: both reachable by URL",
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /clusters\.1 reports scope "demo".*"demo-2"/);
    await clock.advance(5000);
    await poller.runCycle();
    assert.equal(states[1]!.name, "demo-2", "the name stays put");
    assert.equal(warnings.length, 1, "warned once");
  });
});
