import Link from "next/link";
import type { T } from "@/lib/i18n";
import { DatabaseIcon } from "@/components/ui/icons";
import { TabStatus } from "@/components/cluster/alerts/tab-status";
import { LangSwitch } from "./lang-switch";
import type { Theme } from "./theme";
import { ThemeSwitch } from "./theme-switch";

export function Header({ t, theme }: { t: T; theme: Theme }) {
  return (
    <header className="border-b border-line bg-surface">
      <TabStatus />
      <div className="mx-auto flex max-w-[1800px] flex-wrap items-center justify-between gap-3 px-4 py-2.5 lg:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-text">
          <DatabaseIcon className="text-accent text-2xl" />
          {t("app.name")}
        </Link>
        <div className="kiosk-hidden flex items-center gap-4">
          <Link
            href="/history"
            className="text-sm font-semibold text-muted hover:text-text"
            data-testid="nav-history"
          >
            {t("nav.history")}
          </Link>
          <LangSwitch />
          <ThemeSwitch initial={theme} />
        </div>
      </div>
    </header>
  );
}
