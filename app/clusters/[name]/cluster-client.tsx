"use client";

import Link from "next/link";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { clusterDetailSchema } from "@/lib/domain/contracts";
import { freshness } from "@/lib/domain/freshness";
import { FetchError } from "@/lib/query/fetch-json";
import { clusterUrl, mergeClusterDetail } from "@/lib/query/cluster-merge";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { useLiveQuery } from "@/lib/query/use-live-query";
import { useNow } from "@/lib/query/use-now";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { PresentToggle } from "@/components/layout/present-toggle";
import { PresentFirstScreen } from "@/components/layout/present-screen";
import { ServerUnreachable } from "@/components/layout/server-unreachable";
import { viewQuery } from "@/components/layout/view-mode";
import { ErrorState } from "@/components/states/states";
import { WidgetBoundary } from "@/components/states/widget-boundary";
import { ClusterBanners } from "@/components/cluster/alerts/banners";
import { AlertsBanner } from "@/components/cluster/alerts/alerts-banner";
import { EventLog } from "@/components/cluster/event-log/event-log";
import { LeaderChangeBanner } from "@/components/cluster/event-log/leader-banner";
import { ClusterHeader } from "@/components/cluster/header/cluster-header";
import { PresentHeader } from "@/components/cluster/header/present-header";
import { ClusterSettings } from "@/components/cluster/header/settings";
import { LagChart } from "@/components/cluster/lag-chart/lag-chart";
import { MemberTable } from "@/components/cluster/member-table/member-table";
import { TimelineHistory } from "@/components/cluster/timeline-history/timeline-history";
import { Topology } from "@/components/cluster/topology/topology";
import { DemoPanel } from "@/components/demo/demo-panel";
import { ActionPanel } from "@/components/actions/action-panel";
import { ConfigSection, DiagnosticsPanels } from "@/components/cluster/diagnostics-panels";

// The cluster screen's client island and its ONE polling observer: every widget below gets props.
// `present` (?present=1) is the projector layout: large type (globals.css), and a first screen sized to
// the window with the topology beside the active alerts and the event log (present-screen.tsx);
// secondary detail (settings line, long table columns) hidden.
export function ClusterClient({
  name,
  initial,
  kiosk,
  present = false,
  signIn = false,
}: {
  name: string;
  initial: ClusterDetail;
  kiosk: boolean;
  present?: boolean;
  /** Login is configured: the action panel may be drawn (for a signed-in operator or admin). */
  signIn?: boolean;
}) {
  const t = useT();
  const now = useNow();
  const mounted = now !== null;
  const live = useLiveQuery({
    queryKey: queryKeys.cluster(name),
    url: apiPaths.cluster(name),
    schema: clusterDetailSchema,
    initialData: initial,
    kiosk,
    // The lag history once, then only what is new (lib/query/cluster-merge.ts).
    urlFor: (held) => clusterUrl(apiPaths.cluster(name), held),
    merge: mergeClusterDetail,
  });
  const detail = live.data;
  const eventLog = detail.eventLog;
  const fresh =
    now === null
      ? null
      : freshness(detail.observedAt, detail.generatedAt, live.receivedAt, now, detail.pollIntervalMs);
  const ageMs = fresh?.ageMs ?? null;
  const stale = fresh !== null && (live.serverError !== null || fresh.stale);
  const gone = live.serverError instanceof FetchError && live.serverError.status === 404;
  const mode = { kiosk, present };
  const topology = (
    <WidgetBoundary title={t("topology.title")} resetKey={detail.generatedAt}>
      <Topology detail={detail} maxScale={present ? 1.6 : undefined} fill={present} />
    </WidgetBoundary>
  );
  const events = (
    <WidgetBoundary title={t("events.title")} resetKey={detail.generatedAt}>
      <EventLog entries={eventLog} mounted={mounted} className={present ? "min-h-0 flex-1" : undefined} />
    </WidgetBoundary>
  );
  const lag = (
    <WidgetBoundary title={t("lag.title")} resetKey={detail.generatedAt}>
      <LagChart detail={detail} />
    </WidgetBoundary>
  );
  const demo = detail.demo ? <DemoPanel clusterName={name} refreshKey={detail.generatedAt} /> : null;
  const problems = (
    <AlertsBanner
      alerts={detail.alerts}
      generatedAt={detail.generatedAt}
      receivedAt={live.receivedAt}
      now={now}
    />
  );
  const Header = present ? PresentHeader : ClusterHeader;
  return (
    <div
      className="flex flex-col gap-4"
      data-stale={stale ? "true" : "false"}
      data-present={present ? "true" : undefined}
      data-kiosk={kiosk ? "true" : undefined}
    >
      <Header
        detail={detail}
        ageMs={ageMs}
        stale={stale}
        mounted={mounted}
        backHref={`/${viewQuery(mode)}`}
        tools={
          <span className="flex items-center gap-4">
            <Link
              href={`/clusters/${encodeURIComponent(name)}/history`}
              className="text-sm font-semibold text-muted hover:text-text"
              data-testid="cluster-history-link"
            >
              {t("cluster.historyLink")}
            </Link>
            <PresentToggle path={`/clusters/${encodeURIComponent(name)}`} mode={mode} />
          </span>
        }
      />
      {gone ? (
        <ErrorState title={t("cluster.loadError")} message={live.serverError?.message} />
      ) : live.serverError ? (
        <ServerUnreachable error={live.serverError} retryMs={live.retryMs} />
      ) : null}
      <LeaderChangeBanner
        entries={eventLog}
        generatedAt={detail.generatedAt}
        receivedAt={live.receivedAt}
        now={now}
      />
      <ClusterBanners detail={detail} now={now} receivedAt={live.receivedAt} />
      {present || kiosk || !signIn ? null : <ActionPanel detail={detail} />}
      <div className={cn("flex flex-col gap-4 transition-opacity", stale && "is-stale")}>
        {present ? (
          // The projector's first screen: the drawing beside the active alerts and the story.
          <PresentFirstScreen topology={topology} alerts={problems} events={events} />
        ) : (
          <>
            {problems}
            <ClusterSettings config={detail.config} lagWarningBytes={detail.lagWarningBytes} />
            <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
              {topology}
              {lag}
            </div>
            <div
              className={cn(
                "grid gap-4",
                demo && "xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:items-start",
              )}
            >
              {/* Beside the tall demo panel the log stays in view while the scenarios are scrolled
                  through and clicked, instead of leaving an empty column under it. */}
              {demo ? <div className="xl:sticky xl:top-4">{events}</div> : events}
              {demo}
            </div>
          </>
        )}
        {present ? demo : null}
        <WidgetBoundary title={t("members.title")} resetKey={detail.generatedAt}>
          <MemberTable detail={detail} receivedAt={live.receivedAt} now={now} />
        </WidgetBoundary>
        {present ? null : <DiagnosticsPanels detail={detail} name={name} mounted={mounted} />}
        {present ? lag : null}
        <WidgetBoundary title={t("history.title")} resetKey={detail.generatedAt}>
          <TimelineHistory detail={detail} mounted={mounted} />
        </WidgetBoundary>
        {present ? null : <ConfigSection detail={detail} mounted={mounted} editable={signIn && !kiosk} />}
      </div>
    </div>
  );
}
