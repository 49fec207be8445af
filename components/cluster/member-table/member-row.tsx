"use client";

import type { Member } from "@/lib/domain/contracts";
import { formatBytes, formatDuration, formatNumber } from "@/lib/domain/format";
import { formatLsn } from "@/lib/domain/lsn";
import { useLocale, useT } from "@/lib/i18n/client";
import { conditionLabel, errorKindLabel, roleLabel, stateLabel } from "@/lib/i18n/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { DateTime } from "@/components/ui/date-time";
import { CrownIcon } from "@/components/ui/icons";
import { Freshness } from "@/components/layout/freshness";
import { NodeLink } from "./node-link";

export interface MemberRowView {
  member: Member;
  isLeader: boolean;
  /** Age of the member's own REST observation; null = never observed. */
  ageMs: number | null;
  stale: boolean;
  /** How long the current run of poll errors has lasted; null when there is none (or before mount). */
  errorAgeMs: number | null;
  lagThreshold: number;
}

const HEALTHY = new Set(["running", "streaming"]);
const cell = "px-1.5 py-2 align-top";
const dash = <span className="text-muted">—</span>;

function reachableAttr(value: boolean | null): "true" | "false" | "unknown" {
  return value === null ? "unknown" : value ? "true" : "false";
}

export function MemberRow({
  view,
  mounted,
  pollIntervalMs,
}: {
  view: MemberRowView;
  mounted: boolean;
  pollIntervalMs: number;
}) {
  const t = useT();
  const locale = useLocale();
  const { member: m, isLeader } = view;
  const lag = (bytes: number | null) => {
    if (isLeader) return dash;
    if (bytes === null) {
      // No lag from either source (the node is down, failing or not yet heard from): say so.
      return (
        <span className="text-muted" title={t("members.lagUnknownTitle")}>
          {t("members.lagUnknown")}
        </span>
      );
    }
    const over = bytes > view.lagThreshold;
    const source =
      m.lagSource === "dcs" ? t("members.lagDcs") : m.lagSource === "live" ? t("members.lagLive") : undefined;
    return (
      <span
        className={cn("tabular-nums", over && "font-bold text-warn-strong")}
        title={`${formatNumber(bytes, locale)} B${source ? ` — ${source}` : ""}`}
      >
        {over ? "▲ " : ""}
        {formatBytes(bytes, locale)}
      </span>
    );
  };
  const lsn = (bytes: number | null) =>
    bytes === null ? (
      dash
    ) : (
      <span className="font-mono tabular-nums" title={isLeader ? t("members.currentWal") : undefined}>
        {formatLsn(bytes)}
      </span>
    );
  const stateTone = !m.inDcs ? "crit" : HEALTHY.has(m.state) ? "ok" : "warn";
  return (
    <tr
      data-testid="member-row"
      data-member={m.name}
      data-role={m.role}
      data-reachable={reachableAttr(m.reachable)}
      data-in-dcs={m.inDcs ? "true" : "false"}
      className={cn("border-t border-line", isLeader && "bg-accent-soft/60", !m.inDcs && "opacity-80")}
    >
      <th scope="row" className={cn(cell, "text-left font-semibold whitespace-nowrap")}>
        <span className="flex items-center gap-1.5">
          {isLeader ? <CrownIcon className="text-accent" aria-hidden="true" /> : null}
          <NodeLink member={m.name} />
          {isLeader ? <span className="sr-only">({t("members.leaderMark")})</span> : null}
        </span>
        <span className="mt-1 flex flex-wrap gap-1">
          {!m.inDcs ? <Badge variant="crit">{conditionLabel(t, "missing")}</Badge> : null}
          {m.reachable === false && m.inDcs ? (
            <Badge variant="crit">{conditionLabel(t, "unreachable")}</Badge>
          ) : null}
        </span>
      </th>
      <td className={cn(cell, "col-secondary font-mono whitespace-nowrap")}>
        {m.host ? `${m.host}${m.port !== null ? `:${m.port}` : ""}` : dash}
      </td>
      <td className={cn(cell, "min-w-[6.5rem]", isLeader && "font-bold text-accent-strong")}>
        {m.inDcs ? (
          roleLabel(t, m.role)
        ) : (
          <span className="text-muted">{t("members.lastRole", { role: roleLabel(t, m.role) })}</span>
        )}
      </td>
      <td className={cell}>
        <Badge variant={stateTone} className="whitespace-normal">
          {stateLabel(t, m.state)}
        </Badge>
        {m.replayPaused ? (
          <Badge variant="warn" className="mt-1">
            {t("members.replayPaused")}
          </Badge>
        ) : null}
      </td>
      <td className={cn(cell, "tabular-nums")}>{m.timeline ?? dash}</td>
      <td className={cn(cell, "col-secondary")}>{lsn(m.receiveLsn)}</td>
      <td className={cell}>{lag(m.receiveLagBytes)}</td>
      <td className={cn(cell, "col-secondary")}>{lsn(m.replayLsn)}</td>
      <td className={cell}>{lag(m.replayLagBytes)}</td>
      <td className={cell}>
        {m.pendingRestart ? (
          <div className="flex flex-col gap-1">
            <Badge variant="warn" className="w-fit">
              {t("members.pending")}
            </Badge>
            {m.pendingRestartReason.map((r) => (
              <span key={r.param} className="font-mono text-xs break-all">
                {r.param}: {r.oldValue ?? "?"} → {r.newValue ?? "?"}
              </span>
            ))}
          </div>
        ) : (
          dash
        )}
      </td>
      <td className={cn(cell, "col-secondary whitespace-nowrap")}>
        {m.scheduledRestartAt !== null ? <DateTime ms={m.scheduledRestartAt} mounted={mounted} /> : dash}
      </td>
      <td className={cn(cell, "col-secondary")}>
        {Object.keys(m.tags).length === 0 ? (
          dash
        ) : (
          <span className="flex flex-wrap gap-1">
            {Object.entries(m.tags).map(([key, value]) => (
              <code
                key={key}
                className="rounded border border-line bg-surface-2 px-1 text-xs whitespace-nowrap"
              >
                {key}: {String(value)}
              </code>
            ))}
          </span>
        )}
      </td>
      <td className={cn(cell, "col-secondary")}>
        {m.reachable === null && m.observedAt === null ? (
          <span className="text-sm text-muted">{t("members.notPolled")}</span>
        ) : (
          <div className="flex flex-col gap-0.5">
            <Freshness
              ageMs={view.ageMs}
              stale={view.stale}
              mounted={mounted}
              pollIntervalMs={pollIntervalMs}
              className="min-w-[6.5rem] text-xs"
            />
            {m.apiLatencyMs !== null && m.reachable ? (
              <span className="text-xs text-muted tabular-nums">
                {formatNumber(Math.round(m.apiLatencyMs), locale)} ms
              </span>
            ) : null}
          </div>
        )}
      </td>
      <td className={cn(cell, "col-secondary max-w-[18rem]")}>
        {m.lastError ? (
          <div className="flex flex-col gap-0.5 text-xs">
            <span className="font-semibold text-crit-strong">
              {errorKindLabel(t, m.lastError.kind)}
              {m.lastError.status !== null ? ` ${m.lastError.status}` : ""}
            </span>
            <span className="break-words">{m.lastError.message}</span>
            {view.errorAgeMs !== null ? (
              <span className="text-muted">
                {t("members.errorSince", { age: formatDuration(view.errorAgeMs, locale) })}
              </span>
            ) : null}
          </div>
        ) : (
          dash
        )}
      </td>
    </tr>
  );
}
