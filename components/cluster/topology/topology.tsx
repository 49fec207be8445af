"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatBytes } from "@/lib/domain/format";
import { buildTopology, layoutTopology, type TopologyEdge, type TopologyNode } from "@/lib/domain/topology";
import { useLocale, useT } from "@/lib/i18n/client";
import { conditionLabel, errorKindLabel, linkLabel, roleLabel, stateLabel } from "@/lib/i18n/labels";
import type { Locale, T } from "@/lib/i18n";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { FitText } from "./fit-text";

// The replication tree as an SVG diagram. The leader is unmistakable four ways: top of the tree,
// accent colour, the word "Leader" and a crown. Each link says sync / quorum / async in words.
// Unreachable and missing members are drawn dashed with the word and the reason, never dropped.

const NODE_W = 236;
const NODE_H = 112;
const GAP_X = 36;
const GAP_Y = 66;
const PAD = 10;
/** Text starts 14 px in from the box's left edge and keeps the same margin on the right. */
const TEXT_X = 14;
const TEXT_W = NODE_W - 2 * TEXT_X;

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
function statusLine(node: TopologyNode, t: T): string {
  if (node.condition === "missing" || node.condition === "unreachable")
    return conditionLabel(t, node.condition);
  return stateLabel(t, node.state);
}

/** The fourth line: the reason a node is missing or unreachable, else a replica's lag. */
function detailLine(node: TopologyNode, t: T, locale: Locale): string | null {
  if (node.condition === "missing" || node.condition === "unreachable")
    return node.errorKind ? errorKindLabel(t, node.errorKind) : node.reason;
  if (!node.isLeader && node.lagBytes !== null)
    return t("topology.lag", { lag: formatBytes(node.lagBytes, locale) });
  return null;
}

function NodeBox({
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

function EdgePath({
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

/**
 * `maxScale`: how far the drawing may grow past its natural size (a projector lets it grow more).
 * `fill`: the panel takes the height its container gives it and the drawing scales into what is left
 * (presentation mode's first screen), instead of growing with the width.
 */
export function Topology({
  detail,
  maxScale = 1.15,
  fill = false,
}: {
  detail: ClusterDetail;
  maxScale?: number;
  fill?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const topology = buildTopology(detail);
  const layout = layoutTopology(topology, {
    nodeWidth: NODE_W,
    nodeHeight: NODE_H,
    gapX: GAP_X,
    gapY: GAP_Y,
  });
  const width = layout.width + PAD * 2;
  const height = layout.height + PAD * 2;
  return (
    <Panel
      id="topology"
      title={t("topology.title")}
      description={t("topology.description")}
      className={fill ? "min-h-0 flex-1" : undefined}
    >
      {topology.nodes.length === 0 ? (
        <EmptyState title={t("topology.empty")} />
      ) : (
        <>
          <svg
            viewBox={`${-PAD} ${-PAD} ${width} ${height}`}
            width="100%"
            className={fill ? "mx-auto block min-h-0 flex-1" : "mx-auto block h-auto"}
            style={{ maxWidth: width * maxScale }}
            aria-hidden="true"
            fontFamily="inherit"
          >
            {topology.edges.map((edge) => {
              const from = layout.positions.get(edge.from);
              const to = layout.positions.get(edge.to);
              return from && to ? (
                <EdgePath key={`${edge.from}>${edge.to}`} edge={edge} from={from} to={to} t={t} />
              ) : null;
            })}
            {topology.nodes.map((node) => {
              const at = layout.positions.get(node.name);
              return at ? (
                <NodeBox key={node.name} node={node} x={at.x} y={at.y} t={t} locale={locale} />
              ) : null;
            })}
          </svg>
          {/* The same tree in words, for screen readers (the drawing is decorative to them). */}
          <ul className="sr-only">
            {topology.nodes.map((node) => (
              <li key={node.name}>
                {t("topology.nodeLabel", {
                  name: node.name,
                  role: roleLabel(t, node.role),
                  state: [statusLine(node, t), detailLine(node, t, locale)].filter(Boolean).join(", "),
                })}
                {node.upstream ? `, ${t("topology.upstream", { name: node.upstream })}` : ""}
                {(() => {
                  const edge = topology.edges.find((e) => e.to === node.name);
                  return edge?.kind ? ` (${linkLabel(t, edge.kind)})` : "";
                })()}
              </li>
            ))}
          </ul>
        </>
      )}
      {detail.orphanNodes.length > 0 ? (
        <div className="text-sm">
          <p className="font-semibold">{t("topology.orphans")}</p>
          <ul className="mt-1 flex flex-col gap-1">
            {detail.orphanNodes.map((node) => (
              <li key={node.apiUrl} className="rounded border border-dashed border-crit/60 px-2 py-1">
                <code>{node.apiUrl}</code>
                {node.reachable === false
                  ? ` — ${conditionLabel(t, "unreachable")}${node.lastError ? `: ${node.lastError.message}` : ""}`
                  : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Panel>
  );
}
