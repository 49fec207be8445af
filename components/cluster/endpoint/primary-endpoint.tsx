"use client";

import { useEffect, useState } from "react";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { CopyIcon } from "@/components/ui/icons";

/** host:port of the leader's PostgreSQL, as /cluster publishes it: what applications connect to. */
export function primaryEndpoint(detail: Pick<ClusterDetail, "leader" | "members">): string | null {
  const leader = detail.members.find((m) => m.name === detail.leader);
  if (!leader?.host) return null;
  return leader.port !== null ? `${leader.host}:${leader.port}` : leader.host;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; a wall screen on plain http://host falls back to execCommand.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function PrimaryEndpoint({ detail }: { detail: Pick<ClusterDetail, "leader" | "members"> }) {
  const t = useT();
  const endpoint = primaryEndpoint(detail);
  const [copied, setCopied] = useState<"idle" | "ok" | "failed">("idle");
  useEffect(() => {
    if (copied === "idle") return;
    const id = setTimeout(() => setCopied("idle"), 2000);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <span className="text-xs font-semibold uppercase tracking-wide text-muted">{t("endpoint.title")}</span>
      {endpoint ? (
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid="primary-endpoint"
            data-endpoint={endpoint}
            className="rounded-md border border-line bg-surface-2 px-2 py-1 text-lg font-semibold"
          >
            {endpoint}
          </code>
          <button
            type="button"
            onClick={() => void copyText(endpoint).then((ok) => setCopied(ok ? "ok" : "failed"))}
            aria-label={t("endpoint.copyLabel", { endpoint })}
            className="inline-flex items-center gap-1 rounded-md border border-line bg-surface px-2 py-1 text-sm font-semibold hover:bg-surface-2"
          >
            <CopyIcon />
            <span aria-live="polite">
              {copied === "ok"
                ? t("endpoint.copied")
                : copied === "failed"
                  ? t("endpoint.copyFailed")
                  : t("endpoint.copy")}
            </span>
          </button>
        </div>
      ) : (
        <p data-testid="primary-endpoint" data-endpoint="" className="font-semibold text-crit-strong">
          {detail.leader ? t("endpoint.unknownHost") : t("endpoint.none")}
        </p>
      )}
      {endpoint ? <span className="text-xs text-muted">{t("endpoint.hint")}</span> : null}
    </div>
  );
}
