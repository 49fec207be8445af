"use client";

import { useCallback, useEffect, useState } from "react";
import { formatTime } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { actionLabel, actionOutcomeLabel } from "@/lib/i18n/labels";

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
  /** action_outcome rows: the leader before and after, whether every check held, and when. */
  from?: string | null;
  to?: string | null;
  completed?: boolean;
  durationMs?: number;
}

/** How often the audit is read again while a switchover's outcome is awaited (the server's watch: 2 min). */
const FOLLOW_EVERY_MS = 3000;
const FOLLOW_FOR_MS = 130_000;

export function useActionAudit(
  cluster: string,
  enabled: boolean,
  changes: readonly unknown[],
  /** Epoch ms a switchover/failover was sent at: read again until its outcome is in (null: none). */
  followingSince: number | null,
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
  const outcomeIn =
    followingSince !== null && audit.some((e) => e.kind === "action_outcome" && e.at >= followingSince);
  useEffect(() => {
    if (!enabled || followingSince === null || outcomeIn) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > FOLLOW_FOR_MS) clearInterval(timer);
      else void reload();
    }, FOLLOW_EVERY_MS);
    return () => clearInterval(timer);
  }, [enabled, followingSince, outcomeIn, reload]);
  return { audit, reload };
}

export function ActionAudit({ audit }: { audit: AuditRow[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h3 className="text-sm font-semibold text-muted">{t("actions.audit")}</h3>
      {audit.length === 0 ? (
        <p className="text-sm text-muted">{t("actions.auditEmpty")}</p>
      ) : (
        <ul className="text-sm" data-testid="action-audit">
          {audit.map((e) => (
            <li
              key={e.id}
              data-kind={e.kind}
              data-action={e.action}
              data-outcome={
                e.kind === "action" ? (e.outcome ?? "") : e.completed ? "completed" : "incomplete"
              }
            >
              <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at, locale)}</time>{" "}
              {e.kind === "action"
                ? t("actions.auditLine", {
                    user: e.user ?? "?",
                    address: e.address ?? "?",
                    action: actionLabel(t, e.action),
                    outcome: e.outcome ? actionOutcomeLabel(t, e.outcome) : "?",
                  })
                : t("actions.auditOutcome", {
                    action: actionLabel(t, e.action),
                    from: e.from ?? "?",
                    to: e.to ?? "?",
                    result: e.completed
                      ? t("actions.auditOutcomeDone", { seconds: ((e.durationMs ?? 0) / 1000).toFixed(1) })
                      : t("actions.auditOutcomeOpen"),
                  })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
