"use client";

import Link from "next/link";
import { useT } from "@/lib/i18n/client";
import { ScreenIcon } from "@/components/ui/icons";
import { viewQuery, type ViewMode } from "./view-mode";

/** A link into or out of presentation mode for the current screen (`path` without a query). */
export function PresentToggle({ path, mode }: { path: string; mode: ViewMode }) {
  const t = useT();
  return (
    <Link
      href={`${path}${viewQuery({ ...mode, present: !mode.present })}`}
      data-testid="present-toggle"
      className="kiosk-hidden inline-flex w-fit items-center gap-1.5 rounded-md border border-line px-2.5 py-1 text-sm font-semibold text-muted hover:text-text"
    >
      <ScreenIcon />
      {mode.present ? t("present.exit") : t("present.enter")}
    </Link>
  );
}
