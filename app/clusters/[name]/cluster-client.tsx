"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { clusterDetailSchema } from "@/lib/domain/contracts";
import { freshness } from "@/lib/domain/freshness";
import { FetchError } from "@/lib/query/fetch-json";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { useLiveQuery } from "@/lib/query/use-live-query";
import { useNow } from "@/lib/query/use-now";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { ServerUnreachable } from "@/components/layout/server-unreachable";
import { ErrorState } from "@/components/states/states";
import { WidgetBoundary } from "@/components/states/widget-boundary";
import { ClusterBanners } from "@/components/cluster/alerts/banners";
import { Problems } from "@/components/cluster/alerts/problems";
import { ClusterHeader } from "@/components/cluster/header/cluster-header";
import { ClusterSettings } from "@/components/cluster/header/settings";
import { LagChart } from "@/components/cluster/lag-chart/lag-chart";
import { MemberTable } from "@/components/cluster/member-table/member-table";
import { TimelineHistory } from "@/components/cluster/timeline-history/timeline-history";
import { Topology } from "@/components/cluster/topology/topology";

// The cluster screen's client island and its ONE polling observer: every widget below gets props.
export function ClusterClient({ name, initial, kiosk }: { name: string; initial: ClusterDetail; kiosk: boolean }) {
  const t = useT();
  const now = useNow();
  const mounted = now !== null;
  const live = useLiveQuery({
    queryKey: queryKeys.cluster(name),
    url: apiPaths.cluster(name),
    schema: clusterDetailSchema,
    initialData: initial,
    kiosk,
  });
  const detail = live.data;
  const fresh = now === null ? null : freshness(detail.observedAt, detail.generatedAt, live.receivedAt, now, detail.pollIntervalMs);
  const ageMs = fresh?.ageMs ?? null;
  const stale = fresh !== null && (live.serverError !== null || fresh.stale);
  const gone = live.serverError instanceof FetchError && live.serverError.status === 404;
  return (
    <div className="flex flex-col gap-4" data-stale={stale ? "true" : "false"}>
      <ClusterHeader detail={detail} ageMs={ageMs} stale={stale} mounted={mounted} backHref={kiosk ? "/?kiosk=1" : "/"} />
      {gone ? (
        <ErrorState title={t("cluster.loadError")} message={live.serverError?.message} />
      ) : live.serverError ? (
        <ServerUnreachable error={live.serverError} retryMs={live.retryMs} />
      ) : null}
      <ClusterBanners detail={detail} now={now} receivedAt={live.receivedAt} />
      <div className={cn("flex flex-col gap-4 transition-opacity", stale && "is-stale")}>
        <Problems problems={detail.problems} />
        <ClusterSettings config={detail.config} />
        <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <WidgetBoundary title={t("topology.title")} resetKey={detail.generatedAt}>
            <Topology detail={detail} />
          </WidgetBoundary>
          <WidgetBoundary title={t("lag.title")} resetKey={detail.generatedAt}>
            <LagChart detail={detail} />
          </WidgetBoundary>
        </div>
        <WidgetBoundary title={t("members.title")} resetKey={detail.generatedAt}>
          <MemberTable detail={detail} receivedAt={live.receivedAt} now={now} />
        </WidgetBoundary>
        <WidgetBoundary title={t("history.title")} resetKey={detail.generatedAt}>
          <TimelineHistory detail={detail} mounted={mounted} />
        </WidgetBoundary>
      </div>
    </div>
  );
}
