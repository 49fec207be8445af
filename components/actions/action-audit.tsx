"use client";

import { useCallback, useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";

// The cluster's audit trail (GET /api/audit) under the action panel: read when the panel appears,
// when the leader or the pause flag changes (an action's effect shows up there) and after each send.

export interface AuditRow {
  id: number;
  kind: string;
  at: number;
  user?: string;
  address?: string;
  action: string;
  outcome?: string;
}

export function useActionAudit(
  cluster: string,
  enabled: boolean,
  changes: readonly unknown[],
): { audit: AuditRow[]; reload: () => Promise<void> } {
  const [audit, setAudit] = useState<AuditRow[]>([]);
  const url = `/api/audit?cluster=${encodeURIComponent(cluster)}&limit=20`;
  const load = useCallback(
    () =>
      fetch(url, { cache: "no-store" })
        .then(async (res) => (res.ok ? ((await res.json()) as { events: AuditRow[] }).events : null))
        .catch(() => null),
    [url],
  );
  const key = JSON.stringify(changes);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void load().then((events) => {
      if (!cancelled && events) setAudit(events);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled, load, key]);
  const reload = useCallback(async () => {
    const events = await load();
    if (events) setAudit(events);
  }, [load]);
  return { audit, reload };
}

export function ActionAudit({ audit }: { audit: AuditRow[] }) {
  const t = useT();
  const attempts = audit.filter((e) => e.kind === "action");
  return (
    <div>
      <h3 className="text-sm font-semibold text-muted">{t("actions.audit")}</h3>
      {attempts.length === 0 ? (
        <p className="text-sm text-muted">{t("actions.auditEmpty")}</p>
      ) : (
        <ul className="text-sm" data-testid="action-audit">
          {attempts.map((e) => (
            <li key={e.id} data-action={e.action} data-outcome={e.outcome ?? ""}>
              <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleTimeString()}</time>{" "}
              {t("actions.auditLine", {
                user: e.user ?? "?",
                address: e.address ?? "?",
                action: e.action,
                outcome: e.outcome ?? "?",
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
