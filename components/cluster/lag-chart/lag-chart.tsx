"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatBytes, formatDuration } from "@/lib/domain/format";
import { LAG_RANGES, type LagRange } from "@/lib/domain/history-events";
import { fetchLagHistory } from "@/lib/query/history";
import { queryKeys } from "@/lib/query/keys";
import { lagThreshold, lagThresholdName } from "@/lib/domain/member-rules";
import { buildLagSeries, seriesKey } from "@/lib/domain/lag-series";
import { useLocale, useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";
import { cn } from "@/components/ui/cn";
import { EmptyState, ErrorState } from "@/components/states/states";

// The lag panel: empty state and latest values render at once; the chart itself (Recharts) is a
// separate chunk loaded after the page, with a skeleton of the same height meanwhile.

function ChartSkeleton() {
  const t = useT();
  return (
    <div role="status" className="skeleton w-full" style={{ height: 280 }}>
      <span className="sr-only">{t("lag.loading")}</span>
    </div>
  );
}

/** A stored range is re-read when chosen again after this long (its newest bucket keeps filling). */
const STORED_RANGE_STALE_MS = 60_000;

const LagChartImpl = dynamic(() => import("./lag-chart-impl"), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

export function LagChart({
  detail,
}: {
  detail: Pick<
    ClusterDetail,
    "name" | "lagSamples" | "events" | "config" | "members" | "leader" | "lagWarningBytes"
  >;
}) {
  const t = useT();
  const locale = useLocale();
  const [range, setRange] = useState<LagRange>("1h");
  // 1 h is the live samples the screen already polls (refilled from the store after a restart);
  // longer ranges are read once from the stored 1-minute rollups when chosen.
  const stored = useQuery({
    queryKey: queryKeys.lagHistory(detail.name, range),
    queryFn: ({ signal }) => fetchLagHistory(detail.name, range, signal),
    enabled: range !== "1h",
    staleTime: STORED_RANGE_STALE_MS,
    retry: false,
  });
  const threshold = lagThreshold(detail);
  const samples = range === "1h" ? detail.lagSamples : (stored.data?.points ?? []);
  const model = buildLagSeries(samples, detail.events, threshold);
  const latest = range === "1h" ? model.rows[model.rows.length - 1] : undefined;
  const rangeButtons = (
    <div role="group" aria-label={t("lag.range")} className="flex gap-1">
      {LAG_RANGES.map((r) => (
        <button
          key={r}
          type="button"
          data-range={r}
          aria-pressed={range === r}
          onClick={() => setRange(r)}
          className={cn(
            "rounded-md border px-2 py-0.5 text-sm font-semibold",
            range === r
              ? "border-accent bg-accent-soft text-accent-strong"
              : "border-line text-muted hover:text-text",
          )}
        >
          {t(`lag.range.${r}`)}
        </button>
      ))}
    </div>
  );
  return (
    <Panel
      id="lag"
      title={t("lag.title")}
      description={t("lag.description")}
      testId="lag-chart"
      className="min-h-[22rem]"
      actions={rangeButtons}
    >
      <div
        data-state={
          range !== "1h" && stored.isPending ? "loading" : model.rows.length === 0 ? "empty" : "ready"
        }
        data-range={range}
        className="flex flex-col gap-2"
      >
        {range !== "1h" && stored.isError ? (
          <ErrorState
            title={t("lag.rangeError", { reason: stored.error.message })}
            className="min-h-[14rem]"
          />
        ) : range !== "1h" && stored.isPending ? (
          <ChartSkeleton />
        ) : model.rows.length === 0 ? (
          <EmptyState title={t("lag.empty")} hint={t("lag.emptyHint")} className="min-h-[14rem]" />
        ) : (
          <>
            <LagChartImpl
              model={model}
              threshold={threshold}
              thresholdName={lagThresholdName(detail)}
              t={t}
              locale={locale}
              withDate={range === "7d"}
            />
            {stored.data && stored.data.bucketMs > 0 ? (
              <p className="text-xs text-muted">
                {t("lag.rangeNote", { bucket: formatDuration(stored.data.bucketMs, locale) })}
              </p>
            ) : null}
            {latest ? (
              <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm tabular-nums" aria-label={t("lag.title")}>
                {model.members
                  .filter(
                    (member) =>
                      member !== detail.leader && detail.members.some((m) => m.name === member && m.inDcs),
                  )
                  .map((member) => {
                    const receive = latest[seriesKey(member, "receive")];
                    const replay = latest[seriesKey(member, "replay")];
                    return (
                      <li key={member}>
                        <span className="font-semibold">{member}</span>{" "}
                        <span className="text-muted">{t("lag.receive")}</span>{" "}
                        {receive == null ? "—" : formatBytes(receive, locale)}
                        {" · "}
                        <span className="text-muted">{t("lag.replay")}</span>{" "}
                        {replay == null ? "—" : formatBytes(replay, locale)}
                      </li>
                    );
                  })}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </Panel>
  );
}
