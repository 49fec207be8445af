"use client";

import { formatTime } from "@/lib/domain/format";
import type { HistoryEvent } from "@/lib/domain/history-events";
import { useLocale, useT } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { historyText, historyTone, kindLabel, type HistoryTone } from "./history-text";

const toneBorder: Record<HistoryTone, string> = {
  ok: "border-l-ok",
  warn: "border-l-warn",
  crit: "border-l-crit",
  unknown: "border-l-unknown",
  accent: "border-l-accent bg-accent-soft/50",
  neutral: "border-l-line",
};
const badgeTone = (tone: HistoryTone) =>
  tone === "accent" ? "accent" : tone === "neutral" ? "neutral" : tone;

/** The day an event belongs to, in the viewer's zone: the list is grouped under one heading per day. */
function dayOf(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { dateStyle: "full" }).format(at);
}

/**
 * Stored events, newest first, under a heading per day; each line says when, what kind, which
 * cluster (when several are shown) and what happened. A line shows only the time of day: its date is
 * the heading above it. NOTE: times and days are written only after
 * mount: the server's time zone is not the viewer's, and the server's HTML must not differ.
 */
export function HistoryTimeline({
  events,
  showCluster,
  mounted,
}: {
  events: readonly HistoryEvent[];
  showCluster: boolean;
  mounted: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const groups: { day: string; events: HistoryEvent[] }[] = [];
  for (const event of events) {
    const day = mounted ? dayOf(event.at, locale) : "";
    const last = groups.at(-1);
    if (last && last.day === day) last.events.push(event);
    else groups.push({ day, events: [event] });
  }
  return (
    <div className="flex flex-col gap-4" data-testid="history-timeline">
      {groups.map((group, g) => (
        <section
          key={`${group.day}-${g}`}
          aria-label={group.day || undefined}
          className="flex flex-col gap-1.5"
        >
          {group.day ? <h3 className="text-sm font-semibold text-muted">{group.day}</h3> : null}
          <ol className="flex flex-col gap-1.5">
            {group.events.map((event) => {
              const tone = historyTone(event);
              return (
                <li
                  key={event.id}
                  data-testid="history-event"
                  data-kind={event.kind}
                  data-member={event.member ?? undefined}
                  className={cn(
                    "flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-md border border-l-4 border-line px-3 py-1.5",
                    toneBorder[tone],
                  )}
                >
                  <time
                    dateTime={new Date(event.at).toISOString()}
                    className="min-w-[4.5rem] shrink-0 whitespace-nowrap text-sm tabular-nums text-muted"
                  >
                    {mounted ? formatTime(event.at, locale) : null}
                  </time>
                  <Badge variant={badgeTone(tone)}>{kindLabel(t, event.kind)}</Badge>
                  {showCluster ? (
                    <a
                      href={`/clusters/${encodeURIComponent(event.cluster)}/history`}
                      className="text-sm font-semibold text-accent-strong hover:underline"
                    >
                      {event.cluster}
                    </a>
                  ) : null}
                  <span className="min-w-0 flex-1 break-words">{historyText(t, locale, event)}</span>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
