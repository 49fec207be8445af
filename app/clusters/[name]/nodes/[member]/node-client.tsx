"use client";

import Link from "next/link";
import type { NodeDetail } from "@/lib/domain/contracts";
import { useNodeQuery } from "@/lib/query/use-node-query";
import { useNow } from "@/lib/query/use-now";
import { useT } from "@/lib/i18n/client";
import { errorKindLabel } from "@/lib/i18n/labels";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { ArrowLeftIcon, UnplugIcon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { ServerUnreachable } from "@/components/layout/server-unreachable";
import { viewQuery } from "@/components/layout/view-mode";
import { EmptyState } from "@/components/states/states";
import { NodeFields } from "@/components/node/node-fields";
import { ReplicationTable } from "@/components/node/replication-table";
import { Explorer } from "@/components/explorer/explorer";

// The node page's client island and its one polling observer: /patroni field by field, the
// replication rows, and the raw JSON one click away.
export function NodeClient({
  cluster,
  member,
  initial,
  pollIntervalMs,
  kiosk,
  present = false,
}: {
  cluster: string;
  member: string;
  initial: NodeDetail;
  pollIntervalMs: number;
  kiosk: boolean;
  present?: boolean;
}) {
  const t = useT();
  const now = useNow();
  const live = useNodeQuery({ cluster, member, initialData: initial, pollIntervalMs, kiosk });
  const node = live.data;
  const primary = node.patroniRole === "primary" || node.patroniRole === "standby_leader";
  const back = `/clusters/${encodeURIComponent(cluster)}${viewQuery({ kiosk, present })}`;
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="node-page"
      data-member={node.member}
      data-cluster={node.cluster}
      data-present={present ? "true" : undefined}
      data-kiosk={kiosk ? "true" : undefined}
    >
      <Link
        href={back}
        className="inline-flex w-fit items-center gap-1 text-sm font-semibold text-muted hover:text-text"
      >
        <ArrowLeftIcon />
        {t("node.back", { name: node.cluster })}
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-3xl font-bold tracking-tight">{t("node.heading", { member: node.member })}</h1>
        {node.patroniRole ? (
          <Badge variant={primary ? "accent" : "neutral"} size="md">
            {node.patroniRole}
          </Badge>
        ) : null}
        {node.observedAt !== null ? (
          <span className="text-sm text-muted">
            {t("node.lastAnswer")}{" "}
            <DateTime ms={node.observedAt} mounted={now !== null} className="tabular-nums" />
          </span>
        ) : null}
      </div>
      <p className="text-sm text-muted">{t("node.description")}</p>
      {live.serverError ? <ServerUnreachable error={live.serverError} retryMs={pollIntervalMs} /> : null}
      {node.reachable === false ? (
        <div
          role="status"
          className="flex items-start gap-3 rounded-lg border-2 border-crit bg-crit-soft px-4 py-3 text-crit-strong"
        >
          <UnplugIcon className="mt-0.5 shrink-0 text-xl" />
          <p>
            {t("node.unreachable", {
              reason: node.lastError ? errorKindLabel(t, node.lastError.kind) : t("alerts.noAnswer"),
            })}
          </p>
        </div>
      ) : null}
      {node.observedAt === null ? (
        <EmptyState title={t("node.never")} />
      ) : (
        <div className="grid gap-4 2xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] 2xl:items-start">
          <Panel id="node-fields" title={t("node.fields")}>
            <NodeFields node={node} now={now} />
          </Panel>
          <div className="flex min-w-0 flex-col gap-4">
            <Panel
              id="node-replication"
              title={t("node.replication.title")}
              description={t("node.replication.description")}
            >
              {node.replication.length === 0 ? (
                <EmptyState title={t("node.replication.empty")} />
              ) : (
                <ReplicationTable
                  rows={node.replication}
                  testId="node-replication-row"
                  caption={t("node.replication.title")}
                />
              )}
            </Panel>
            {primary ? null : (
              <Panel id="node-upstream" title={t("node.upstream.title")}>
                {node.upstream ? (
                  <ReplicationTable
                    rows={[node.upstream]}
                    testId="node-upstream-row"
                    caption={t("node.upstream.title")}
                  />
                ) : (
                  <EmptyState title={t("node.upstream.none")} />
                )}
              </Panel>
            )}
          </div>
        </div>
      )}
      {kiosk ? null : <Explorer cluster={cluster} member={member} version={reportedVersion(node.raw)} />}
      <details data-testid="node-raw-json" className="panel p-4">
        <summary className="cursor-pointer font-bold">{t("node.raw")}</summary>
        {node.raw ? (
          <pre className="mt-3 max-h-[32rem] overflow-auto rounded-lg border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed">
            {JSON.stringify(node.raw, null, 2)}
          </pre>
        ) : (
          <p className="mt-2 text-sm text-muted">{t("node.rawNone")}</p>
        )}
      </details>
    </div>
  );
}

/** The Patroni version the node's own /patroni reported (decides which explorer paths exist). */
function reportedVersion(raw: unknown): string | null {
  const patroni = typeof raw === "object" && raw !== null ? (raw as { patroni?: unknown }).patroni : null;
  const version =
    typeof patroni === "object" && patroni !== null ? (patroni as { version?: unknown }).version : null;
  return typeof version === "string" ? version : null;
}
