"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DEFAULT_EVENTS_LIMIT } from "@/lib/domain/history-events";
import { fetchEvents } from "@/lib/query/history";
import { queryKeys, type HistoryQuery } from "@/lib/query/keys";
import { useNow } from "@/lib/query/use-now";
import { useT } from "@/lib/i18n/client";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { EmptyState, ErrorState, LoadingState } from "@/components/states/states";
import { HISTORY_RANGE_MS, HistoryFilters, type HistoryFilter } from "@/components/history/history-filters";
import { HistoryTimeline } from "@/components/history/history-timeline";

/** The history refreshes this often: new incidents appear without a reload, at a low cost. */
const REFRESH_MS = 10_000;

// The history screen's client island and its one query: every cluster (/history) or one
// (/clusters/{name}/history). Filters live in the URL, so a link to "what happened at 03:12" works.
export function HistoryClient({
  cluster,
  clusters,
  members,
  initial,
}: {
  /** The fixed cluster of /clusters/{name}/history; null on /history. */
  cluster: string | null;
  clusters: readonly string[];
  members: readonly string[];
  initial: HistoryFilter;
}) {
  const t = useT();
  const now = useNow();
  const [filter, setFilter] = useState<HistoryFilter>(initial);
  const query: HistoryQuery = {
    cluster: cluster ?? filter.cluster,
    kind: filter.kind,
    member: filter.member,
    spanMs: filter.range === "all" ? null : HISTORY_RANGE_MS[filter.range],
    limit: DEFAULT_EVENTS_LIMIT,
  };
  const result = useQuery({
    queryKey: queryKeys.events(query),
    queryFn: ({ signal }) => fetchEvents(query, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const change = (next: HistoryFilter) => {
    setFilter(next);
    const params = new URLSearchParams();
    if (next.range !== initial.range || next.range !== "24h") params.set("range", next.range);
    if (next.kind) params.set("kind", next.kind);
    if (next.member) params.set("member", next.member);
    if (!cluster && next.cluster) params.set("cluster", next.cluster);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  };
  const events = result.data?.events ?? [];
  return (
    <div className="flex flex-col gap-4">
      <Link
        href={cluster ? `/clusters/${encodeURIComponent(cluster)}` : "/"}
        className="inline-flex w-fit items-center gap-1 text-sm font-semibold text-muted hover:text-text"
      >
        <ArrowLeftIcon />
        {cluster ? t("historyView.backToCluster", { cluster }) : t("cluster.back")}
      </Link>
      <h1 className="text-3xl font-bold tracking-tight">
        {cluster ? t("historyView.titleCluster", { cluster }) : t("historyView.title")}
      </h1>
      <Panel
        id="history"
        title={t("historyView.events")}
        description={t("historyView.description")}
        testId="history"
        actions={
          result.data ? (
            <span className="text-sm tabular-nums text-muted" data-testid="history-count">
              {t("historyView.count", { count: events.length })}
            </span>
          ) : null
        }
      >
        <HistoryFilters
          value={filter}
          onChange={change}
          members={members}
          clusters={cluster ? null : clusters}
        />
        {result.isError && !result.data ? (
          <ErrorState
            title={t("historyView.error")}
            message={result.error.message}
            onRetry={() => void result.refetch()}
          />
        ) : result.isPending ? (
          <LoadingState label={t("historyView.loading")} lines={5} />
        ) : events.length === 0 ? (
          <EmptyState title={t("historyView.empty")} hint={t("historyView.emptyHint")} />
        ) : (
          <>
            {result.isError ? (
              <ErrorState title={t("historyView.error")} message={result.error.message} />
            ) : null}
            <HistoryTimeline events={events} showCluster={!cluster} mounted={now !== null} />
            {events.length >= query.limit ? (
              <p className="text-sm text-muted">{t("historyView.limited", { count: query.limit })}</p>
            ) : null}
          </>
        )}
      </Panel>
    </div>
  );
}
