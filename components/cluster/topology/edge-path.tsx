"use client";

import type { TopologyEdge } from "@/lib/domain/topology";
import { linkLabel } from "@/lib/i18n/labels";
import type { T } from "@/lib/i18n";
import { FitText } from "./fit-text";
import { NODE_H, NODE_W } from "./geometry";

// One replication link in the topology drawing: a curve from upstream to replica with a pill saying
// sync / quorum / async in words; a broken link is dashed in the critical colour.

export function EdgePath({
  edge,
  from,
  to,
  t,
}: {
  edge: TopologyEdge;
  from: { x: number; y: number };
  to: { x: number; y: number };
  t: T;
}) {
  const x1 = from.x + NODE_W / 2;
  const y1 = from.y + NODE_H;
  const x2 = to.x + NODE_W / 2;
  const y2 = to.y;
  const midY = (y1 + y2) / 2;
  const d = `M${x1},${y1} C${x1},${midY} ${x2},${midY} ${x2},${y2}`;
  const label = edge.kind ? linkLabel(t, edge.kind) : null;
  const color = edge.broken
    ? "var(--crit)"
    : edge.kind === "async" || edge.kind === null
      ? "var(--muted)"
      : "var(--ok)";
  const lx = (x1 + x2) / 2;
  const width = label ? Math.max(44, label.length * 7.4 + 16) : 0;
  return (
    <g
      data-testid="topology-edge"
      data-from={edge.from}
      data-to={edge.to}
      data-kind={edge.kind ?? ""}
      data-broken={edge.broken ? "true" : "false"}
    >
      <path
        d={d}
        fill="none"
        stroke={color}
        strokeWidth={edge.kind === "async" ? 2 : 3}
        strokeDasharray={edge.broken ? "6 5" : undefined}
      />
      {label ? (
        <g transform={`translate(${lx - width / 2},${midY - 11})`}>
          <rect width={width} height={22} rx={11} fill="var(--surface)" stroke={color} strokeWidth={1.5} />
          <FitText
            x={width / 2}
            y={15.5}
            maxWidth={width - 12}
            textAnchor="middle"
            fontSize={12.5}
            fontWeight={700}
            fill="var(--text)"
          >
            {label}
          </FitText>
        </g>
      ) : null}
    </g>
  );
}
