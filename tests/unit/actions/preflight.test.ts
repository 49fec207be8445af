import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { outcomeChecklist, preflight } from "@/lib/domain/actions";
import type { ClusterDetail, Member } from "@/lib/domain/contracts";

// The preflight verdicts and the switchover outcome checklist, on hand-built clusters.

function member(
  name: string,
  role: Member["role"],
  state: string,
  timeline: number | null,
  extra: Partial<Member> = {},
) {
  return {
    name,
    role,
    state,
    timeline,
    inDcs: true,
    observedAt: 1,
    replicationState: null,
    liveTimeline: null,
    ...extra,
  } as Member;
}

type Input = Parameters<typeof preflight>[0];
const ready = (names: string[], not: Record<string, string[]> = {}): Input["readiness"] =>
  ({
    verdict: names.length ? "safe" : "unsafe",
    candidates: names,
    reasons: names.length ? [] : ["no_candidate"],
    members: [
      ...names.map((n) => ({ member: n, candidate: true, reasons: [] })),
      ...Object.entries(not).map(([n, reasons]) => ({ member: n, candidate: false, reasons })),
    ],
  }) as Input["readiness"];

const healthy: Input = {
  leader: "a",
  paused: false,
  scheduledSwitchover: null,
  members: [
    member("a", "leader", "running", 3),
    member("b", "replica", "streaming", 3),
    member("c", "replica", "streaming", 3),
  ],
  readiness: ready(["b"], { c: ["lag_over_threshold"] }),
};

describe("preflight", () => {
  test("switchover to a ready replica is fine and goes to the leader", () => {
    assert.deepEqual(preflight(healthy, { action: "switchover", candidate: "b" }), {
      ok: true,
      forced: false,
      problems: [],
      target: "a",
    });
  });

  test("to a lagging replica: refused with readiness's reasons, unless forced", () => {
    const no = preflight(healthy, { action: "switchover", candidate: "c" });
    assert.equal(no.ok, false);
    assert.deepEqual(no.problems, [
      { code: "candidate_not_ready", member: "c", reasons: ["lag_over_threshold"], forceable: true },
    ]);
    const forced = preflight(healthy, { action: "switchover", candidate: "c", force: true });
    assert.equal(forced.ok, true);
    assert.equal(forced.forced, true);
  });

  test("force never overrides what cannot work: no leader, an unknown member, the leader as candidate", () => {
    const leaderless = { ...healthy, leader: null };
    assert.deepEqual(
      preflight(leaderless, { action: "switchover", candidate: "b", force: true }).problems.map(
        (p) => p.code,
      ),
      ["no_leader"],
    );
    assert.equal(preflight(healthy, { action: "failover", candidate: "z", force: true }).ok, false);
    assert.equal(preflight(healthy, { action: "switchover", candidate: "a", force: true }).ok, false);
    assert.equal(preflight(healthy, { action: "reinitialize", member: "a", force: true }).ok, false);
  });

  test("pause/resume follow the paused flag; member actions need a listed member; cancel needs a schedule", () => {
    assert.equal(preflight(healthy, { action: "pause" }).ok, true);
    assert.equal(preflight({ ...healthy, paused: true }, { action: "pause" }).ok, false);
    assert.equal(preflight(healthy, { action: "resume" }).ok, false);
    assert.equal(preflight({ ...healthy, paused: true }, { action: "resume" }).ok, true);
    assert.deepEqual(
      preflight(healthy, { action: "restart" }).problems.map((p) => p.code),
      ["member_required"],
    );
    assert.equal(preflight(healthy, { action: "restart", member: "c" }).target, "c");
    assert.equal(preflight(healthy, { action: "cancel-switchover" }).ok, false);
    assert.equal(
      preflight({ ...healthy, scheduledSwitchover: { at: 1, from: "a", to: "b" } } as unknown as Input, {
        action: "cancel-switchover",
      }).ok,
      true,
    );
    assert.deepEqual(
      preflight(healthy, { action: "failover" }).problems.map((p) => p.code),
      ["candidate_required"],
    );
  });
});

describe("outcome checklist", () => {
  const baseline = { leader: "a", timeline: 3, candidate: "b" };
  const at = (members: Member[], leader: string | null, timeline: number | null) =>
    ({ members, leader, timeline }) as Pick<ClusterDetail, "members" | "leader" | "timeline">;

  test("nothing holds before the leader moves", () => {
    const list = outcomeChecklist(baseline, at(healthy.members, "a", 3));
    assert.equal(list.done, false);
    assert.deepEqual(list.checks, {
      new_leader: false,
      timeline_up: false,
      others_stream: false,
      old_leader_rejoined: false,
    });
  });

  test("new leader on timeline 4, the old leader not back yet", () => {
    const list = outcomeChecklist(
      baseline,
      at(
        [
          member("a", "replica", "stopped", 3),
          member("b", "leader", "running", 4),
          member("c", "replica", "streaming", 4),
        ],
        "b",
        4,
      ),
    );
    assert.deepEqual(list.checks, {
      new_leader: true,
      timeline_up: true,
      others_stream: false,
      old_leader_rejoined: false,
    });
    assert.equal(list.newLeader, "b");
  });

  test("complete: every other member streams on timeline 4, the old leader included", () => {
    const list = outcomeChecklist(
      baseline,
      at(
        [
          member("a", "replica", "streaming", 4),
          member("b", "leader", "running", 4),
          member("c", "replica", "streaming", 4),
        ],
        "b",
        4,
      ),
    );
    assert.equal(list.done, true);
  });

  test("another member than the chosen one leads: not the outcome asked for", () => {
    const list = outcomeChecklist(
      baseline,
      at(
        [
          member("a", "replica", "streaming", 4),
          member("b", "replica", "streaming", 4),
          member("c", "leader", "running", 4),
        ],
        "c",
        4,
      ),
    );
    assert.equal(list.checks.new_leader, false);
    assert.equal(list.done, false);
  });
});
