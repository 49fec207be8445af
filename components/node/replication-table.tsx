"use client";

import type { NodeDetail } from "@/lib/domain/contracts";
import { formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";

// A node's walsenders (its own /patroni `replication`, from pg_stat_replication): who streams from it,
// from where, in which state and sync state (PostgreSQL's own words, set as code). On a replica's page
// the leader's row about it follows.

type Row = NodeDetail["replication"][number];

const COLUMNS = ["client", "address", "state", "sync", "priority"] as const;

export function ReplicationTable({
  rows,
  testId,
  caption,
}: {
  rows: readonly Row[];
  testId: string;
  caption: string;
}) {
  const t = useT();
  const locale = useLocale();
  const text = (value: string | null) => value ?? "—";
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-muted">
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="px-1.5 py-1 font-semibold">
                {t(`node.replication.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={`${row.applicationName ?? ""}-${i}`}
              data-testid={testId}
              data-client={row.applicationName ?? ""}
              className="border-t border-line"
            >
              <th scope="row" className="px-1.5 py-1.5 text-left font-semibold">
                {text(row.applicationName)}
              </th>
              <td className="px-1.5 py-1.5 font-mono">{text(row.clientAddr)}</td>
              <td className="px-1.5 py-1.5">
                <code className="font-mono">{text(row.state)}</code>
              </td>
              <td className="px-1.5 py-1.5">
                <code className="font-mono font-semibold">{text(row.syncState)}</code>
              </td>
              <td className="px-1.5 py-1.5 tabular-nums">
                {row.syncPriority === null ? "—" : formatNumber(row.syncPriority, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
