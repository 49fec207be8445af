"use client";

import { useT } from "@/lib/i18n/client";
import { badgeClass } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { FlaskIcon } from "@/components/ui/icons";

/** "Demo cluster": says, in words and an icon, that nothing real is behind this cluster. */
export function DemoBadge({ size = "sm", className }: { size?: "sm" | "md"; className?: string }) {
  const t = useT();
  return (
    <span
      data-testid="demo-badge"
      title={t("demo.badgeTitle")}
      className={cn(badgeClass("accent", size), "uppercase tracking-wide", className)}
    >
      <FlaskIcon className="shrink-0" />
      {t("tile.demo")}
    </span>
  );
}
