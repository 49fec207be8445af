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
});
