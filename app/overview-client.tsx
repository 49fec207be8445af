"use client";

import type { ClustersResponse } from "@/lib/domain/contracts";
import { clustersResponseSchema } from "@/lib/domain/contracts";
import { freshness } from "@/lib/domain/freshness";
import { worstFirst } from "@/lib/domain/overview";
import { formatNumber } from "@/lib/domain/format";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { useLiveQuery } from "@/lib/query/use-live-query";
import { useNow } from "@/lib/query/use-now";
import { useLocale, useT } from "@/lib/i18n/client";
import { ClusterTile } from "@/components/overview/cluster-tile";
import { ServerUnreachable } from "@/components/layout/server-unreachable";
import { EmptyState } from "@/components/states/states";
import { Badge } from "@/components/ui/badge";
import { PresentToggle } from "@/components/layout/present-toggle";
import { viewQuery } from "@/components/layout/view-mode";

// The overview's client island: the one polling observer of this screen. Tiles get props.
export function OverviewClient({
  initial,
  kiosk,
  present = false,
}: {
  initial: ClustersResponse;
  kiosk: boolean;
  present?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const live = useLiveQuery({
    queryKey: queryKeys.clusters(),
    url: apiPaths.clusters(),
    schema: clustersResponseSchema,
    initialData: initial,
    kiosk,
  });
  const { data } = live;
  const clusters = worstFirst(data.clusters);
  const suffix = viewQuery({ kiosk, present });
  return (
    <div
      className="flex flex-col gap-4"
      data-present={present ? "true" : undefined}
      data-kiosk={kiosk ? "true" : undefined}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("overview.title")}</h1>
        <div className="flex items-center gap-2 text-sm text-muted">
          {kiosk ? <Badge variant="neutral">{t("app.kiosk")}</Badge> : null}
          <span>{t("overview.summary", { count: formatNumber(clusters.length, locale) })}</span>
          <PresentToggle path="/" mode={{ kiosk, present }} />
        </div>
      </div>
      {live.serverError ? <ServerUnreachable error={live.serverError} retryMs={live.retryMs} /> : null}
      {clusters.length === 0 ? (
        <EmptyState title={t("overview.emptyTitle")} hint={t("overview.emptyBody")} />
      ) : (
        <ul className="grid gap-4 [grid-template-columns:repeat(auto-fill,minmax(min(100%,24rem),1fr))]">
          {clusters.map((cluster) => {
            const fresh =
              now === null
                ? null
                : freshness(cluster.observedAt, data.generatedAt, live.receivedAt, now, data.pollIntervalMs);
            const age = fresh?.ageMs ?? null;
            const stale = fresh !== null && (live.serverError !== null || fresh.stale);
            return (
              <li key={cluster.name} className="flex flex-col [&>a]:flex-1">
                <ClusterTile
                  cluster={cluster}
                  href={`/clusters/${encodeURIComponent(cluster.name)}${suffix}`}
                  ageMs={age}
                  stale={stale}
                  mounted={now !== null}
                  pollIntervalMs={data.pollIntervalMs}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
