import type { ClusterEvent, LagSample } from "./contracts";

// Rows for the lag chart: one row per sample time, one column per replica and metric
// ("node2:receive", "node2:replay"). Pure; the chart only draws what this returns.

export type LagMetric = "receive" | "replay";

export interface LagSeries {
  key: string;
  member: string;
  metric: LagMetric;
  /** Index of the member among the chart's members: picks the colour. */
  colorIndex: number;
}

export type LagRow = { t: number } & Record<string, number | null>;

export interface LagChartModel {
  rows: LagRow[];
  members: string[];
  series: LagSeries[];
  /** [first, last] sample time, or null when there are no samples. */
  timeDomain: [number, number] | null;
  /** Upper bound of the y axis: the largest lag or the threshold, whichever is higher, plus headroom, rounded up to a tick. */
  yMax: number;
  /** Y axis ticks at round binary sizes (0, 256 kB, 512 kB…). */
  yTicks: number[];
  /** Leader and timeline changes inside the time domain, grouped by time (one marker each), oldest first. */
  markers: LagMarker[];
}

export interface LagMarker {
  t: number;
  /** The new leader, if the leader changed at this time (null: the cluster lost its leader). */
  leader?: string | null;
  /** The new timeline, if it changed at this time. */
  timeline?: string | null;
}

/** Headroom above the highest value so the line and the threshold never touch the top edge. */
const Y_HEADROOM = 1.1;
/** At most this many intervals on the y axis: readable from across a room. */
const MAX_Y_STEPS = 5;

/**
 * Ticks at round binary sizes, like the units the labels use: steps of 1, 2, 4, 8 … 512 of a unit
 * (B, kB, MB…), the smallest that needs at most MAX_Y_STEPS steps to reach `max`.
 */
export function byteTicks(max: number): number[] {
  const top = Math.max(max, 1);
  let step = 1;
  while (top / step > MAX_Y_STEPS) step *= 2;
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}

export function seriesKey(member: string, metric: LagMetric): string {
  return `${member}:${metric}`;
}

export function buildLagSeries(
  samples: LagSample[],
  events: ClusterEvent[],
  threshold: number,
): LagChartModel {
  const members = [...new Set(samples.map((s) => s.member))].sort((a, b) => a.localeCompare(b));
  const series: LagSeries[] = members.flatMap((member, colorIndex) =>
    (["receive", "replay"] as const).map((metric) => ({
      key: seriesKey(member, metric),
      member,
      metric,
      colorIndex,
    })),
  );
  const byTime = new Map<number, LagRow>();
  let max = 0;
  for (const sample of samples) {
    let row = byTime.get(sample.t);
    if (!row) {
      row = { t: sample.t } as LagRow;
      for (const s of series) row[s.key] = null;
      byTime.set(sample.t, row);
    }
    row[seriesKey(sample.member, "receive")] = sample.receive;
    row[seriesKey(sample.member, "replay")] = sample.replay;
    max = Math.max(max, sample.receive ?? 0, sample.replay ?? 0);
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const timeDomain: [number, number] | null = first && last ? [first.t, last.t] : null;
  const inside = timeDomain ? events.filter((e) => e.t >= timeDomain[0] && e.t <= timeDomain[1]) : [];
  // The poller records a failover's leader change and timeline change in the same cycle, at the same
  // time: one marker with both labels, not two lines drawn on top of each other.
  const byT = new Map<number, LagMarker>();
  for (const event of inside.slice().sort((a, b) => a.t - b.t)) {
    const marker = byT.get(event.t) ?? { t: event.t };
    if (event.kind === "leader_change") marker.leader = event.to;
    else marker.timeline = event.to;
    byT.set(event.t, marker);
  }
  const yTicks = byteTicks(Math.max(max, threshold) * Y_HEADROOM);
  return {
    rows,
    members,
    series,
    timeDomain,
    yMax: yTicks[yTicks.length - 1] ?? 1,
    yTicks,
    markers: [...byT.values()],
  };
}

/**
 * Which side of its line a marker's label goes: to the right, unless the marker sits in the right
 * half of the chart, where a label would run past the edge and be clipped.
 */
export function markerLabelSide(t: number, timeDomain: [number, number] | null): "left" | "right" {
  if (!timeDomain || timeDomain[1] <= timeDomain[0]) return "right";
  return (t - timeDomain[0]) / (timeDomain[1] - timeDomain[0]) > 0.5 ? "left" : "right";
}
