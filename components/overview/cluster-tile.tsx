"use client";

import Link from "next/link";
import { useId } from "react";
import type { ClusterSummary } from "@/lib/domain/contracts";
import { formatBytes, formatNumber } from "@/lib/domain/format";
import { problemLine, severityLabel, toneLabel } from "@/lib/i18n/labels";
import { useLocale, useT } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CrownIcon, PauseIcon } from "@/components/ui/icons";
import { Freshness } from "@/components/layout/freshness";
import { DemoBadge } from "@/components/demo/demo-badge";

const toneBorder = {
  ok: "border-l-ok",
  warn: "border-l-warn",
  crit: "border-l-crit",
  unknown: "border-l-unknown",
} as const;

export function ClusterTile({
  cluster,
  href,
  ageMs,
  stale,
  mounted,
  pollIntervalMs,
}: {
  cluster: ClusterSummary;
  href: string;
  ageMs: number | null;
  stale: boolean;
  mounted: boolean;
  pollIntervalMs: number;
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const worst = cluster.problems[0];
  const more = cluster.problems.length - 1;
  return (
    <Link
      href={href}
      data-testid="cluster-tile"
      data-cluster={cluster.name}
      data-tone={cluster.tone}
      data-stale={stale ? "true" : "false"}
      aria-labelledby={`${id}-name ${id}-tone`}
      aria-describedby={`${id}-body`}
      title={t("tile.open", { name: cluster.name })}
      className={cn(
        "panel group flex flex-col gap-3 border-l-[6px] p-4 transition-shadow hover:shadow-lg focus-visible:shadow-lg",
        toneBorder[cluster.tone],
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h2 id={`${id}-name`} className="truncate text-xl font-bold text-text group-hover:underline">
            {cluster.name}
          </h2>
          {cluster.demo ? <DemoBadge /> : null}
          {cluster.paused ? (
            <Badge variant="warn" icon={false}>
              <PauseIcon />
              {t("tile.maintenance")}
            </Badge>
          ) : null}
        </div>
        <span id={`${id}-tone`}>
          <Badge variant={cluster.tone} size="md">
            {toneLabel(t, cluster.tone)}
          </Badge>
        </span>
      </div>

      <div id={`${id}-body`} className={cn("flex flex-col gap-3", stale && "is-stale")}>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="text-muted">{t("tile.leader")}</dt>
            <dd className="flex items-center gap-1 text-lg font-semibold">
              {cluster.leader ? (
                <>
                  <CrownIcon className="text-accent" />
                  <span>{cluster.leader}</span>
                </>
              ) : (
                <span className="text-crit-strong">{t("tile.noLeader")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-muted">{t("tile.timeline")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{cluster.timeline ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-muted">{t("tile.members")}</dt>
            <dd
              className={cn(
                "text-lg font-semibold tabular-nums",
                cluster.membersUp < cluster.membersExpected && "text-warn-strong",
              )}
            >
              {t("tile.membersValue", {
                up: formatNumber(cluster.membersUp, locale),
                expected: formatNumber(cluster.membersExpected, locale),
              })}
            </dd>
          </div>
          <div>
            <dt className="text-muted">{t("tile.worstLag")}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {cluster.worstLagBytes === null ? "—" : formatBytes(cluster.worstLagBytes, locale)}
            </dd>
          </div>
        </dl>

        <div className="min-h-[1.5rem] text-sm">
          {worst ? (
            <p className="flex flex-wrap items-center gap-2">
              <Badge
                variant={
                  worst.severity === "critical" ? "crit" : worst.severity === "warning" ? "warn" : "unknown"
                }
              >
                {severityLabel(t, worst.severity)}
              </Badge>
              <span className="font-medium">{problemLine(t, locale, worst)}</span>
              {more > 0 ? (
                <span className="text-muted">
                  {t("tile.moreProblems", { count: formatNumber(more, locale) })}
                </span>
              ) : null}
            </p>
          ) : (
            <p className="text-muted">{t("tile.noProblems")}</p>
          )}
        </div>
      </div>
      <Freshness ageMs={ageMs} stale={stale} mounted={mounted} pollIntervalMs={pollIntervalMs} />
    </Link>
  );
}
