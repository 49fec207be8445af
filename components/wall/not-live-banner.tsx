"use client";

import { formatDuration, formatTime } from "@/lib/domain/format";
import { FetchError } from "@/lib/query/fetch-json";
import { useLocale, useT } from "@/lib/i18n/client";
import { UnplugIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { NOT_LIVE_COLOURS } from "./wall-header";
import type { WallStatus } from "./wall-status";

/** Full width, loud, and worded: the wall is not showing live data. */
export function NotLiveBanner({ status, error }: { status: WallStatus; error: Error | null }) {
  const t = useT();
  const locale = useLocale();
  if (status.live) return null;
  const reason =
    error instanceof FetchError
      ? error.kind === "http"
        ? t("server.reason.http", { status: error.status ?? "?" })
        : t(`server.reason.${error.kind}`)
      : t("server.reason.network");
  const time = status.dataAsOf === null ? "—" : formatTime(status.dataAsOf, locale);
  return (
    <div
      role="alert"
      data-testid="wall-not-live"
      data-reason={status.reason ?? ""}
      style={{ fontSize: "clamp(16px, 1.05vw, 44px)" }}
      className={cn("flex shrink-0 items-center gap-4 border-y-4 px-6 py-3", NOT_LIVE_COLOURS)}
    >
      <UnplugIcon className="shrink-0 text-[2em]" />
      <div className="min-w-0">
        <p className="text-[1.5em] leading-tight font-extrabold tracking-wide">{t("wall.stale.title")}</p>
        <p>
          {status.reason === "server"
            ? t("wall.stale.server", { reason, time })
            : t("wall.stale.data", {
                age: formatDuration(status.ageMs ?? status.limitMs, locale),
                limit: formatDuration(status.limitMs, locale),
              })}
        </p>
      </div>
    </div>
  );
}
