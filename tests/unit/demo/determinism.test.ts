import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fakeCluster, NODES } from "./fixture-reader";

// Same seed + same clock → byte-identical answers; the model never reads the wall clock.

const PATHS = ["/patroni", "/cluster", "/history", "/config", "/metrics", "/replica?lag=1MB", "/readiness"];

/** Every answer of every node, through a fixed script of scenarios and clock steps. */
function transcript(seed: number | string, version: "4.1.4" | "3.0.2"): string[] {
  const sim = fakeCluster(version, seed);
  const lines: string[] = [];
  const snapshot = () => {
    for (const node of NODES) {
      for (const path of PATHS) {
        const res = sim.get(node, path);
        lines.push(
          res
            ? `${node} ${path} ${res.status} ${JSON.stringify(res.headers)} ${res.body}`
            : `${node} ${path} refused`,
        );
      }
    }
  };
  for (const scenario of [
    "lag-spike",
    "switchover",
    "failover",
    "healthy",
    "leaderless",
    "healthy",
    "pending-restart",
  ]) {
    lines.push(JSON.stringify(sim.model.trigger(scenario)));
    for (let i = 0; i < 5; i++) {
      sim.wait(5_300, 1_000);
      snapshot();
    }
    lines.push(JSON.stringify(sim.model.info()));
  }
  return lines;
}

/**
 * Runs fn in another world: the wall clock three days later (Date.now and `new Date()`) and
 * Math.random on another sequence. A model that read either would answer differently in it.
 */
function inAnotherWorld<T>(fn: () => T): T {
  const RealDate = Date;
  const realRandom = Math.random;
  const SHIFT = 3 * 24 * 3600 * 1000;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + SHIFT);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + SHIFT;
    }
  }
  let state = 12345;
  globalThis.Date = ShiftedDate as DateConstructor;
  Math.random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
    Math.random = realRandom;
  }
}

describe("determinism", () => {
  test("two instances with the same seed and clock answer identically, even with another wall clock and Math.random", () => {
    for (const version of ["4.1.4", "3.0.2"] as const) {
      const a = transcript(7, version);
      const b = inAnotherWorld(() => transcript(7, version));
      assert.ok(a.length > 500);
      assert.deepEqual(a, b, version);
    }
  });

  test("the check above can fail: a wall-clock reading differs in the other world", () => {
    assert.notEqual(
      inAnotherWorld(() => new Date().toISOString().slice(0, 10)),
      new Date().toISOString().slice(0, 10),
    );
    assert.notEqual(
      inAnotherWorld(() => Date.now()),
      Date.now(),
    );
  });

  test("another seed gives another cluster", () => {
    const a = transcript(7, "4.1.4");
    const c = transcript(8, "4.1.4");
    const differing = a.filter((line, i) => line !== c[i]).length;
    assert.ok(differing > a.length / 2, `only ${differing} of ${a.length} lines differ`);
    assert.notEqual(
      fakeCluster("4.1.4", "course-a").json("node1", "/patroni").database_system_identifier,
      fakeCluster("4.1.4", "course-b").json("node1", "/patroni").database_system_identifier,
    );
  });

  test("the WAL moves at ~100-500 kB/s and replicas trail by a few kB, never backwards", () => {
    const sim = fakeCluster("4.1.4", 11);
    const location = () => (sim.json("node1", "/patroni").xlog as { location: number }).location;
    let last = { leader: location(), replica: 0 };
    for (let i = 0; i < 200; i++) {
      sim.wait(97, 97);
      const leader = location();
      const xlog = sim.json("node3", "/patroni").xlog as {
        received_location: number;
        replayed_location: number;
      };
      const rate = (leader - last.leader) / 0.097;
      assert.ok(rate >= 100_000 && rate <= 520_000, `rate ${rate} B/s`);
      assert.ok(
        leader - xlog.replayed_location <= 12 * 1024,
        `replica ${leader - xlog.replayed_location} B behind`,
      );
      assert.ok(xlog.replayed_location >= last.replica, "replay went backwards");
      assert.ok(xlog.received_location >= xlog.replayed_location);
      last = { leader, replica: xlog.replayed_location };
    }
  });

  test("a fake clock can jump a week without replaying every loop", () => {
    const sim = fakeCluster("4.1.4");
    const started = performance.now();
    sim.clock.t += 7 * 24 * 3600 * 1000;
    sim.model.advance();
    assert.ok(performance.now() - started < 2_000);
    assert.equal(sim.model.info().leader, "node1");
    assert.equal(sim.get("node2", "/replica?lag=0")?.status, 200);
  });
});
