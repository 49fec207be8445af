"use client";

import type { ReactNode } from "react";
import type { NodeDetail } from "@/lib/domain/contracts";
import { formatDuration, formatNumber } from "@/lib/domain/format";
import { formatLsn } from "@/lib/domain/lsn";
import { REPLICATION_STATE_SINCE } from "@/lib/domain/readiness";
import { versionAtLeast } from "@/lib/domain/version";
import { useLocale, useT } from "@/lib/i18n/client";
import { roleLabel, stateLabel } from "@/lib/i18n/labels";
import type { Locale, T } from "@/lib/i18n";
import { DateTime } from "@/components/ui/date-time";
import { DataTable } from "@/components/ui/data-table";

// A node's /patroni, field by field: the value (LSNs as X/Y and bytes, versions as 15.18, times in the
// viewer's zone once mounted) and one line on what it means. Rows that do not apply to the node's role
// (a primary has no replay position) are left out rather than shown empty.

export const NODE_FIELDS = [
  "role",
  "dcsRole",
  "state",
  "replicationState",
  "timeline",
  "walLocation",
  "walReceived",
  "walReplayed",
  "replayPaused",
  "lastReplayed",
  "postmasterStart",
  "uptime",
  "serverVersion",
  "patroniVersion",
  "systemIdentifier",
  "tags",
  "pendingRestart",
  "scheduledRestart",
  "paused",
  "clusterUnlocked",
  "failsafe",
  "dcsLastSeen",
  "apiUrl",
] as const;
export type NodeField = (typeof NODE_FIELDS)[number];

const dash = <span className="text-muted">—</span>;

function Lsn({ bytes, t, locale }: { bytes: number; t: T; locale: Locale }) {
  return (
    <span className="flex flex-wrap items-baseline gap-x-2">
      <code className="font-mono font-semibold">{formatLsn(bytes)}</code>
      <span className="text-muted tabular-nums">
        {t("node.bytes", { bytes: formatNumber(bytes, locale) })}
      </span>
    </span>
  );
}

/** The value of each field that applies to this node; fields left out do not apply to its role. */
function values(
  node: NodeDetail,
  t: T,
  locale: Locale,
  now: number | null,
): Partial<Record<NodeField, ReactNode>> {
  const mounted = now !== null;
  const primary = node.patroniRole === "primary" || node.patroniRole === "standby_leader";
  const yesNo = (value: boolean) => (value ? t("node.yes") : t("node.no"));
  const time = (ms: number | null) =>
    ms === null ? dash : <DateTime ms={ms} mounted={mounted} className="tabular-nums" />;
  const v: Partial<Record<NodeField, ReactNode>> = {
    role: node.patroniRole ? <code className="font-mono font-semibold">{node.patroniRole}</code> : dash,
    dcsRole: node.dcsRole ? roleLabel(t, node.dcsRole) : dash,
    state: node.state ? stateLabel(t, node.state) : dash,
    timeline: node.timeline ?? dash,
  };
  if (!primary) {
    const known = versionAtLeast(node.patroniVersion, REPLICATION_STATE_SINCE);
    v.replicationState =
      node.replicationState ??
      (known || node.patroniVersion === null ? (
        dash
      ) : (
        <span className="text-muted">{t("node.notReported")}</span>
      ));
  }
  if (node.wal.location !== null) v.walLocation = <Lsn bytes={node.wal.location} t={t} locale={locale} />;
  if (node.wal.receivedLocation !== null)
    v.walReceived = <Lsn bytes={node.wal.receivedLocation} t={t} locale={locale} />;
  if (node.wal.replayedLocation !== null)
    v.walReplayed = <Lsn bytes={node.wal.replayedLocation} t={t} locale={locale} />;
  if (!primary) {
    v.replayPaused = yesNo(node.replayPaused);
    v.lastReplayed = time(node.replayedTimestamp);
  }
  v.postmasterStart = time(node.postmasterStartTime);
  v.uptime =
    node.postmasterStartTime === null
      ? dash
      : now === null
        ? "…"
        : formatDuration(now - node.postmasterStartTime, locale);
  v.serverVersion = node.serverVersionText ? (
    <span className="font-semibold">{node.serverVersionText}</span>
  ) : (
    dash
  );
  v.patroniVersion = node.patroniVersion ?? dash;
  v.systemIdentifier = node.systemIdentifier ? (
    <code className="font-mono">{node.systemIdentifier}</code>
  ) : (
    dash
  );
  const tags = Object.entries(node.tags);
  v.tags = tags.length ? (
    <span className="flex flex-wrap gap-1">
      {tags.map(([key, value]) => (
        <code key={key} className="rounded border border-line bg-surface-2 px-1 text-xs">
          {key}: {String(value)}
        </code>
      ))}
    </span>
  ) : (
    t("node.none")
  );
  v.pendingRestart = (
    <span className="flex flex-col gap-0.5">
      <span>{yesNo(node.pendingRestart)}</span>
      {node.pendingRestartReason.map((r) => (
        <code key={r.param} className="font-mono text-xs">
          {r.param}: {r.oldValue ?? "—"} → {r.newValue ?? "—"}
        </code>
      ))}
    </span>
  );
  v.scheduledRestart = node.scheduledRestartAt === null ? t("node.none") : time(node.scheduledRestartAt);
  v.paused = yesNo(node.paused);
  v.clusterUnlocked = yesNo(node.clusterUnlocked);
  v.failsafe = yesNo(node.failsafeActive);
  v.dcsLastSeen = time(node.dcsLastSeen);
  v.apiUrl = node.apiUrl ? <code className="font-mono break-all">{node.apiUrl}</code> : dash;
  return v;
}

export function NodeFields({ node, now }: { node: NodeDetail; now: number | null }) {
  const t = useT();
  const locale = useLocale();
  const v = values(node, t, locale, now);
  const explain = (field: NodeField): string =>
    field === "serverVersion"
      ? t("node.explain.serverVersion", { num: node.serverVersion ?? "—" })
      : t(`node.explain.${field}`);
  return (
    <DataTable
      labelledBy="node-fields-title"
      headers={[t("node.col.field"), t("node.col.value"), t("node.col.meaning")]}
    >
      {NODE_FIELDS.filter((field) => field in v).map((field) => (
        <tr key={field} data-testid="node-field" data-field={field} className="border-t border-line">
          <th scope="row" className="px-1.5 py-2 text-left align-top font-semibold whitespace-nowrap">
            {t(`node.field.${field}`)}
          </th>
          <td className="px-1.5 py-2 align-top">{v[field]}</td>
          <td className="px-1.5 py-2 align-top text-muted">{explain(field)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
