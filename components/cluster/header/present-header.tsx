"use client";

import Link from "next/link";

import type { ClusterHeaderProps } from "./cluster-header";
import { formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { toneLabel } from "@/lib/i18n/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ArrowLeftIcon, CrownIcon } from "@/components/ui/icons";
import { Freshness } from "@/components/layout/freshness";
import { DemoBadge } from "@/components/demo/demo-badge";

const label = "text-xs font-semibold uppercase tracking-wide text-muted";

/**
 * The cluster header in presentation mode: ONE band (name, health, leader, timeline, members,
 * freshness), so a 1280×720 projector keeps the banner, topology and event log on the first screen.
 * Same test ids and the same polite live region for the leader as the full header.
 */
export function PresentHeader({ detail, ageMs, stale, mounted, backHref, tools }: ClusterHeaderProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className={cn("panel flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2", stale && "is-stale")}>
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={backHref}
          aria-label={t("cluster.back")}
          title={t("cluster.back")}
          className="rounded p-1 text-muted hover:text-text"
        >
          <ArrowLeftIcon />
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{detail.name}</h1>
        {detail.demo ? <DemoBadge /> : null}
        <Badge variant={detail.tone}>{toneLabel(t, detail.tone)}</Badge>
      </div>
      <div aria-live="polite" aria-atomic="true" className="flex min-w-0 items-center gap-2">
        <span className={label}>{t("cluster.leader")}</span>
        {detail.leader ? (
          <span className="flex items-center gap-1.5 text-3xl font-extrabold">
            <CrownIcon className="shrink-0 text-accent" />
            <span
              key={detail.leader}
              data-testid="leader-name"
              className="leader-flash truncate rounded px-1 text-accent-strong"
            >
              {detail.leader}
            </span>
          </span>
        ) : (
          <>
            <span data-testid="leader-name" className="sr-only" />
            <Badge variant="crit" size="md">
              {t("cluster.noLeader")}
            </Badge>
          </>
        )}
      </div>
      <div className="flex items-center gap-2">
        <span className={label}>{t("cluster.timeline")}</span>
        <span className="text-3xl font-bold tabular-nums" data-testid="cluster-timeline">
          {detail.timeline ?? "—"}
        </span>
      </div>
      <div className="flex items-center gap-2">
        <span className={label}>{t("tile.members")}</span>
        <span
          className={cn(
            "text-3xl font-bold tabular-nums",
            detail.membersUp < detail.membersExpected && "text-warn-strong",
          )}
        >
          {t("tile.membersValue", {
            up: formatNumber(detail.membersUp, locale),
            expected: formatNumber(detail.membersExpected, locale),
          })}
        </span>
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-3">
        <Freshness ageMs={ageMs} stale={stale} mounted={mounted} pollIntervalMs={detail.pollIntervalMs} />
        {tools}
      </div>
    </div>
  );
}
