"use client";

import { formatBytes } from "@/lib/domain/format";
import type { TopologyNode } from "@/lib/domain/topology";
import { conditionLabel, errorKindLabel, roleLabel, stateLabel } from "@/lib/i18n/labels";
import type { Locale, T } from "@/lib/i18n";
import { FitText } from "./fit-text";
import { NODE_H, NODE_W, TEXT_W, TEXT_X } from "./geometry";

// One member's box in the topology drawing: name (with a crown for the leader), role, state, and the
// reason it is not ok or its lag. Missing and unreachable members are dashed, never dropped.

const toneStroke = {
  ok: "var(--ok)",
  warn: "var(--warn)",
  crit: "var(--crit)",
  unknown: "var(--unknown)",
} as const;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The third line: the state, or why the node is not ok. */
export function statusLine(node: TopologyNode, t: T): string {
  if (node.condition === "missing" || node.condition === "unreachable")
    return conditionLabel(t, node.condition);
  return stateLabel(t, node.state);
}

/** The fourth line: the reason a node is missing or unreachable, else a replica's lag. */
export function detailLine(node: TopologyNode, t: T, locale: Locale): string | null {
  if (node.condition === "missing" || node.condition === "unreachable")
    return node.errorKind ? errorKindLabel(t, node.errorKind) : node.reason;
  if (!node.isLeader && node.lagBytes !== null)
    return t("topology.lag", { lag: formatBytes(node.lagBytes, locale) });
  return null;
}

export function NodeBox({
  node,
  x,
  y,
  t,
  locale,
}: {
  node: TopologyNode;
  x: number;
  y: number;
  t: T;
  locale: Locale;
}) {
  const dashed = node.condition === "missing" || node.condition === "unreachable";
  const stroke =
    node.isLeader && node.tone === "ok"
      ? "var(--accent)"
      : node.tone === "ok"
        ? "var(--line)"
        : toneStroke[node.tone];
  const status = statusLine(node, t);
  const detail = detailLine(node, t, locale);
  // A member gone from the DCS keeps the role it last had, which may be "leader": say it is the last known one.
  const role =
    node.condition === "missing"
      ? t("members.lastRole", { role: roleLabel(t, node.role) })
      : roleLabel(t, node.role);
  return (
    <g
      data-testid="topology-node"
      data-member={node.name}
      data-leader={node.isLeader ? "true" : "false"}
      data-condition={node.condition}
      transform={`translate(${x},${y})`}
    >
      <title>{[node.name, role, status, node.reason ?? detail].filter(Boolean).join(" — ")}</title>
      <rect
        width={NODE_W}
        height={NODE_H}
        rx={12}
        fill={node.isLeader ? "var(--accent-soft)" : "var(--surface)"}
        stroke={stroke}
        strokeWidth={node.isLeader ? 3.5 : 2}
        strokeDasharray={dashed ? "7 5" : undefined}
      />
      {node.isLeader ? (
        <path
          d="M14 18l5 4.5L24 13l5 9.5 5-4.5-2.2 12H16.2z"
          fill="var(--accent)"
          stroke="var(--accent)"
          strokeWidth={1.2}
          strokeLinejoin="round"
          aria-hidden="true"
        />
      ) : null}
      <FitText
        x={node.isLeader ? 42 : TEXT_X}
        y={30}
        maxWidth={node.isLeader ? NODE_W - 42 - TEXT_X : TEXT_W}
        fontSize={17}
        fontWeight={700}
        fill="var(--text)"
      >
        {clip(node.name, node.isLeader ? 18 : 21)}
      </FitText>
      <FitText
        x={TEXT_X}
        y={54}
        maxWidth={TEXT_W}
        fontSize={13.5}
        fontWeight={node.isLeader ? 800 : 600}
        fill={node.isLeader ? "var(--accent-strong)" : "var(--muted)"}
      >
        {clip(role, 30)}
      </FitText>
      <FitText
        x={TEXT_X}
        y={77}
        maxWidth={TEXT_W}
        fontSize={13}
        fontWeight={dashed ? 700 : 400}
        fill={
          node.tone === "crit"
            ? "var(--crit-strong)"
            : node.tone === "warn"
              ? "var(--warn-strong)"
              : "var(--text)"
        }
      >
        {clip(status, 31)}
      </FitText>
      {detail ? (
        <FitText
          x={TEXT_X}
          y={99}
          maxWidth={TEXT_W}
          fontSize={12.5}
          fill={node.lagOverThreshold ? "var(--warn-strong)" : "var(--muted)"}
          fontWeight={node.lagOverThreshold ? 700 : 400}
        >
          {clip(detail, 32)}
        </FitText>
      ) : null}
    </g>
  );
}
