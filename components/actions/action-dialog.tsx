"use client";

import { useState } from "react";
import { preflight, type ActionKind } from "@/lib/domain/actions";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { actionButton } from "./action-button";
import { ConfirmName } from "./confirm-name";

// The confirmation of one action: the preflight verdict on the cluster as last polled (live: it is
// recomputed on every poll while the dialog is open), `force` when only readiness objects, and the
// cluster's name to type before Send is enabled. The server checks all of it again on arrival.

export interface PendingAction {
  action: ActionKind;
  candidate?: string;
  member?: string;
  pendingOnly?: boolean;
}

export function ActionDialog({
  pending,
  detail,
  onSend,
  onCancel,
}: {
  pending: PendingAction;
  detail: ClusterDetail;
  onSend: (options: { force: boolean; confirm: string }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState("");
  const [force, setForce] = useState(false);
  const verdict = preflight(detail, { ...pending, force });
  const title = t("actions.confirmTitle", {
    action: t(`actions.kind.${pending.action}`),
    cluster: detail.name,
  });
  return (
    <div
      role="dialog"
      aria-label={title}
      className="flex flex-col gap-2 rounded-md border border-line bg-surface-2 p-3"
      data-testid="action-dialog"
    >
      <strong>{title}</strong>
      {verdict.problems.length === 0 ? (
        <p className="text-sm" data-testid="action-preflight">
          {t("actions.preflightOk")}
        </p>
      ) : (
        <div className="text-sm" data-testid="action-preflight">
          {t("actions.preflightNo")}
          <ul className="list-disc pl-5">
            {verdict.problems.map((p) => (
              <li key={`${p.code}${p.member ?? ""}`}>
                <code>{p.code}</code>
                {p.member ? ` (${p.member})` : ""}
                {p.reasons.length ? `: ${p.reasons.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {verdict.problems.some((p) => p.forceable) ? (
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t("actions.force")}
        </label>
      ) : null}
      <ConfirmName cluster={detail.name} value={typed} onChange={setTyped} testId="action-confirm" />
      <div className="flex gap-2">
        <button
          type="button"
          className={actionButton}
          disabled={typed !== detail.name || !verdict.ok}
          onClick={() => onSend({ force, confirm: typed })}
          data-testid="action-send"
        >
          {t("actions.send")}
        </button>
        <button type="button" className={actionButton} onClick={onCancel}>
          {t("actions.cancel")}
        </button>
      </div>
    </div>
  );
}
