"use client";

import type { EventLogEntry } from "@/lib/domain/contracts";
import { newestFirst } from "@/lib/domain/events";
import { formatDateTime, formatTime } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { ToneIcon } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CrownIcon, ListIcon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { EVENT_TONES, eventText } from "./event-text";

const toneBorder = {
  ok: "border-l-ok",
  warn: "border-l-warn",
  crit: "border-l-crit",
  unknown: "border-l-unknown",
  accent: "border-l-accent bg-accent-soft/50",
  neutral: "border-l-line",
} as const;

const toneText = { ok: "text-ok", warn: "text-warn", crit: "text-crit", unknown: "text-unknown" } as const;

function EntryIcon({ tone }: { tone: keyof typeof toneBorder }) {
  if (tone === "accent") return <CrownIcon className="mt-0.5 shrink-0 text-accent" />;
  if (tone === "neutral") return <ListIcon className="mt-0.5 shrink-0 text-muted" />;
  return <ToneIcon tone={tone} className={cn("mt-0.5 shrink-0", toneText[tone])} />;
}

/**
 * The cluster's event log, newest first, one plain sentence per change. NOTE: times are written only
 * after mount (`mounted`): the server's time zone is not the viewer's, and the HTML must not differ.
 */
export function EventLog({
  entries,
  mounted,
  className,
}: {
  entries: readonly EventLogEntry[];
  mounted: boolean;
  className?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const list = newestFirst(entries);
  return (
    <Panel
      id="event-log"
      title={t("events.title")}
      description={t("events.description")}
      testId="event-log"
      className={className}
    >
      {list.length === 0 ? (
        <EmptyState title={t("events.empty")} />
      ) : (
        <ol
          className="event-log-list -mx-1 flex max-h-[26rem] flex-col gap-1.5 overflow-y-auto px-1"
          tabIndex={0}
          aria-labelledby="event-log-title"
        >
          {list.map((entry, index) => {
            const tone = EVENT_TONES[entry.kind];
            return (
              <li
                // Entries never change once written; time + kind + member + position is unique enough.
                key={`${entry.t}-${entry.kind}-${entry.member ?? ""}-${list.length - index}`}
                data-testid="event-entry"
                data-kind={entry.kind}
                data-member={entry.member ?? undefined}
                className={cn(
                  "flex items-start gap-2 rounded-md border border-l-4 border-line px-2.5 py-1.5",
                  toneBorder[tone],
                )}
              >
                <EntryIcon tone={tone} />
                <span className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">
                  <time
                    dateTime={new Date(entry.t).toISOString()}
                    title={mounted ? formatDateTime(entry.t, locale) : undefined}
                    className="font-mono text-sm text-muted tabular-nums"
                  >
                    {mounted ? formatTime(entry.t, locale) : "…"}
                  </time>
                  <span className={cn("min-w-0 break-words", tone === "accent" && "font-semibold")}>
                    {eventText(t, locale, entry)}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
