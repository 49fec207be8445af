"use client";

import type { Tone } from "@/lib/domain/constants";
import type { Alert } from "@/lib/domain/contracts";
import { compareAlerts } from "@/lib/domain/alerts";
import { formatDuration, formatNumber } from "@/lib/domain/format";
import { worstSeverity } from "@/lib/domain/tab-status";
import { useLocale, useT } from "@/lib/i18n/client";
import { alertWords } from "@/lib/i18n/diagnostic-labels";
import { severityLabel } from "@/lib/i18n/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { RichText } from "@/components/ui/rich-text";

// The cluster's alerts, worst first: severity as a word and an icon, how long it has lasted (client
// clock, after mount only), what it means and what to check, in the viewer's language. The same
// alert on several members (a restart pending everywhere) is one entry naming them all.

export const SEVERITY_TONE: Record<Alert["severity"], Tone> = {
  critical: "crit",
  warning: "warn",
  info: "unknown",
};

const BORDER: Record<Tone, string> = {
  crit: "border-l-crit",
  warn: "border-l-warn",
  unknown: "border-l-unknown",
  ok: "border-l-ok",
};

export interface AlertGroup {
  alert: Alert;
  members: string[];
  /** The earliest `since` of the group. */
  since: number;
}

/** Alerts that differ only by member become one group; order stays worst first. */
export function groupAlerts(alerts: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of [...alerts].sort(compareAlerts)) {
    const key = `${alert.code}\u0000${alert.severity}\u0000${alert.member === null ? "cluster" : "member"}\u0000${JSON.stringify(alert.params)}`;
    const group = groups.get(key);
    if (!group)
      groups.set(key, { alert, members: alert.member === null ? [] : [alert.member], since: alert.since });
    else {
      if (alert.member !== null && !group.members.includes(alert.member)) group.members.push(alert.member);
      group.since = Math.min(group.since, alert.since);
    }
  }
  return [...groups.values()];
}

export function AlertsBanner({
  alerts,
  generatedAt,
  receivedAt,
  now,
}: {
  alerts: readonly Alert[];
  /** The server's clock when it built the alerts, and the browser's when it received them. */
  generatedAt: number;
  receivedAt: number;
  /** The client clock; null on the server and during hydration, so no age is rendered then. */
  now: number | null;
}) {
  const t = useT();
  const locale = useLocale();
  const groups = groupAlerts(alerts);
  const worst = worstSeverity(alerts);
  const count = formatNumber(alerts.length, locale);
  return (
    <section
      aria-labelledby="alerts-title"
      data-testid="alerts-banner"
      data-count={alerts.length}
      data-worst={worst ?? "none"}
      className="flex flex-col gap-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="alerts-title" className="text-base font-bold">
          {t("alerts.title")}
        </h2>
        <span role="status" aria-live="polite">
          {alerts.length === 0 ? (
            <Badge variant="ok" size="md" testId="alerts-count">
              {t("alerts.none")}
            </Badge>
          ) : (
            <Badge variant={SEVERITY_TONE[worst ?? "info"]} size="md" testId="alerts-count">
              {t("alerts.count", { count })}
            </Badge>
          )}
        </span>
      </div>
      {groups.length > 0 ? (
        <ul className={cn("grid gap-2", groups.length > 1 && "xl:grid-cols-2")}>
          {groups.map(({ alert, members, since }) => {
            const tone = SEVERITY_TONE[alert.severity];
            const words = alertWords(t, locale, alert, members);
            const who = members.length ? members.join(", ") : null;
            // Server-side age when it answered, plus the time since the browser received it (two clocks).
            const ageMs =
              now === null ? null : Math.max(0, generatedAt - since) + Math.max(0, now - receivedAt);
            return (
              <li
                key={`${alert.code}-${who ?? ""}-${alert.severity}`}
                data-testid="alert"
                data-code={alert.code}
                data-severity={alert.severity}
                data-members={members.join(" ")}
                className={cn(
                  "flex flex-col gap-1 rounded-lg border border-l-4 border-line bg-surface px-3 py-2",
                  BORDER[tone],
                )}
              >
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <Badge variant={tone}>{severityLabel(t, alert.severity)}</Badge>
                  <span className="font-semibold">
                    {who ? `${who}: ` : ""}
                    {words.title}
                  </span>
                  <span data-testid="alert-since" className="ml-auto text-xs text-muted tabular-nums">
                    {ageMs === null ? "" : t("alerts.for", { duration: formatDuration(ageMs, locale) })}
                  </span>
                </div>
                <p className="problem-description text-sm">
                  <RichText text={words.explanation} />
                </p>
                <p className="problem-description text-sm text-muted">
                  <span className="font-semibold text-text">{t("alerts.check")}: </span>
                  <RichText text={words.check} />
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
