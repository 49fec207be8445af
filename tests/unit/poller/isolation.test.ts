import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { body } from "../../support/fixtures";

// Errors are isolated per node and per cluster, never per cycle: whatever one node sends, it alone is
// marked, the cycle completes and every other node and cluster stays fresh.

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

/** A healthy /patroni body whose tags carry a value nested `levels` deep. */
function deepStatus(levels: number): string {
  const raw = JSON.stringify(body("patroni-4", "a-healthy", "node3", "patroni")) as string;
  const deep = "[".repeat(levels) + "]".repeat(levels);
  return raw.replace(/^\{/, `{"tags": {"evil": ${deep}},`);
}

function setup() {
  const clock = new FakeClock();
  const a = cluster(clock, 8108, "alpha");
  const b = cluster(clock, 8108, "beta");
  const errors: unknown[] = [];
  const poller = new Poller([a.state, b.state], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30_000,
    clock,
    random: () => 0.5,
    onCycleError: (err) => errors.push(err),
  });
  return { clock, a, b, poller, errors };
}

describe("poller fault isolation", () => {
  for (const [what, mode, kind, reason] of [
    ["JSON nested 5,000 levels", { status: 200, text: deepStatus(5000) }, "parse", /nested deeper than 64/],
    ["an HTML page", { status: 200, text: "<html><body>hi</body></html>" }, "parse", /not JSON/],
    ["a client that throws", "throws", "parse", /could not be processed \(client blew up\)/],
  ] as const) {
    test(`${what}: only that node is marked; the cycle and the other cluster complete`, async () => {
      const { clock, a, b, poller, errors } = setup();
      a.nodes[2]!.mode = mode;
      await poller.runCycle();
      await clock.advance(INTERVAL);
      await poller.runCycle();
      assert.equal(poller.cycles, 2);
      assert.equal(poller.lastCycleAt, clock.now());
      assert.deepEqual(errors, [], "no cycle- or cluster-level error");
      const detail = buildDetail(a.state, clock.now(), INTERVAL);
      const bad = detail.members.find((m) => m.name === "node3")!;
      assert.equal(bad.reachable, false);
      assert.equal(bad.lastError?.kind, kind);
      assert.match(bad.lastError!.message, /127\.0\.0\.1:8110/);
      assert.match(bad.lastError!.message, reason);
      for (const name of ["node1", "node2"]) {
        const m = detail.members.find((x) => x.name === name)!;
        assert.equal(m.reachable, true, name);
        assert.equal(m.observedAt, clock.now(), `${name} fresh`);
      }
      const other = buildDetail(b.state, clock.now(), INTERVAL);
      for (const m of other.members) assert.equal(m.observedAt, clock.now(), `beta ${m.name} fresh`);
    });
  }

  test("a cluster whose derivation throws does not stop the other cluster's cycle", async () => {
    const { clock, a, b, poller, errors } = setup();
    // Break one cluster's state itself (not a node): its derivation throws inside the cycle.
    Object.defineProperty(a.state, "lagSamples", {
      get() {
        throw new Error("store broken");
      },
    });
    await poller.runCycle();
    assert.equal(poller.cycles, 1);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /store broken/);
    const other = buildDetail(b.state, clock.now(), INTERVAL);
    for (const m of other.members) assert.equal(m.reachable, true, m.name);
  });
});
