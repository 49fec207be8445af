"use client";

import type { Alert, ClusterDetail } from "@/lib/domain/contracts";
import { formatBytes, formatDuration, formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { alertWords } from "@/lib/i18n/diagnostic-labels";
import { roleLabel, severityLabel, stateLabel, toneLabel } from "@/lib/i18n/labels";
import { groupAlerts, SEVERITY_TONE } from "@/components/cluster/alerts/alerts-banner";
import { LagChart } from "@/components/cluster/lag-chart/lag-chart";
import { Topology } from "@/components/cluster/topology/topology";
import { WidgetBoundary } from "@/components/states/widget-boundary";
import { ToneIcon } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CrownIcon } from "@/components/ui/icons";

// One cluster on one screen (the wall's rotation, and /clusters/{name}?kiosk=1): topology, alerts,
// lag and members in a fixed grid that fills the space it is given and never scrolls. Lists that do
// not fit say how many more there are instead of growing the page.

/** Rows that fit beside the drawing at 1080p; the rest are counted, not scrolled to. */
const MAX_ALERTS = 6;
const MAX_MEMBERS = 7;

const toneText = {
  ok: "text-ok",
  warn: "text-warn-strong",
  crit: "text-crit-strong",
  unknown: "text-unknown-strong",
} as const;

export function ClusterScreen({
  detail,
  receivedAt,
  now,
  stale,
}: {
  detail: ClusterDetail;
  receivedAt: number;
  now: number | null;
  stale: boolean;
}) {
  const t = useT();
  return (
    <div
      data-testid="cluster-screen"
      data-cluster={detail.name}
      className={cn(
        "grid h-full min-h-0 grid-cols-[minmax(0,5fr)_minmax(0,7fr)] gap-3 overflow-hidden p-3",
        "[&_.panel-description]:hidden",
        stale && "is-stale",
      )}
    >
      <div className="flex min-h-0 flex-col gap-3">
        <ScreenTitle detail={detail} />
        <div className="min-h-0 flex-1 overflow-hidden">
          <WidgetBoundary title={t("topology.title")} resetKey={detail.generatedAt}>
            <Topology detail={detail} maxScale={1.4} />
          </WidgetBoundary>
        </div>
        <Members detail={detail} />
      </div>
      <div className="flex min-h-0 flex-col gap-3">
        <Alerts alerts={detail.alerts} generatedAt={detail.generatedAt} receivedAt={receivedAt} now={now} />
        <div className="shrink-0">
          <WidgetBoundary title={t("lag.title")} resetKey={detail.generatedAt}>
            <LagChart detail={detail} />
          </WidgetBoundary>
        </div>
      </div>
    </div>
  );
}

function ScreenTitle({ detail }: { detail: ClusterDetail }) {
  const t = useT();
  return (
    <div className="flex items-center gap-3">
      <ToneIcon tone={detail.tone} className={cn("text-[34px]", toneText[detail.tone])} />
      <h2 className="truncate text-[34px] font-bold" data-testid="cluster-screen-name">
        {detail.name}
      </h2>
      <span className={cn("text-[24px] font-semibold", toneText[detail.tone])}>
        {toneLabel(t, detail.tone)}
      </span>
    </div>
  );
}

function Alerts({
  alerts,
  generatedAt,
  receivedAt,
  now,
}: {
  alerts: readonly Alert[];
  generatedAt: number;
  receivedAt: number;
  now: number | null;
}) {
  const t = useT();
  const locale = useLocale();
  const groups = groupAlerts(alerts);
  const shown = groups.slice(0, MAX_ALERTS);
  return (
    <section
      className="panel flex min-h-0 flex-1 flex-col gap-2 overflow-hidden p-4"
      data-testid="screen-alerts"
    >
      <h3 className="text-[22px] font-bold">{t("wall.detail.alerts")}</h3>
      {groups.length === 0 ? (
        <p className="text-[20px] text-ok">{t("wall.detail.noAlerts")}</p>
      ) : (
        <ul className="flex min-h-0 flex-col gap-2">
          {shown.map(({ alert, members, since }) => {
            const tone = SEVERITY_TONE[alert.severity];
            const words = alertWords(t, locale, alert, members);
            const age =
              now === null ? null : Math.max(0, generatedAt - since) + Math.max(0, now - receivedAt);
            return (
              <li
                key={`${alert.code}-${members.join(",")}-${alert.severity}`}
                data-testid="screen-alert"
                data-code={alert.code}
                className="flex items-center gap-3 rounded-lg border border-line bg-surface-2 px-3 py-2 text-[20px]"
              >
                <ToneIcon tone={tone} className={cn("shrink-0", toneText[tone])} />
                <span className={cn("shrink-0 font-semibold", toneText[tone])}>
                  {severityLabel(t, alert.severity)}
                </span>
                <span className="min-w-0 flex-1 truncate">
                  {members.length ? `${members.join(", ")}: ` : ""}
                  {words.title}
                </span>
                <span className="shrink-0 text-[16px] text-muted tabular-nums">
                  {age === null ? "" : t("alerts.for", { duration: formatDuration(age, locale) })}
                </span>
              </li>
            );
          })}
          {groups.length > shown.length ? (
            <li className="text-[18px] text-muted">
              {t("wall.detail.moreAlerts", { count: formatNumber(groups.length - shown.length, locale) })}
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function Members({ detail }: { detail: ClusterDetail }) {
  const t = useT();
  const locale = useLocale();
  const shown = detail.members.slice(0, MAX_MEMBERS);
  const lagOf = (m: ClusterDetail["members"][number]) => {
    const lag = m.replayLagBytes ?? m.receiveLagBytes ?? m.dcsLagBytes;
    return m.role === "leader" || lag === null ? "—" : formatBytes(lag, locale);
  };
  return (
    <section className="panel shrink-0 p-3" data-testid="screen-members">
      <table className="w-full text-left text-[19px] tabular-nums">
        <caption className="pb-1 text-left text-[22px] font-bold">{t("wall.detail.members")}</caption>
        <thead className="text-[16px] text-muted">
          <tr>
            <th className="font-semibold">{t("wall.detail.col.member")}</th>
            <th className="font-semibold">{t("wall.detail.col.role")}</th>
            <th className="font-semibold">{t("wall.detail.col.state")}</th>
            <th className="text-right font-semibold">{t("wall.detail.col.lag")}</th>
            <th className="text-right font-semibold">{t("wall.detail.col.timeline")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr
              key={m.name}
              data-testid="screen-member"
              className={cn(m.reachable === false && "text-crit-strong")}
            >
              <td className="flex items-center gap-1 font-semibold">
                {/* NOTE: the crown follows the DCS's leader; a dead old leader still reports role leader. */}
                {m.name === detail.leader ? <CrownIcon className="text-accent" /> : null}
                {m.name}
              </td>
              <td>
                {m.inDcs ? (
                  roleLabel(t, m.role)
                ) : (
                  <span className="text-muted">{t("members.lastRole", { role: roleLabel(t, m.role) })}</span>
                )}
              </td>
              <td>{m.reachable === false ? t("condition.unreachable") : stateLabel(t, m.state)}</td>
              <td className="text-right">{lagOf(m)}</td>
              <td className="text-right">{m.timeline ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.members.length > shown.length ? (
        <p className="text-[16px] text-muted">
          {t("wall.detail.moreMembers", {
            count: formatNumber(detail.members.length - shown.length, locale),
          })}
        </p>
      ) : null}
    </section>
  );
}
