import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { exerciseTicks, type LogSighting } from "@/lib/domain/demo";
import { ExerciseTracker } from "@/lib/server/exercises/tracker";
import { explore, ExplorerLimiter } from "@/lib/server/explorer/explore";
import { simPipeline, stopSimPipelines } from "../../support/sim-pipeline";

// The guided exercises tick on what the dashboard observed: explorer answers and the event log. The
// pure rules first, then the demo simulator through the real poller, event log and explorer.

afterEach(stopSimPipelines);

const entry = (
  t: number,
  kind: string,
  member: string | null,
  from: string | null = null,
  to: string | null = null,
): LogSighting => ({ t, kind, member, from, to });
const done = (tracker: ExerciseTracker, log: readonly LogSighting[]) =>
  tracker
    .state(log)
    .exercises.filter((e) => e.done)
    .map((e) => `${e.id}:${e.member ?? ""}${e.from ? `<-${e.from}` : ""}`);

describe("exerciseTicks", () => {
  test("a leader change with the old leader up and listed is a switchover", () => {
    const ticks = exerciseTicks([entry(10, "leader_elected", "node2", "node1", "node2")], [], 0);
    assert.deepEqual(Object.keys(ticks), ["switchover"]);
    assert.deepEqual(ticks.switchover, { doneAt: 10, member: "node2", from: "node1" });
  });

  test("after the old leader went unreachable, or missing in the same poll, or a leaderless gap: a failover", () => {
    const unreachable = [
      entry(5, "node_unreachable", "node1"),
      entry(25, "leader_elected", "node2", "node1", "node2"),
    ];
    assert.deepEqual(Object.keys(exerciseTicks(unreachable, [], 0)), ["failover"]);
    // Same observation, leader entry first (EVENT_KINDS order): the missing leader still counts.
    const samePoll = [
      entry(25, "leader_elected", "node2", "node1", "node2"),
      entry(25, "member_missing", "node1"),
    ];
    assert.deepEqual(Object.keys(exerciseTicks(samePoll, [], 0)), ["failover"]);
    const gap = [
      entry(5, "leader_lost", "node1", "node1"),
      entry(25, "leader_elected", "node2", "node1", "node2"),
    ];
    assert.deepEqual(Object.keys(exerciseTicks(gap, [], 0)), ["failover"]);
    // Back and reachable before the change: a switchover again.
    const back = [...unreachable.slice(0, 1), entry(8, "node_reachable", "node1"), unreachable[1]!];
    assert.deepEqual(Object.keys(exerciseTicks(back, [], 0)), ["switchover"]);
  });

  test("the same leader back after a gap is neither; nothing before `since` counts", () => {
    const log = [
      entry(5, "leader_lost", "node1", "node1"),
      entry(9, "leader_elected", "node1", "node1", "node1"),
    ];
    assert.deepEqual(exerciseTicks(log, [], 0), {});
    const early = [entry(5, "paused", null), entry(6, "leader_elected", "node2", "node1", "node2")];
    assert.deepEqual(exerciseTicks(early, [], 6), {
      switchover: { doneAt: 6, member: "node2", from: "node1" },
    });
  });

  test("explorer: /primary must answer 200, / must answer 503", () => {
    const ticks = exerciseTicks(
      [],
      [
        { t: 1, member: "node2", pathId: "primary", status: 503 },
        { t: 2, member: "node1", pathId: "root", status: 200 },
        { t: 3, member: "node1", pathId: "primary", status: 200 },
        { t: 4, member: "node3", pathId: "root", status: 503 },
        { t: 5, member: "node2", pathId: "replica", status: 503 },
      ],
      0,
    );
    assert.deepEqual(ticks, {
      "find-primary": { doneAt: 3, member: "node1", from: null },
      "root-503": { doneAt: 4, member: "node3", from: null },
    });
  });
});

describe("ExerciseTracker", () => {
  test("a tick stays once seen, even when the log no longer holds it; reset starts over", () => {
    const tracker = new ExerciseTracker(0);
    const log = [entry(10, "paused", null)];
    assert.deepEqual(done(tracker, log), ["pause:"]);
    assert.deepEqual(done(tracker, []), ["pause:"], "latched");
    tracker.reset(20);
    assert.deepEqual(done(tracker, log), [], "seen before the reset");
    tracker.noteExplorer({ t: 21, member: "node1", pathId: "patroni", status: 200 });
    tracker.noteExplorer({ t: 22, member: "node1", pathId: "primary", status: 200 });
    assert.deepEqual(done(tracker, []), ["find-primary:node1"]);
    assert.equal(tracker.state([]).exercises.length, 5);
  });
});

describe("exercises on the demo simulator, through the dashboard's pipeline", () => {
  test("explorer, pause, switchover and failover each tick when the dashboard sees them", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    const tracker = new ExerciseTracker(p.clock.now());
    const seen = () => done(tracker, p.cluster.eventLog.entries());
    assert.deepEqual(seen(), []);

    const limiter = new ExplorerLimiter();
    const ask = async (member: string, pathId: string) => {
      const outcome = await explore(p.cluster, member, pathId, limiter, p.clock.now());
      assert.ok(outcome.ok);
      tracker.noteExplorer({ t: p.clock.now(), member, pathId, status: outcome.exchange.status });
      return outcome.exchange.status;
    };
    assert.equal(await ask("node2", "primary"), 503);
    assert.equal(await ask("node1", "root"), 200);
    assert.deepEqual(seen(), [], "answers that do not fulfil a task tick nothing");
    assert.equal(await ask("node1", "primary"), 200);
    assert.equal(await ask("node3", "root"), 503);
    assert.deepEqual(seen(), ["find-primary:node1", "root-503:node3"]);

    p.trigger("maintenance");
    await p.poll(5_000);
    assert.ok(seen().includes("pause:"));
    p.trigger("healthy");
    await p.poll(10_000);

    p.trigger("switchover");
    assert.ok(!seen().some((s) => s.startsWith("switchover")), "not before the dashboard sees it");
    await p.poll(15_000);
    assert.ok(seen().includes("switchover:node2<-node1"), seen().join());
    assert.ok(!seen().some((s) => s.startsWith("failover")), "a switchover is not a failover");

    p.trigger("failover");
    await p.poll(10_000);
    assert.ok(!seen().some((s) => s.startsWith("failover")), "the old leader's key has not expired yet");
    await p.poll(25_000);
    assert.ok(seen().includes("failover:node3<-node2"), seen().join());
  });

  test("a leader cut off from the DCS ends in a failover tick too", async () => {
    const p = simPipeline();
    await p.poll(10_000);
    const tracker = new ExerciseTracker(p.clock.now());
    p.trigger("dcs-lost");
    await p.poll(35_000);
    assert.deepEqual(done(tracker, p.cluster.eventLog.entries()), ["failover:node2<-node1"]);
  });
});
