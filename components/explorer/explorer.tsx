"use client";

import { useState } from "react";
import {
  EXPLORER_PATHS,
  explorerExchangeSchema,
  explorerPathInVersion,
  type ExplorerExchange,
  type ExplorerPathId,
} from "@/lib/domain/explorer";
import { useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";
import { RichText } from "@/components/ui/rich-text";
import { cn } from "@/components/ui/cn";

// The Lab 1 explorer: one button per path of the course's list; a click asks the dashboard's server to
// send that GET to this node and shows the answer as `curl -i` prints it. The server takes only the
// path's id, so this panel can never make it fetch anything else.

type State =
  | { kind: "idle" }
  | { kind: "sending"; pathId: ExplorerPathId }
  | { kind: "done"; exchange: ExplorerExchange }
  | { kind: "refused"; pathId: ExplorerPathId; error: string };

/** The exchange as `curl -i` prints it: status line, headers, a blank line, the body. */
export function curlText(exchange: ExplorerExchange): string {
  const head = [exchange.statusLine ?? "", ...exchange.headers.map(([name, value]) => `${name}: ${value}`)];
  return `${head.join("\n")}\n\n${exchange.prettyBody ?? exchange.body}`;
}

export function Explorer({
  cluster,
  member,
  version,
}: {
  cluster: string;
  member: string;
  version: string | null;
}) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [copied, setCopied] = useState(false);

  async function send(pathId: ExplorerPathId) {
    setState({ kind: "sending", pathId });
    setCopied(false);
    try {
      const res = await fetch(
        `/api/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(member)}/explore?path=${pathId}`,
        { cache: "no-store" },
      );
      const json: unknown = await res.json();
      if (!res.ok) {
        const error =
          typeof json === "object" && json !== null && "error" in json
            ? String(json.error)
            : `HTTP ${res.status}`;
        setState({ kind: "refused", pathId, error });
        return;
      }
      setState({ kind: "done", exchange: explorerExchangeSchema.parse(json) });
    } catch (err) {
      setState({ kind: "refused", pathId, error: (err as Error).message });
    }
  }

  const active = state.kind === "idle" ? null : state.kind === "done" ? state.exchange.pathId : state.pathId;
  return (
    <Panel id="node-explorer" testId="explorer" title={t("explorer.title")}>
      <p className="text-sm text-muted">
        <RichText text={t("explorer.description")} />
      </p>
      <div role="group" aria-label={t("explorer.paths")} className="flex flex-wrap gap-1.5">
        {EXPLORER_PATHS.map((path) => {
          const present = explorerPathInVersion(path, version);
          return (
            <button
              key={path.id}
              type="button"
              data-testid="explorer-path"
              data-path-id={path.id}
              aria-pressed={active === path.id}
              disabled={!present || state.kind === "sending"}
              title={present ? undefined : t("explorer.notInVersion", { version: version ?? "?" })}
              onClick={() => void send(path.id)}
              className={cn(
                "rounded-md border px-2 py-1 font-mono text-xs",
                active === path.id
                  ? "border-accent bg-accent-soft text-text"
                  : "border-line bg-surface text-text hover:bg-surface-2",
                "disabled:cursor-not-allowed disabled:opacity-50",
              )}
            >
              {path.path}
            </button>
          );
        })}
      </div>
      <div aria-live="polite" data-testid="explorer-result" data-state={state.kind}>
        {state.kind === "idle" ? (
          <p className="text-sm text-muted">{t("explorer.pick", { member })}</p>
        ) : null}
        {state.kind === "sending" ? (
          <p className="text-sm text-muted">{t("explorer.sending", { member })}</p>
        ) : null}
        {state.kind === "refused" ? (
          <p role="alert" className="text-sm text-crit-strong">
            {t("explorer.failed", { error: state.error })}
          </p>
        ) : null}
        {state.kind === "done" ? (
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-semibold">{t("explorer.exchange", { member })}</span>
              <span className="text-muted tabular-nums">
                {t("explorer.elapsed", { ms: state.exchange.elapsedMs })}
              </span>
            </div>
            <code data-testid="explorer-request" className="font-mono text-xs text-muted">
              {state.exchange.request}
            </code>
            {state.exchange.error ? (
              <p role="alert" className="text-sm text-crit-strong">
                {t("explorer.noAnswer", { error: state.exchange.error.message })}
              </p>
            ) : (
              <pre
                data-testid="explorer-exchange"
                data-status={state.exchange.status ?? undefined}
                className="max-h-[28rem] overflow-auto rounded-lg border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed"
              >
                {curlText(state.exchange)}
              </pre>
            )}
            {state.exchange.truncated ? (
              <p className="text-sm text-muted">{t("explorer.truncated")}</p>
            ) : null}
            <div className="flex flex-col gap-1">
              <span className="text-sm font-semibold">{t("explorer.curl")}</span>
              <div className="flex items-start gap-2">
                <pre
                  data-testid="explorer-curl"
                  className="min-w-0 flex-1 overflow-x-auto rounded-md border border-line bg-surface-2 px-2 py-1 font-mono text-xs"
                >
                  {state.exchange.curl}
                </pre>
                <button
                  type="button"
                  className="rounded-md border border-line bg-surface px-2 py-1 text-xs"
                  onClick={() => {
                    void navigator.clipboard?.writeText(state.exchange.curl).then(() => setCopied(true));
                  }}
                >
                  {copied ? t("explorer.copied") : t("explorer.copy")}
                </button>
              </div>
              {state.exchange.curl.includes("USER:PASSWORD") ? (
                <p className="text-sm text-muted">{t("explorer.credentials")}</p>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
      <p className="text-xs text-muted">{t("explorer.limit")}</p>
    </Panel>
  );
}
