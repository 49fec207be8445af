"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { formatDuration } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { ClockIcon, PauseIcon } from "@/components/ui/icons";
import { DateTime } from "@/components/ui/date-time";

/** Maintenance mode and a scheduled switchover: things a DBA must see before touching anything. */
export function ClusterBanners({
  detail,
  now,
  receivedAt,
}: {
  detail: Pick<ClusterDetail, "paused" | "scheduledSwitchover" | "generatedAt" | "leader">;
  now: number | null;
  receivedAt: number;
}) {
  const t = useT();
  const locale = useLocale();
  const switchover = detail.scheduledSwitchover;
  // Time until the switchover on the server's clock, aged by the browser's own clock since it arrived.
  const untilMs =
    switchover?.at != null && now !== null ? switchover.at - detail.generatedAt - (now - receivedAt) : null;
  return (
    <>
      {detail.paused ? (
        <div
          role="status"
          data-testid="paused-banner"
          className="flex items-start gap-3 rounded-lg border-2 border-warn bg-warn-soft px-4 py-3 text-warn-strong"
        >
          <PauseIcon className="mt-0.5 shrink-0 text-xl" />
          <div>
            <p className="font-bold">{t("cluster.paused.title")}</p>
            <p className="text-sm">{t("cluster.paused.body")}</p>
          </div>
        </div>
      ) : null}
      {switchover ? (
        <div
          role="status"
          data-testid="switchover-banner"
          className="flex items-start gap-3 rounded-lg border-2 border-accent bg-accent-soft px-4 py-3 text-accent-strong"
        >
          <ClockIcon className="mt-0.5 shrink-0 text-xl" />
          <div>
            <p className="font-bold">{t("cluster.switchover.title")}</p>
            <p className="text-sm">
              {switchover.at !== null ? (
                <>
                  <DateTime ms={switchover.at} mounted={now !== null} className="font-semibold" />
                  {untilMs !== null
                    ? ` (${untilMs <= 0 ? t("cluster.switchover.now") : t("cluster.switchover.in", { duration: formatDuration(untilMs, locale) })})`
                    : null}
                  {" · "}
                </>
              ) : null}
              {t("cluster.switchover.fromTo", {
                from: switchover.from ?? detail.leader ?? "—",
                to: switchover.to ?? t("cluster.switchover.anyMember"),
              })}
            </p>
          </div>
        </div>
      ) : null}
    </>
  );
}
