"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatLsn } from "@/lib/domain/lsn";
import { mergeTimeline, newTimelineOf, type TimelineEntry } from "@/lib/domain/timeline";
import { useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { DateTime } from "@/components/ui/date-time";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";

const cell = "px-2 py-2 align-top";

function entryKey(entry: TimelineEntry): string {
  return entry.kind === "observed_leader"
    ? `leader-${entry.at}-${entry.to}`
    : `${entry.kind}-${entry.toTimeline}`;
}

function TimelineCell({ entry, t }: { entry: TimelineEntry; t: T }) {
  if (entry.kind === "observed_leader") return <span className="text-muted">—</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5 font-semibold whitespace-nowrap tabular-nums">
      {entry.fromTimeline === null
        ? t("cluster.tl", { tl: entry.toTimeline })
        : t("history.transition", { from: entry.fromTimeline, to: entry.toTimeline })}
      {entry.current ? <Badge variant="accent">{t("history.current")}</Badge> : null}
    </span>
  );
}

export function TimelineHistory({
  detail,
  mounted,
}: {
  detail: Pick<ClusterDetail, "history" | "events" | "timeline">;
  mounted: boolean;
}) {
  const t = useT();
  const entries = mergeTimeline(detail.history, detail.events, detail.timeline);
  return (
    <Panel id="history" title={t("history.title")} description={t("history.description")}>
      {entries.length === 0 ? (
        <EmptyState
          title={
            detail.timeline !== null
              ? t("history.emptyOnTimeline", { tl: detail.timeline })
              : t("history.empty")
          }
        />
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="history-title">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-muted">
                <th scope="col" className="px-2 py-1.5">
                  {t("history.col.timeline")}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  {t("history.col.newLeader")}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  {t("history.col.when")}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  {t("history.col.lsn")}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  {t("history.col.reason")}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const newTimeline = newTimelineOf(entry);
                const current = entry.kind !== "observed_leader" && entry.current;
                return (
                  <tr
                    key={entryKey(entry)}
                    data-testid={newTimeline !== null ? "history-row" : "history-event"}
                    data-timeline={newTimeline ?? undefined}
                    data-kind={entry.kind}
                    aria-current={current ? "true" : undefined}
                    className={cn("border-t border-line", current && "bg-accent-soft/60 font-medium")}
                  >
                    <td className={cell}>
                      <TimelineCell entry={entry} t={t} />
                    </td>
                    <td className={cn(cell, "font-semibold")}>
                      {entry.kind === "promotion" ? (
                        (entry.newLeader ?? <span className="text-muted">—</span>)
                      ) : entry.kind === "observed_leader" ? (
                        t("history.leaderChange", {
                          from: entry.from ?? t("history.nobody"),
                          to: entry.to ?? t("history.nobody"),
                        })
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                    </td>
                    <td className={cn(cell, "whitespace-nowrap")}>
                      {entry.at !== null ? (
                        <DateTime ms={entry.at} mounted={mounted} />
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                      {entry.kind === "promotion" && entry.observedAt !== null ? (
                        <span className="block text-xs text-muted">{t("history.observed")}</span>
                      ) : null}
                    </td>
                    <td className={cn(cell, "font-mono tabular-nums")}>
                      {entry.kind === "promotion" && entry.lsn !== null ? (
                        formatLsn(entry.lsn)
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                    </td>
                    <td className={cn(cell, "break-words")}>
                      {entry.kind === "promotion" ? (
                        (entry.reason ?? <span className="text-muted">—</span>)
                      ) : (
                        <Badge variant="neutral">
                          {entry.kind === "observed_timeline"
                            ? t("history.timelineChange")
                            : t("history.observed")}
                        </Badge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
