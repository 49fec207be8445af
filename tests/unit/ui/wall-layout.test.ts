import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Tone } from "@/lib/domain/constants";
import type { ClustersResponse } from "@/lib/domain/contracts";
import {
  bestGrid,
  MIN_TILE,
  nameFontPx,
  needsAttention,
  type Section,
  WALL_GAP,
  wallLayout,
  wallOrder,
} from "@/components/wall/layout";
import { nextScreen, rotateSeconds } from "@/components/wall/rotation";
import { wallStatus } from "@/components/wall/wall-status";

// The wall's layout, order, rotation and liveness, with numbers: every cluster placed, nothing past
// the board's edges, names large enough to read across a room.

/** The board of a 1920×1080 wall: the viewport minus the header strip (~56 px) and padding. */
const HD = { w: 1920 - 24, h: 1080 - 56 - 24 };
const UHD = { w: 3840 - 24, h: 2160 - 56 - 24 };

function placed(sections: Section[]): number {
  return sections.reduce((n, s) => n + (s.end - s.start), 0);
}

function assertInside(sections: Section[], w: number, h: number) {
  let height = 0;
  for (const s of sections) {
    assert.ok(s.cols * s.cellW + (s.cols - 1) * WALL_GAP <= w, `section ${s.kind} wider than ${w}`);
    assert.ok(s.rows * s.cols >= s.end - s.start, "every cluster of a section has a cell");
    assert.ok(s.cellW >= MIN_TILE[s.kind].w && s.cellH >= MIN_TILE[s.kind].h, `${s.kind} below its minimum`);
    height += s.height;
  }
  height += (sections.length - 1) * WALL_GAP;
  assert.ok(height <= h, `sections ${height} px tall in ${h}`);
}

describe("wallLayout", { timeout: 10_000 }, () => {
  test("a few clusters get large tiles", () => {
    for (const n of [1, 3, 6, 12]) {
      const layout = wallLayout(n, 0, HD.w, HD.h);
      assert.equal(layout.fits, true);
      assert.deepEqual(
        layout.sections.map((s) => s.kind),
        ["large"],
        `${n} clusters`,
      );
      assertInside(layout.sections, HD.w, HD.h);
    }
  });

  test("100 clusters on 1920×1080: all placed, compact, inside the board, names ≥ 18 px", () => {
    const layout = wallLayout(100, 0, HD.w, HD.h);
    assert.equal(layout.fits, true);
    assert.equal(placed(layout.sections), 100);
    assert.deepEqual(
      layout.sections.map((s) => s.kind),
      ["compact"],
    );
    assertInside(layout.sections, HD.w, HD.h);
    const s = layout.sections[0]!;
    assert.ok(nameFontPx(s.kind, s.cellW, s.cellH, "demo-100".length) >= 18);
  });

  test("problems come first and larger: a band of bigger tiles above the compact ones", () => {
    const layout = wallLayout(100, 4, HD.w, HD.h);
    assert.equal(layout.fits, true);
    const [top, rest] = layout.sections;
    assert.deepEqual([top!.start, top!.end, rest!.start, rest!.end], [0, 4, 4, 100]);
    assert.notEqual(top!.kind, "compact");
    assert.ok(top!.cellW * top!.cellH > rest!.cellW * rest!.cellH * 2);
    assertInside(layout.sections, HD.w, HD.h);
  });

  test("when every cluster has a problem they still all fit, none larger than another", () => {
    const layout = wallLayout(100, 100, HD.w, HD.h);
    assert.equal(placed(layout.sections), 100);
    assert.equal(layout.sections.length, 1);
    assertInside(layout.sections, HD.w, HD.h);
  });

  test("300 clusters on 3840×2160 fit with readable names; with 12 problems too", () => {
    for (const problems of [0, 12]) {
      const layout = wallLayout(300, problems, UHD.w, UHD.h);
      assert.equal(layout.fits, true);
      assert.equal(placed(layout.sections), 300);
      assertInside(layout.sections, UHD.w, UHD.h);
      for (const s of layout.sections) assert.ok(nameFontPx(s.kind, s.cellW, s.cellH, 8) >= 18);
    }
  });

  test("a screen too small for the count still places everyone and says it does not fit", () => {
    const layout = wallLayout(300, 0, HD.w, HD.h);
    assert.equal(layout.fits, false);
    assert.equal(placed(layout.sections), 300);
  });

  test("bestGrid prefers the grid whose scarcer dimension is largest", () => {
    const grid = bestGrid(4, 2000, 400, { w: 100, h: 100 })!;
    assert.deepEqual([grid.cols, grid.rows], [4, 1]);
    assert.equal(bestGrid(10, 300, 100, { w: 100, h: 100 }), null);
  });
});

const summary = (name: string, tone: Tone, problems = 0) => ({
  name,
  tone,
  problems: Array.from({ length: problems }, () => ({
    code: "x",
    severity: "warning" as const,
    member: null,
    detail: null,
  })),
});

describe("wallOrder", { timeout: 10_000 }, () => {
  test("problems first (critical, warning, unknown), then healthy, each in natural name order", () => {
    const order = wallOrder([
      summary("demo-10", "ok"),
      summary("demo-2", "ok"),
      summary("demo-9", "warn", 1),
      summary("demo-3", "crit", 2),
      summary("demo-1", "unknown", 1),
      summary("demo-4", "ok", 1), // an info-level problem on a healthy-toned cluster still comes first
    ]);
    assert.deepEqual(
      order.map((c) => c.name),
      ["demo-3", "demo-9", "demo-1", "demo-4", "demo-2", "demo-10"],
    );
    assert.equal(needsAttention(summary("a", "ok")), false);
    assert.equal(needsAttention(summary("a", "unknown")), true);
  });
});

describe("rotation", { timeout: 10_000 }, () => {
  const order = ["a", "b", "c", "d"];
  test("board → each candidate in board order → board", () => {
    const candidates = new Set(["b", "d"]);
    const seen: (string | null)[] = [];
    let screen: string | null = null;
    for (let i = 0; i < 6; i++) {
      screen = nextScreen(screen, order, candidates);
      seen.push(screen);
    }
    assert.deepEqual(seen, ["b", "d", null, "b", "d", null]);
  });

  test("no candidates: the board stays; a shown cluster that recovered hands over to the next", () => {
    assert.equal(nextScreen(null, order, new Set()), null);
    assert.equal(nextScreen("b", order, new Set(["c"])), "c");
    assert.equal(nextScreen("gone", order, new Set(["c"])), null);
  });

  test("?rotate= is seconds, clamped to 3–3600; anything else is no rotation", () => {
    assert.equal(rotateSeconds("20"), 20);
    assert.equal(rotateSeconds("1"), 3);
    assert.equal(rotateSeconds("99999"), 3600);
    assert.equal(rotateSeconds(["5", "9"]), 5);
    for (const bad of [undefined, "", "abc", "-4", "0"]) assert.equal(rotateSeconds(bad), null);
  });
});

describe("wallStatus", { timeout: 10_000 }, () => {
  const T = 1_800_000_000_000;
  const data = (observedAgo: number[]): ClustersResponse => ({
    pollIntervalMs: 5_000,
    generatedAt: T,
    clusters: observedAgo.map((ago, i) => ({
      name: `c${i}`,
      scope: null,
      demo: false,
      leader: "n1",
      timeline: 1,
      membersUp: 3,
      membersExpected: 3,
      worstLagBytes: 0,
      paused: false,
      observedAt: T - ago,
      tone: i === 0 ? "crit" : "ok",
      problems: [],
    })),
  });
  // The browser received the answer at R on its own clock (which differs from the server's).
  const R = 5_000;

  test("live: fresh answer, fresh data; counts by tone; data-as-of on the browser's clock", () => {
    const s = wallStatus(data([1_000, 2_000]), R, R + 3_000, false);
    assert.equal(s.live, true);
    assert.deepEqual(s.counts, { crit: 1, warn: 0, unknown: 0, ok: 1 });
    assert.equal(s.dataAsOf, R - 1_000);
    assert.equal(s.staleNames.size, 0);
  });

  test("not live the moment the server fails, whatever the age", () => {
    const s = wallStatus(data([1_000]), R, R + 1_000, true);
    assert.deepEqual([s.live, s.reason], [false, "server"]);
  });

  test("not live once the last answer is more than two intervals old (a hung server)", () => {
    assert.equal(wallStatus(data([0]), R, R + 10_000, false).live, true);
    const s = wallStatus(data([0]), R, R + 10_001, false);
    assert.deepEqual([s.live, s.reason], [false, "data"]);
  });

  test("not live when the server answers but its newest observation is too old (a stuck poller)", () => {
    const s = wallStatus(data([11_000, 12_000]), R, R, false);
    assert.deepEqual([s.live, s.reason], [false, "data"]);
    assert.deepEqual([...s.staleNames], ["c0", "c1"]);
  });

  test("one old cluster is greyed on its own while the wall stays live", () => {
    const s = wallStatus(data([1_000, 30_000]), R, R + 500, false);
    assert.equal(s.live, true);
    assert.deepEqual([...s.staleNames], ["c1"]);
  });
});
