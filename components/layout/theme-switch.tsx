"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { preferenceCookie, THEME_COOKIE, THEMES, themeFrom, type Theme } from "./theme";

// Applies the theme at once on <html> and remembers it in a cookie for the server's next render.
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const t = useT();
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only text-muted">{t("theme.label")}</span>
      <select
        data-testid="theme-switch"
        aria-label={t("theme.label")}
        value={theme}
        onChange={(event) => {
          const next = themeFrom(event.target.value);
          setTheme(next);
          document.documentElement.setAttribute("data-theme", next);
          document.cookie = preferenceCookie(THEME_COOKIE, next);
        }}
        className="rounded-md border border-line bg-surface px-2 py-1 text-sm text-text"
      >
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(`theme.${value}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
