"use client";

import dynamic from "next/dynamic";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatBytes } from "@/lib/domain/format";
import { lagThreshold } from "@/lib/domain/health";
import { lagThresholdName } from "@/lib/domain/member-health";
import { buildLagSeries, seriesKey } from "@/lib/domain/lag-series";
import { useLocale, useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";

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

const LagChartImpl = dynamic(() => import("./lag-chart-impl"), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

export function LagChart({
  detail,
}: {
  detail: Pick<ClusterDetail, "lagSamples" | "events" | "config" | "members" | "leader" | "lagWarningBytes">;
}) {
  const t = useT();
  const locale = useLocale();
  const threshold = lagThreshold(detail);
  const model = buildLagSeries(detail.lagSamples, detail.events, threshold);
  const latest = model.rows[model.rows.length - 1];
  return (
    <Panel
      id="lag"
      title={t("lag.title")}
      description={t("lag.description")}
      testId="lag-chart"
      className="min-h-[22rem]"
    >
      <div data-state={model.rows.length === 0 ? "empty" : "ready"} className="flex flex-col gap-2">
        {model.rows.length === 0 ? (
          <EmptyState title={t("lag.empty")} hint={t("lag.emptyHint")} className="min-h-[14rem]" />
        ) : (
          <>
            <LagChartImpl
              model={model}
              threshold={threshold}
              thresholdName={lagThresholdName(detail)}
              t={t}
              locale={locale}
            />
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
