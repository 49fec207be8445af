"use client";

import Link from "next/link";
import type { CSSProperties } from "react";
import type { ClusterSummary } from "@/lib/domain/contracts";
import { formatBytes, formatNumber } from "@/lib/domain/format";
import { problemLine, toneLabel } from "@/lib/i18n/labels";
import { useLocale, useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { CrownIcon, PauseIcon } from "@/components/ui/icons";
import { ToneIcon } from "@/components/ui/badge";
import type { TileKind } from "./layout";

// One cluster on the wall. Status is colour AND icon AND (on larger tiles) a word; the tile's size
// and the name's font size come from the layout, so 3 clusters and 300 use the same component.

const toneFrame = {
  ok: "border-ok/60 bg-surface",
  warn: "border-warn bg-warn-soft",
  crit: "border-crit bg-crit-soft",
  unknown: "border-unknown bg-unknown-soft",
} as const;
const toneText = {
  ok: "text-ok",
  warn: "text-warn-strong",
  crit: "text-crit-strong",
  unknown: "text-unknown-strong",
} as const;

export function WallTile({
  cluster,
  kind,
  nameFont,
  stale,
  href,
}: {
  cluster: ClusterSummary;
  kind: TileKind;
  nameFont: number;
  stale: boolean;
  href: string;
}) {
  const t = useT();
  const locale = useLocale();
  const detailFont = Math.max(16, Math.round(nameFont * (kind === "compact" ? 0.72 : 0.62)));
  const membersShort = cluster.membersUp < cluster.membersExpected;
  const members = t("wall.members", {
    up: formatNumber(cluster.membersUp, locale),
    expected: formatNumber(cluster.membersExpected, locale),
  });
  const worst = cluster.problems[0];
  const style: CSSProperties = { fontSize: `${detailFont}px` };
  return (
    <Link
      href={href}
      data-testid="wall-tile"
      data-cluster={cluster.name}
      data-tone={cluster.tone}
      data-kind={kind}
      data-stale={stale ? "true" : "false"}
      title={`${cluster.name}: ${toneLabel(t, cluster.tone)}`}
      style={style}
      className={cn(
        "flex h-full min-w-0 flex-col overflow-hidden rounded-lg border-2 leading-tight",
        kind === "compact" ? "justify-center gap-0.5 px-2.5 py-1" : "gap-2 px-4 py-3",
        toneFrame[cluster.tone],
        stale && "is-stale",
      )}
    >
      <div className="flex min-w-0 items-center gap-2">
        <ToneIcon tone={cluster.tone} className={cn("shrink-0", toneText[cluster.tone])} />
        <span
          data-testid="wall-name"
          className="min-w-0 truncate font-bold text-text"
          style={{ fontSize: `${nameFont}px` }}
        >
          {cluster.name}
        </span>
        {kind !== "compact" ? (
          <span className={cn("ml-auto shrink-0 font-semibold", toneText[cluster.tone])}>
            {toneLabel(t, cluster.tone)}
          </span>
        ) : null}
      </div>
      <div className="flex min-w-0 items-center gap-x-3 whitespace-nowrap">
        <span className="flex min-w-0 items-center gap-1">
          {cluster.leader ? (
            <>
              <CrownIcon className="shrink-0 text-accent" />
              <span className="truncate">{cluster.leader}</span>
            </>
          ) : (
            <span className="truncate font-semibold text-crit-strong">{t("wall.noLeader")}</span>
          )}
        </span>
        <span
          className={cn("ml-auto shrink-0 tabular-nums", membersShort && "font-semibold text-warn-strong")}
        >
          {members}
        </span>
        {cluster.paused && kind !== "compact" ? <PauseIcon className="shrink-0 text-warn-strong" /> : null}
      </div>
      {kind === "large" ? (
        <div className="flex gap-4 tabular-nums text-muted">
          <span>{t("wall.timeline", { timeline: cluster.timeline ?? "—" })}</span>
          <span>
            {t("wall.lag", {
              lag: cluster.worstLagBytes === null ? "—" : formatBytes(cluster.worstLagBytes, locale),
            })}
          </span>
        </div>
      ) : null}
      {kind !== "compact" && !worst ? <p className="text-muted">{t("tile.noProblems")}</p> : null}
      {kind !== "compact" && worst ? (
        <p className="line-clamp-2 min-w-0 font-medium" data-testid="wall-problem">
          {problemLine(t, locale, worst)}
          {cluster.problems.length > 1
            ? ` · ${t("tile.moreProblems", { count: formatNumber(cluster.problems.length - 1, locale) })}`
            : ""}
        </p>
      ) : null}
    </Link>
  );
}
