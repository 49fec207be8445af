"use client";

import type { ReactNode } from "react";
import { TONES } from "@/lib/domain/constants";
import { formatNumber, formatTime } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { ToneIcon } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { WallStatus } from "./wall-status";

// The strip across the top of the wall: how many clusters are in each state, the time, how old the
// data is, and a heartbeat that pulses while updates arrive and visibly stops when they do not.

const COUNT_STYLE = {
  crit: "bg-crit-soft text-crit-strong border-crit",
  warn: "bg-warn-soft text-warn-strong border-warn",
  unknown: "bg-unknown-soft text-unknown-strong border-unknown",
  ok: "bg-ok-soft text-ok-strong border-ok/60",
} as const;

/** Not live: one fixed dark red with white text, legible in both themes (the tokens invert in dark). */
export const NOT_LIVE_COLOURS = "border-[#991b1b] bg-[#b91c1c] text-white";

export function WallHeader({
  status,
  total,
  now,
  extra,
}: {
  status: WallStatus;
  total: number;
  now: number | null;
  extra?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <header
      data-testid="wall-header"
      className="flex shrink-0 items-center gap-[0.8em] border-b border-line bg-surface px-[0.8em] py-[0.4em]"
      // The strip grows with the screen: 20 px on 1920, 40 px on 3840, never under 16 px.
      style={{ fontSize: "clamp(16px, 1.05vw, 44px)" }}
    >
      <h1 className="font-bold whitespace-nowrap">
        {t("wall.title")} · {t("wall.clusters", { count: formatNumber(total, locale) })}
      </h1>
      <ul className="flex items-center gap-2" data-testid="wall-counts">
        {TONES.map((tone) =>
          tone === "ok" || status.counts[tone] > 0 ? (
            <li
              key={tone}
              data-tone={tone}
              data-count={status.counts[tone]}
              className={cn(
                "flex items-center gap-1.5 rounded-full border-2 px-3 py-0.5 font-semibold whitespace-nowrap tabular-nums",
                COUNT_STYLE[tone],
              )}
            >
              <ToneIcon tone={tone} />
              <span>{formatNumber(status.counts[tone], locale)}</span>
              <span>{t(`wall.count.${tone}`)}</span>
            </li>
          ) : null,
        )}
      </ul>
      <div className="min-w-0 flex-1 truncate text-right text-muted">{extra}</div>
      <span data-testid="wall-data-as-of" className="whitespace-nowrap text-muted tabular-nums">
        {now === null
          ? "…"
          : status.dataAsOf === null
            ? t("wall.dataNever")
            : t("wall.dataAsOf", { time: formatTime(status.dataAsOf, locale) })}
      </span>
      <Heartbeat live={status.live} />
      <time data-testid="wall-clock" className="text-[1.3em] font-bold whitespace-nowrap tabular-nums">
        {now === null ? "" : formatTime(now, locale)}
      </time>
    </header>
  );
}

function Heartbeat({ live }: { live: boolean }) {
  const t = useT();
  return (
    <span
      data-testid="wall-heartbeat"
      data-state={live ? "live" : "stopped"}
      title={t("wall.heartbeat.title")}
      className={cn(
        "flex items-center gap-2 rounded-full border-2 px-3 py-0.5 font-bold whitespace-nowrap",
        live ? "border-ok/60 text-ok" : NOT_LIVE_COLOURS,
      )}
    >
      <span className="relative flex size-[0.8em]">
        {live ? (
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-ok opacity-75" />
        ) : null}
        <span className={cn("relative inline-flex size-[0.8em] rounded-full", live ? "bg-ok" : "bg-white")} />
      </span>
      {live ? t("wall.heartbeat.live") : t("wall.heartbeat.stopped")}
    </span>
  );
}
