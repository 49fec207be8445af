"use client";

import type { ReactNode } from "react";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { CritIcon } from "@/components/ui/icons";

// The three non-data states every widget has. Text, not only a spinner or a colour.

export function LoadingState({
  label,
  className,
  lines = 3,
}: {
  label?: string;
  className?: string;
  lines?: number;
}) {
  const t = useT();
  return (
    <div role="status" aria-live="polite" className={cn("flex flex-col gap-2 p-2", className)}>
      <span className="sr-only">{label ?? t("states.loading")}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton h-4" style={{ width: `${90 - i * 15}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

export function EmptyState({
  title,
  hint,
  className,
}: {
  title?: string;
  hint?: ReactNode;
  className?: string;
}) {
  const t = useT();
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-line p-6 text-center",
        className,
      )}
    >
      <p className="font-semibold text-text">{title ?? t("states.empty")}</p>
      {hint ? <p className="text-sm text-muted">{hint}</p> : null}
    </div>
  );
}

export function ErrorState({
  title,
  message,
  onRetry,
  className,
}: {
  title?: string;
  message?: string | null;
  onRetry?: () => void;
  className?: string;
}) {
  const t = useT();
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-start gap-2 rounded-lg border border-crit/50 bg-crit-soft p-4 text-crit-strong",
        className,
      )}
    >
      <p className="flex items-center gap-2 font-semibold">
        <CritIcon />
        {title ?? t("states.errorTitle")}
      </p>
      {message ? <p className="text-sm break-words">{message}</p> : null}
      {onRetry ? (
        <button
          type="button"
          onClick={onRetry}
          className="rounded-md border border-crit/50 bg-surface px-3 py-1 text-sm font-semibold text-text"
        >
          {t("states.retry")}
        </button>
      ) : null}
    </div>
  );
}
