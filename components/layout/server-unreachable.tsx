"use client";

import { formatDuration } from "@/lib/domain/format";
import { FetchError } from "@/lib/query/fetch-json";
import { useLocale, useT } from "@/lib/i18n/client";
import { UnplugIcon } from "@/components/ui/icons";

/** Our own server could not be reached: say so, and keep showing the last data (marked stale by the caller). */
export function ServerUnreachable({ error, retryMs }: { error: Error; retryMs: number }) {
  const t = useT();
  const locale = useLocale();
  const reason =
    error instanceof FetchError
      ? error.kind === "http"
        ? t("server.reason.http", { status: error.status ?? "?" })
        : t(`server.reason.${error.kind}`)
      : t("server.reason.network");
  return (
    <div
      role="alert"
      data-testid="server-unreachable"
      className="flex items-start gap-3 rounded-lg border-2 border-crit bg-crit-soft px-4 py-3 text-crit-strong"
    >
      <UnplugIcon className="mt-0.5 shrink-0 text-xl" />
      <div>
        <p className="font-bold">{t("server.unreachable.title")}</p>
        <p className="text-sm">
          {t("server.unreachable.body", { reason, interval: formatDuration(retryMs, locale) })}
        </p>
      </div>
    </div>
  );
}
