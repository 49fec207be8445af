"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import {
  type ClusterDetail,
  clusterDetailSchema,
  clustersResponseSchema,
  type ClustersResponse,
} from "@/lib/domain/contracts";
import { formatNumber } from "@/lib/domain/format";
import { worstSeverity, worstTone } from "@/lib/domain/tab-status";
import { clusterUrl, mergeClusterDetail } from "@/lib/query/cluster-merge";
import { fetchJsonIfChanged } from "@/lib/query/fetch-json";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { ErrorStreak, livePollingOptions } from "@/lib/query/polling";
import { useLiveQuery } from "@/lib/query/use-live-query";
import { useNow } from "@/lib/query/use-now";
import { useLocale, useT } from "@/lib/i18n/client";
import { ClusterScreen } from "@/components/wall/cluster-screen";
import { needsAttention, wallOrder } from "@/components/wall/layout";
import { NotLiveBanner } from "@/components/wall/not-live-banner";
import { nextScreen } from "@/components/wall/rotation";
import { useWallTab } from "@/components/wall/use-wall-tab";
import { WallBoard } from "@/components/wall/wall-board";
import { WallHeader } from "@/components/wall/wall-header";
import { wallStatus } from "@/components/wall/wall-status";
import { EmptyState, LoadingState } from "@/components/states/states";

// The wall's client island and its one polling observer (/api/clusters; while the rotation shows a
// cluster, also that cluster's detail). It covers the whole viewport, app bar included: a wall is
// for looking, not clicking. Kiosk polling: it keeps refreshing in a background tab.

export function WallClient({
  initial,
  rotateSeconds,
  rotateAll,
  dark,
}: {
  initial: ClustersResponse;
  rotateSeconds: number | null;
  rotateAll: boolean;
  dark: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const live = useLiveQuery({
    queryKey: queryKeys.clusters(),
    url: apiPaths.clusters(),
    schema: clustersResponseSchema,
    initialData: initial,
    kiosk: true,
  });
  const { data } = live;
  const clusters = wallOrder(data.clusters);
  const status = wallStatus(data, live.receivedAt, now, live.serverError !== null);
  const showing = useRotation(
    rotateSeconds,
    clusters.map((c) => c.name),
    new Set(clusters.filter((c) => rotateAll || needsAttention(c)).map((c) => c.name)),
  );

  const problems = data.clusters.flatMap((c) => c.problems);
  useWallTab({
    live: status.live,
    notLiveWord: t("wall.stale.tab"),
    label: t("wall.title"),
    appName: t("app.name"),
    problems: problems.length,
    worst: worstSeverity(problems),
    tone: data.clusters.length ? worstTone(data.clusters.map((c) => c.tone)) : "unknown",
  });

  const candidates = clusters.filter((c) => rotateAll || needsAttention(c));
  const rotation =
    rotateSeconds === null
      ? null
      : showing.name === null
        ? candidates[0]
          ? t("wall.rotationBoard", { name: candidates[0].name, seconds: formatNumber(showing.left, locale) })
          : null
        : t("wall.rotation", {
            name: showing.name,
            index: formatNumber(candidates.findIndex((c) => c.name === showing.name) + 1, locale),
            count: formatNumber(candidates.length, locale),
            seconds: formatNumber(showing.left, locale),
          });

  return (
    <div
      data-testid="wall"
      data-wall="true"
      data-kiosk="true"
      data-live={status.live ? "true" : "false"}
      data-showing={showing.name ?? ""}
      data-theme={dark ? "dark" : undefined}
      className="fixed inset-0 z-40 flex flex-col overflow-hidden bg-bg text-text"
    >
      <WallHeader status={status} total={data.clusters.length} now={now} extra={rotation} />
      <NotLiveBanner status={status} error={live.serverError} />
      <div className="flex min-h-0 flex-1 flex-col p-3">
        {data.clusters.length === 0 ? (
          <EmptyState title={t("wall.empty")} hint={t("overview.emptyBody")} />
        ) : showing.name !== null ? (
          <RotatedCluster name={showing.name} now={now} stale={!status.live} />
        ) : (
          <WallBoard
            clusters={clusters}
            staleNames={status.staleNames}
            allStale={!status.live}
            hrefOf={(name) => `/clusters/${encodeURIComponent(name)}?kiosk=1`}
          />
        )}
      </div>
    </div>
  );
}

/** Which screen the rotation shows now (null: the board) and the seconds left on it. */
function useRotation(
  seconds: number | null,
  order: readonly string[],
  candidates: ReadonlySet<string>,
): { name: string | null; left: number } {
  const [screen, setScreen] = useState<{ name: string | null; since: number; step: number }>({
    name: null,
    since: 0,
    step: 0,
  });
  // The timer reads the latest order without restarting on every poll.
  const latest = useRef({ order, candidates });
  useEffect(() => {
    latest.current = { order, candidates };
  });
  useEffect(() => {
    if (seconds === null) return;
    const timer = setTimeout(() => {
      setScreen((s) => ({
        name: nextScreen(s.name, latest.current.order, latest.current.candidates),
        since: Date.now(),
        step: s.step + 1,
      }));
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [seconds, screen.step]);
  const now = useNow();
  // The first screen's timer starts at mount; the client clock's first tick stands in for that moment.
  const [mountedAt, setMountedAt] = useState<number | null>(null);
  if (mountedAt === null && now !== null) setMountedAt(now);
  const since = screen.since || mountedAt || now || 0;
  const left = seconds === null || now === null ? 0 : Math.max(0, Math.ceil(seconds - (now - since) / 1000));
  return { name: screen.name, left };
}

/**
 * One cluster's detail while the rotation shows it, refreshed the way the cluster page refreshes: the
 * whole answer once, then `?since=` increments merged into what is held, and a 304 when nothing changed
 * (the ETag of the last answer goes out as If-None-Match). Dropped from the cache as soon as the rotation
 * moves on (gcTime 0): a wall cycling through a hundred clusters would otherwise hold a hundred details.
 */
function RotatedCluster({ name, now, stale }: { name: string; now: number | null; stale: boolean }) {
  const t = useT();
  const client = useQueryClient();
  const [streak] = useState(() => new ErrorStreak());
  const [validator] = useState(() => ({ url: "", etag: null as string | null }));
  const key = queryKeys.cluster(name);
  const query = useQuery<ClusterDetail, Error, ClusterDetail, readonly unknown[]>({
    queryKey: key,
    queryFn: ({ signal }) =>
      streak.track(async () => {
        const held = client.getQueryData<ClusterDetail>(key);
        const url = clusterUrl(apiPaths.cluster(name), held);
        const etag = held !== undefined && validator.url === url ? validator.etag : null;
        const answer = await fetchJsonIfChanged(url, clusterDetailSchema, { signal, etag });
        if (answer.unchanged) return held!;
        validator.url = url;
        validator.etag = answer.etag;
        return mergeClusterDetail(held, answer.data);
      }),
    ...livePollingOptions<ClusterDetail>(streak, true),
    gcTime: 0,
  });
  if (!query.data) return <LoadingState label={t("states.loading")} />;
  return <ClusterScreen detail={query.data} receivedAt={query.dataUpdatedAt} now={now} stale={stale} />;
}
