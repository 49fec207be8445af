"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { toneLabel } from "@/lib/i18n/labels";
import { Badge } from "@/components/ui/badge";
import { ArrowLeftIcon, CrownIcon } from "@/components/ui/icons";
import { Freshness } from "@/components/layout/freshness";
import { PrimaryEndpoint } from "@/components/cluster/endpoint/primary-endpoint";
import { DemoBadge } from "@/components/demo/demo-badge";

/**
 * Name, health, freshness, and the leader in large type: the line a classroom watches during a
 * failover. The leader indicator is an aria-live region, so a screen reader announces the new leader.
 */
export interface ClusterHeaderProps {
  detail: ClusterDetail;
  ageMs: number | null;
  stale: boolean;
  mounted: boolean;
  backHref: string;
  /** Links beside "All clusters" (the presentation-mode toggle). */
  tools?: ReactNode;
}

export function ClusterHeader({ detail, ageMs, stale, mounted, backHref, tools }: ClusterHeaderProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link
          href={backHref}
          className="inline-flex w-fit items-center gap-1 text-sm font-semibold text-muted hover:text-text"
        >
          <ArrowLeftIcon />
          {t("cluster.back")}
        </Link>
        {tools}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-3xl font-bold tracking-tight">{detail.name}</h1>
          {detail.demo ? <DemoBadge size="md" /> : null}
          <Badge variant={detail.tone} size="md">
            {toneLabel(t, detail.tone)}
          </Badge>
        </div>
        <Freshness
          ageMs={ageMs}
          stale={stale}
          mounted={mounted}
          pollIntervalMs={detail.pollIntervalMs}
          className="text-base"
        />
      </div>
      <div
        className={`panel grid gap-4 p-4 md:grid-cols-[minmax(0,1.2fr)_auto_auto_minmax(0,1.4fr)] md:items-center ${stale ? "is-stale" : ""}`}
      >
        <div aria-live="polite" aria-atomic="true" className="flex min-w-0 flex-col gap-1">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">
            {t("cluster.leader")}
          </span>
          <span className="flex items-center gap-2 text-3xl font-extrabold">
            {detail.leader ? (
              <>
                <CrownIcon className="shrink-0 text-accent" />
                {/* key: re-mounts on a new leader, which replays the highlight animation. */}
                <span
                  key={detail.leader}
                  data-testid="leader-name"
                  className="leader-flash truncate rounded px-1 text-accent-strong"
                >
                  {detail.leader}
                </span>
              </>
            ) : (
              <>
                <span data-testid="leader-name" className="sr-only" />
                <Badge variant="crit" size="md">
                  {t("cluster.noLeader")}
                </Badge>
              </>
            )}
          </span>
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">
            {t("cluster.timeline")}
          </span>
          <span className="text-3xl font-bold tabular-nums" data-testid="cluster-timeline">
            {detail.timeline ?? "—"}
          </span>
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-xs font-semibold uppercase tracking-wide text-muted">
            {t("tile.members")}
          </span>
          <span
            className={`text-3xl font-bold tabular-nums ${detail.membersUp < detail.membersExpected ? "text-warn-strong" : ""}`}
          >
            {t("tile.membersValue", {
              up: formatNumber(detail.membersUp, locale),
              expected: formatNumber(detail.membersExpected, locale),
            })}
          </span>
        </div>
        <PrimaryEndpoint detail={detail} />
      </div>
    </div>
  );
}
