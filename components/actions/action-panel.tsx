"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import {
  outcomeChecklist,
  OUTCOME_CHECKS,
  preflight,
  type ActionKind,
  type OutcomeBaseline,
} from "@/lib/domain/actions";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";

// The guarded actions of one cluster: drawn only for a signed-in operator or admin when actions are
// enabled (GET /api/auth/me says so). Each action opens a confirmation with the preflight verdict on
// the cluster as last polled and asks for the cluster's name; the server checks everything again.
// After a switchover the outcome checklist follows the screen's live data.

interface Me {
  username: string;
  role: string;
  actions: boolean;
}

type Who = { kind: "loading" | "none" | "anonymous" } | { kind: "user"; me: Me };

interface Pending {
  action: ActionKind;
  candidate?: string;
  member?: string;
  pendingOnly?: boolean;
}

interface AuditRow {
  id: number;
  kind: string;
  at: number;
  user?: string;
  address?: string;
  action: string;
  outcome?: string;
}

const button =
  "rounded-md border border-line bg-surface-2 px-2.5 py-1 text-sm font-semibold hover:bg-surface disabled:opacity-50";

export function ActionPanel({ detail }: { detail: ClusterDetail }) {
  const t = useT();
  const [who, setWho] = useState<Who>({ kind: "loading" });
  const [pending, setPending] = useState<Pending | null>(null);
  const [typed, setTyped] = useState("");
  const [force, setForce] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [baseline, setBaseline] = useState<OutcomeBaseline | null>(null);
  const [audit, setAudit] = useState<AuditRow[]>([]);
  const replicas = detail.members.filter((m) => m.inDcs && m.name !== detail.leader).map((m) => m.name);
  // The first replica readiness accepts (in synchronous mode: the sync standby), else the first one.
  const [candidate, setCandidate] = useState(detail.readiness.candidates[0] ?? replicas[0] ?? "");
  const [member, setMember] = useState(detail.members[0]?.name ?? "");
  const [pendingOnly, setPendingOnly] = useState(true);

  useEffect(() => {
    let cancelled = false;
    fetch("/api/auth/me", { cache: "no-store" })
      .then(async (res) => {
        if (cancelled) return;
        if (res.status === 401) setWho({ kind: "anonymous" });
        else if (res.ok) setWho({ kind: "user", me: (await res.json()) as Me });
        else setWho({ kind: "none" });
      })
      .catch(() => !cancelled && setWho({ kind: "none" }));
    return () => {
      cancelled = true;
    };
  }, []);

  const mayAct = who.kind === "user" && who.me.actions && who.me.role !== "viewer";
  const auditUrl = `/api/audit?cluster=${encodeURIComponent(detail.name)}&limit=20`;
  const loadAudit = useCallback(
    () =>
      fetch(auditUrl, { cache: "no-store" })
        .then(async (res) => (res.ok ? ((await res.json()) as { events: AuditRow[] }).events : null))
        .catch(() => null),
    [auditUrl],
  );
  // Read again whenever the leader or the pause flag changes (an action's effect shows up there).
  useEffect(() => {
    if (!mayAct) return;
    let cancelled = false;
    void loadAudit().then((events) => {
      if (!cancelled && events) setAudit(events);
    });
    return () => {
      cancelled = true;
    };
  }, [mayAct, loadAudit, detail.leader, detail.paused]);

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

  const verdict = pending ? preflight(detail, { ...pending, force }) : null;
  const open = (next: Pending) => {
    setPending(next);
    setTyped("");
    setForce(false);
    setResult(null);
  };
  const send = async () => {
    if (!pending) return;
    const res = await fetch(`/api/clusters/${encodeURIComponent(detail.name)}/actions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...pending, force, confirm: typed }),
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
    if (res.ok && body.baseline) setBaseline(body.baseline);
    setPending(null);
    const events = await loadAudit();
    if (events) setAudit(events);
  };
  const checklist = baseline ? outcomeChecklist(baseline, detail) : null;

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
          className={button}
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
          className={button}
          disabled={!candidate}
          onClick={() => open({ action: "switchover", candidate })}
          data-testid="action-switchover"
        >
          {t("actions.switchover")}
        </button>
        <button
          type="button"
          className={button}
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
          >
            {detail.members.map((m) => (
              <option key={m.name}>{m.name}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} />
          {t("actions.pendingOnly")}
        </label>
        <button
          type="button"
          className={button}
          onClick={() => open({ action: "restart", member, pendingOnly })}
        >
          {t("actions.restart")}
        </button>
      </div>

      {pending && verdict ? (
        <div
          role="dialog"
          aria-label={t("actions.confirmTitle", { action: pending.action, cluster: detail.name })}
          className="flex flex-col gap-2 rounded-md border border-line bg-surface-2 p-3"
          data-testid="action-dialog"
        >
          <strong>{t("actions.confirmTitle", { action: pending.action, cluster: detail.name })}</strong>
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
          <label className="flex flex-col gap-1 text-sm">
            {t("actions.typeName", { cluster: detail.name })}
            <input
              className="rounded-md border border-line bg-surface px-2 py-1"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              data-testid="action-confirm"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              className={button}
              disabled={typed !== detail.name || !verdict.ok}
              onClick={() => void send()}
              data-testid="action-send"
            >
              {t("actions.send")}
            </button>
            <button type="button" className={button} onClick={() => setPending(null)}>
              {t("actions.cancel")}
            </button>
          </div>
        </div>
      ) : null}

      {result ? (
        <p className="text-sm" data-testid="action-result">
          {result}
        </p>
      ) : null}

      {checklist ? (
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
      ) : null}

      <div>
        <h3 className="text-sm font-semibold text-muted">{t("actions.audit")}</h3>
        {audit.length === 0 ? (
          <p className="text-sm text-muted">{t("actions.auditEmpty")}</p>
        ) : (
          <ul className="text-sm" data-testid="action-audit">
            {audit
              .filter((e) => e.kind === "action")
              .map((e) => (
                <li key={e.id}>
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
    </Panel>
  );
}
