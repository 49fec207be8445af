"use client";

import type { ClusterDetail, EndpointNode, ProbeCell } from "@/lib/domain/contracts";
import { PROBE_ENDPOINTS, probePath, type ProbeEndpoint } from "@/lib/domain/endpoints";
import { formatDuration } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { probeResult } from "@/lib/i18n/diagnostic-labels";
import type { T } from "@/lib/i18n";
import { cn } from "@/components/ui/cn";
import { DateTime } from "@/components/ui/date-time";
import { ToneIcon } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { RoutingTable } from "./routing-table";

// The endpoint matrix: what each node answers on each of Patroni's health endpoints, as the
// dashboard's own probes (every probe_interval) saw it. A 503 is not an error: it is Patroni saying
// "no" (a replica is not /primary). Errors (no HTTP answer) and endpoints a version lacks are told
// apart in words. The HAProxy routing built on four of these endpoints follows beneath. Cells carry
// no title: the row (path) and column (member) headers name them for screen readers.

/** What a cell shows: the status code, or a short word when there is none. */
function cellText(t: T, cell: ProbeCell): string {
  if (cell.status !== null) return String(cell.status);
  return probeResult(t, cell);
}

/** The value of data-status: the HTTP status, or the outcome when there was none (error, not_in_version…). */
export function cellStatusAttr(cell: ProbeCell): string {
  return cell.status !== null ? String(cell.status) : cell.outcome;
}

const CELL_CLASS: Record<ProbeCell["outcome"], string> = {
  up: "bg-ok-soft text-ok-strong font-bold",
  down: "bg-surface-2 text-muted",
  error: "bg-crit-soft text-crit-strong font-semibold",
  not_in_version: "text-muted italic",
  not_probed: "text-muted",
};

function CellIcon({ cell }: { cell: ProbeCell }) {
  if (cell.outcome === "up") return <ToneIcon tone="ok" className="shrink-0" />;
  if (cell.outcome === "error") return <ToneIcon tone="crit" className="shrink-0" />;
  return null;
}

export function nodeLabel(t: T, node: Pick<EndpointNode, "member" | "apiUrl">): string {
  return node.member ?? `${node.apiUrl} (${t("matrix.unmatched")})`;
}

export function EndpointMatrix({
  detail,
  mounted,
}: {
  detail: Pick<ClusterDetail, "endpoints" | "routing">;
  mounted: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const { endpoints } = detail;
  const nodes = endpoints.nodes;
  const rowPath = (endpoint: ProbeEndpoint) =>
    nodes[0]?.cells[endpoint]?.path ?? probePath(endpoint, endpoints.lagBytes);
  const meta =
    endpoints.probeIntervalMs === null ? (
      <span>{t("matrix.off")}</span>
    ) : endpoints.probedAt === null ? (
      <span>{t("matrix.pending")}</span>
    ) : (
      <span>
        {t("matrix.probed")}:{" "}
        <DateTime ms={endpoints.probedAt} mounted={mounted} className="font-semibold tabular-nums" /> ·{" "}
        {t("matrix.every", { interval: formatDuration(endpoints.probeIntervalMs, locale) })}
      </span>
    );
  return (
    <Panel
      id="endpoint-matrix"
      title={t("matrix.title")}
      description={t("matrix.description")}
      testId="endpoint-matrix"
    >
      <p className="text-sm text-muted" data-testid="endpoint-probed-at">
        {meta}
      </p>
      {nodes.length === 0 ? (
        <EmptyState title={t("matrix.pending")} />
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="endpoint-matrix-title">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="px-1.5 py-1 font-semibold">
                  {t("matrix.col.endpoint")}
                </th>
                {nodes.map((node) => (
                  <th
                    key={node.apiUrl}
                    scope="col"
                    className="px-1.5 py-1 text-center font-semibold normal-case"
                  >
                    <span className="block text-sm text-text">{nodeLabel(t, node)}</span>
                    {node.patroniVersion ? (
                      <span className="block font-normal">Patroni {node.patroniVersion}</span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PROBE_ENDPOINTS.map((endpoint) => (
                <tr key={endpoint} data-endpoint={endpoint} className="border-t border-line">
                  <th scope="row" className="px-1.5 py-1.5 text-left align-top font-normal">
                    <code className="font-mono font-semibold break-all">{rowPath(endpoint)}</code>
                    <span className="panel-description block text-xs text-muted">
                      {t(`matrix.explain.${endpoint}`)}
                    </span>
                  </th>
                  {nodes.map((node) => {
                    const cell = node.cells[endpoint];
                    if (!cell) return <td key={node.apiUrl} />;
                    const member = node.member ?? node.apiUrl;
                    return (
                      <td
                        key={node.apiUrl}
                        data-testid="endpoint-cell"
                        data-member={member}
                        data-path={cell.path}
                        data-status={cellStatusAttr(cell)}
                        data-outcome={cell.outcome}
                        className="px-1 py-1 text-center align-middle"
                      >
                        <span
                          className={cn(
                            "inline-flex min-w-[3.5rem] items-center justify-center gap-1 rounded px-1.5 py-0.5 tabular-nums",
                            CELL_CLASS[cell.outcome],
                          )}
                        >
                          <CellIcon cell={cell} />
                          {cellText(t, cell)}
                          {cell.status !== null ? (
                            <span className="sr-only">{` (${cell.outcome === "up" ? t("matrix.yes") : t("matrix.no")})`}</span>
                          ) : null}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RoutingTable routing={detail.routing} />
    </Panel>
  );
}
