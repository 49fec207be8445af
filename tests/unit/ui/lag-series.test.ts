import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildLagSeries, byteTicks, markerLabelSide } from "@/lib/domain/lag-series";

const MiB = 1_048_576;

describe("buildLagSeries", () => {
  test("one row per sample time, a receive and a replay column per replica", () => {
    const model = buildLagSeries(
      [
        { t: 2000, member: "node3", receive: 10, replay: 20 },
        { t: 1000, member: "node2", receive: 0, replay: 5 },
        { t: 1000, member: "node3", receive: 1, replay: 2 },
        { t: 2000, member: "node2", receive: null, replay: 7 },
      ],
      [],
      MiB,
    );
    assert.deepEqual(model.members, ["node2", "node3"]);
    assert.deepEqual(
      model.series.map((s) => `${s.key}#${s.colorIndex}`),
      ["node2:receive#0", "node2:replay#0", "node3:receive#1", "node3:replay#1"],
    );
    assert.deepEqual(model.rows, [
      { t: 1000, "node2:receive": 0, "node2:replay": 5, "node3:receive": 1, "node3:replay": 2 },
      { t: 2000, "node2:receive": null, "node2:replay": 7, "node3:receive": 10, "node3:replay": 20 },
    ]);
    assert.deepEqual(model.timeDomain, [1000, 2000]);
  });

  test("a replica missing at some sample time has null there (a gap, not zero)", () => {
    const model = buildLagSeries(
      [
        { t: 1, member: "a", receive: 1, replay: 1 },
        { t: 2, member: "b", receive: 2, replay: 2 },
      ],
      [],
      MiB,
    );
    assert.equal(model.rows[0]!["b:receive"], null);
    assert.equal(model.rows[1]!["a:replay"], null);
  });

  test("the y axis always shows the threshold, with headroom, on round binary ticks", () => {
    const small = buildLagSeries([{ t: 1, member: "a", receive: 5000, replay: 5000 }], [], MiB);
    assert.ok(small.yMax >= MiB * 1.1);
    assert.deepEqual(small.yTicks, [0, 262144, 524288, 786432, 1048576, 1310720]);
    const big = buildLagSeries([{ t: 1, member: "a", receive: 9_604_264, replay: 9_604_264 }], [], MiB);
    assert.ok(big.yMax >= 9_604_264 * 1.1);
    assert.deepEqual(big.yTicks, [0, 4 * MiB, 8 * MiB, 12 * MiB]);
  });

  test("only events inside the sampled time range become markers, oldest first, one per time", () => {
    const model = buildLagSeries(
      [
        { t: 100, member: "a", receive: 0, replay: 0 },
        { t: 300, member: "a", receive: 0, replay: 0 },
      ],
      [
        { t: 250, kind: "timeline_change", from: "1", to: "2" },
        { t: 50, kind: "leader_change", from: "x", to: "y" },
        { t: 200, kind: "leader_change", from: "a", to: "b" },
        { t: 250, kind: "leader_change", from: "b", to: "c" },
      ],
      MiB,
    );
    assert.deepEqual(model.markers, [
      { t: 200, leader: "b" },
      { t: 250, timeline: "2", leader: "c" },
    ]);
  });

  test("no samples: empty model, no domain, no markers", () => {
    const model = buildLagSeries([], [{ t: 1, kind: "leader_change", from: null, to: "a" }], MiB);
    assert.deepEqual([model.rows, model.members, model.timeDomain, model.markers], [[], [], null, []]);
  });

  test("byteTicks: at most five steps of a power of two", () => {
    assert.deepEqual(byteTicks(0), [0, 1]);
    assert.deepEqual(byteTicks(3000), [0, 1024, 2048, 3072]);
    for (const max of [1, 10, 999, 123_456, 7 * MiB, 3e10]) {
      const ticks = byteTicks(max);
      assert.ok(ticks.length <= 7 && ticks[ticks.length - 1]! >= max, `${max}: ${ticks}`);
    }
  });
});

test("a marker's label goes to the side with room: right in the left half, left in the right half", () => {
  assert.equal(markerLabelSide(1_000, [1_000, 11_000]), "right");
  assert.equal(markerLabelSide(6_000, [1_000, 11_000]), "right"); // exactly the middle: still fits
  assert.equal(markerLabelSide(6_001, [1_000, 11_000]), "left");
  assert.equal(markerLabelSide(11_000, [1_000, 11_000]), "left");
  assert.equal(markerLabelSide(5_000, null), "right");
  assert.equal(markerLabelSide(5_000, [5_000, 5_000]), "right");
});
