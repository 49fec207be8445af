"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import type { Tone } from "@/lib/domain/constants";
import { formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { readinessReasonLabel } from "@/lib/i18n/diagnostic-labels";
import type { Locale, T } from "@/lib/i18n";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { DataTable } from "@/components/ui/data-table";

// Failover readiness: could the cluster lose its leader now, and which replica could take over?
// Every "no" names its reasons (lib/domain/readiness.ts follows Patroni's own candidate checks).

type Readiness = ClusterDetail["readiness"];

const VERDICT_TONE: Record<Readiness["verdict"], Tone> = { safe: "ok", unsafe: "crit", unknown: "unknown" };

export function verdictText(t: T, locale: Locale, readiness: Readiness): string {
  if (readiness.verdict === "safe") {
    const names = readiness.candidates.join(", ");
    return readiness.candidates.length === 1
      ? t("readiness.verdict.safe.one", { names })
      : t("readiness.verdict.safe.many", { count: formatNumber(readiness.candidates.length, locale), names });
  }
  const reasons = readiness.reasons.map((r) => readinessReasonLabel(t, r)).join("; ");
  return t(readiness.verdict === "unsafe" ? "readiness.verdict.unsafe" : "readiness.verdict.unknown", {
    reasons,
  });
}

export function ReadinessPanel({ readiness }: { readiness: Readiness }) {
  const t = useT();
  const locale = useLocale();
  const tone = VERDICT_TONE[readiness.verdict];
  return (
    <Panel
      id="readiness"
      title={t("readiness.title")}
      description={t("readiness.description")}
      testId="readiness-panel"
    >
      <p data-testid="readiness-verdict" data-verdict={readiness.verdict}>
        <Badge variant={tone} size="md" className="whitespace-normal">
          {verdictText(t, locale, readiness)}
        </Badge>
      </p>
      {readiness.members.length === 0 ? (
        <EmptyState title={t("readiness.noReplicas")} />
      ) : (
        <DataTable
          labelledBy="readiness-title"
          headers={[t("readiness.col.member"), t("readiness.col.candidate"), t("readiness.col.why")]}
        >
          {readiness.members.map((m) => (
            <tr
              key={m.member}
              data-testid="readiness-member"
              data-member={m.member}
              data-candidate={m.candidate ? "true" : "false"}
              className="border-t border-line"
            >
              <th scope="row" className="px-1.5 py-2 text-left font-semibold whitespace-nowrap">
                {m.member}
              </th>
              <td className="px-1.5 py-2">
                <Badge variant={m.candidate ? "ok" : "warn"}>
                  {m.candidate ? t("readiness.yes") : t("readiness.no")}
                </Badge>
              </td>
              <td className="px-1.5 py-2">
                {m.reasons.length === 0 ? (
                  <span className="text-muted">—</span>
                ) : (
                  <ul className="flex flex-col gap-0.5">
                    {m.reasons.map((reason) => (
                      <li key={reason} data-reason={reason}>
                        {readinessReasonLabel(t, reason)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
