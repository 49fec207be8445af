import type { ReactNode } from "react";
import type { Tone } from "@/lib/domain/constants";
import { cn } from "./cn";
import { CheckIcon, CritIcon, UnknownIcon, WarnIcon } from "./icons";

// Semantic tones, never colour alone: every tone has its icon, and callers pass a word as children.
// Colours are CSS variables from globals.css (bg-ok-soft, text-ok…), so light and dark follow the theme.

const toneClasses: Record<Tone | "neutral" | "accent", string> = {
  ok: "bg-ok-soft text-ok-strong border-ok/40",
  warn: "bg-warn-soft text-warn-strong border-warn/50",
  crit: "bg-crit-soft text-crit-strong border-crit/50",
  unknown: "bg-unknown-soft text-unknown-strong border-unknown/40",
  neutral: "bg-surface-2 text-muted border-line",
  accent: "bg-accent-soft text-accent-strong border-accent/50",
};

export const TONE_ICONS: Record<Tone, (props: { className?: string }) => ReactNode> = {
  ok: CheckIcon,
  warn: WarnIcon,
  crit: CritIcon,
  unknown: UnknownIcon,
};

export function ToneIcon({ tone, className }: { tone: Tone; className?: string }) {
  const IconFor = TONE_ICONS[tone];
  return <IconFor className={className} />;
}

export function badgeClass(variant: Tone | "neutral" | "accent", size: "sm" | "md" = "sm"): string {
  return cn(
    "inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-semibold",
    size === "sm" ? "px-2 py-0.5 text-xs" : "px-3 py-1 text-sm",
    toneClasses[variant],
  );
}

export function Badge({
  variant,
  children,
  icon = true,
  size = "sm",
  className,
  title,
  testId,
}: {
  variant: Tone | "neutral" | "accent";
  children: ReactNode;
  icon?: boolean;
  size?: "sm" | "md";
  className?: string;
  title?: string;
  testId?: string;
}) {
  const showIcon = icon && variant !== "neutral" && variant !== "accent";
  return (
    <span
      className={cn(badgeClass(variant, size), className)}
      title={title}
      data-testid={testId}
      data-tone={variant}
    >
      {showIcon ? <ToneIcon tone={variant as Tone} className="shrink-0" /> : null}
      {children}
    </span>
  );
}
