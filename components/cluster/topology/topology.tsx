"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { buildTopology, layoutTopology } from "@/lib/domain/topology";
import { useLocale, useT } from "@/lib/i18n/client";
import { conditionLabel, linkLabel, roleLabel } from "@/lib/i18n/labels";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { EdgePath } from "./edge-path";
import { GAP_X, GAP_Y, NODE_H, NODE_W, PAD } from "./geometry";
import { detailLine, NodeBox, statusLine } from "./node-box";

// The replication tree as an SVG diagram. The leader is unmistakable four ways: top of the tree,
// accent colour, the word "Leader" and a crown. Each link says sync / quorum / async in words.
// Unreachable and missing members are drawn dashed with the word and the reason, never dropped.

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
