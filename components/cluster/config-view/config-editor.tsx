"use client";

import { useMemo, useState } from "react";
import { actionButton } from "@/components/actions/action-button";
import { ConfirmName } from "@/components/actions/confirm-name";
import { useSignedIn } from "@/components/actions/use-signed-in";
import {
  applyPatch,
  configPatch,
  editableConfig,
  patchBase,
  patchChanges,
  validateConfigPatch,
} from "@/lib/domain/config-edit";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";

// The dynamic configuration made editable for a signed-in admin: the keys patronictl edit-config
// edits as JSON, the diff against the configuration as it was when the editor opened, Patroni's own
// validation rules, and the cluster's name to type. What is sent is only the patch, with the values it
// replaces, so the server refuses (409) if someone changed them meanwhile.

type Config = NonNullable<ClusterDetail["config"]>;
type Parsed =
  | { error: string }
  | {
      patch: Record<string, unknown>;
      changes: ReturnType<typeof patchChanges>;
      problems: ReturnType<typeof validateConfigPatch>;
    };

const show = (value: unknown, unset: string) =>
  value === null || value === undefined ? unset : typeof value === "string" ? value : JSON.stringify(value);

export function ConfigEditor({ cluster, config }: { cluster: string; config: Config }) {
  const [who] = useSignedIn();
  if (who.kind !== "user" || who.me.role !== "admin" || !who.me.actions) return null;
  return <Editor cluster={cluster} config={config} />;
}

function Editor({ cluster, config }: { cluster: string; config: Config }) {
  const t = useT();
  // The configuration as the editor opened it: later polls must not move the ground under an edit.
  const [start, setStart] = useState<Record<string, unknown> | null>(null);
  const [text, setText] = useState("");
  const [typed, setTyped] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const parsed = useMemo((): Parsed | null => {
    if (!start) return null;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return { error: t("cfgEdit.notObject") };
      const patch = configPatch(editableConfig(start), value as Record<string, unknown>);
      return {
        patch,
        changes: patchChanges(start, patch),
        problems: validateConfigPatch(patch, applyPatch(start, patch)),
      };
    } catch (err) {
      return { error: t("cfgEdit.badJson", { error: (err as Error).message }) };
    }
  }, [start, text, t]);

  const open = () => {
    setStart(config.raw);
    setText(JSON.stringify(editableConfig(config.raw), null, 2));
    setTyped("");
    setResult(null);
  };
  const send = async () => {
    if (!start || !parsed || !("patch" in parsed)) return;
    const res = await fetch(`/api/clusters/${encodeURIComponent(cluster)}/actions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        action: "edit-config",
        config: parsed.patch,
        base: patchBase(start, parsed.patch),
        confirm: typed,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      error?: string;
      patroni?: { status: number | null; text: string };
    };
    setResult(
      res.ok && body.patroni
        ? t("actions.answer", { status: body.patroni.status ?? "—", text: body.patroni.text })
        : t("actions.error", { status: res.status, error: body.error ?? body.patroni?.text ?? "" }),
    );
    if (res.ok) setStart(null);
  };

  if (!start)
    return (
      <div className="flex flex-col gap-2">
        <div>
          <button type="button" className={actionButton} onClick={open} data-testid="config-edit-open">
            {t("cfgEdit.open")}
          </button>
        </div>
        {result ? (
          <p className="text-sm" data-testid="config-edit-result">
            {result}
          </p>
        ) : null}
      </div>
    );
  const ready = parsed !== null && "patch" in parsed && parsed.problems.length === 0 && typed === cluster;
  return (
    <section
      aria-label={t("cfgEdit.title", { cluster })}
      className="flex flex-col gap-2 rounded-md border border-line bg-surface-2 p-3"
      data-testid="config-editor"
    >
      <strong>{t("cfgEdit.title", { cluster })}</strong>
      <p className="text-sm text-muted">{t("cfgEdit.hint")}</p>
      <textarea
        className="min-h-64 rounded-md border border-line bg-surface p-2 font-mono text-sm"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="config-edit-text"
      />
      {parsed && "error" in parsed ? (
        <p role="alert" className="text-sm text-crit" data-testid="config-edit-error">
          {parsed.error}
        </p>
      ) : parsed ? (
        <div className="text-sm" data-testid="config-edit-preview">
          <h3 className="font-semibold">{t("cfgEdit.preview")}</h3>
          {parsed.changes.length === 0 ? (
            <p className="text-muted">{t("cfgEdit.noChanges")}</p>
          ) : (
            <ul className="font-mono">
              {parsed.changes.map((c) => (
                <li key={c.key} data-key={c.key} data-kind={c.kind}>
                  {c.key}: {show(c.oldValue, t("cfgEdit.unset"))} → {show(c.newValue, t("cfgEdit.unset"))}
                </li>
              ))}
            </ul>
          )}
          {parsed.problems.some((p) => p.code !== "empty") ? (
            <div className="text-crit" data-testid="config-edit-problems">
              {t("cfgEdit.problems")}
              <ul className="list-disc pl-5">
                {parsed.problems
                  .filter((p) => p.code !== "empty")
                  .map((p) => (
                    <li key={`${p.code}${p.key}`}>
                      <code>{p.key}</code>: {t(`cfgEdit.problem.${p.code}`)}
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      <ConfirmName cluster={cluster} value={typed} onChange={setTyped} testId="config-edit-confirm" />
      <div className="flex gap-2">
        <button
          type="button"
          className={actionButton}
          disabled={!ready}
          onClick={() => void send()}
          data-testid="config-edit-send"
        >
          {t("cfgEdit.send")}
        </button>
        <button type="button" className={actionButton} onClick={() => setStart(null)}>
          {t("actions.cancel")}
        </button>
      </div>
      {result ? (
        <p className="text-sm" data-testid="config-edit-result">
          {result}
        </p>
      ) : null}
    </section>
  );
}
