"use client";

import Link from "next/link";
import { useState } from "react";
import type { OutcomeBaseline } from "@/lib/domain/actions";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";
import { ActionAudit, useActionAudit } from "./action-audit";
import { actionButton } from "./action-button";
import { ActionDialog, type PendingAction } from "./action-dialog";
import { OutcomeChecklist } from "./outcome-checklist";
import { useSignedIn } from "./use-signed-in";

// The guarded actions of one cluster: drawn only for a signed-in operator or admin when actions are
// enabled (GET /api/auth/me says so). Each action opens a confirmation with the preflight verdict on
// the cluster as last polled and asks for the cluster's name; the server checks everything again.
// After a switchover the outcome checklist follows the screen's live data.

export function ActionPanel({ detail }: { detail: ClusterDetail }) {
  const t = useT();
  const [who, setWho] = useSignedIn();
  const [pending, setPending] = useState<PendingAction | null>(null);
  // Each opening is a fresh dialog: nothing typed, no force.
  const [opened, setOpened] = useState(0);
  const [result, setResult] = useState<string | null>(null);
  const [baseline, setBaseline] = useState<OutcomeBaseline | null>(null);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const replicas = detail.members.filter((m) => m.inDcs && m.name !== detail.leader).map((m) => m.name);
  // The first replica readiness accepts (in synchronous mode: the sync standby), else the first one;
  // a choice that stopped being a replica (it became the leader) falls back to that again.
  const [chosen, setCandidate] = useState("");
  const candidate = replicas.includes(chosen)
    ? chosen
    : (detail.readiness.candidates.find((name) => replicas.includes(name)) ?? replicas[0] ?? "");
  const [member, setMember] = useState(detail.members[0]?.name ?? "");
  const [pendingOnly, setPendingOnly] = useState(true);
  const mayAct = who.kind === "user" && who.me.actions && who.me.role !== "viewer";
  const { audit, reload } = useActionAudit(
    detail.name,
    mayAct,
    [detail.leader, detail.paused],
    baseline ? sentAt : null,
  );

  if (who.kind === "loading" || who.kind === "none") return null;
  if (who.kind === "anonymous")
    return (
      <p className="kiosk-hidden text-sm">
        <Link
          href={`/login?next=${encodeURIComponent(`/clusters/${detail.name}`)}`}
          className="font-semibold underline"
        >
          {t("actions.signIn")}
        </Link>
      </p>
    );
  if (!mayAct) return null;

  const open = (next: PendingAction) => {
    setPending(next);
    setOpened((n) => n + 1);
    setResult(null);
  };
  const send = async (action: PendingAction, options: { force: boolean; confirm: string }) => {
    // The server stamps the outcome after the request arrives: a little slack for the clocks.
    const sent = Date.now() - 5000;
    const res = await fetch(`/api/clusters/${encodeURIComponent(detail.name)}/actions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...action, ...options }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      error?: string;
      patroni?: { status: number | null; text: string };
      baseline?: OutcomeBaseline | null;
    };
    setResult(
      body.patroni
        ? t("actions.answer", { status: body.patroni.status ?? "—", text: body.patroni.text })
        : t("actions.error", { status: res.status, error: body.error ?? "" }),
    );
    if (res.ok && body.baseline) {
      setBaseline(body.baseline);
      setSentAt(sent);
    }
    setPending(null);
    await reload();
  };

  return (
    <Panel
      id="actions"
      title={t("actions.title")}
      description={t("actions.signedInAs", { user: who.me.username, role: who.me.role })}
      className="kiosk-hidden"
      testId="action-panel"
      actions={
        <button
          type="button"
          className={actionButton}
          onClick={() =>
            void fetch("/api/auth/logout", { method: "POST" }).then(() => setWho({ kind: "anonymous" }))
          }
        >
          {t("actions.signOut")}
        </button>
      }
    >
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          {t("actions.candidate")}
          <select
            className="rounded-md border border-line bg-surface px-2 py-1"
            value={candidate}
            onChange={(e) => setCandidate(e.target.value)}
            data-testid="action-candidate"
          >
            {replicas.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={actionButton}
          disabled={!candidate}
          onClick={() => open({ action: "switchover", candidate })}
          data-testid="action-switchover"
        >
          {t("actions.switchover")}
        </button>
        <button
          type="button"
          className={actionButton}
          onClick={() => open({ action: detail.paused ? "resume" : "pause" })}
          data-testid="action-pause"
        >
          {detail.paused ? t("actions.resume") : t("actions.pause")}
        </button>
        <label className="flex flex-col gap-1 text-sm">
          {t("actions.member")}
          <select
            className="rounded-md border border-line bg-surface px-2 py-1"
            value={member}
            onChange={(e) => setMember(e.target.value)}
            data-testid="action-member"
          >
            {detail.members.map((m) => (
              <option key={m.name}>{m.name}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={pendingOnly}
            onChange={(e) => setPendingOnly(e.target.checked)}
            data-testid="action-pending-only"
          />
          {t("actions.pendingOnly")}
        </label>
        <button
          type="button"
          className={actionButton}
          onClick={() => open({ action: "restart", member, pendingOnly })}
          data-testid="action-restart"
        >
          {t("actions.restart")}
        </button>
      </div>

      {pending ? (
        <ActionDialog
          key={opened}
          pending={pending}
          detail={detail}
          onSend={(options) => void send(pending, options)}
          onCancel={() => setPending(null)}
        />
      ) : null}

      {result ? (
        <p className="text-sm" data-testid="action-result">
          {result}
        </p>
      ) : null}

      {baseline ? <OutcomeChecklist baseline={baseline} detail={detail} /> : null}

      <ActionAudit audit={audit} />
    </Panel>
  );
}
