"use client";

import { useEffect, useState } from "react";
import { apiPaths } from "@/lib/query/keys";
import { useT } from "@/lib/i18n/client";
import { CopyIcon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { RichText } from "@/components/ui/rich-text";
import { LoadingState } from "@/components/states/states";
import { copyText } from "@/components/cluster/endpoint/primary-endpoint";

// The generated haproxy.cfg, fetched when asked for (never polled: it changes only when members do),
// with copy and download, and the note on why it does not use the course's tcp-check.

type Load =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "ready"; text: string }
  | { state: "failed"; reason: string };

const button =
  "inline-flex items-center gap-1 rounded-md border border-line bg-surface px-2.5 py-1 text-sm font-semibold hover:bg-surface-2";

export function HaproxyConfig({ clusterName }: { clusterName: string }) {
  const t = useT();
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [copied, setCopied] = useState<"idle" | "ok" | "failed">("idle");
  const url = apiPaths.haproxyCfg(clusterName);
  useEffect(() => {
    if (copied === "idle") return;
    const id = setTimeout(() => setCopied("idle"), 2000);
    return () => clearTimeout(id);
  }, [copied]);

  const fetchCfg = async () => {
    setLoad({ state: "loading" });
    try {
      const res = await fetch(url, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      setLoad({ state: "ready", text: await res.text() });
    } catch (err) {
      setLoad({ state: "failed", reason: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <Panel
      id="haproxy-config"
      title={t("haproxy.title")}
      description={t("haproxy.description")}
      testId="haproxy-config"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={button}
            onClick={() => void fetchCfg()}
            disabled={load.state === "loading"}
            data-testid="haproxy-config-load"
          >
            {load.state === "idle" ? t("haproxy.show") : t("haproxy.regenerate")}
          </button>
          {load.state === "ready" ? (
            <button
              type="button"
              className={button}
              onClick={() => void copyText(load.text).then((ok) => setCopied(ok ? "ok" : "failed"))}
            >
              <CopyIcon />
              <span aria-live="polite">
                {copied === "ok"
                  ? t("haproxy.copied")
                  : copied === "failed"
                    ? t("haproxy.copyFailed")
                    : t("haproxy.copy")}
              </span>
            </button>
          ) : null}
          <a href={url} download className={button}>
            {t("haproxy.download")}
          </a>
        </div>
      }
    >
      <div
        className="rounded-lg border border-warn/50 bg-warn-soft px-3 py-2 text-sm text-warn-strong"
        data-testid="haproxy-note"
      >
        <p className="font-bold">{t("haproxy.noteTitle")}</p>
        <p>
          <RichText text={t("haproxy.note")} />
        </p>
      </div>
      {load.state === "loading" ? <LoadingState label={t("haproxy.loading")} /> : null}
      {load.state === "failed" ? (
        <p role="alert" className="text-sm font-semibold text-crit-strong">
          {t("haproxy.failed", { reason: load.reason })}
        </p>
      ) : null}
      {load.state === "ready" ? (
        <pre
          data-testid="haproxy-config-text"
          tabIndex={0}
          aria-label={t("haproxy.label", { name: clusterName })}
          className="max-h-[28rem] overflow-auto rounded-lg border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed"
        >
          {load.text}
        </pre>
      ) : null}
    </Panel>
  );
}
