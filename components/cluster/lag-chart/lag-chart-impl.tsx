"use client";

import { useEffect, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatBytes, formatDateTime, formatTime } from "@/lib/domain/format";
import { markerLabelSide, type LagChartModel, type LagMarker } from "@/lib/domain/lag-series";
import type { Locale, T } from "@/lib/i18n";

// Recharts lives only in this module, loaded with next/dynamic after the page is interactive, so the
// cluster page's first-load JavaScript stays small. Colours come from the CSS theme variables.

const PALETTE = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
  "var(--chart-5)",
  "var(--chart-6)",
];
const ANIMATION_MS = 700;
export const CHART_HEIGHT = 280;
// In rem, not px: presentation mode enlarges the root font for a projector, and the axis labels, legend
// and threshold name must grow with the rest of the page (12 px ticks were unreadable from the back).
const CHART_TEXT = "0.75rem";
const CHART_LEGEND_TEXT = "0.8125rem";

function markerLabel(marker: LagMarker, t: T): string {
  const parts: string[] = [];
  if (marker.leader !== undefined) parts.push(t("lag.eventLeader", { to: marker.leader ?? t("lag.nobody") }));
  if (marker.timeline !== undefined) parts.push(t("lag.eventTimeline", { to: marker.timeline ?? "?" }));
  return parts.join(" · ");
}

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export default function LagChartImpl({
  model,
  threshold,
  thresholdName,
  t,
  locale,
  withDate = false,
}: {
  model: LagChartModel;
  threshold: number;
  /** The setting the line comes from: lag_warning_bytes or maximum_lag_on_failover. */
  thresholdName: string;
  t: T;
  locale: Locale;
  /** Ranges over a day: the axis and tooltip carry the date too. */
  withDate?: boolean;
}) {
  const when = (ms: number) => (withDate ? formatDateTime(ms, locale) : formatTime(ms, locale));
  // Animate the first paint only: the 5 s refresh must not replay the animation every time.
  const [animate, setAnimate] = useState(true);
  useEffect(() => {
    const id = setTimeout(() => setAnimate(false), ANIMATION_MS + 150);
    return () => clearTimeout(id);
  }, []);
  const axis = { stroke: "var(--muted)", fontSize: CHART_TEXT } as const;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={model.rows} margin={{ top: 20, right: 20, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={model.timeDomain ?? ["auto", "auto"]}
          tickFormatter={(value: number) => when(value)}
          tick={{ fill: "var(--muted)", fontSize: CHART_TEXT }}
          stroke={axis.stroke}
          minTickGap={40}
        />
        <YAxis
          domain={[0, model.yMax]}
          ticks={model.yTicks}
          tickFormatter={(value: number) => formatBytes(value, locale)}
          tick={{ fill: "var(--muted)", fontSize: CHART_TEXT }}
          stroke={axis.stroke}
          width={72}
          allowDataOverflow
        />
        <Tooltip
          formatter={(value) => (typeof value === "number" ? formatBytes(value, locale) : "—")}
          labelFormatter={(value) => (typeof value === "number" ? when(value) : "")}
          contentStyle={{
            background: "var(--surface)",
            border: "1px solid var(--line)",
            borderRadius: 8,
            color: "var(--text)",
          }}
          labelStyle={{ color: "var(--text)", fontWeight: 600 }}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: CHART_LEGEND_TEXT, color: "var(--text)" }} />
        <ReferenceLine
          y={threshold}
          stroke="var(--warn)"
          strokeWidth={2}
          strokeDasharray="8 5"
          label={{
            value: t("lag.threshold", { name: thresholdName, value: formatBytes(threshold, locale) }),
            position: "insideTopRight",
            fill: "var(--warn-strong)",
            fontSize: CHART_TEXT,
          }}
        />
        {model.markers.map((marker) => (
          <ReferenceLine
            key={marker.t}
            x={marker.t}
            stroke="var(--accent)"
            strokeWidth={2}
            label={{
              value: markerLabel(marker, t),
              // "insideTopRight" puts the text on the line's left.
              position:
                markerLabelSide(marker.t, model.timeDomain) === "left" ? "insideTopRight" : "insideTopLeft",
              fill: "var(--accent-strong)",
              fontSize: CHART_TEXT,
              fontWeight: 700,
            }}
          />
        ))}
        {model.series.map((series) => (
          <Line
            key={series.key}
            dataKey={series.key}
            name={t("lag.series", {
              member: series.member,
              metric: t(series.metric === "receive" ? "lag.receive" : "lag.replay"),
            })}
            type="monotone"
            stroke={colorOf(series.colorIndex)}
            strokeWidth={series.metric === "receive" ? 2.5 : 2}
            strokeDasharray={series.metric === "replay" ? "6 4" : undefined}
            dot={false}
            connectNulls={false}
            isAnimationActive={animate}
            animationDuration={ANIMATION_MS}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
