"use client";

import { outcomeChecklist, OUTCOME_CHECKS, type OutcomeBaseline } from "@/lib/domain/actions";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";

// After a switchover or failover: what it should lead to, checked against the screen's live data
// on every poll, each line ticked as it first holds (the server audits the same checks).

export function OutcomeChecklist({ baseline, detail }: { baseline: OutcomeBaseline; detail: ClusterDetail }) {
  const t = useT();
  const checklist = outcomeChecklist(baseline, detail);
  return (
    <div data-testid="action-checklist" data-done={checklist.done ? "true" : "false"}>
      <h3 className="text-sm font-semibold text-muted">{t("actions.checklist")}</h3>
      <ul className="text-sm">
        {OUTCOME_CHECKS.map((check) => (
          <li key={check} data-check={check} data-ok={checklist.checks[check] ? "true" : "false"}>
            {checklist.checks[check] ? "✓" : "…"} {t(`actions.check.${check}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
