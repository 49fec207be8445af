"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { clusterDetailSchema } from "@/lib/domain/contracts";
import { freshness } from "@/lib/domain/freshness";
import { formatTime } from "@/lib/domain/format";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { useLiveQuery } from "@/lib/query/use-live-query";
import { useNow } from "@/lib/query/use-now";
import { useLocale, useT } from "@/lib/i18n/client";
import { ServerUnreachable } from "@/components/layout/server-unreachable";
import { ClusterScreen } from "@/components/wall/cluster-screen";

// /clusters/{name}?kiosk=1: the cluster on one screen, the same view the wall's rotation shows. It
// covers the viewport (app bar included) and keeps polling in a background tab.
export function ClusterKioskClient({ name, initial }: { name: string; initial: ClusterDetail }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const live = useLiveQuery({
    queryKey: queryKeys.cluster(name),
    url: apiPaths.cluster(name),
    schema: clusterDetailSchema,
    initialData: initial,
    kiosk: true,
  });
  const detail = live.data;
  const fresh =
    now === null
      ? null
      : freshness(detail.observedAt, detail.generatedAt, live.receivedAt, now, detail.pollIntervalMs);
  const stale = live.serverError !== null || (fresh?.stale ?? false);
  return (
    <div
      data-testid="cluster-kiosk"
      data-kiosk="true"
      data-stale={stale ? "true" : "false"}
      className="fixed inset-0 z-40 flex flex-col overflow-hidden bg-bg text-text"
    >
      {live.serverError ? (
        <div className="shrink-0 p-3">
          <ServerUnreachable error={live.serverError} retryMs={live.retryMs} />
        </div>
      ) : null}
      <div className="min-h-0 flex-1">
        <ClusterScreen detail={detail} receivedAt={live.receivedAt} now={now} stale={stale} />
      </div>
      <p className="shrink-0 px-3 pb-1 text-right text-[16px] text-muted tabular-nums">
        {now === null ? "" : `${t("app.name")} · ${formatTime(now, locale)}`}
      </p>
    </div>
  );
}
