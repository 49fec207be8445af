"use client";

import { formatDuration } from "@/lib/domain/format";
import { staleAfterMs } from "@/lib/domain/freshness";
import { useLocale, useT } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/badge";
import { ClockIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** "updated 3 s ago" plus a stale badge (word and icon) once older than two poll intervals. */
export function Freshness({
  ageMs,
  stale,
  pollIntervalMs,
  mounted,
  className,
}: {
  /** null: never observed. */
  ageMs: number | null;
  stale: boolean;
  pollIntervalMs: number;
  /** false on the server and during hydration: ages are only computed against the client clock. */
  mounted: boolean;
  className?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const text = !mounted
    ? t("fresh.pending")
    : ageMs === null
      ? t("fresh.never")
      : t("fresh.updatedAgo", { age: formatDuration(ageMs, locale) });
  return (
    <span
      className={cn("inline-flex flex-wrap items-center gap-1.5 text-sm text-muted tabular-nums", className)}
    >
      <span className="inline-flex items-center gap-1">
        <ClockIcon aria-hidden="true" />
        <span>{text}</span>
      </span>
      {mounted && stale ? <StaleBadge pollIntervalMs={pollIntervalMs} /> : null}
    </span>
  );
}

export function StaleBadge({ pollIntervalMs }: { pollIntervalMs: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Badge
      variant="warn"
      testId="stale-badge"
      title={t("fresh.staleTitle", { limit: formatDuration(staleAfterMs(pollIntervalMs), locale) })}
    >
      {t("fresh.stale")}
    </Badge>
  );
}
